package io.ottertrend.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The backtest command end to end, offline: the "done when" check at test size (fewer pairs and bars than the
 * documented 20 pairs × 30 days, which is the manual check and the benchmark).
 */
class BacktestCommandTest {
  @TempDir Path dir;

  private CliRunner.Result run(String... args) {
    return CliRunner.run(dir, Map.of(), args);
  }

  private static String fingerprint(String json) {
    Matcher m = Pattern.compile("\"fingerprint\"\\s*:\\s*\"([0-9a-f]{64})\"").matcher(json);
    assertThat(m.find()).as("fingerprint in %s", json).isTrue();
    return m.group(1);
  }

  @Test
  void syntheticJsonRunIsOfflineAndGivesTheSameFingerprintTwiceAndWhateverTheThreadCount() {
    String[] base = {"backtest", "--synthetic", "--symbols", "12", "--days", "1", "--interval", "15m", "--json"};
    CliRunner.Result a = run(base);
    assertThat(a.exitCode()).as(a.err()).isZero();
    assertThat(a.out()).contains("\"summary\"").contains("\"sharpe\"").contains("\"buyHoldReturn\"")
        .contains("\"targetDailyReturn\"").contains("\"cycles\": 96");
    CliRunner.Result b = run(base);
    CliRunner.Result one = run(concat(base, "--threads", "1"));
    CliRunner.Result two = run(concat(base, "--threads", "2"));
    assertThat(fingerprint(b.out())).isEqualTo(fingerprint(a.out()));
    assertThat(fingerprint(one.out())).isEqualTo(fingerprint(a.out()));
    assertThat(fingerprint(two.out())).isEqualTo(fingerprint(a.out()));
  }

  @Test
  void plainRunPrintsTheSummaryAndWritesTheReportAndTheTradesCsv() throws Exception {
    CliRunner.Result r = run("backtest", "--synthetic", "--symbols", "12", "--days", "1", "--interval", "15m",
        "--report", "bt.html", "--trades", "bt.csv");
    assertThat(r.exitCode()).as(r.err()).isZero();
    assertThat(r.out()).contains("total return").contains("Sharpe / Sortino").contains("target 1 %/day")
        .contains("fingerprint").contains("sha256:");
    String html = Files.readString(dir.resolve("bt.html"));
    assertThat(html).contains("uPlot").contains("new uPlot").doesNotContain("http://cdn").doesNotContain("src=\"http");
    assertThat(Files.readAllLines(dir.resolve("bt.csv")).get(1)).startsWith("symbol,entry_time");
  }

  @Test
  void aGridSweepWritesOneRankedJsonLinePerCombinationIdenticalForOneAndTwoThreads() {
    String[] base = {"backtest", "--synthetic", "--symbols", "8", "--days", "1", "--interval", "30m",
        "--grid", "RISK_STOP_LOSS_PCT=0.01,0.03", "--grid", "RISK_TAKE_PROFIT_PCT=0.02,0.05", "--rank", "return"};
    CliRunner.Result one = run(concat(base, "--threads", "1"));
    CliRunner.Result two = run(concat(base, "--threads", "2"));
    assertThat(one.exitCode()).as(one.err()).isZero();
    String[] lines = one.out().strip().split("\n");
    assertThat(lines).hasSize(4);
    assertThat(lines[0]).startsWith("{\"rank\":1");
    assertThat(strip(two.out())).isEqualTo(strip(one.out()));
    CliRunner.Result csv = run(concat(base, "--format", "csv"));
    assertThat(csv.out().split("\n")[0]).startsWith("rank,RISK_STOP_LOSS_PCT,RISK_TAKE_PROFIT_PCT,");
  }

  private static String strip(String s) {
    return s.replaceAll("\"elapsedMillis\":[0-9.]+,\"barStepsPerSecond\":[-0-9.E]+,", "");
  }

  @Test
  void anLlmBacktestWithCacheOnlyNeverCallsTheNetworkAndWarnsAboutTheTrainingCutoff() {
    // An empty replay store: every LLM call misses, the fallback (rules) decides; nothing reaches a server.
    CliRunner.Result r = run("backtest", "--synthetic", "--symbols", "6", "--from", "2023-01-01", "--days", "1",
        "--interval", "1h", "--brain", "llm", "--llm-cache-only", "--db", "replay.db", "--json",
        "--set", "LLM_BASE_URL=http://127.0.0.1:9", "--set", "LLM_TRAINING_CUTOFF=2023-12-01");
    assertThat(r.exitCode()).as(r.err()).isZero();
    assertThat(r.out()).contains("training cut-off").contains("\"brain\": \"llm\"");
    // and the result says it is not the model's: every cycle missed the cache, the fallback decided
    assertThat(r.out()).contains("the LLM failed on 24 of 24 cycles (first: ")
        .contains("is not in the replay store").contains("LLM_FALLBACK=rules")
        .contains("running it once without --llm-cache-only");
    CliRunner.Result text = run("backtest", "--synthetic", "--symbols", "6", "--from", "2024-01-01", "--days", "1",
        "--interval", "1h", "--brain", "llm", "--llm-cache-only", "--db", "replay.db",
        "--set", "LLM_BASE_URL=http://127.0.0.1:9");
    assertThat(text.exitCode()).as(text.err()).isZero();
    assertThat(text.out()).contains("the LLM failed on 24 of 24 cycles");
    assertThat(run("backtest", "--synthetic", "--brain", "llm").err()).contains("--llm-cache-only");
  }

  @Test
  void badInputIsOneClearLineAndExitTwo() {
    assertThat(run("backtest", "--synthetic", "--data", "x").exitCode()).isEqualTo(2);
    CliRunner.Result grid = run("backtest", "--synthetic", "--grid", "NOPE=1,2");
    assertThat(grid.exitCode()).isEqualTo(2);
    assertThat(grid.err()).contains("no setting NOPE");
    assertThat(run("backtest", "--synthetic", "--rank", "luck").err()).contains("unknown metric");
    assertThat(run("backtest", "--data", "missing-dir").err()).contains("is not a folder");
    assertThat(run("backtest", "--synthetic", "--from", "2025-02-01", "--to", "2025-01-01").exitCode()).isEqualTo(2);
  }

  private static String[] concat(String[] a, String... b) {
    String[] out = java.util.Arrays.copyOf(a, a.length + b.length);
    System.arraycopy(b, 0, out, a.length, b.length);
    return out;
  }
}
