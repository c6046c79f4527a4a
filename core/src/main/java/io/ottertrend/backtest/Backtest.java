package io.ottertrend.backtest;

import io.ottertrend.OtterTrend;
import io.ottertrend.agent.Agent;
import io.ottertrend.agent.AgentEvent;
import io.ottertrend.agent.AgentListener;
import io.ottertrend.config.Setting;
import io.ottertrend.config.Settings;
import io.ottertrend.data.BarStore;
import io.ottertrend.exchange.Exchange;
import io.ottertrend.exchange.ExchangeException;
import io.ottertrend.market.HistoricalMarket;
import io.ottertrend.market.MarketSource;
import io.ottertrend.market.SyntheticMarket;
import io.ottertrend.memory.JournaledOrder;
import io.ottertrend.memory.LogEntry;
import io.ottertrend.memory.Memory;
import io.ottertrend.memory.SqliteMemory;
import io.ottertrend.model.Fill;
import io.ottertrend.model.Interval;
import io.ottertrend.registry.Registry;
import io.ottertrend.signals.SignalsReplay;
import io.ottertrend.time.Clock;
import io.ottertrend.time.SimulatedClock;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Stream;

/**
 * A backtest: the production {@link Agent} (brain, risk engine, order manager, paper fills) stepped bar by bar by
 * a simulated clock over synthetic or stored history. Build one with {@link #builder(Settings)} and call
 * {@link #run()}:
 *
 * <pre>{@code
 * BacktestResult r = Backtest.builder(Settings.defaults())
 *     .synthetic(7, 20).interval(Interval.M5).from(Instant.parse("2025-01-01T00:00:00Z")).days(30)
 *     .build().run();
 * System.out.println(r.fingerprint() + " " + r.summary().sharpe());
 * }</pre>
 *
 * <p>The journal lives in memory ({@link Memory#inMemory()}) and is gone after the run; LLM answers are read from (and, unless cache-only, recorded into) the {@linkplain Builder#llmReplayStore
 * replay store}; recorded signals come from {@linkplain Builder#signalsStore the signals store} as of the
 * simulated time.
 *
 * <p><b>Thread-safety:</b> a {@code Backtest} is immutable; {@link #run()} may be called from several threads at
 * once (each run has its own clock, market, exchange and journal), which is how {@link Sweep} parallelises.
 * <b>Errors:</b> {@link BacktestException} for unusable input (no data in the window, unknown symbols); the
 * library's own exceptions for storage trouble.
 */
public final class Backtest {
  /** The spec's aspirational daily ROI (1 %/day): a line results are compared to, not a promise. */
  public static final double TARGET_DAILY_RETURN = 0.01;
  /** The pair used for the buy-and-hold baseline. */
  public static final String BASELINE = "BTC";

  private final Builder b;

  private Backtest(Builder b) {
    this.b = b;
  }

  public static Builder builder(Settings settings) {
    return new Builder(settings);
  }

  /** The window start, epoch ms. */
  public long from() {
    return window()[0];
  }

  /** The window end, epoch ms. */
  public long to() {
    return window()[1];
  }

  /** Runs the backtest with no extra setting overrides. */
  public BacktestResult run() {
    return run(Map.of(), Progress.NONE);
  }

  /** Runs the backtest reporting progress. */
  public BacktestResult run(Progress progress) {
    return run(Map.of(), progress);
  }

  /**
   * Runs the backtest with {@code overrides} applied on top of the builder's settings (one sweep point).
   *
   * @throws BacktestException when the window holds no bars or the input is unusable
   */
  public BacktestResult run(Map<Setting, String> overrides, Progress progress) {
    long[] w = window();
    long from = w[0];
    long to = w[1];
    long step = b.interval.millis();
    long cycles = (to - from) / step;
    if (cycles <= 0) {
      throw new BacktestException("the window " + Instant.ofEpochMilli(from) + " .. " + Instant.ofEpochMilli(to)
          + " is shorter than one " + b.interval.wireName() + " bar");
    }
    Path tmp;
    try {
      tmp = Files.createTempDirectory(b.workDir, "ottertrend-backtest-");
    } catch (IOException e) {
      throw new UncheckedIOException("cannot create a scratch folder in " + b.workDir, e);
    }
    try {
      return simulate(overrides, progress, from, to, cycles, tmp);
    } finally {
      deleteQuietly(tmp);
    }
  }

