package io.ottertrend.market;

import io.ottertrend.data.BarStore;
import io.ottertrend.model.Interval;
import io.ottertrend.model.SymbolRules;
import io.ottertrend.time.Clock;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * A market replaying stored bars (for backtests): at clock time {@code t} it shows the bars that closed at or
 * before {@code t}; klines are served at the stored interval and coarser; books are synthesised around the
 * last close with a fixed relative spread and a depth proportional to the average traded value per bar.
 * Resting limit orders filled against it are conservative: a bar's range counts only once the bar is
 * complete and only when it began at or after the order's last check, and the paper exchange requires the
 * price to trade <i>through</i> the limit.
 *
 * <p>Symbol rules are derived from the first close (about six significant digits of price). Bars are loaded
 * once, at construction (48 bytes per bar, packed bar by bar: see {@link PackedBars}); their {@link BarAggregates},
 * for O(1) 24 h statistics, are built as the clock reaches the bars and keep only the last few blocks (about 48 KB
 * per symbol of 5m bars, whatever the length of the history). Statistics of a time before the newest the clock
 * reached rescan the bars.
 * <b>Thread-safety:</b> safe for concurrent use: the series are immutable, the aggregates are extended under the
 * market's append lock and each symbol's are published through a volatile count.
 */
public final class HistoricalMarket extends BarMarket {
  private final List<PackedBars> series;
  private final double spread;
  private final List<SymbolRules> rules;
  private final List<BookShape> shapes;
  private final Replay[] replays;
  // Guards the appending of every symbol's aggregates (see Replay).
  private final Object appendLock;

  private HistoricalMarket(Clock clock, Interval interval, List<String> symbols, List<PackedBars> series,
      String quote, double spread) {
    super(clock, 17, interval.millis(), symbols);
    this.series = List.copyOf(series);
    this.spread = spread;
    this.rules = new ArrayList<>();
    this.shapes = new ArrayList<>();
    this.replays = new Replay[symbols.size()];
    this.appendLock = new Object();
    int blockSize = BarAggregates.blockSizeFor(86_400_000L, interval.millis());
    for (int i = 0; i < symbols.size(); i++) {
      PackedBars s = series.get(i);
      String sym = symbols.get(i);
      String base = sym.endsWith(quote) && sym.length() > quote.length()
          ? sym.substring(0, sym.length() - quote.length()) : sym;
      double price = s.isEmpty() ? 1 : s.close(0);
      rules.add(SymbolProfile.rulesFor(base, quote, price).build());
      double quotePerBar = 0;
      for (int k = 0; k < s.size(); k++) {
        quotePerBar += s.quoteVolume(k);
      }
      quotePerBar = s.isEmpty() ? 1000 : quotePerBar / s.size();
      shapes.add(new BookShape(spread, spread / 4, Math.max(10, quotePerBar / 10), 100));
      replays[i] = new Replay(s, blockSize, appendLock);
    }
  }

  /**
   * Loads {@code symbols} (every stored symbol of {@code interval} when empty) from {@code store}.
   *
   * @param spreadFraction relative bid/ask spread of the synthesised books, e.g. {@code 0.001}
   */
  public static HistoricalMarket load(BarStore store, Interval interval, List<String> symbols, Clock clock,
      String quoteAsset, double spreadFraction) {
    Objects.requireNonNull(clock, "clock");
    List<String> names = new ArrayList<>(symbols);
    if (names.isEmpty()) {
      for (BarStore.SeriesInfo info : store.list()) {
        if (info.interval() == interval) {
          names.add(info.symbol());
        }
      }
    }
    List<PackedBars> loaded = new ArrayList<>();
    for (String s : names) {
      loaded.add(PackedBars.of(store.load(s, interval))); // one series' columns at a time on top of the packed bars
    }
    return new HistoricalMarket(clock, interval, names, loaded, quoteAsset, spreadFraction);
  }

  @Override
  public String id() {
    return "history";
  }

  @Override
  int symbolCount() {
    return series.size();
  }

  @Override
  SymbolRules rules(int s) {
    return rules.get(s);
  }

  @Override
  BookShape shape(int s) {
    return shapes.get(s);
  }

  @Override
  double spreadFraction(int s) {
    return spread; // every book has the same shape's spread; a field, not a walk to each symbol's shape
  }

