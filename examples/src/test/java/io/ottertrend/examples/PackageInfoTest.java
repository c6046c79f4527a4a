package io.ottertrend.examples;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** Every package of the library, the CLI and the examples documents itself in a {@code package-info.java}. */
class PackageInfoTest {

  static List<String> packagesWithoutInfo(Path sources) throws IOException {
    try (Stream<Path> dirs = Files.walk(sources)) {
      return dirs.filter(Files::isDirectory)
          .filter(d -> hasJavaSources(d) && !Files.exists(d.resolve("package-info.java")))
          .map(d -> sources.relativize(d).toString().replace('/', '.'))
          .sorted().toList();
    }
  }

  private static boolean hasJavaSources(Path dir) {
    try (Stream<Path> files = Files.list(dir)) {
      return files.anyMatch(f -> f.getFileName().toString().endsWith(".java"));
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  @Test
  void everyMainPackageHasAPackageInfo() throws IOException {
    for (String module : List.of("core", "cli", "examples")) {
      Path sources = Readme.ROOT.resolve(module).resolve("src/main/java");
      assertThat(packagesWithoutInfo(sources)).as("packages of %s without package-info.java", module).isEmpty();
    }
  }
}