  private BacktestResult simulate(Map<Setting, String> overrides, Progress progress, long from, long to, long cycles,
      Path tmp) {
    Map<Setting, String> all = new LinkedHashMap<>(overrides);
    all.put(Setting.DB_PATH, tmp.resolve("journal.db").toString());
    Settings settings = b.settings.with(all);
    SimulatedClock clock = Clock.simulated(Instant.ofEpochMilli(from));
    Recorder recorder = new Recorder((int) Math.min(cycles, Integer.MAX_VALUE - 8));
    String market = b.store == null ? "synthetic" : "history";
    OtterTrend.Options options = new OtterTrend.Options(OtterTrend.BACKTEST, market, b.brain, b.seed, b.llmCacheOnly,
        recorder);
    List<String> warnings = new ArrayList<>();
    if (b.brain.equals("llm")) {
      warnings.addAll(cutoffWarning(settings, from));
    }
    long started = System.nanoTime();
    try (Registry r = OtterTrend.registry(settings, options)) {
      r.bindInstance(Clock.class, clock);
      // The journal of a run lives and dies with it: in memory, where a cycle's bookkeeping costs microseconds.
      r.bind(Memory.class, reg -> Memory.inMemory());
      // A simulation must never page anyone: alerts about simulated trouble stay out of real channels.
      r.bindInstance(io.ottertrend.alert.Alerts.class, io.ottertrend.alert.Alerts.none());
      r.bindNamed(MarketSource.class, market, reg -> market(clock, settings));
      if (b.llmReplayStore != null) {
        r.bindNamed(Memory.class, OtterTrend.LLM_REPLAY_STORE, reg -> SqliteMemory.open(b.llmReplayStore));
      }
      if (b.signalsStore != null) {
        r.bind(SignalsReplay.class, reg -> new SignalsReplay(reg.named(Memory.class, "signals")));
        r.bindNamed(Memory.class, "signals", reg -> SqliteMemory.open(b.signalsStore));
      }
      b.customise.accept(r);
      Agent agent = OtterTrend.agent(r);
      MarketSource source = r.named(MarketSource.class, market);
      String baseline = baselineSymbol(source.symbolRules().stream().map(x -> x.symbol()).toList(),
          settings.string(Setting.QUOTE_ASSET));
      agent.start();
      Duration interval = Duration.ofMillis(b.interval.millis());
      long every = Math.max(1, cycles / 200);
      for (long c = 0; c < cycles; c++) {
        recorder.baselinePrice = price(source, baseline);
        agent.cycle();
        if (c + 1 < cycles) {
          clock.advance(interval);
        }
        if ((c + 1) % every == 0 || c + 1 == cycles) {
          progress.update(c + 1, cycles);
        }
      }
      agent.finish("COMPLETED");
      long elapsed = (System.nanoTime() - started) / 1_000_000;
      Memory memory = r.get(Memory.class);
      if (b.brain.equals("llm")) {
        warnings.addAll(llmFailureWarning(memory, cycles, settings, b.llmCacheOnly));
      }
      Exchange exchange = r.get(Exchange.class);
      List<Fill> fills = memory.fills(exchange.id(), null, 0);
      Map<String, String> purposes = new HashMap<>();
      for (JournaledOrder o : memory.recentOrders(Integer.MAX_VALUE)) {
        purposes.put(o.clientOrderId(), String.valueOf(o.purpose()));
      }
      String quote = settings.string(Setting.QUOTE_ASSET);
      List<BacktestResult.FillLine> lines = Metrics.fillLines(fills, purposes, quote);
      List<RoundTrip> trips = Metrics.roundTrips(lines);
      double[] eq = recorder.equity();
      long[] times = recorder.times();
      double[] base = recorder.baseline();
      BacktestSummary summary = Metrics.summarise(times, eq, recorder.exposure(), base, trips, lines, b.seed,
          TARGET_DAILY_RETURN);
      Map<String, String> params = new LinkedHashMap<>();
      overrides.forEach((k, v) -> params.put(k.name(), v));
      BacktestResult.PriceSeries focus = focus(source, lines, from, to);
      return new BacktestResult(summary, Metrics.fingerprint(fills), r.get(OtterTrend.RunId.class).get(), from, to, b.interval.wireName(),
          b.brain, cycles, cycles * recorder.universe, source.symbolRules().stream().map(x -> x.symbol()).toList(),
          times, eq, base, baseline, trips, lines, params, warnings, elapsed, focus);
    }
  }

