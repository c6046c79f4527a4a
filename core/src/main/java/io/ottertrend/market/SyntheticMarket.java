package io.ottertrend.market;

import io.ottertrend.config.Setting;
import io.ottertrend.config.Settings;
import io.ottertrend.model.SymbolRules;
import io.ottertrend.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * The offline default market: {@code N} USDT pairs generated deterministically from a seed.
 *
 * <p>Model, per base step (one minute by default): a market factor follows GARCH(1,1) with standardised
 * Student-t innovations (5 degrees of freedom) and a two-state calm/stressed regime switch; each pair's return
 * is {@code beta × market + idiosyncratic GARCH(1,1) t-innovation}, with hype episodes (memes, SocialFi, fresh
 * listings) and a pump-and-fade drift after a fresh listing. Pairs: BTCUSDT and ETHUSDT first, then alts,
 * SocialFi and meme names, a few thin pairs with wide spreads and shallow books (one refuses market orders),
 * fresh listings, and two pairs (slots 7 and 19) that are not API-tradable.
 *
 * <p>Time: bar {@code k} covers {@code [origin + k·step, origin + (k+1)·step)}; the origin lies
 * {@code history} before the clock's time at construction, so klines have history from the start. Bars are
 * generated lazily up to the clock's current time (advance a {@link io.ottertrend.time.SimulatedClock} to run
 * faster than real time), incrementally (40 bytes per bar per symbol, plus {@link BarAggregates} that make 24 h
 * statistics O(1) and keep only the last few day-long blocks: about 240 KB per symbol of 1m bars, 48 KB of 5m
 * bars), and each pair from its own random stream: the data are identical whatever the order of queries. Only
 * completed bars are ever shown.
 *
 * <p><b>Thread-safety:</b> safe for concurrent use. <b>Errors:</b> unknown symbols raise
 * {@link io.ottertrend.exchange.ExchangeException.UnknownSymbol}.
 */
public final class SyntheticMarket extends BarMarket {
  private final List<SymbolProfile> profiles;
  private final SyntheticPaths.MarketFactor market;
  private final SyntheticPaths.SymbolPath[] paths;
  private final SyntheticPaths.BarColumns[] columns;
  private final BarAggregates[] aggregates;
  private final BookShape[] shapes;
  private final long origin;
  private final double typicalAbsReturn;

  private SyntheticMarket(Builder b) {
    super(b.clock, b.seed, b.step.toMillis(), names(b));
    long step = b.step.toMillis();
    long historySteps = b.history.toMillis() / step;
    this.origin = Math.floorDiv(b.clock.millis(), step) * step - historySteps * step;
    this.profiles = SymbolProfile.generate(b.seed, b.symbols, b.quoteAsset, historySteps, step);
    this.market = new SyntheticPaths.MarketFactor(b.seed, step);
    this.paths = new SyntheticPaths.SymbolPath[b.symbols];
    this.columns = new SyntheticPaths.BarColumns[b.symbols];
    this.aggregates = new BarAggregates[b.symbols];
    this.shapes = new BookShape[b.symbols];
    int blockSize = BarAggregates.blockSizeFor(86_400_000L, step);
    for (int i = 0; i < b.symbols; i++) {
      SymbolProfile p = profiles.get(i);
      paths[i] = new SyntheticPaths.SymbolPath(p, b.seed, i, step);
      columns[i] = new SyntheticPaths.BarColumns();
      aggregates[i] = new BarAggregates(firstBar(p), blockSize, 256);
      shapes[i] = new BookShape(p.spreadFraction(), Math.max(p.spreadFraction() / 4, 0.00005), p.levelQuote(),
          p.maxLevels());
    }
    // E|t| for unit-variance t(5) is about 0.76; an "ALT" has about 1.0 annual volatility.
    this.typicalAbsReturn = 0.76 * Math.sqrt((double) step / SyntheticPaths.YEAR_MILLIS);
  }

  private static List<String> names(Builder b) {
    long step = b.step.toMillis();
    List<String> out = new ArrayList<>();
    for (SymbolProfile p : SymbolProfile.generate(b.seed, b.symbols, b.quoteAsset, b.history.toMillis() / step,
        step)) {
      out.add(p.symbol());
    }
    return out;
  }

