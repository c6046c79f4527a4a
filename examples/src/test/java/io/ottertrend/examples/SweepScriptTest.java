package io.ottertrend.examples;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code examples/scripts/sweep.sh} pipes the CLI's {@code --json} output into {@code jq}; skipped when
 * {@code jq} is not installed. The CLI runs from this module's test class path, not through the launcher, so
 * that the test never starts a Maven build.
 */
class SweepScriptTest {
  @TempDir Path dir;

  private static boolean onPath(String command) {
    try {
      return new ProcessBuilder("sh", "-c", "command -v " + command).start().waitFor() == 0;
    } catch (IOException e) {
      return false;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }

  @Test
  void theShellSweepRanksPaperRunsByFinalEquityAsJsonLines() throws Exception {
    assumeTrue(onPath("jq"), "jq is not installed");
    assumeTrue(onPath("bash"), "bash is not installed");
    String classPath = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
    Path cli = dir.resolve("ottertrend");
    Files.writeString(cli, "#!/bin/sh\nexec '" + Path.of(System.getProperty("java.home"), "bin", "java")
        + "' --add-modules jdk.incubator.vector --enable-native-access=ALL-UNNAMED -XX:TieredStopAtLevel=1"
        + " -Xlog:disable -cp \"$OTTER_CP\" io.ottertrend.cli.Main \"$@\"\n", StandardCharsets.UTF_8);
    Files.setPosixFilePermissions(cli, PosixFilePermissions.fromString("rwx------"));

    ProcessBuilder pb = new ProcessBuilder("bash", Readme.ROOT.resolve("examples/scripts/sweep.sh").toString(),
        "5", "7", "0.02", "0.05").redirectErrorStream(false);
    pb.environment().put("OTTERTREND", cli.toString());
    pb.environment().put("OTTER_CP", classPath);
    pb.environment().put("WORKDIR", dir.toString());
    pb.environment().put("CI", "true");
    pb.redirectError(dir.resolve("stderr.txt").toFile());
    Process p = pb.start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(p.waitFor(120, TimeUnit.SECONDS)).isTrue();
    assertThat(p.exitValue()).as("sweep.sh exit; stderr: %s", Files.readString(dir.resolve("stderr.txt"))).isZero();

    List<String> lines = out.lines().toList();
    assertThat(lines).hasSize(2).allSatisfy(l -> assertThat(l).startsWith("{\"stop_loss\":")
        .contains("\"final_equity\":").contains("\"status\":\"COMPLETED\""));
    double first = Double.parseDouble(lines.get(0).replaceAll(".*\"final_equity\":([0-9.]+).*", "$1"));
    double second = Double.parseDouble(lines.get(1).replaceAll(".*\"final_equity\":([0-9.]+).*", "$1"));
    assertThat(first).isGreaterThanOrEqualTo(second);
    assertThat(Files.exists(dir.resolve("sweep-0.02.db"))).isTrue();
  }
}
