package io.ottertrend.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.squareup.moshi.Moshi;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PaperAndRunCommandTest {
  @TempDir Path dir;

  @Test
  void paperOnTheSyntheticMarketRunsOfflineTradesAndLeavesADatabaseStatusReads() throws IOException {
    CliRunner.Result r = CliRunner.run(dir, Map.of(), "paper", "--market", "synthetic", "--cycles", "30", "--plain");
    assertThat(r.exitCode()).as(r.err()).isZero();
    assertThat(r.out()).contains("OtterTrend PAPER").contains("cycle 30 done").contains("decision [rules")
        .contains("risk ").contains("order ").contains("equity ");
    assertThat(Files.exists(dir.resolve("ottertrend.db"))).isTrue();
    CliRunner.Result status = CliRunner.run(dir, Map.of(), "status", "--json");
    assertThat(status.exitCode()).isZero();
    @SuppressWarnings("unchecked")
    Map<String, Object> json = (Map<String, Object>) new Moshi.Builder().build().adapter(Object.class).fromJson(status.out());
    assertThat(json).containsEntry("hasRuns", true);
    assertThat(json.get("lastDecision")).isNotNull();
    assertThat(String.valueOf(json.get("runs"))).contains("COMPLETED").contains("synthetic");
    assertThat(String.valueOf(json.get("lastCycle"))).contains("cycle=30").contains("paper ok");
    assertThat(CliRunner.run(dir, Map.of(), "status").out()).contains("Last cycle: #30");
  }

  @Test
  void jsonEventsPrintOneObjectPerLineWithAType() throws IOException {
    CliRunner.Result r = CliRunner.run(dir, Map.of(), "paper", "--market", "synthetic", "--cycles", "5",
        "--json-events", "--db", "events.db");
    assertThat(r.exitCode()).as(r.err()).isZero();
    List<String> lines = r.out().lines().toList();
    assertThat(lines).isNotEmpty();
    var adapter = new Moshi.Builder().build().adapter(Object.class);
    for (String line : lines) {
      Object parsed = adapter.fromJson(line);
      assertThat(parsed).as(line).isInstanceOf(Map.class);
      assertThat(((Map<?, ?>) parsed).keySet().stream().map(String::valueOf).toList()).contains("type", "at");
    }
    assertThat(r.out()).contains("\"type\":\"DecisionMade\"").contains("\"type\":\"EquityUpdate\"");
  }

  @Test
  void badPaperOptionsExitTwoWithOneLine() {
    CliRunner.Result brain = CliRunner.run(dir, Map.of(), "paper", "--market", "synthetic", "--brain", "oracle");
    assertThat(brain.exitCode()).isEqualTo(ExitCodes.USAGE);
    assertThat(brain.err()).contains("--brain 'oracle'");
    CliRunner.Result interval = CliRunner.run(dir, Map.of(), "paper", "--market", "synthetic", "--interval", "soon");
    assertThat(interval.exitCode()).isEqualTo(ExitCodes.USAGE);
    assertThat(interval.err()).contains("--interval 'soon'");
    CliRunner.Result llm = CliRunner.run(dir, Map.of(), "paper", "--market", "synthetic", "--brain", "llm");
    assertThat(llm.exitCode()).isEqualTo(ExitCodes.USAGE);
    assertThat(llm.err()).contains("GROQ_API_KEY");
  }

  @Test
  void runRefusesWithoutExplicitOptInOrWithThePaperDatabase() {
    CliRunner.Result noOptIn = CliRunner.run(dir, Map.of(), "run", "--cycles", "1");
    assertThat(noOptIn.exitCode()).isEqualTo(ExitCodes.REFUSED);
    assertThat(noOptIn.err()).contains("live trading is not enabled");
    CliRunner.Result shared = CliRunner.run(dir, Map.of("PAPER_TRADING", "false"), "run", "--cycles", "1");
    assertThat(shared.exitCode()).isEqualTo(ExitCodes.REFUSED);
    assertThat(shared.err()).contains("is the paper database");
    assertThat(Files.exists(dir.resolve("ottertrend.db"))).isFalse();
  }

  @Test
  void runRefusesWhenPreLiveChecksFailAndPrintsTheChecklist() {
    // Keys missing and MEXC unreachable (a closed local port): the checklist fails and nothing trades.
    CliRunner.Result r = CliRunner.run(dir, Map.of("MEXC_BASE_URL", "http://127.0.0.1:9", "HTTP_TIMEOUT", "1s"),
        "run", "--live", "--db", "live.db", "--cycles", "1");
    assertThat(r.exitCode()).as(r.out() + r.err()).isEqualTo(ExitCodes.REFUSED);
    assertThat(r.out()).contains("Pre-live checklist").contains("keys_present");
    assertThat(r.err()).contains("pre-live checks failed");
  }
}