  /**
   * Appends the bars every symbol completed by {@code now} under one acquisition of the append lock: a board reads
   * every symbol, and a lock (a fenced atomic instruction) per symbol would make each symbol's memory accesses wait
   * for the previous symbol's.
   */
  @Override
  void prepareBars(long now) {
    long lastOpen = now - stepMillis;
    synchronized (appendLock) {
      for (Replay r : replays) {
        if (r.hasBarsThrough(lastOpen)) {
          r.appendThrough(lastOpen);
        }
      }
    }
  }

  @Override
  Bars bars(int s, long now) {
    Replay r = replays[s];
    int completed = r.completedAt(now - stepMillis);
    SeriesBars view = r.lastView;
    if (view == null || view.completed != completed) {
      view = new SeriesBars(r.series, r.aggregates, completed);
      r.lastView = view;
    }
    return view;
  }

  /**
   * One symbol's stored bars and the aggregates built from them as the clock reaches them. The aggregates hold
   * the bars that were complete at the latest clock time seen ({@code appended}, which doubles as the cache of the
   * completed index: a clock that moves forward advances it in O(1) per new bar). The market's append lock (one for
   * all symbols, {@code lock}) guards the appending; readers learn of appended bars through the volatile count,
   * written after the aggregates with release semantics: that orders it after them as a volatile write would,
   * without the full fence, which would make every symbol's append wait for its stores to reach memory.
   */
  private static final class Replay {
    private static final VarHandle APPENDED;

    static {
      try {
        APPENDED = MethodHandles.lookup().findVarHandle(Replay.class, "appended", int.class);
      } catch (ReflectiveOperationException e) {
        throw new ExceptionInInitializerError(e);
      }
    }

    final PackedBars series;
    final BarAggregates aggregates;
    private final Object lock;
    private volatile int appended;
    // The last view handed out, reused while the completed index stays the same. Not volatile: a view is
    // immutable (final fields), so a reader that sees a stale or racing one still sees it whole and checks it.
    SeriesBars lastView;

    Replay(PackedBars series, int blockSize, Object lock) {
      this.series = series;
      this.lock = lock;
      this.aggregates = new BarAggregates(0, blockSize, 0);
    }

    /** Bars complete when the newest may open at {@code lastOpen}: they open at or before it. */
    int completedAt(long lastOpen) {
      int k = appended;
      if (k < series.size() && series.openTime(k) <= lastOpen) {
        synchronized (lock) {
          k = appendThrough(lastOpen);
        }
      }
      // Now k >= the answer; usually the clock is at the frontier and k is it, else it went back in time.
      return k == 0 || series.openTime(k - 1) <= lastOpen ? k : series.lowerBound(lastOpen + 1);
    }

    /** True when bars opening at or before {@code lastOpen} remain to be appended. */
    boolean hasBarsThrough(long lastOpen) {
      int k = appended;
      return k < series.size() && series.openTime(k) <= lastOpen;
    }

    /**
     * Appends the bars opening at or before {@code lastOpen}; answers the appended count (maybe more if raced).
     * Call holding {@code lock}.
     */
    int appendThrough(long lastOpen) {
      int k = appended;
      PackedBars b = series;
      while (k < b.size() && b.openTime(k) <= lastOpen) {
        aggregates.append(b.high(k), b.low(k), b.close(k), b.volume(k));
        k++;
      }
      APPENDED.setRelease(this, k);
      return k;
    }
  }

  /** The bars of one symbol visible at some time: the first {@code completed} of its series. */
  private static final class SeriesBars implements Bars {
    private final PackedBars series;
    private final BarAggregates aggregates;
    final int completed;

    SeriesBars(PackedBars series, BarAggregates aggregates, int completed) {
      this.series = series;
      this.aggregates = aggregates;
      this.completed = completed;
    }

    @Override
    public int first() {
      return 0;
    }

    @Override
    public int completed() {
      return completed;
    }

    @Override
    public long openTime(int i) {
      return series.openTime(i);
    }

    @Override
    public double open(int i) {
      return series.open(i);
    }

    @Override
    public double high(int i) {
      return series.high(i);
    }

    @Override
    public double low(int i) {
      return series.low(i);
    }

    @Override
    public double close(int i) {
      return series.close(i);
    }

    @Override
    public double volume(int i) {
      return series.volume(i);
    }

    @Override
    public BarAggregates aggregates() {
      return aggregates;
    }
  }

  /** Per-bar columns the aggregates of symbol {@code s} hold now (bounded; for tests). */
  int retainedAggregateBars(int s) {
    return replays[s].aggregates.retainedBars();
  }
}