  private MarketSource market(Clock clock, Settings settings) {
    String quote = settings.string(Setting.QUOTE_ASSET);
    if (b.store != null) {
      return HistoricalMarket.load(b.store, b.interval, b.symbolNames, clock, quote, b.spread);
    }
    return SyntheticMarket.builder().seed(b.seed).symbols(b.symbols).quoteAsset(quote).clock(clock)
        .step(Duration.ofMillis(b.interval.millis())).history(b.warmUp).build();
  }

  /** Closes of the pair with most fills over the window (read after the run, when the window is the past). */
  private BacktestResult.PriceSeries focus(MarketSource source, List<BacktestResult.FillLine> fills, long from,
      long to) {
    Map<String, Integer> counts = new java.util.TreeMap<>();
    fills.forEach(f -> counts.merge(f.symbol(), 1, Integer::sum));
    String best = counts.entrySet().stream().max(Map.Entry.comparingByValue()).map(Map.Entry::getKey).orElse(null);
    if (best == null) {
      return BacktestResult.PriceSeries.empty();
    }
    List<Long> t = new ArrayList<>();
    List<Double> c = new ArrayList<>();
    long next = from;
    try {
      while (next < to) {
        List<io.ottertrend.model.Candle> page = source.klines(best, b.interval, next, to, 1000);
        if (page.isEmpty()) {
          break;
        }
        for (io.ottertrend.model.Candle k : page) {
          if (k.openTime() >= from && k.openTime() <= to) {
            t.add(k.openTime());
            c.add(k.close());
          }
        }
        long last = page.get(page.size() - 1).openTime() + b.interval.millis();
        if (last <= next) {
          break;
        }
        next = last;
      }
    } catch (ExchangeException e) {
      return BacktestResult.PriceSeries.empty();
    }
    return new BacktestResult.PriceSeries(best, t.stream().mapToLong(Long::longValue).toArray(),
        c.stream().mapToDouble(Double::doubleValue).toArray());
  }

  private static String baselineSymbol(List<String> symbols, String quote) {
    String want = BASELINE + quote;
    return symbols.contains(want) ? want : null;
  }

  private static double price(MarketSource source, String symbol) {
    if (symbol == null) {
      return Double.NaN;
    }
    try {
      BigDecimal p = source.ticker(symbol).lastPrice();
      return p == null ? Double.NaN : p.doubleValue();
    } catch (ExchangeException e) {
      return Double.NaN;
    }
  }