  /** A builder: seed 7, 60 symbols, USDT, one-minute steps, three days of history, the system clock. */
  public static Builder builder() {
    return new Builder();
  }

  /** A market configured from {@code SYNTHETIC_SYMBOLS} and {@code QUOTE_ASSET}. */
  public static SyntheticMarket fromSettings(Settings settings, Clock clock, long seed) {
    return builder().seed(seed).symbols(settings.integer(Setting.SYNTHETIC_SYMBOLS))
        .quoteAsset(settings.string(Setting.QUOTE_ASSET)).clock(clock).build();
  }

  @Override
  public String id() {
    return "synthetic";
  }

  /** Epoch milliseconds of the first bar. */
  public long origin() {
    return origin;
  }

  /** Length of one base bar. */
  public Duration step() {
    return Duration.ofMillis(stepMillis);
  }

  @Override
  int symbolCount() {
    return profiles.size();
  }

  @Override
  SymbolRules rules(int s) {
    return profiles.get(s).rules();
  }

  @Override
  BookShape shape(int s) {
    return shapes[s];
  }

  @Override
  double spreadFraction(int s) {
    return shapes[s].spreadFraction();
  }

  /** Index of the first bar a symbol shows: its listing for a fresh listing, else the first bar. */
  private static int firstBar(SymbolProfile p) {
    return p.isFresh() ? (int) Math.min(p.listingOffsetSteps(), Integer.MAX_VALUE - 1) : 0;
  }

  @Override
  double typicalAbsReturn() {
    return typicalAbsReturn;
  }

  @Override
  boolean listed(int s, long now) {
    SymbolProfile p = profiles.get(s);
    return !p.isFresh() || now >= origin + p.listingOffsetSteps() * stepMillis;
  }

  @Override
  Bars bars(int s, long now) {
    long done = Math.floorDiv(now - origin, stepMillis);
    int completed = (int) Math.max(0, Math.min(Integer.MAX_VALUE - 1, done));
    ensure(s, completed);
    SyntheticPaths.BarColumns.Snapshot c = columns[s].snapshot();
    BarAggregates a = aggregates[s];
    int first = Math.min(firstBar(profiles.get(s)), completed);
    long o = origin;
    long step = stepMillis;
    return new Bars() {
      @Override
      public int first() {
        return first;
      }

      @Override
      public int completed() {
        return completed;
      }

      @Override
      public long openTime(int i) {
        return o + i * step;
      }

      @Override
      public double open(int i) {
        return c.get(0, i);
      }

      @Override
      public double high(int i) {
        return c.get(1, i);
      }

      @Override
      public double low(int i) {
        return c.get(2, i);
      }

      @Override
      public double close(int i) {
        return c.get(3, i);
      }

      @Override
      public double volume(int i) {
        return c.get(4, i);
      }

      @Override
      public BarAggregates aggregates() {
        return a;
      }
    };
  }

  /**
   * Generates symbol {@code s} up to {@code steps} bars. The path's lock guards the generation and the aggregates;
   * each bar's aggregates are written before the bar is published, so a reader that sees the bar sees them.
   */
  private void ensure(int s, int steps) {
    SyntheticPaths.BarColumns c = columns[s];
    if (c.count() >= steps) {
      return;
    }
    market.ensure(steps);
    SyntheticPaths.SymbolPath path = paths[s];
    BarAggregates a = aggregates[s];
    synchronized (path) {
      double[] bar = new double[5];
      for (int k = c.count(); k < steps; k++) {
        path.next(k, market.returnAt(k), market.stressedAt(k), bar);
        if (k >= a.base(0)) {
          a.append(0, bar[1], bar[2], bar[3], bar[4]);
        }
        c.add(bar);
      }
    }
  }

  /** Per-bar columns the aggregates of symbol {@code s} hold now (bounded; for tests). */
  int retainedAggregateBars(int s) {
    return aggregates[s].retainedBars();
  }

