package io.ottertrend.benchmarks;

import io.ottertrend.data.BarStore;
import io.ottertrend.data.SyntheticHistory;
import io.ottertrend.market.HistoricalMarket;
import io.ottertrend.model.Interval;
import io.ottertrend.model.QuoteBoard;
import io.ottertrend.time.Clock;
import io.ottertrend.time.SimulatedClock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;

/**
 * The historical replay market's board on its own, as a backtest drives it: {@code pairs} × {@code days} of 5m bars
 * in a bar store, then one {@link HistoricalMarket#quotes()} per 5m step over the last {@code days - 1} days, on
 * one thread. Prints the CPU nanoseconds per board (per pass over the window, several passes on fresh markets, the
 * median) — the market's cost without the rest of the agent's, whose JIT and cache behaviour vary run to run.
 * Usage: {@code ReplayQuotesHarness [pairs] [days] [passes]}.
 */
public final class ReplayQuotesHarness {
  private static final long STEP = Duration.ofMinutes(5).toMillis();
  private static final long DAY = Duration.ofDays(1).toMillis();

  private ReplayQuotesHarness() {}

  public static void main(String[] args) throws Exception {
    int pairs = argument(args, 0, 212);
    int days = argument(args, 1, 30);
    int passes = argument(args, 2, 7);
    long end = Instant.parse("2025-01-01T00:00:00Z").toEpochMilli() + days * DAY;
    Path dir = Files.createTempDirectory("ottertrend-quotes");
    try {
      BarStore store = BarStore.open(dir);
      SyntheticHistory.write(store, 7, pairs, days, Interval.M5, end, false, w -> { });
      double[] perBoard = new double[passes];
      long check = 0;
      for (int p = 0; p < passes; p++) {
        SimulatedClock clock = Clock.simulated(Instant.ofEpochMilli(end - (days - 1) * DAY));
        HistoricalMarket m = HistoricalMarket.load(store, Interval.M5, List.of(), clock, "USDT", 0.001);
        long boards = 0;
        long cpu0 = BacktestHarness.cpuNanos();
        while (clock.millis() < end) {
          QuoteBoard b = m.quotes();
          check += b.size();
          boards++;
          clock.advance(Duration.ofMillis(STEP));
        }
        perBoard[p] = (BacktestHarness.cpuNanos() - cpu0) / (double) boards;
      }
      double[] sorted = perBoard.clone();
      Arrays.sort(sorted);
      System.out.printf(Locale.ROOT, "quotes: %d pairs, median %,.0f ns per board (%,.0f ns per pair); passes %s; %d%n",
          pairs, sorted[passes / 2], sorted[passes / 2] / pairs, Arrays.toString(Arrays.stream(perBoard)
              .mapToLong(Math::round).toArray()), check);
    } finally {
      try (var walk = Files.walk(dir)) {
        walk.sorted(Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
      }
    }
  }

  private static int argument(String[] args, int i, int otherwise) {
    return args.length > i ? Integer.parseInt(args[i]) : otherwise;
  }
}
