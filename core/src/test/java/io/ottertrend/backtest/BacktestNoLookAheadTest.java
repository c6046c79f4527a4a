package io.ottertrend.backtest;

import static org.assertj.core.api.Assertions.assertThat;

import io.ottertrend.config.Settings;
import io.ottertrend.data.BarSeries;
import io.ottertrend.data.BarStore;
import io.ottertrend.data.SyntheticHistory;
import io.ottertrend.model.Interval;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * No look-ahead: two stores identical up to time T and wildly different after it give identical fills and equity
 * up to T. Any peek at a later bar (analytics, brain, risk, fill model) would change a past decision.
 */
class BacktestNoLookAheadTest {
  private static final Interval IV = Interval.M15;
  private static final long END = Instant.parse("2025-03-04T00:00:00Z").toEpochMilli();
  @TempDir Path dir;

  @Test
  void perturbingFutureBarsLeavesEveryPastDecisionUnchanged() {
    BarStore original = BarStore.open(dir.resolve("a"));
    SyntheticHistory.write(original, 3, 10, 3, IV, END, false, w -> { });
    long cut = END - 86_400_000L; // T: the last day is perturbed
    BarStore perturbed = BarStore.open(dir.resolve("b"));
    for (BarStore.SeriesInfo info : original.list()) {
      BarSeries s = original.load(info.symbol(), IV);
      BarSeries.Builder b = new BarSeries.Builder(s.size());
      for (int i = 0; i < s.size(); i++) {
        double k = s.openTime(i) >= cut ? (i % 2 == 0 ? 1.6 : 0.5) : 1;
        b.add(s.openTime(i), s.open(i) * k, s.high(i) * k, s.low(i) * k, s.close(i) * k, s.volume(i) * k,
            s.quoteVolume(i) * k);
      }
      perturbed.append(info.symbol(), IV, b.build());
    }
    Instant from = Instant.ofEpochMilli(END - 2 * 86_400_000L);
    Instant to = Instant.ofEpochMilli(END);
    BacktestResult a = Backtest.builder(Settings.defaults()).history(original, List.of()).interval(IV).from(from)
        .to(to).workDir(dir).build().run();
    BacktestResult b = Backtest.builder(Settings.defaults()).history(perturbed, List.of()).interval(IV).from(from)
        .to(to).workDir(dir).build().run();

    assertThat(a.fills()).as("the original run trades before T").anyMatch(f -> f.time() <= cut);
    assertThat(b.fills().stream().filter(f -> f.time() <= cut).toList())
        .isEqualTo(a.fills().stream().filter(f -> f.time() <= cut).toList());
    for (int i = 0; i < a.times().length && a.times()[i] <= cut; i++) {
      assertThat(b.equity()[i]).as("equity at %s", Instant.ofEpochMilli(a.times()[i])).isEqualTo(a.equity()[i]);
    }
    assertThat(b.equity()[b.equity().length - 1]).as("the perturbation is real")
        .isNotEqualTo(a.equity()[a.equity().length - 1]);
  }
}