  /** The symbols a market of {@code symbols} pairs built from {@code seed} lists, in order. */
  public static List<String> symbolNames(long seed, int symbols, String quoteAsset) {
    List<String> out = new ArrayList<>();
    for (SymbolProfile p : SymbolProfile.generate(seed, symbols, quoteAsset, 0, 60_000)) {
      out.add(p.symbol());
    }
    return out;
  }

  /** Receives generated history, one symbol at a time. */
  @FunctionalInterface
  public interface HistorySink {
    /**
     * One symbol's bars; arrays are owned by the caller afterwards. Fresh listings start at their listing.
     *
     * @param rules the symbol's rules
     */
    void accept(SymbolRules rules, long[] openTime, double[] open, double[] high, double[] low, double[] close,
        double[] volume);
  }

  /**
   * Streams {@code steps} bars of {@code step} for {@code symbols} pairs ending just before {@code end}, without
   * keeping more than one symbol in memory: the engine of {@code ottertrend data synth}. The same seed gives the
   * same data.
   */
  public static void generateHistory(long seed, int symbols, String quoteAsset, long end, Duration step, int steps,
      HistorySink sink) {
    Objects.requireNonNull(sink, "sink");
    long stepMillis = step.toMillis();
    long origin = Math.floorDiv(end, stepMillis) * stepMillis - (long) steps * stepMillis;
    List<SymbolProfile> profiles = SymbolProfile.generate(seed, symbols, quoteAsset, steps, stepMillis);
    SyntheticPaths.MarketFactor market = new SyntheticPaths.MarketFactor(seed, stepMillis);
    market.ensure(steps);
    double[] bar = new double[5];
    for (int s = 0; s < symbols; s++) {
      SymbolProfile p = profiles.get(s);
      SyntheticPaths.SymbolPath path = new SyntheticPaths.SymbolPath(p, seed, s, stepMillis);
      int first = p.isFresh() ? (int) Math.min(p.listingOffsetSteps(), steps) : 0;
      int n = steps - first;
      long[] t = new long[n];
      double[] o = new double[n];
      double[] h = new double[n];
      double[] l = new double[n];
      double[] c = new double[n];
      double[] v = new double[n];
      for (int k = 0; k < steps; k++) {
        path.next(k, market.returnAt(k), market.stressedAt(k), bar);
        int j = k - first;
        if (j >= 0) {
          t[j] = origin + k * stepMillis;
          o[j] = bar[0];
          h[j] = bar[1];
          l[j] = bar[2];
          c[j] = bar[3];
          v[j] = bar[4];
        }
      }
      sink.accept(p.rules(), t, o, h, l, c, v);
    }
  }

  /** Builder of {@link SyntheticMarket}. Not thread-safe. */
  public static final class Builder {
    private long seed = 7;
    private int symbols = 60;
    private String quoteAsset = "USDT";
    private Clock clock = Clock.system();
    private Duration step = Duration.ofMinutes(1);
    private Duration history = Duration.ofDays(3);

    private Builder() {}

    public Builder seed(long v) {
      this.seed = v;
      return this;
    }

    /** Number of pairs, 2 to 10,000. */
    public Builder symbols(int v) {
      if (v < 2 || v > 10_000) {
        throw new IllegalArgumentException("synthetic symbols must be 2..10000: " + v);
      }
      this.symbols = v;
      return this;
    }

    public Builder quoteAsset(String v) {
      this.quoteAsset = Objects.requireNonNull(v, "quoteAsset");
      return this;
    }

    public Builder clock(Clock v) {
      this.clock = Objects.requireNonNull(v, "clock");
      return this;
    }

    /** Base bar length: a whole number of minutes (klines are served at this interval and coarser). */
    public Builder step(Duration v) {
      if (v.toMillis() < 60_000 || v.toMillis() % 60_000 != 0) {
        throw new IllegalArgumentException("synthetic step must be a whole number of minutes: " + v);
      }
      this.step = v;
      return this;
    }

    /** How much history exists before the clock's time at construction. */
    public Builder history(Duration v) {
      if (v.isNegative()) {
        throw new IllegalArgumentException("history must be >= 0: " + v);
      }
      this.history = v;
      return this;
    }

    public SyntheticMarket build() {
      return new SyntheticMarket(this);
    }
  }
}
