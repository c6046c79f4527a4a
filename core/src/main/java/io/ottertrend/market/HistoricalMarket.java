package io.ottertrend.market;

import io.ottertrend.data.BarSeries;
import io.ottertrend.data.BarStore;
import io.ottertrend.model.Interval;
import io.ottertrend.model.SymbolRules;
import io.ottertrend.time.Clock;
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
 * once, at construction (48 bytes per bar); their {@link BarAggregates}, for O(1) 24 h statistics, are built as
 * the clock reaches the bars and keep only the last few blocks (about 48 KB per symbol of 5m bars, whatever the
 * length of the history). Statistics of a time before the newest the clock reached rescan the bars.
 * <b>Thread-safety:</b> safe for concurrent use: the series are immutable, each symbol's aggregates are extended
 * under that symbol's lock and published through a volatile count.
 */
public final class HistoricalMarket extends BarMarket {
  private final List<BarSeries> series;
  private final List<SymbolRules> rules;
  private final List<BookShape> shapes;
  private final Replay[] replays;

  private HistoricalMarket(Clock clock, Interval interval, List<String> symbols, List<BarSeries> series,
      String quote, double spread) {
    super(clock, 17, interval.millis(), symbols);
    this.series = List.copyOf(series);
    this.rules = new ArrayList<>();
    this.shapes = new ArrayList<>();
    this.replays = new Replay[symbols.size()];
    int blockSize = BarAggregates.blockSizeFor(86_400_000L, interval.millis());
    for (int i = 0; i < symbols.size(); i++) {
      BarSeries s = series.get(i);
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
      replays[i] = new Replay(s, blockSize);
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
    List<BarSeries> loaded = new ArrayList<>();
    for (String s : names) {
      loaded.add(store.load(s, interval));
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
   * completed index: a clock that moves forward advances it in O(1) per new bar). This object's lock guards the
   * appending; readers learn of appended bars through the volatile count, written after the aggregates.
   */
  private static final class Replay {
    final BarSeries series;
    final long[] openTimes;
    final BarAggregates aggregates;
    private volatile int appended;
    // The last view handed out, reused while the completed index stays the same. Not volatile: a view is
    // immutable (final fields), so a reader that sees a stale or racing one still sees it whole and checks it.
    SeriesBars lastView;

    Replay(BarSeries series, int blockSize) {
      this.series = series;
      this.openTimes = series.openTimes();
      this.aggregates = new BarAggregates(0, blockSize, 0);
    }

    /** Bars complete when the newest may open at {@code lastOpen}: they open at or before it. */
    int completedAt(long lastOpen) {
      int k = appended;
      if (k < series.size() && openTimes[k] <= lastOpen) {
        k = appendThrough(lastOpen);
      }
      // Now k >= the answer; usually the clock is at the frontier and k is it, else it went back in time.
      return k == 0 || openTimes[k - 1] <= lastOpen ? k : series.lowerBound(lastOpen + 1);
    }

    /** Appends the bars opening at or before {@code lastOpen}; answers the appended count (maybe more if raced). */
    private synchronized int appendThrough(long lastOpen) {
      int k = appended;
      BarSeries b = series;
      while (k < b.size() && openTimes[k] <= lastOpen) {
        aggregates.append(b.high(k), b.low(k), b.close(k), b.volume(k));
        k++;
      }
      appended = k;
      return k;
    }
  }

  /** The bars of one symbol visible at some time: the first {@code completed} of its series. */
  private static final class SeriesBars implements Bars {
    private final BarSeries series;
    private final BarAggregates aggregates;
    final int completed;

    SeriesBars(BarSeries series, BarAggregates aggregates, int completed) {
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