  /**
   * The warning shown when the LLM failed on some cycles of an LLM backtest (a cache miss in cache-only mode, a
   * malformed answer): those cycles were decided by the fallback, and the LLM safe mode refused entries after a
   * run of failures, so the result is not the model's. Read from the run's journal, where every fallback decision
   * and its reason are recorded.
   */
  static List<String> llmFailureWarning(Memory memory, long cycles, Settings settings, boolean cacheOnly) {
    long failed = memory.recentDecisions(Integer.MAX_VALUE).stream()
        .filter(d -> "FALLBACK".equals(d.outcome()) || "ERROR".equals(d.outcome())).count();
    if (failed == 0) {
      return List.of();
    }
    String first = null;
    for (LogEntry e : memory.recentLogs(Integer.MAX_VALUE)) { // newest first: the last match is the first failure
      if ("brain".equals(e.source()) && e.message().startsWith(FALLBACK_FLAG)) {
        first = e.message().substring(FALLBACK_FLAG.length());
      }
    }
    boolean missed = first != null && first.contains("not in the replay store");
    return List.of("the LLM failed on " + failed + " of " + cycles + " cycles" + (first == null ? "" : " (first: "
        + first + ")") + "; the fallback (LLM_FALLBACK=" + settings.string(Setting.LLM_FALLBACK) + ") decided them,"
        + " and after " + settings.integer(Setting.RISK_LLM_SAFE_MODE_AFTER) + " failures in a row the LLM safe mode"
        + " refused entries, so this is not the model's result" + (cacheOnly && missed
            ? ": record the window's answers first by running it once without --llm-cache-only" : ""));
  }

  /** How {@code FallbackBrain} flags a decision it made in the LLM's place (also logged under source "brain"). */
  private static final String FALLBACK_FLAG = "fallback: ";

  /** The warning shown when an LLM backtest starts before the model's training cut-off. */
  static List<String> cutoffWarning(Settings settings, long from) {
    String text = settings.string(Setting.LLM_TRAINING_CUTOFF).trim();
    if (text.isEmpty()) {
      return List.of();
    }
    try {
      LocalDate cutoff = LocalDate.parse(text);
      if (from < cutoff.atStartOfDay().toInstant(ZoneOffset.UTC).toEpochMilli()) {
        return List.of("the window starts before the training cut-off of " + settings.string(Setting.LLM_MODEL)
            + " (" + cutoff + "): the model may have seen what happened next, so results can be optimistic");
      }
      return List.of();
    } catch (DateTimeParseException e) {
      return List.of("LLM_TRAINING_CUTOFF '" + text + "' is not a date (YYYY-MM-DD); cannot check for leakage");
    }
  }

  private long[] window() {
    long step = b.interval.millis();
    Long from = b.from;
    Long to = b.to;
    if (b.store != null && (from == null || to == null)) {
      long[] range = storedRange();
      if (from == null && to == null) {
        to = range[1];
      }
      if (from == null) {
        from = b.days > 0 ? to - b.days * 86_400_000L : range[0];
      }
      if (to == null) {
        to = b.days > 0 ? from + b.days * 86_400_000L : range[1];
      }
    }
    if (from == null) {
      from = to == null ? DEFAULT_SYNTHETIC_START : to - Math.max(1, b.days) * 86_400_000L;
    }
    if (to == null) {
      to = from + Math.max(1, b.days) * 86_400_000L;
    }
    from = Math.floorDiv(from, step) * step;
    if (to <= from) {
      throw new BacktestException("--to must be after --from");
    }
    return new long[] {from, to};
  }

  private long[] storedRange() {
    long first = Long.MIN_VALUE;
    long last = Long.MAX_VALUE;
    boolean any = false;
    for (BarStore.SeriesInfo info : b.store.list()) {
      if (info.interval() == b.interval && (b.symbolNames.isEmpty() || b.symbolNames.contains(info.symbol()))
          && info.bars() > 0) {
        first = Math.max(first, info.firstOpenTime());
        last = Math.min(last, info.lastOpenTime() + b.interval.millis());
        any = true;
      }
    }
    if (!any) {
      throw new BacktestException("no " + b.interval.wireName() + " bars stored in " + b.store.root()
          + (b.symbolNames.isEmpty() ? "" : " for " + b.symbolNames) + "; import or fetch some with `ottertrend data`");
    }
    // Skip a warm-up so the analytics have history on the first cycle.
    long warm = Math.min(b.warmUp.toMillis(), Math.max(0, (last - first) / 4));
    return new long[] {first + warm, last};
  }

