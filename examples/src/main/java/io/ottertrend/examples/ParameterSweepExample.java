package io.ottertrend.examples;

import io.ottertrend.backtest.Backtest;
import io.ottertrend.backtest.BacktestResult;
import io.ottertrend.backtest.Sweep;
import io.ottertrend.config.Setting;
import io.ottertrend.config.Settings;
import io.ottertrend.model.Interval;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Example 4 — script batch backtests from Java: a parameter sweep through the library API.
 *
 * <p>One {@link Backtest} describes the market and the window (here the built-in synthetic market, 5-minute
 * bars); {@link Sweep#combinations} turns axes of settings into grid points, {@link Sweep#run} backtests every
 * point in parallel — each point is the same production agent, risk chain and paper fills on a simulated clock —
 * and {@link Sweep#rank} orders them by a metric. Every result carries a fingerprint (sha-256 over its fills), so
 * a sweep is reproducible whatever the thread count.
 *
 * <p>From the shell, {@code ottertrend backtest --synthetic --grid RISK_STOP_LOSS_PCT=0.02,0.03 --json} does the
 * same, and {@code examples/scripts/sweep.sh} shows piping the CLI's JSON into {@code jq}.
 *
 * <p>A sweep over a few synthetic days says nothing about the future: it shows how to script runs, not which
 * stop-loss to use.
 */
public final class ParameterSweepExample {
  private ParameterSweepExample() {}

  /** One point of the grid and what it produced. */
  public record Point(BigDecimal stopLossPct, BigDecimal takeProfitPct, BigDecimal finalEquity, int trades,
      String fingerprint) {}

  /**
   * Backtests every combination of {@code stopLosses} × {@code takeProfits} over {@code days} days of the synthetic
   * market seeded with {@code seed}, on {@code threads} threads; best total return first.
   */
  public static List<Point> run(Path workDir, List<String> stopLosses, List<String> takeProfits, int days, long seed,
      int threads) throws InterruptedException {
    Backtest backtest = Backtest.builder(Settings.defaults())
        .synthetic(seed, 8)
        .interval(Interval.M5)
        .days(days)
        .workDir(workDir)
        .build();
    Map<Setting, List<String>> axes = new LinkedHashMap<>();
    axes.put(Setting.RISK_STOP_LOSS_PCT, stopLosses);
    axes.put(Setting.RISK_TAKE_PROFIT_PCT, takeProfits);
    List<BacktestResult> results = Sweep.run(backtest, Sweep.combinations(axes), threads, r -> { });
    List<Point> points = new ArrayList<>();
    for (BacktestResult r : Sweep.rank(results, Sweep.Metric.RETURN)) {
      points.add(new Point(new BigDecimal(r.parameters().get(Setting.RISK_STOP_LOSS_PCT.name())),
          new BigDecimal(r.parameters().get(Setting.RISK_TAKE_PROFIT_PCT.name())),
          BigDecimal.valueOf(r.summary().endEquity()), r.summary().trades(), r.fingerprint()));
    }
    return points;
  }

  /** Sweeps 3 stop-losses × 2 take-profits over 3 synthetic days on two threads and prints the ranking. */
  public static void main(String[] args) throws Exception {
    List<Point> ranked = run(Files.createTempDirectory("ottertrend-sweep"), List.of("0.02", "0.03", "0.05"),
        List.of("0.04", "0.08"), 3, 7, 2);
    System.out.println("rank  stop   take   final equity  trades  fingerprint");
    for (int i = 0; i < ranked.size(); i++) {
      Point p = ranked.get(i);
      System.out.printf("%4d  %-5s  %-5s  %12.2f  %6d  %s%n", i + 1, p.stopLossPct().toPlainString(),
          p.takeProfitPct().toPlainString(), p.finalEquity(), p.trades(), p.fingerprint().substring(0, 12));
    }
  }
}
