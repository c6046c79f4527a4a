package io.ottertrend.market;

import io.ottertrend.data.BarSeries;
import io.ottertrend.data.BarStore;
import io.ottertrend.model.Interval;
import io.ottertrend.model.QuoteBoard;
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
 * once, at construction, time-major: the bars of every symbol for one time step side by side, 48 bytes per bar
 * (see {@link PackedBars}). Their {@link BarAggregates}, for O(1) 24 h statistics, are one time-major ring for all
 * symbols (each symbol a lane, phased by its place in time), built as the clock reaches the bars; they keep only the
 * last few blocks (about 41 KB per symbol of 5m bars, whatever the length of the history). Statistics of a time
 * before the newest the clock reached rescan the bars. So a board ({@link #quotes()}) streams through one row of
 * bars at the frontier, two a day back and a few rows of aggregates, instead of a dozen arrays per symbol; it reads
 * the bars directly, without a view object per symbol.
 *
 * <p><b>Thread-safety:</b> safe for concurrent use: the bars are immutable, the aggregates are extended under the
 * market's append lock and each symbol's appended count is published with a release store after its aggregates.
 */
public final class HistoricalMarket extends BarMarket {
  private static final VarHandle INTS = MethodHandles.arrayElementVarHandle(int[].class);

  private final PackedBars bars;
  private final double spread;
  private final List<SymbolRules> rules;
  private final List<BookShape> shapes;
  private final BarAggregates aggregates;
  // Per symbol, the bars appended to the aggregates: those complete at the latest clock time seen, which doubles as
  // the cache of the completed index (a clock moving forward advances it in O(1) per new bar). Written under the
  // append lock with release semantics, after the aggregates; read with acquire semantics.
  private final int[] appended;
  // The rescan of each symbol's bars, for windows the aggregates no longer hold; one per symbol, built once.
  private final Lane[] lanes;
  // Guards the appending to every symbol's aggregates.
  private final Object appendLock = new Object();

  private HistoricalMarket(Clock clock, Interval interval, List<String> symbols, PackedBars bars, String quote,
      double spread) {
    super(clock, 17, interval.millis(), symbols);
    this.bars = bars;
    this.spread = spread;
    this.rules = new ArrayList<>();
    this.shapes = new ArrayList<>();
    int n = symbols.size();
    this.appended = new int[n];
    this.lanes = new Lane[n];
    // The absolute returns widen spreads only where a typical return is known, never here: not kept.
    this.aggregates = new BarAggregates(Math.max(1, n), BarAggregates.blockSizeFor(86_400_000L, interval.millis()),
        typicalAbsReturn() > 0);
    for (int s = 0; s < n; s++) {
      String sym = symbols.get(s);
      String base = sym.endsWith(quote) && sym.length() > quote.length()
          ? sym.substring(0, sym.length() - quote.length()) : sym;
      int size = bars.size(s);
      double price = size == 0 ? 1 : bars.close(s, 0);
      rules.add(SymbolProfile.rulesFor(base, quote, price).build());
      double quotePerBar = 0;
      for (int k = 0; k < size; k++) {
        quotePerBar += bars.quoteVolume(s, k);
      }
      quotePerBar = size == 0 ? 1000 : quotePerBar / size;
      shapes.add(new BookShape(spread, spread / 4, Math.max(10, quotePerBar / 10), 100));
      aggregates.setPhase(s, bars.offset(s));
      lanes[s] = new Lane(bars, s);
    }
  }

  /**
   * Loads {@code symbols} (every stored symbol of {@code interval} when empty) from {@code store}: the layout from
   * the store's index, then one series at a time into it, so only one series' columns are in memory besides the
   * packed bars.
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
    int n = names.size();
    int[] sizes = new int[n];
    long[] firsts = new long[n];
    for (int s = 0; s < n; s++) {
      BarStore.SeriesInfo info = store.info(names.get(s), interval).orElse(null);
      if (info != null) {
        sizes[s] = Math.toIntExact(info.bars());
        firsts[s] = info.firstOpenTime();
      }
    }
    PackedBars.Builder layout = PackedBars.layout(sizes, firsts, interval.millis());
    for (int s = 0; s < n; s++) {
      BarSeries series = sizes[s] == 0 ? BarSeries.empty() : store.load(names.get(s), interval);
      layout.put(s, series);
    }
    return new HistoricalMarket(clock, interval, names, layout.build(), quoteAsset, spreadFraction);
  }

  @Override
  public String id() {
    return "history";
  }

  @Override
  int symbolCount() {
    return bars.symbols();
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
   * {@link BarMarket#quotes()} read straight from the time-major bars and aggregates. First, under one acquisition
   * of the append lock (a lock per symbol would make each symbol's memory accesses wait for the previous symbol's
   * fenced instruction), every symbol's bars completed by now are appended to the aggregates — one ring row for all
   * symbols that step together — and its completed count found; then the quotes of the symbols that have traded,
   * each from the frontier row, the rows a day back and the aggregates, into columns of exactly their number. The
   * same arithmetic as the generic board.
   */
  @Override
  public QuoteBoard quotes() {
    long now = clock.millis();
    long lastOpen = now - stepMillis;
    int n = bars.symbols();
    int[] traded = new int[n];
    int[] ends = new int[n];
    int count = 0;
    synchronized (appendLock) {
      for (int s = 0; s < n; s++) {
        int end = completed(s, appendThrough(s, lastOpen), lastOpen);
        if (end > 0) {
          traded[count] = s;
          ends[count++] = end;
        }
      }
    }
    BoardColumns columns = new BoardColumns(count);
    long since = now - DAY_MILLIS;
    for (int j = 0; j < count; j++) {
      int s = traded[j];
      int end = ends[j];
      int from = dayStart(s, end, since);
      Lane lane = lanes[s];
      putQuote(columns, j, s, bars.close(s, end - 1), bars.open(s, from),
          volatilityMultiplier(aggregates, s, lane, 0, end), aggregates.quoteVolume(s, lane, from, end));
    }
    return board(now, traded, count, columns);
  }

  /**
   * {@link BarMarket#dayStart} on the packed bars: the first bar opening at or after {@code since}, or the last
   * bar when none did; usually a day's worth of bars back, checked in O(1), else a binary search.
   */
  private int dayStart(int s, int end, long since) {
    int guess = Math.max(0, end - dayBars);
    boolean exact = bars.openTime(s, guess) >= since && (guess == 0 || bars.openTime(s, guess - 1) < since);
    // A search of the whole series finds the same first bar as one of [0, end) when there is one, else one at or
    // after end, which the minimum turns into end - 1 as well.
    int start = exact ? guess : bars.lowerBound(s, since);
    return Math.min(end - 1, start);
  }

  @Override
  Bars bars(int s, long now) {
    long lastOpen = now - stepMillis;
    int k = (int) INTS.getAcquire(appended, s);
    if (k < bars.size(s) && bars.openTime(s, k) <= lastOpen) {
      synchronized (appendLock) {
        k = appendThrough(s, lastOpen);
      }
    }
    return new SeriesBars(lanes[s], aggregates, completed(s, k, lastOpen));
  }

  /**
   * Bars of symbol {@code s} complete when the newest may open at {@code lastOpen}, given {@code appended} ({@code
   * >=} the answer): usually the clock is at the frontier and that is the answer, else it went back in time.
   */
  private int completed(int s, int appended, long lastOpen) {
    return appended == 0 || bars.openTime(s, appended - 1) <= lastOpen
        ? appended : bars.lowerBound(s, lastOpen + 1);
  }

  /**
   * Appends symbol {@code s}'s bars opening at or before {@code lastOpen} to the aggregates and answers the appended
   * count. Call holding the append lock. Reads the records in place, row after row (a chunk at a time).
   */
  private int appendThrough(int s, long lastOpen) {
    int k = appended[s];
    int size = bars.size(s);
    if (k >= size) {
      return k;
    }
    int row = bars.row(s, k);
    PackedBars.Chunk chunk = bars.chunk(row);
    long[] cells = chunk.cells;
    int at = chunk.record(row, s);
    int start = k;
    while (cells[at + PackedBars.OPEN_TIME] <= lastOpen) {
      aggregates.append(s, Double.longBitsToDouble(cells[at + PackedBars.HIGH]),
          Double.longBitsToDouble(cells[at + PackedBars.LOW]), Double.longBitsToDouble(cells[at + PackedBars.CLOSE]),
          PackedBars.volumeOf(cells[at + PackedBars.VOLUMES]));
      if (++k == size) {
        break;
      }
      row++;
      if ((row & (PackedBars.CHUNK_ROWS - 1)) == 0) {
        chunk = bars.chunk(row);
        cells = chunk.cells;
      }
      at = chunk.record(row, s);
    }
    if (k != start) {
      INTS.setRelease(appended, s, k);
    }
    return k;
  }

  /** Symbol {@code s}'s bars for a rescan: the packed bars of one symbol, stable, read by bar index. */
  private static final class Lane implements BarAggregates.Rescan {
    final PackedBars bars;
    final int s;

    Lane(PackedBars bars, int s) {
      this.bars = bars;
      this.s = s;
    }

    @Override
    public double high(int i) {
      return bars.high(s, i);
    }

    @Override
    public double low(int i) {
      return bars.low(s, i);
    }

    @Override
    public double close(int i) {
      return bars.close(s, i);
    }

    @Override
    public double volume(int i) {
      return bars.volume(s, i);
    }
  }

  /** The bars of one symbol visible at some time: the first {@code completed} of its series. */
  private static final class SeriesBars implements Bars {
    private final Lane lane;
    private final BarAggregates aggregates;
    private final int completed;

    SeriesBars(Lane lane, BarAggregates aggregates, int completed) {
      this.lane = lane;
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
      return lane.bars.openTime(lane.s, i);
    }

    @Override
    public double open(int i) {
      return lane.bars.open(lane.s, i);
    }

    @Override
    public double high(int i) {
      return lane.high(i);
    }

    @Override
    public double low(int i) {
      return lane.low(i);
    }

    @Override
    public double close(int i) {
      return lane.close(i);
    }

    @Override
    public double volume(int i) {
      return lane.volume(i);
    }

    @Override
    public BarAggregates aggregates() {
      return aggregates;
    }

    @Override
    public int lane() {
      return lane.s;
    }
  }

  /** Per-bar values the aggregates of symbol {@code s} hold now (bounded; for tests). */
  int retainedAggregateBars(int s) {
    return aggregates.retainedBars();
  }
}