  /** A fixed start for synthetic runs, so that the same seed and size give the same market. */
  static final long DEFAULT_SYNTHETIC_START = Instant.parse("2025-01-01T00:00:00Z").toEpochMilli();

  private static void deleteQuietly(Path dir) {
    try (Stream<Path> walk = Files.walk(dir)) {
      walk.sorted(Comparator.reverseOrder()).forEach(p -> {
        try {
          Files.deleteIfExists(p);
        } catch (IOException ignored) {
          // a scratch file left in the temp folder is harmless
        }
      });
    } catch (IOException ignored) {
      // as above
    }
  }

  /** Progress of a run: cycles done of total. Called on the running thread. */
  @FunctionalInterface
  public interface Progress {
    Progress NONE = (done, total) -> { };

    void update(long done, long total);
  }

  /** Collects equity and exposure from the agent's events; one per run, single-threaded. */
  private static final class Recorder implements AgentListener {
    private long[] times;
    private double[] equity;
    private double[] exposure;
    private double[] baseline;
    private int n;
    int universe = 1;
    double baselinePrice = Double.NaN;

    Recorder(int capacity) {
      int c = Math.max(16, capacity + 1);
      times = new long[c];
      equity = new double[c];
      exposure = new double[c];
      baseline = new double[c];
    }

    /** Equity updates and notices only: the agent need not describe decisions, orders or verdicts for a run. */
    @Override
    public boolean wants(Class<? extends AgentEvent> kind) {
      return kind == AgentEvent.EquityUpdate.class || kind == AgentEvent.Notice.class;
    }

    @Override
    public void on(AgentEvent e) {
      if (e instanceof AgentEvent.EquityUpdate u && u.equity() != null) {
        if (n == times.length) {
          int c = n * 2;
          times = java.util.Arrays.copyOf(times, c);
          equity = java.util.Arrays.copyOf(equity, c);
          exposure = java.util.Arrays.copyOf(exposure, c);
          baseline = java.util.Arrays.copyOf(baseline, c);
        }
        double eq = u.equity().doubleValue();
        double cash = u.cash() == null ? eq : u.cash().doubleValue();
        times[n] = u.at();
        equity[n] = eq;
        exposure[n] = eq > 0 ? Math.max(0, Math.min(1, (eq - cash) / eq)) : 0;
        baseline[n] = baselinePrice;
        n++;
      } else if (e instanceof AgentEvent.Notice notice && notice.message().startsWith("watching ")) {
        // The agent announces its universe once at start ("watching N USDT pairs"): the bar-steps per cycle.
        String[] words = notice.message().split(" ");
        try {
          universe = Math.max(1, Integer.parseInt(words[1]));
        } catch (RuntimeException ignored) {
          universe = 1;
        }
      }
    }

    long[] times() {
      return java.util.Arrays.copyOf(times, n);
    }

    double[] equity() {
      return java.util.Arrays.copyOf(equity, n);
    }

    double[] exposure() {
      return java.util.Arrays.copyOf(exposure, n);
    }

    double[] baseline() {
      return java.util.Arrays.copyOf(baseline, n);
    }
  }

  /** Builder of {@link Backtest}. Not thread-safe; {@link #build()} copies what it needs. */
  public static final class Builder {
    private final Settings settings;
    private BarStore store;
    private List<String> symbolNames = List.of();
    private long seed = 7;
    private int symbols = 20;
    private Interval interval = Interval.M5;
    private Long from;
    private Long to;
    private int days;
    private String brain = "rules";
    private boolean llmCacheOnly;
    private Path llmReplayStore;
    private Path signalsStore;
    private double spread = 0.001;
    private Duration warmUp = Duration.ofDays(1);
    private Path workDir = Path.of(System.getProperty("java.io.tmpdir"));
    private java.util.function.Consumer<Registry> customise = r -> { };

