package io.ottertrend.backtest;

import static org.assertj.core.api.Assertions.assertThat;

import io.ottertrend.config.Settings;
import io.ottertrend.model.Interval;
import java.nio.file.Path;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BacktestTest {
  @TempDir Path dir;

  private BacktestResult synthetic(long seed) {
    return Backtest.builder(Settings.defaults()).synthetic(seed, 20).interval(Interval.M5)
        .from(Instant.parse("2025-01-01T00:00:00Z")).days(1).workDir(dir).build().run();
  }

  @Test
  void aSyntheticBacktestTradesAndTheSameInputsGiveTheSameFingerprint() {
    BacktestResult a = synthetic(7);
    BacktestResult b = synthetic(7);
    assertThat(a.cycles()).isEqualTo(288);
    assertThat(a.fills()).isNotEmpty();
    assertThat(a.fingerprint()).hasSize(64).isEqualTo(b.fingerprint());
    assertThat(a.equity()).containsExactly(b.equity());
    assertThat(a.summary().buyHoldReturn()).isFinite();
    assertThat(a.baselineSymbol()).isEqualTo("BTCUSDT");
  }

  @Test
  void aSweepGivesEachPointTheSameFingerprintOnOneOrTwoThreadsAndTheReportIsSelfContained() throws Exception {
    Path signals = dir.resolve("signals.db");
    io.ottertrend.memory.SqliteMemory.open(signals).close(); // an empty recorded-signals store: read, never a later one
    Backtest bt = Backtest.builder(Settings.defaults()).synthetic(5, 8).interval(Interval.M30)
        .from(Instant.parse("2025-01-01T00:00:00Z")).days(1).workDir(dir)
        .signalsStore(signals).build();
    var axes = new java.util.LinkedHashMap<io.ottertrend.config.Setting, java.util.List<String>>();
    Sweep.addAxis(axes, "RISK_TAKE_PROFIT_PCT=0.01,0.05");
    var points = Sweep.combinations(axes);
    var one = Sweep.run(bt, points, 1, r -> { });
    var two = Sweep.run(bt, points, 2, r -> { });
    assertThat(two).extracting(BacktestResult::fingerprint).isEqualTo(one.stream().map(BacktestResult::fingerprint).toList());
    assertThat(one.get(0).parameters()).containsEntry("RISK_TAKE_PROFIT_PCT", "0.01");
    assertThat(Sweep.rank(one, Sweep.Metric.RETURN).get(0).summary().totalReturn())
        .isGreaterThanOrEqualTo(Sweep.rank(one, Sweep.Metric.RETURN).get(1).summary().totalReturn());
    Path html = dir.resolve("r.html");
    BacktestReport.write(one.get(0), html);
    String text = java.nio.file.Files.readString(html);
    assertThat(text).contains("new uPlot").contains("MIT").contains("id=\"equity\"").contains("id=\"hist\"")
        .doesNotContain("<script src=").doesNotContain("<link ");
  }
}
