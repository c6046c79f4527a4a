package io.ottertrend.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Without an interactive terminal the agent prints plain, colourless lines, one per event. */
class PlainOutputTest {
  @TempDir Path dir;

  @Test
  void noColorAndCiMakeATerminalNonInteractive() {
    assertThat(CliContext.of(Map.of(), dir, true).interactive()).isTrue();
    assertThat(CliContext.of(Map.of("NO_COLOR", ""), dir, true).interactive()).isFalse();
    assertThat(CliContext.of(Map.of("NO_COLOR", "1"), dir, true).interactive()).isFalse();
    assertThat(CliContext.of(Map.of("CI", "true"), dir, true).interactive()).isFalse();
    assertThat(CliContext.of(Map.of(), dir, false).interactive()).isFalse();
  }

  @Test
  void paperWithoutATerminalPrintsPlainLinesWithoutEscapeCodes() {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int code = Main.run(new String[] {"paper", "--market", "synthetic", "--cycles", "3"}, new PrintWriter(out, true),
        new PrintWriter(err, true), CliContext.of(Map.of("NO_COLOR", "1"), dir, true));
    assertThat(code).as(err.toString()).isZero();
    assertThat(out.toString()).contains("cycle 3 done").contains("decision [rules");
    assertThat(out.toString()).doesNotContain("\u001b").doesNotContain("Thoughts");
    assertThat(err.toString()).doesNotContain("\u001b");
  }
}
