package io.ottertrend.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CompletionAndVersionTest {
  @TempDir Path dir;

  @Test
  void generateCompletionPrintsABashAndZshScriptCoveringSubcommands() {
    CliRunner.Result r = CliRunner.run(dir, Map.of(), "generate-completion");
    assertThat(r.exitCode()).isZero();
    assertThat(r.out()).contains("complete -F").contains("ottertrend").contains("status");
  }

  @Test
  void versionNamesTheCommitOrSaysUnknown() {
    CliRunner.Result r = CliRunner.run(dir, Map.of(), "--version");
    assertThat(r.out()).containsPattern("ottertrend \\S+ \\(commit (unknown|[0-9a-f]{7,}(-dirty)?)\\)");
    assertThat(Version.version()).isNotBlank();
  }
}
