package io.ottertrend.benchmarks;

import io.ottertrend.backtest.Backtest;
import io.ottertrend.backtest.BacktestResult;
import io.ottertrend.backtest.Sweep;
import io.ottertrend.brain.Action;
import io.ottertrend.brain.Brain;
import io.ottertrend.brain.Decision;
import io.ottertrend.brain.MarketSnapshot;
import io.ottertrend.config.Setting;
import io.ottertrend.config.Settings;
import io.ottertrend.data.BarSeries;
import io.ottertrend.data.BarStore;
import io.ottertrend.data.SyntheticHistory;
import io.ottertrend.market.SyntheticMarket;
import io.ottertrend.model.Interval;
import io.ottertrend.model.OrderType;
import io.ottertrend.model.Side;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.ta4j.core.BaseBarSeriesBuilder;
import org.ta4j.core.BaseStrategy;
import org.ta4j.core.Strategy;
import org.ta4j.core.backtest.BarSeriesManager;
import org.ta4j.core.indicators.averages.SMAIndicator;
import org.ta4j.core.indicators.helpers.ClosePriceIndicator;
import org.ta4j.core.num.DoubleNumFactory;
import org.ta4j.core.rules.CrossedDownIndicatorRule;
import org.ta4j.core.rules.CrossedUpIndicatorRule;

/**
 * End-to-end backtest figures (a harness, not JMH: one backtest is seconds to minutes of work):
 *
 * <ol>
 *   <li>{@code steps}: bar-steps/s of {@code ottertrend backtest} on one thread — the production agent, rules brain,
 *       full risk chain, order manager, paper fills, scratch SQLite journal — over synthetic history.
 *   <li>{@code sweep}: the same sweep of 8 points (20 pairs, 5 days of 5m) on 1 and on 2 threads; the ratio is the
 *       scaling; followed by {@code control}, the machine's own two-thread ceiling on three kinds of work.
 *   <li>{@code heap}: 212 pairs × 1 year × 5m (22.3 M bars) held as {@link BarSeries}; run with {@code -Xmx1536m}.
 *   <li>{@code full}: 212 pairs × 1 year × 5m written to a bar store and backtested in one run with every pair
 *       watched: bar-steps/s at full size and the live heap with all bars loaded; run with {@code -Xmx1536m}.
 *   <li>{@code ta4j}: one SMA(10)/SMA(30) cross strategy on the same stored bars, through our agent (the strategy
 *       as a {@link Brain}) and through ta4j's {@code BarSeriesManager}; bars/s of each and the ratio.
 * </ol>
 *
 * <p>Usage: {@code java -cp benchmarks/target/benchmarks.jar io.ottertrend.benchmarks.BacktestHarness
 * [steps|sweep|control|heap|ta4j|full|all] [symbols] [days]}.
 */
public final class BacktestHarness {
  private static final Instant FROM = Instant.parse("2025-01-01T00:00:00Z");

  private BacktestHarness() {}

  public static void main(String[] args) throws Exception {
    String what = args.length > 0 ? args[0] : "all";
    int symbols = args.length > 1 ? Integer.parseInt(args[1]) : 20;
    int days = args.length > 2 ? Integer.parseInt(args[2]) : 2;
    if (what.equals("steps") || what.equals("all")) {
      steps(symbols, days);
    }
    if (what.equals("sweep") || what.equals("all")) {
      sweep(args.length > 1 ? symbols : 20, args.length > 2 ? days : 5);
    }
    if (what.equals("ta4j") || what.equals("all")) {
      ta4j(symbols, days);
    }
    if (what.equals("heap")) {
      heap();
    }
    if (what.equals("sweep") || what.equals("control")) {
      control();
    }
    if (what.equals("full")) {
      full(args.length > 1 ? symbols : 212, args.length > 2 ? days : 365);
    }
  }

  /** Settings that make the agent watch every pair of the market (the default watches the 100 most traded). */
  static Settings watchAll(int pairs) {
    return Settings.defaults().with(Map.of(Setting.AGENT_UNIVERSE_SIZE, Integer.toString(pairs)));
  }

