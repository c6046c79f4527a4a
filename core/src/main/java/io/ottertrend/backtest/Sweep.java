package io.ottertrend.backtest;

import io.ottertrend.config.Setting;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Consumer;
import java.util.function.ToDoubleFunction;

/**
 * Parameter sweeps: every combination of a grid of setting values, each a full {@link Backtest} on its own
 * clock, market and journal, run in parallel on a fixed pool. Runs share nothing mutable, so each point's
 * fingerprint is the same whatever the thread count; results come back in grid order, then are ranked.
 *
 * <p>Stateless; thread-safe. <b>Errors:</b> {@link BacktestException} for an unknown setting, an empty value list
 * or an unreadable sweep file; a failing point fails the sweep with its parameters in the message.
 */
public final class Sweep {
  private Sweep() {}

  /** Metrics a sweep can be ranked by, each with its direction (higher is better unless noted). */
  public enum Metric {
    SHARPE(s -> s.sharpe(), true),
    SORTINO(s -> s.sortino(), true),
    RETURN(s -> s.totalReturn(), true),
    CAGR(s -> s.cagr(), true),
    DAILY(s -> s.meanDailyReturn(), true),
    DRAWDOWN(s -> s.maxDrawdown(), false),
    PROFIT_FACTOR(s -> s.profitFactor(), true),
    WIN_RATE(s -> s.winRate(), true),
    TRADES(s -> s.trades(), true);

    private final ToDoubleFunction<BacktestSummary> value;
    private final boolean higherIsBetter;

    Metric(ToDoubleFunction<BacktestSummary> value, boolean higherIsBetter) {
      this.value = value;
      this.higherIsBetter = higherIsBetter;
    }

    public double of(BacktestSummary s) {
      return value.applyAsDouble(s);
    }

    /** Parses {@code sharpe}, {@code profit-factor}, {@code max-drawdown}… (case-insensitive). */
    public static Metric parse(String text) {
      String t = text.strip().toUpperCase(Locale.ROOT).replace('-', '_');
      if (t.equals("MAX_DRAWDOWN")) {
        return DRAWDOWN;
      }
      if (t.equals("TOTAL_RETURN")) {
        return RETURN;
      }
      try {
        return valueOf(t);
      } catch (IllegalArgumentException e) {
        throw new BacktestException("unknown metric '" + text + "'; use one of "
            + java.util.Arrays.stream(values()).map(m -> m.name().toLowerCase(Locale.ROOT).replace('_', '-')).toList());
      }
    }

    /** Best first; NaN last; ties keep grid order (the sort is stable). */
    public Comparator<BacktestResult> ranking() {
      Comparator<Double> natural = higherIsBetter ? Comparator.reverseOrder() : Comparator.naturalOrder();
      return Comparator.comparing((BacktestResult r) -> Double.isNaN(of(r.summary())))
          .thenComparing(r -> of(r.summary()), natural);
    }
  }

  /** Parses one {@code KEY=v1,v2,…} axis into {@code axes} (keys in order of first appearance). */
  public static void addAxis(Map<Setting, List<String>> axes, String spec) {
    int eq = spec.indexOf('=');
    if (eq <= 0) {
      throw new BacktestException("grid axis '" + spec + "' must look like KEY=v1,v2,...");
    }
    String key = spec.substring(0, eq).strip();
    Setting setting;
    try {
      setting = Setting.valueOf(key.toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw new BacktestException("grid axis '" + spec + "': no setting " + key);
    }
    List<String> values = new ArrayList<>();
    for (String v : spec.substring(eq + 1).split(",")) {
      if (!v.isBlank()) {
        values.add(v.strip());
      }
    }
    if (values.isEmpty()) {
      throw new BacktestException("grid axis '" + spec + "' has no values");
    }
    axes.computeIfAbsent(setting, k -> new ArrayList<>()).addAll(values);
  }

  /** Reads a sweep file: one {@code KEY=v1,v2,…} axis per line; blank lines and {@code #} comments ignored. */
  public static Map<Setting, List<String>> readFile(Path file) {
    Map<Setting, List<String>> axes = new LinkedHashMap<>();
    try {
      for (String line : Files.readAllLines(file)) {
        String l = line.strip();
        if (!l.isEmpty() && !l.startsWith("#")) {
          addAxis(axes, l);
        }
      }
    } catch (IOException e) {
      throw new BacktestException("cannot read sweep file " + file + ": " + e.getMessage(), e);
    }
    if (axes.isEmpty()) {
      throw new BacktestException("sweep file " + file + " has no KEY=v1,v2 lines");
    }
    return axes;
  }

  /** Every combination of the axes, the last axis varying fastest. */
  public static List<Map<Setting, String>> combinations(Map<Setting, List<String>> axes) {
    List<Map<Setting, String>> out = new ArrayList<>();
    out.add(new LinkedHashMap<>());
    for (Map.Entry<Setting, List<String>> axis : axes.entrySet()) {
      List<Map<Setting, String>> next = new ArrayList<>();
      for (Map<Setting, String> partial : out) {
        for (String v : axis.getValue()) {
          Map<Setting, String> m = new LinkedHashMap<>(partial);
          m.put(axis.getKey(), v);
          next.add(m);
        }
      }
      out = next;
    }
    return out.stream().map(java.util.Collections::unmodifiableMap).toList();
  }

  /**
   * Runs {@code backtest} at every point on {@code threads} threads and returns the results in point order.
   * {@code onDone} is called (from worker threads, serialised) as each run finishes, for progress.
   *
   * @throws BacktestException naming the point that failed
   * @throws InterruptedException when interrupted while waiting; running points are cancelled
   */
  public static List<BacktestResult> run(Backtest backtest, List<Map<Setting, String>> points, int threads,
      Consumer<BacktestResult> onDone) throws InterruptedException {
    ExecutorService pool = Executors.newFixedThreadPool(Math.max(1, threads), r -> {
      Thread t = new Thread(r, "ottertrend-sweep");
      t.setDaemon(true);
      return t;
    });
    Object lock = new Object();
    try {
      List<Future<BacktestResult>> futures = new ArrayList<>();
      for (Map<Setting, String> p : points) {
        futures.add(pool.submit(() -> {
          BacktestResult r = backtest.run(p, Backtest.Progress.NONE);
          synchronized (lock) {
            onDone.accept(r);
          }
          return r;
        }));
      }
      List<BacktestResult> out = new ArrayList<>();
      for (int i = 0; i < futures.size(); i++) {
        try {
          out.add(futures.get(i).get());
        } catch (ExecutionException e) {
          Throwable c = e.getCause();
          throw new BacktestException("sweep point " + points.get(i) + " failed: " + c.getMessage(), c);
        }
      }
      return out;
    } finally {
      pool.shutdownNow();
    }
  }

  /** The results ranked by {@code metric}, best first. */
  public static List<BacktestResult> rank(List<BacktestResult> results, Metric metric) {
    List<BacktestResult> out = new ArrayList<>(results);
    out.sort(metric.ranking());
    return out;
  }
}
