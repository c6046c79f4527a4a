package io.ottertrend.backtest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.ottertrend.config.Setting;
import io.ottertrend.config.Settings;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class MetricsTest {
  private static final long D = Metrics.DAY;

  @Test
  void drawdownIsTheDeepestFallFromAPeakAndItsLongestUnderwaterSpell() {
    long[] t = {0, D, 2 * D, 3 * D, 4 * D};
    double[] eq = {100, 120, 90, 110, 130};
    double[] dd = Metrics.drawdown(t, eq);
    assertThat(dd[0]).isCloseTo(0.25, within(1e-12));
    assertThat((long) dd[1]).isEqualTo(2 * D);
    assertThat(Metrics.drawdownSeries(eq)[2]).isCloseTo(-0.25, within(1e-12));
  }

  @Test
  void dailyReturnsUseTheLastEquityOfEachUtcDay() {
    long[] t = {0, D / 2, D, D + D / 2, 2 * D};
    double[] eq = {100, 101, 102, 110, 99};
    double[] r = Metrics.dailyReturns(t, eq);
    assertThat(r).hasSize(3);
    assertThat(r[0]).isCloseTo(0.01, within(1e-12));
    assertThat(r[1]).isCloseTo(110 / 101.0 - 1, within(1e-12));
    assertThat(Metrics.sharpe(new double[] {0.01, 0.01})).isNaN();
    assertThat(Metrics.sharpe(new double[] {0.01, 0.03})).isCloseTo(0.02 / Math.sqrt(0.0002) * Math.sqrt(365),
        within(1e-9));
    assertThat(Metrics.sortino(new double[] {0.02, -0.01})).isCloseTo(0.005 / Math.sqrt(0.0001 / 2) * Math.sqrt(365),
        within(1e-9));
  }

  @Test
  void theBootstrapIntervalIsSeededAndBracketsTheMean() {
    double[] x = {0.01, -0.02, 0.03, 0.0, 0.015, -0.005, 0.02};
    double[] a = Metrics.bootstrapMean(x, 42);
    assertThat(Metrics.bootstrapMean(x, 42)).containsExactly(a);
    assertThat(a[0]).isLessThan(Metrics.mean(x));
    assertThat(a[1]).isGreaterThan(Metrics.mean(x));
    assertThat(Metrics.bootstrapMean(new double[] {1}, 1)[0]).isNaN();
  }

  @Test
  void roundTripsMatchSellsAgainstTheAverageCostIncludingFees() {
    List<BacktestResult.FillLine> fills = List.of(
        new BacktestResult.FillLine(0, "ABCUSDT", "BUY", 10, 1, 0.01, "ENTRY"),
        new BacktestResult.FillLine(D, "ABCUSDT", "BUY", 12, 1, 0.01, "ENTRY"),
        new BacktestResult.FillLine(2 * D, "ABCUSDT", "SELL", 13, 2, 0.02, "TAKE_PROFIT"),
        new BacktestResult.FillLine(3 * D, "XYZUSDT", "SELL", 5, 1, 0, "EXIT"));
    List<RoundTrip> trips = Metrics.roundTrips(fills);
    assertThat(trips).hasSize(1);
    RoundTrip t = trips.get(0);
    assertThat(t.pnl()).isCloseTo(26 - 0.02 - 22.02, within(1e-9));
    assertThat(t.holdMillis()).isEqualTo(2 * D - D / 2);
    assertThat(t.returnFraction()).isCloseTo(t.pnl() / 22.02, within(1e-9));
    BacktestSummary s = Metrics.summarise(new long[] {0, D, 2 * D}, new double[] {100, 101, 102},
        new double[] {0, 0.5, 0}, new double[] {50, 55, 60}, trips, fills, 1, 0.01);
    assertThat(s.trades()).isEqualTo(1);
    assertThat(s.winRate()).isEqualTo(1.0);
    assertThat(s.profitFactor()).isInfinite();
    assertThat(s.buyHoldReturn()).isCloseTo(0.2, within(1e-12));
    assertThat(s.feesPaid()).isCloseTo(0.04, within(1e-12));
    assertThat(s.meetsTarget()).as("mean daily %s below 1 %%", s.meanDailyReturn()).isFalse();
    assertThat(Metrics.histogram(new double[] {0, 1, 1, 2}, 2)[1]).containsExactly(1, 3);
  }

  @Test
  void sweepsExpandEveryCombinationInOrderAndRankByAMetric() {
    Map<Setting, List<String>> axes = new LinkedHashMap<>();
    Sweep.addAxis(axes, "RISK_STOP_LOSS_PCT=0.01,0.02");
    Sweep.addAxis(axes, "risk_take_profit_pct=0.03, 0.04,0.05");
    List<Map<Setting, String>> points = Sweep.combinations(axes);
    assertThat(points).hasSize(6);
    assertThat(points.get(1)).containsEntry(Setting.RISK_STOP_LOSS_PCT, "0.01")
        .containsEntry(Setting.RISK_TAKE_PROFIT_PCT, "0.04");
    assertThat(Sweep.Metric.parse("profit-factor")).isEqualTo(Sweep.Metric.PROFIT_FACTOR);
    assertThat(Sweep.Metric.parse("max-drawdown")).isEqualTo(Sweep.Metric.DRAWDOWN);
    assertThat(Sweep.Metric.parse("total_return")).isEqualTo(Sweep.Metric.RETURN);
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> Sweep.addAxis(axes, "X")).isInstanceOf(BacktestException.class);
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> Sweep.addAxis(axes, "RISK_STOP_LOSS_PCT="))
        .isInstanceOf(BacktestException.class);
  }

  @Test
  void anLlmWindowBeforeTheTrainingCutoffIsWarnedAbout() {
    Settings s = Settings.defaults().with(Map.of(Setting.LLM_TRAINING_CUTOFF, "2024-06-01"));
    assertThat(Backtest.cutoffWarning(s, java.time.Instant.parse("2024-01-01T00:00:00Z").toEpochMilli()))
        .singleElement().asString().contains("training cut-off");
    assertThat(Backtest.cutoffWarning(s, java.time.Instant.parse("2025-01-01T00:00:00Z").toEpochMilli())).isEmpty();
    assertThat(Backtest.cutoffWarning(Settings.defaults().with(Map.of(Setting.LLM_TRAINING_CUTOFF, "soon")), 0))
        .singleElement().asString().contains("not a date");
  }
}
