package io.ottertrend.examples;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * What can be proven about the container files without a Docker engine: the build stage runs CI's own test
 * command, the runtime stage is non-root with the database on a volume and the JVM options the CLI needs, and
 * compose keeps the paper and the live bot on separate databases, volumes and env files.
 */
class PackagingTest {

  private static String read(String file) throws IOException {
    return Files.readString(Readme.ROOT.resolve(file));
  }

  /** The Dockerfile's stages, each the text from its {@code FROM} to the next, continuation lines joined. */
  private static List<String> stages(String dockerfile) {
    String joined = dockerfile.replaceAll("\\\\\\n", " ");
    List<String> stages = new ArrayList<>();
    for (String part : joined.split("(?m)^(?=FROM )")) {
      if (part.startsWith("FROM ")) {
        stages.add(part);
      }
    }
    return stages;
  }

  @Test
  void theBuildStageRunsTheSameTestCommandAsCi() throws IOException {
    List<String> stages = stages(read("Dockerfile"));
    assertThat(stages).hasSizeGreaterThanOrEqualTo(2);
    String ci = read(".ci/run");
    assertThat(ci).containsPattern("(?m)^\\./run-tests\\b");
    assertThat(stages.get(0)).containsPattern("(?m)^RUN \\./run-tests\\b");
  }

  @Test
  void theRuntimeStageIsNonRootWithTheDatabaseOnAVolumeAndTheVectorModule() throws IOException {
    String runtime = stages(read("Dockerfile")).getLast();
    Matcher user = Pattern.compile("(?m)^USER (\\S+)").matcher(runtime);
    assertThat(user.find()).as("a USER line in the runtime stage").isTrue();
    assertThat(user.group(1)).isNotIn("root", "0");
    Matcher volume = Pattern.compile("(?m)^VOLUME \\[\"([^\"]+)\"\\]").matcher(runtime);
    assertThat(volume.find()).as("a VOLUME in the runtime stage").isTrue();
    assertThat(runtime).containsPattern("DB_PATH=" + Pattern.quote(volume.group(1)) + "/");
    Matcher entry = Pattern.compile("(?m)^ENTRYPOINT \\[(.*)\\]").matcher(runtime);
    assertThat(entry.find()).isTrue();
    assertThat(entry.group(1)).contains("\"--add-modules\", \"jdk.incubator.vector\"")
        .contains("--enable-native-access=ALL-UNNAMED");
  }

  @Test
  void composeRunsAPaperAndALiveBotOnSeparateDatabasesVolumesAndEnvFiles() throws IOException {
    String compose = read("docker-compose.yml");
    String paper = service(compose, "paper-bot");
    String live = service(compose, "live-bot");
    assertThat(value(paper, "PAPER_TRADING")).isEqualTo("\"true\"");
    assertThat(value(live, "PAPER_TRADING")).isEqualTo("\"false\"");
    assertThat(value(paper, "DB_PATH")).isNotEqualTo(value(live, "DB_PATH"));
    assertThat(value(paper, "env_file")).isNotEqualTo(value(live, "env_file"));
    assertThat(volume(paper)).isNotEqualTo(volume(live));
    assertThat(live).contains("\"run\"");
  }

  @Test
  void theDockerContextLeavesOutSecretsAndDatabases() throws IOException {
    assertThat(read(".dockerignore").lines().toList()).contains(".env", ".env.*", "!.env.example", "*.db");
  }

  private static String service(String compose, String name) {
    Matcher m = Pattern.compile("(?ms)^  " + name + ":\\n(.*?)(?=^  \\S|^\\S|\\z)").matcher(compose);
    assertThat(m.find()).as("service %s in docker-compose.yml", name).isTrue();
    return m.group(1);
  }

  private static String value(String service, String key) {
    Matcher m = Pattern.compile("(?m)^\\s+" + key + ": (.+)$").matcher(service);
    assertThat(m.find()).as("%s in %s", key, service).isTrue();
    return m.group(1).strip();
  }

  private static String volume(String service) {
    Matcher m = Pattern.compile("(?m)^\\s+- ([\\w-]+):/data").matcher(service);
    assertThat(m.find()).as("a named volume on /data").isTrue();
    return m.group(1);
  }
}