  /**
   * The full size: {@code pairs} × {@code days} of 5m bars written to a bar store, then one backtest over all
   * of it with every pair watched, on one thread. Reports bar-steps/s and the live heap measured at the end of the
   * run while every bar is still loaded (run with {@code -Xmx1536m} to prove the 1.5 GB bound).
   */
  static void full(int pairs, int days) throws Exception {
    Path dir = Files.createTempDirectory("ottertrend-full");
    try {
      BarStore store = BarStore.open(dir);
      long end = FROM.toEpochMilli() + (long) days * 86_400_000L;
      long t0 = System.nanoTime();
      // One day more than the window: the agent picks its universe from 24 h tickers at the first cycle.
      SyntheticHistory.write(store, 7, pairs, days + 1, Interval.M5, end, false, w -> { });
      long written = store.list().stream().mapToLong(BarStore.SeriesInfo::bars).sum();
      System.out.printf(Locale.ROOT, "full: wrote %,d bars of %d pairs in %,d ms%n", written, pairs,
          (System.nanoTime() - t0) / 1_000_000);
      Backtest bt = Backtest.builder(watchAll(pairs)).history(store, List.of()).interval(Interval.M5)
          .from(Instant.ofEpochMilli(end - days * 86_400_000L)).to(Instant.ofEpochMilli(end)).build();
      long[] liveHeap = {0};
      long cpu0 = cpuNanos();
      long[] cpu = {0};
      // The second half of the run, once the JIT has compiled the cycle's code: a 2-core machine's one C2 thread
      // spends about the first 10 s compiling, so the whole run's figure includes code still running in C1.
      long[] half = {-1, 0, 0}; // cycles done, CPU and wall nanos when the run passed its middle
      BacktestResult r = bt.run(Map.of(), (done, total) -> {
        if (half[0] < 0 && done >= total / 2) {
          half[0] = done;
          half[1] = cpuNanos();
          half[2] = System.nanoTime();
        }
        if (done == total) {
          cpu[0] = cpuNanos() - cpu0;
          half[1] = cpuNanos() - half[1];
          half[2] = System.nanoTime() - half[2];
          liveHeap[0] = liveHeapBytes(); // measured inside the run: market, bars and journal all reachable
        }
      });
      Runtime rt = Runtime.getRuntime();
      long perCycle = r.barSteps() / Math.max(1, r.cycles());
      System.out.printf(Locale.ROOT, "full: %d pairs watched x %,d cycles = %,d bar-steps in %,d ms: %,.0f bar-steps/s "
          + "wall, %,.0f per CPU-second; %,d fills; live heap with all bars loaded %,d MB of max %,d MB (%.1f bytes/bar); "
          + "fingerprint %s%n",
          perCycle, r.cycles(), r.barSteps(), r.elapsedMillis(), r.barStepsPerSecond(),
          r.barSteps() / (cpu[0] / 1e9),
          r.fills().size(), liveHeap[0] >> 20, rt.maxMemory() >> 20, (double) liveHeap[0] / written, r.fingerprint());
      long secondHalf = (r.cycles() - half[0]) * perCycle;
      System.out.printf(Locale.ROOT, "full: second half of the run (JIT settled): %,d bar-steps, %,.0f per CPU-second, "
          + "%,.0f wall%n", secondHalf, secondHalf / (half[1] / 1e9), secondHalf / (half[2] / 1e9));
    } finally {
      try (var walk = Files.walk(dir)) {
        walk.sorted(java.util.Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
      }
    }
  }

  /**
   * The machine's own two-thread ceiling, next to the sweep's: two copies of the same job on 1 thread, then on 2.
   * A latency-bound chain (one dependent {@code sqrt} after another) leaves execution units idle; eight independent
   * multiply-add chains keep them busy; a sum over an 8 MB array per thread streams from the shared cache. Two
   * real cores give 2× on all three; vCPUs that share a core or its memory bandwidth give less on the last two.
   * Then each thread chases pointers through a random cycle of its own (a dependent load after another, like a
   * backtest's per-pair reads) in 1, 4 and 16 MB: two working sets that together overflow the guest's share of the
   * last-level cache stop scaling although each alone fits.
   */
  static void control() throws InterruptedException {
    long[] a = new long[1 << 20];
    long[] b = new long[1 << 20];
    scaling("latency-bound sqrt chain", () -> sqrtChain(200_000_000L));
    scaling("8 independent multiply-add chains", () -> multiplyAdd(600_000_000));
    scaling("streaming an 8 MB array", () -> stream(a, 400));
    scaling("streaming an 8 MB array (second copy)", () -> stream(b, 400));
    for (int mb : new int[] {1, 4, 16}) {
      int[] first = randomCycle(mb << 18, 1);
      int[] second = randomCycle(mb << 18, 2);
      scaling("pointer chase, " + mb + " MB per thread", () -> chase(first, 40_000_000),
          () -> chase(second, 40_000_000));
    }
  }

  /** A random cyclic permutation of {@code [0, n)} as a successor array: following it visits every slot once. */
  private static int[] randomCycle(int n, long seed) {
    int[] order = new int[n];
    for (int i = 0; i < n; i++) {
      order[i] = i;
    }
    java.util.SplittableRandom random = new java.util.SplittableRandom(seed);
    for (int i = n - 1; i > 0; i--) {
      int j = random.nextInt(i + 1);
      int t = order[i];
      order[i] = order[j];
      order[j] = t;
    }
    int[] next = new int[n];
    for (int i = 0; i < n; i++) {
      next[order[i]] = order[(i + 1) % n];
    }
    return next;
  }

  private static void chase(int[] next, int steps) {
    int x = 0;
    long s = 0;
    for (int k = 0; k < steps; k++) {
      x = next[x];
      s += x;
    }
    sink += s;
  }

  private static volatile long sink;

  private static void scaling(String what, Runnable job) throws InterruptedException {
    scaling(what, job, job);
  }

  /** {@code first} then {@code second} on this thread, then both at once on two threads. */
  private static void scaling(String what, Runnable first, Runnable second) throws InterruptedException {
    first.run(); // warm-up
    second.run();
    long t0 = System.nanoTime();
    first.run();
    second.run();
    long one = System.nanoTime() - t0;
    Thread other = new Thread(second);
    t0 = System.nanoTime();
    other.start();
    first.run();
    other.join();
    long two = System.nanoTime() - t0;
    System.out.printf(Locale.ROOT, "control: %s: 2 jobs on 1 thread %,d ms, on 2 threads %,d ms: %.2fx%n", what,
        one / 1_000_000, two / 1_000_000, (double) one / two);
  }

  private static void sqrtChain(long n) {
    double x = 0;
    for (long i = 0; i < n; i++) {
      x += Math.sqrt(i) * 1.0000001;
    }
    sink += (long) x;
  }

  private static void multiplyAdd(int n) {
    long a = 1;
    long b = 2;
    long c = 3;
    long d = 4;
    long e = 5;
    long f = 6;
    long g = 7;
    long h = 8;
    for (int i = 0; i < n; i++) {
      a = a * 31 + i;
      b = b * 37 + i;
      c = c * 41 + i;
      d = d * 43 + i;
      e = e * 47 + i;
      f = f * 53 + i;
      g = g * 59 + i;
      h = h * 61 + i;
    }
    sink += a + b + c + d + e + f + g + h;
  }

  private static void stream(long[] array, int passes) {
    long s = 0;
    for (int p = 0; p < passes; p++) {
      for (int i = 0; i < array.length; i += 8) {
        s += array[i];
      }
    }
    sink += s;
  }

  /** Time the JIT compilers have spent so far, summed over their threads. */
  private static long compilationMillis() {
    return java.lang.management.ManagementFactory.getCompilationMXBean().getTotalCompilationTime();
  }

  /** CPU time of the calling thread: what "one core" spent, whatever else the machine runs. */
  static long cpuNanos() {
    return java.lang.management.ManagementFactory.getThreadMXBean().getCurrentThreadCpuTime();
  }

  private static long liveHeapBytes() {
    for (int i = 0; i < 3; i++) {
      System.gc();
    }
    Runtime rt = Runtime.getRuntime();
    return rt.totalMemory() - rt.freeMemory();
  }

  static void steps(int symbols, int days) {
    Backtest bt = Backtest.builder(watchAll(symbols)).synthetic(7, symbols).interval(Interval.M5).from(FROM)
        .days(days).build();
    for (int i = 0; i < 3; i++) {
      bt.run(); // warm-up: C2 must have compiled the vector kernels before the timed run
    }
    long cpu0 = cpuNanos();
    BacktestResult r = bt.run();
    long cpu = cpuNanos() - cpu0;
    System.out.printf(Locale.ROOT, "steps: %d pairs (%d watched) x %d cycles = %,d bar-steps in %,d ms: %,.0f bar-steps/s "
        + "wall, %,.0f per CPU-second of the running thread, %.1f µs CPU/cycle; fingerprint %s%n", symbols,
        r.barSteps() / r.cycles(), r.cycles(), r.barSteps(), r.elapsedMillis(), r.barStepsPerSecond(),
        r.barSteps() / (cpu / 1e9), cpu / 1e3 / r.cycles(), r.fingerprint());
  }

  static void sweep(int symbols, int days) throws InterruptedException {
    Backtest bt = Backtest.builder(Settings.defaults()).synthetic(7, symbols).interval(Interval.M5).from(FROM)
        .days(days).build();
    Map<Setting, List<String>> axes = new LinkedHashMap<>();
    Sweep.addAxis(axes, "RISK_TAKE_PROFIT_PCT=0.02,0.03,0.04,0.05");
    Sweep.addAxis(axes, "RISK_STOP_LOSS_PCT=0.02,0.03");
    List<Map<Setting, String>> points = Sweep.combinations(axes);
    // Warm up until the JIT has settled: on two cores a compiler thread still at work takes a core from the
    // 2-thread sweep but only an idle one from the 1-thread sweep, which would understate the scaling.
    int warmUps = 0;
    long compiled;
    long wall;
    do {
      long c0 = compilationMillis();
      long t0 = System.nanoTime();
      Sweep.run(bt, points, 2, r -> { });
      wall = (System.nanoTime() - t0) / 1_000_000;
      compiled = compilationMillis() - c0;
      warmUps++;
    } while (warmUps < 3 || (compiled * 50 > wall && warmUps < 30));
    System.out.printf(Locale.ROOT, "sweep: %d warm-up sweeps; the JIT compiled for %,d ms during the last (%,d ms)%n",
        warmUps, compiled, wall);
    // Alternate 1-thread and 2-thread sweeps and keep the median ratio: a stray compile or GC hits one pair.
    List<Double> ratios = new ArrayList<>();
    boolean same = true;
    long oneMs = 0;
    long twoMs = 0;
    for (int rep = 0; rep < 5; rep++) {
      long t1 = System.nanoTime();
      List<BacktestResult> one = Sweep.run(bt, points, 1, r -> { });
      long t2 = System.nanoTime();
      List<BacktestResult> two = Sweep.run(bt, points, 2, r -> { });
      long t3 = System.nanoTime();
      same &= one.stream().map(BacktestResult::fingerprint).toList()
          .equals(two.stream().map(BacktestResult::fingerprint).toList());
      ratios.add((double) (t2 - t1) / (t3 - t2));
      oneMs += (t2 - t1) / 1_000_000;
      twoMs += (t3 - t2) / 1_000_000;
    }
    List<Double> sorted = ratios.stream().sorted().toList();
    System.out.printf(Locale.ROOT, "sweep: %d pairs, %d days of 5m: %d runs per sweep, 5 pairs of sweeps: "
        + "1 thread %,d ms, 2 threads %,d ms in all; scaling median %.2fx (range %.2f-%.2fx); fingerprints equal: %s; "
        + "cores: %d%n", symbols, days, points.size(), oneMs, twoMs, sorted.get(2), sorted.get(0), sorted.get(4), same,
        Runtime.getRuntime().availableProcessors());
  }

  static void heap() {
    int pairs = 212;
    int steps = 365 * 288;
    List<BarSeries> all = new ArrayList<>(pairs);
    long end = FROM.toEpochMilli() + 365L * 86_400_000L;
    SyntheticMarket.generateHistory(7, pairs, "USDT", end, Duration.ofMinutes(5), steps,
        (rules, t, o, h, l, c, v) -> {
          float[] vol = new float[v.length];
          float[] quote = new float[v.length];
          for (int i = 0; i < v.length; i++) {
            vol[i] = (float) v[i];
            quote[i] = (float) (v[i] * c[i]);
          }
          all.add(BarSeries.of(t, o, h, l, c, vol, quote));
        });
    long bars = all.stream().mapToLong(BarSeries::size).sum();
    long used = liveHeapBytes();
    Runtime rt = Runtime.getRuntime();
    System.out.printf(Locale.ROOT, "heap: %,d bars of %d pairs held; used heap %,d MB (%.1f bytes/bar); max heap %,d MB%n",
        bars, all.size(), used >> 20, (double) used / bars, rt.maxMemory() >> 20);
  }

  static void ta4j(int symbols, int days) throws Exception {
    Path dir = Files.createTempDirectory("ottertrend-ta4j");
    BarStore store = BarStore.open(dir);
    long end = FROM.toEpochMilli() + days * 86_400_000L;
    SyntheticHistory.write(store, 7, symbols, days + 1, Interval.M5, end, false, w -> { });
    Backtest ours = Backtest.builder(Settings.defaults()).history(store, List.of()).interval(Interval.M5)
        .from(FROM).to(Instant.ofEpochMilli(end)).warmUp(Duration.ZERO)
        .customise(r -> r.bindNamed(Brain.class, "rules", reg -> new SmaCrossBrain(10, 30))).build();
    for (int i = 0; i < 3; i++) {
      ours.run(); // warm-up, as for ta4j below: both sides measured compiled
    }
    BacktestResult r = ours.run();
    List<org.ta4j.core.BarSeries> series = new ArrayList<>();
    for (BarStore.SeriesInfo info : store.list()) {
      BarSeries s = store.load(info.symbol(), Interval.M5, FROM.toEpochMilli(), end - 1);
      org.ta4j.core.BarSeries t = new BaseBarSeriesBuilder().withName(info.symbol())
          .withNumFactory(DoubleNumFactory.getInstance()).build();
      for (int i = 0; i < s.size(); i++) {
        t.barBuilder().timePeriod(Duration.ofMinutes(5)).endTime(Instant.ofEpochMilli(s.openTime(i) + 300_000))
            .openPrice(s.open(i)).highPrice(s.high(i)).lowPrice(s.low(i)).closePrice(s.close(i))
            .volume(s.volume(i)).add();
      }
      series.add(t);
    }
    long bars = series.stream().mapToLong(org.ta4j.core.BarSeries::getBarCount).sum();
    for (int i = 0; i < 3; i++) {
      runTa4j(series); // warm-up
    }
    // One pass is tens of milliseconds: time eleven and keep the median.
    long[] times = new long[11];
    int trades = 0;
    for (int i = 0; i < times.length; i++) {
      long t0 = System.nanoTime();
      trades = runTa4j(series);
      times[i] = System.nanoTime() - t0;
    }
    java.util.Arrays.sort(times);
    long ns = times[times.length / 2];
    double ta4jRate = bars / (ns / 1e9);
    System.out.printf(Locale.ROOT, "ta4j: SMA(10/30) cross on %d pairs, %,d bars: ours (agent, risk, paper fills) "
        + "%,.0f bar-steps/s (%d fills); ta4j BarSeriesManager %,.0f bars/s (%d trades); ours/ta4j = %.5f%n",
        series.size(), bars, r.barStepsPerSecond(), r.fills().size(), ta4jRate, trades,
        r.barStepsPerSecond() / ta4jRate);
  }

  private static int runTa4j(List<org.ta4j.core.BarSeries> series) {
    int trades = 0;
    for (org.ta4j.core.BarSeries s : series) {
      ClosePriceIndicator close = new ClosePriceIndicator(s);
      SMAIndicator fast = new SMAIndicator(close, 10);
      SMAIndicator slow = new SMAIndicator(close, 30);
      Strategy st = new BaseStrategy(new CrossedUpIndicatorRule(fast, slow), new CrossedDownIndicatorRule(fast, slow));
      trades += new BarSeriesManager(s).run(st).getPositionCount();
    }
    return trades;
  }

  /** SMA(fast)/SMA(slow) cross as a {@link Brain}: buy 2 % of equity on a cross up, close on a cross down. */
  static final class SmaCrossBrain implements Brain {
    private final int fast;
    private final int slow;
    private final Map<String, double[]> closes = new HashMap<>();
    private final Map<String, Integer> counts = new HashMap<>();
    private final Map<String, Double> lastDiff = new HashMap<>();

    SmaCrossBrain(int fast, int slow) {
      this.fast = fast;
      this.slow = slow;
    }

    @Override
    public Decision decide(MarketSnapshot s) {
      List<Action> actions = new ArrayList<>();
      for (MarketSnapshot.SymbolView v : s.symbols()) {
        double[] ring = closes.computeIfAbsent(v.symbol(), k -> new double[slow]);
        int n = counts.merge(v.symbol(), 1, Integer::sum);
        ring[(n - 1) % slow] = v.lastPrice();
        if (n < slow) {
          continue;
        }
        double f = 0;
        double sl = 0;
        for (int i = 0; i < slow; i++) {
          double x = ring[(n - 1 - i) % slow];
          sl += x;
          if (i < fast) {
            f += x;
          }
        }
        double diff = f / fast - sl / slow;
        Double prev = lastDiff.put(v.symbol(), diff);
        if (prev == null) {
          continue;
        }
        boolean held = s.portfolio().positions().stream().anyMatch(p -> p.symbol().equals(v.symbol()));
        if (prev <= 0 && diff > 0 && !held) {
          actions.add(new Action.Open(v.symbol(), Side.BUY, new BigDecimal("0.02"), OrderType.MARKET, null, null,
              null, "sma cross up"));
        } else if (prev >= 0 && diff < 0 && held) {
          actions.add(new Action.Close(v.symbol(), BigDecimal.ONE, "sma cross down"));
        }
      }
      return new Decision("rules-sma", "sma cross", actions, List.of(), List.of(), 0, 0, 0, false, false, null);
    }

    @Override
    public String name() {
      return "rules-sma";
    }
  }
}