    private Builder(Settings settings) {
      this.settings = Objects.requireNonNull(settings, "settings");
    }

    /** The built-in synthetic market: {@code symbols} pairs from {@code seed} (the default: seed 7, 20 pairs). */
    public Builder synthetic(long seed, int symbols) {
      this.store = null;
      this.seed = seed;
      this.symbols = symbols;
      return this;
    }

    /** Stored history: {@code symbols} (every stored one at the interval when empty) from {@code store}. */
    public Builder history(BarStore store, List<String> symbols) {
      this.store = Objects.requireNonNull(store, "store");
      this.symbolNames = List.copyOf(symbols);
      return this;
    }

    /** Bar interval: one agent cycle per bar (default 5m). */
    public Builder interval(Interval v) {
      this.interval = Objects.requireNonNull(v, "interval");
      return this;
    }

    public Builder from(Instant v) {
      this.from = v == null ? null : v.toEpochMilli();
      return this;
    }

    public Builder to(Instant v) {
      this.to = v == null ? null : v.toEpochMilli();
      return this;
    }

    /** Window length in days when {@code from} or {@code to} is missing. */
    public Builder days(int v) {
      if (v < 0) {
        throw new IllegalArgumentException("days must be >= 0: " + v);
      }
      this.days = v;
      return this;
    }

    /** "rules" (default) or "llm". */
    public Builder brain(String v) {
      if (!v.equals("rules") && !v.equals("llm")) {
        throw new IllegalArgumentException("brain must be rules or llm: " + v);
      }
      this.brain = v;
      return this;
    }

    /** Serve LLM answers only from the replay store; never call the network. */
    public Builder llmCacheOnly(boolean v) {
      this.llmCacheOnly = v;
      return this;
    }

    /** The database holding LLM replays (read, and recorded into unless cache-only). */
    public Builder llmReplayStore(Path v) {
      this.llmReplayStore = v;
      return this;
    }

    /** A database with a recorded {@code signals} table, read as of the simulated time. */
    public Builder signalsStore(Path v) {
      this.signalsStore = v;
      return this;
    }

    /** Relative spread of books synthesised around stored bars (default 0.001). */
    public Builder spread(double v) {
      this.spread = v;
      return this;
    }

    /** History the market shows before the window (synthetic) or skipped at its start (stored); default 1 day. */
    public Builder warmUp(Duration v) {
      this.warmUp = Objects.requireNonNull(v, "warmUp");
      return this;
    }

    /** Where scratch journals are created (default: the system temp folder). */
    public Builder workDir(Path v) {
      this.workDir = Objects.requireNonNull(v, "workDir");
      return this;
    }

    /**
     * Rebinds components of each run's registry before the agent is built — e.g. a custom {@code Brain} bound as
     * {@code "rules"} or an extra {@code RiskRule}. Called once per run, possibly from several sweep threads at once.
     */
    public Builder customise(java.util.function.Consumer<Registry> v) {
      this.customise = Objects.requireNonNull(v, "customise");
      return this;
    }

    public Backtest build() {
      Builder copy = new Builder(settings);
      copy.store = store;
      copy.symbolNames = symbolNames;
      copy.seed = seed;
      copy.symbols = symbols;
      copy.interval = interval;
      copy.from = from;
      copy.to = to;
      copy.days = days;
      copy.brain = brain;
      copy.llmCacheOnly = llmCacheOnly;
      copy.llmReplayStore = llmReplayStore;
      copy.signalsStore = signalsStore;
      copy.spread = spread;
      copy.warmUp = warmUp;
      copy.workDir = workDir;
      copy.customise = customise;
      return new Backtest(copy);
    }
  }
}
