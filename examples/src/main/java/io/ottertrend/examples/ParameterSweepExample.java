package io.ottertrend.examples;

import io.ottertrend.OtterTrend;
import io.ottertrend.agent.Agent;
import io.ottertrend.config.Setting;
import io.ottertrend.config.Settings;
import io.ottertrend.memory.EquityPoint;
import io.ottertrend.memory.Memory;
import io.ottertrend.registry.Registry;
import io.ottertrend.time.Clock;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

/**
 * Example 4 — script a batch of runs from Java: a parameter sweep.
 *
 * <p>Each point of the grid is one complete paper run of the agent (synthetic market, rules brain, the full
 * risk chain, paper fills) on a simulated clock with the same seed, so the points differ only by their
 * settings; {@link Settings#with(Map)} derives each point's settings from a base. The runs are ranked by final
 * equity.
 *
 * <p>This sweeps paper runs because the {@code backtest} API (stored history, parallel sweeps, reports) is being
 * written on another branch and is not on main yet; once it is, the same loop over
 * {@code Settings.with(...)} drives it. From the shell, {@code examples/scripts/sweep.sh} does the same sweep
 * through the CLI and {@code jq}.
 *
 * <p>A sweep over a few hundred synthetic minutes says nothing about the future: it shows how to script runs,
 * not which stop-loss to use.
 */
public final class ParameterSweepExample {
  private ParameterSweepExample() {}

  /** One point of the grid and what it produced. */
  public record Point(BigDecimal stopLossPct, BigDecimal takeProfitPct, BigDecimal finalEquity, int orders) {}

  /**
   * Runs every combination of {@code stopLosses} × {@code takeProfits} for {@code cycles} cycles on the synthetic
   * market seeded with {@code seed}, one database per point under {@code dir}; best final equity first.
   */
  public static List<Point> run(Path dir, List<String> stopLosses, List<String> takeProfits, int cycles, long seed)
      throws InterruptedException {
    Settings base = Settings.defaults();
    List<Point> points = new ArrayList<>();
    for (String sl : stopLosses) {
      for (String tp : takeProfits) {
        Settings s = base.with(Map.of(
            Setting.DB_PATH, dir.resolve("sweep-sl" + sl + "-tp" + tp + ".db").toString(),
            Setting.RISK_STOP_LOSS_PCT, sl,
            Setting.RISK_TAKE_PROFIT_PCT, tp));
        points.add(runOne(s, cycles, seed));
      }
    }
    points.sort(Comparator.comparing(Point::finalEquity).reversed()
        .thenComparing(Point::stopLossPct).thenComparing(Point::takeProfitPct));
    return points;
  }

  private static Point runOne(Settings settings, int cycles, long seed) throws InterruptedException {
    try (Registry registry = OtterTrend.registry(settings, OtterTrend.Options.paperSynthetic(seed))) {
      registry.bindInstance(Clock.class, Clock.simulated(Instant.parse("2026-03-02T10:00:00Z")));
      Agent agent = OtterTrend.agent(registry);
      agent.start();
      agent.run(cycles, Duration.ofMinutes(1), () -> false);
      agent.finish("COMPLETED");
      Memory memory = registry.get(Memory.class);
      List<EquityPoint> curve = memory.equity(memory.recentRuns(1).get(0).id());
      return new Point(settings.decimal(Setting.RISK_STOP_LOSS_PCT), settings.decimal(Setting.RISK_TAKE_PROFIT_PCT),
          curve.get(curve.size() - 1).equity(), memory.recentOrders(100_000).size());
    }
  }

  /** Sweeps 3 stop-losses × 2 take-profits over 120 minutes and prints the ranking. */
  public static void main(String[] args) throws Exception {
    List<Point> ranked = run(Files.createTempDirectory("ottertrend-sweep"), List.of("0.02", "0.03", "0.05"),
        List.of("0.04", "0.08"), 120, 7);
    System.out.println("rank  stop   take   final equity  orders");
    for (int i = 0; i < ranked.size(); i++) {
      Point p = ranked.get(i);
      System.out.printf("%4d  %-5s  %-5s  %12s  %6d%n", i + 1, p.stopLossPct().toPlainString(),
          p.takeProfitPct().toPlainString(), p.finalEquity().toPlainString(), p.orders());
    }
  }
}
