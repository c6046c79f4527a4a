package io.ottertrend.examples;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import org.junit.jupiter.api.Test;

/**
 * The README's settings table and CLI reference are generated from the code; this test fails when they are out
 * of date. Regenerate both with
 * {@code mvn -B -pl examples -am test -Djacoco.skip=true -Dsurefire.failIfNoSpecifiedTests=false
 * -Dtest=ReadmeIsCurrentTest -Dottertrend.regenerate=true} (JDK 25 as {@code JAVA_HOME}) and commit the README.
 */
class ReadmeIsCurrentTest {

  @Test
  void theSettingsTableAndTheCliReferenceMatchTheCode() throws IOException {
    String readme = Readme.text();
    if (Boolean.getBoolean("ottertrend.regenerate")) {
      readme = Readme.withSection(readme, "settings", Readme.settingsSection());
      readme = Readme.withSection(readme, "cli", Readme.cliSection());
      Files.writeString(Readme.FILE, readme, StandardCharsets.UTF_8);
    }
    assertThat(Readme.section(readme, "settings")).as("README settings table is out of date; regenerate it (see "
        + "this test's javadoc)").isEqualTo(Readme.settingsSection());
    assertThat(Readme.section(readme, "cli")).as("README CLI reference is out of date; regenerate it (see this "
        + "test's javadoc)").isEqualTo(Readme.cliSection());
  }

  @Test
  void theReadmeKeepsWhatTheProjectPromises() {
    String readme = Readme.text();
    assertThat(readme)
        .contains("./ottertrend paper --market synthetic --cycles 30 --plain")
        .contains("./run-tests")
        .contains("source <(./ottertrend generate-completion)")
        .contains("benchmarks/README.md")
        .contains("docs/dashboard.png").contains("docs/dashboard.txt")
        .containsIgnoringCase("withdraw")
        .containsIgnoringCase("IP whitelist")
        .containsIgnoringCase("aspiration");
    assertThat(Readme.cliSection()).contains("ottertrend paper").contains("ottertrend status")
        .contains("ottertrend generate-completion");
  }

  @Test
  void everyRelativeLinkInTheReadmePointsToAFileThatExists() {
    java.util.regex.Matcher m = java.util.regex.Pattern.compile("\\]\\(([^)#\\s]+)\\)").matcher(Readme.text());
    int links = 0;
    while (m.find()) {
      String target = m.group(1);
      if (!target.contains("://")) {
        assertThat(Readme.ROOT.resolve(target)).as("README link %s", target).exists();
        links++;
      }
    }
    assertThat(links).isGreaterThanOrEqualTo(5);
  }
}
