package io.ottertrend.market;

import io.ottertrend.exchange.ExchangeException;
import io.ottertrend.model.BookLevel;
import io.ottertrend.model.BookTicker;
import io.ottertrend.model.Candle;
import io.ottertrend.model.Decimals;
import io.ottertrend.model.Interval;
import io.ottertrend.model.OrderBook;
import io.ottertrend.model.PublicTrade;
import io.ottertrend.model.QuoteBoard;
import io.ottertrend.model.SymbolRules;
import io.ottertrend.model.Ticker;
import io.ottertrend.time.Clock;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SplittableRandom;

/**
 * A market served from base bars (one bar per base step): tickers, books, klines at coarser MEXC intervals,
 * trades and traded ranges are all derived from the completed base bars at the clock's time, so nothing ever
 * shows the future. Books and trades are synthesised deterministically from a seed, the symbol and the bar
 * index, whatever the query order.
 *
 * <p>24 h statistics cost O(1) per symbol: the bars carry {@link BarAggregates} (running sums and block-wise
 * highs and lows over the last few day-long blocks) that their owner extends as bars become available;
 * {@link #quotes()} reads them into columns without building tickers. A window that reaches further back than the
 * aggregates keep (a query back in time) is rescanned from the bars, with the same result.
 *
 * <p>Thread-safety: safe for concurrent use. Subclasses guard their bar storage and its aggregates with the lock of
 * their bar generation; this class only holds caches of immutable facts (ticks and steps, the last board's
 * symbols) in volatile fields, replaced whole.
 */
abstract class BarMarket implements MarketSource {
  private static final long DAY = 86_400_000L;

  /** Read access to one symbol's base bars. Indexes are 0-based; only {@code [first, completed)} is visible. */
  interface Bars extends BarAggregates.Rescan {
    int first();

    int completed();

    long openTime(int i);

    double open(int i);

    /** Window statistics of these bars in O(1), in lane {@link #lane()}; covers at least {@code [first, completed)}. */
    BarAggregates aggregates();

    /** The lane of {@link #aggregates()} that holds these bars. */
    default int lane() {
      return 0;
    }
  }

  /** How the synthesised book of a symbol looks. */
  record BookShape(double spreadFraction, double levelGapFraction, double levelQuote, int maxLevels) {}

  protected final Clock clock;
  protected final long seed;
  protected final long stepMillis;
  static final long DAY_MILLIS = DAY;
  // Base steps in a day, rounded up: how far back a 24 h window starts (worked out once, a 64-bit division).
  final int dayBars;
  private final Map<String, Integer> index = new HashMap<>();
  // Caches of immutable facts, rebuilt whole when missing or stale: a race only builds them twice.
  private volatile BoardLayout boardLayout;
  private volatile Increments[] increments;

  /**
   * A symbol's tick and step as a {@code double} and as decimals for {@link DecimalRounding} (-1: not 10^-d), and
   * the ticks per unit of {@link #ticks} worked out once rather than for every quote.
   */
  private record Increments(double tick, int tickDecimals, int stepDecimals, double ticksPerUnit,
      boolean wholeTicksPerUnit) {
    Increments(double tick, int tickDecimals, int stepDecimals) {
      this(tick, tickDecimals, stepDecimals, 1 / tick, 1 / tick == Math.rint(1 / tick));
    }

    /** {@link #floorToTick}, the same arithmetic. */
    double floor(double x) {
      return ticks(Math.floor(x / tick + 1e-9));
    }

    /** {@link #ceilToTick}, the same arithmetic. */
    double ceil(double x) {
      return ticks(Math.ceil(x / tick - 1e-9));
    }

    private double ticks(double count) {
      return wholeTicksPerUnit ? count / ticksPerUnit : count * tick;
    }
  }

  /** Which symbols a quote board lists, in order, and their entries; shared by boards while it stays the same. */
  private record BoardLayout(int[] ids, String[] symbols, Map<String, Integer> index) {}

  BarMarket(Clock clock, long seed, long stepMillis, List<String> symbols) {
    this.clock = clock;
    this.seed = seed;
    this.stepMillis = stepMillis;
    this.dayBars = (int) Math.ceilDiv(DAY, stepMillis);
    for (int i = 0; i < symbols.size(); i++) {
      index.put(symbols.get(i), i);
    }
  }

  /** Bars of symbol {@code s} visible at {@code now} (generated or loaded as needed). */
  abstract Bars bars(int s, long now);

  abstract SymbolRules rules(int s);

  abstract BookShape shape(int s);

  abstract int symbolCount();

  /** True when the symbol is listed at {@code now} (fresh listings appear at their listing time). */
  boolean listed(int s, long now) {
    return true;
  }

  @Override
  public long now() {
    return clock.millis();
  }

  final int symbolIndex(String symbol) {
    Integer s = index.get(symbol);
    if (s == null || !listed(s, clock.millis())) {
      throw new ExchangeException.UnknownSymbol("Invalid symbol: " + symbol + " is not listed on the " + id()
          + " market; list symbols with symbolRules()", -1121);
    }
    return s;
  }

  @Override
  public List<SymbolRules> symbolRules() {
    long now = clock.millis();
    List<SymbolRules> out = new ArrayList<>();
    for (int s = 0; s < symbolCount(); s++) {
      if (listed(s, now)) {
        out.add(rules(s));
      }
    }
    return out;
  }

  @Override
  public Optional<SymbolRules> symbolRules(String symbol) {
    Integer s = index.get(symbol);
    return s == null || !listed(s, clock.millis()) ? Optional.empty() : Optional.of(rules(s));
  }

  @Override
  public List<Ticker> tickers() {
    long now = clock.millis();
    List<Ticker> out = new ArrayList<>();
    for (int s = 0; s < symbolCount(); s++) {
      if (listed(s, now)) {
        Ticker t = ticker(s, now);
        if (t != null) {
          out.add(t);
        }
      }
    }
    return out;
  }

  /**
   * The statistics of {@link #tickers()} in columns, in the same order, in O(1) per symbol and without building a
   * ticker: prices are the unrounded last close and the {@link #bookTicker} rule in {@code double} (within one
   * tick of the ticker's), {@link QuoteBoard#ticker(int)} builds the exact {@link #ticker(String)} of the board's
   * time on demand. Two passes: which symbols have traded (their bars at {@code now}), then their quotes into
   * columns of exactly that size. A subclass may read its bars more directly ({@link HistoricalMarket}) with
   * {@link #putQuote} and {@link #board}.
   */
  @Override
  public QuoteBoard quotes() {
    long now = clock.millis();
    int n = symbolCount();
    int[] traded = new int[n];
    Bars[] views = new Bars[n];
    int count = 0;
    for (int s = 0; s < n; s++) {
      if (listed(s, now)) {
        Bars b = bars(s, now);
        if (b.completed() > b.first()) {
          traded[count] = s;
          views[count++] = b;
        }
      }
    }
    BoardColumns columns = new BoardColumns(count);
    for (int j = 0; j < count; j++) {
      Bars b = views[j];
      int end = b.completed();
      int from = dayStart(b, end, now);
      putQuote(columns, j, traded[j], b.close(end - 1), b.open(from), volatilityMultiplier(b, end),
          b.aggregates().quoteVolume(b.lane(), b, from, end));
    }
    return board(now, traded, count, columns);
  }

  /**
   * Entry {@code j} of a board: symbol {@code s}, whose last close is {@code close}, whose 24 h window opened at
   * {@code dayOpen} and traded {@code quoteVolume}, with its spread widened by {@code spreadMultiplier}.
   */
  final void putQuote(BoardColumns c, int j, int s, double close, double dayOpen, double spreadMultiplier,
      double quoteVolume) {
    double spread = spreadFraction(s) * spreadMultiplier;
    Increments inc = increments(s);
    double tick = inc.tick();
    c.last[j] = close;
    c.bid[j] = Math.max(inc.floor(close * (1 - spread / 2)), tick);
    c.ask[j] = Math.max(inc.ceil(close * (1 + spread / 2)), c.bid[j] + tick);
    c.change[j] = changeFraction(dayOpen, close);
    c.quoteVolume[j] = quoteVolume;
  }

  /** The board of the symbols {@code traded[0, count)} at {@code now}, whose quotes {@code columns} hold. */
  final QuoteBoard board(long now, int[] traded, int count, BoardColumns columns) {
    BoardLayout layout = layoutOf(traded, count);
    int[] ids = layout.ids();
    return QuoteBoard.ofColumns(now, layout.symbols(), layout.index(), columns.last, columns.bid, columns.ask,
        columns.change, columns.quoteVolume, i -> ticker(ids[i], now));
  }

  /** The columns of a board being filled: one entry per traded symbol. */
  static final class BoardColumns {
    final double[] last;
    final double[] bid;
    final double[] ask;
    final double[] change;
    final double[] quoteVolume;

    BoardColumns(int n) {
      last = new double[n];
      bid = new double[n];
      ask = new double[n];
      change = new double[n];
      quoteVolume = new double[n];
    }
  }

  /**
   * The symbols and index of a board of the symbols {@code traded[0, count)}: the previous board's when they are the
   * same, so that readers can key caches by the shared array, else a new layout.
   */
  private BoardLayout layoutOf(int[] traded, int count) {
    BoardLayout cached = boardLayout;
    if (cached != null && Arrays.equals(cached.ids(), 0, cached.ids().length, traded, 0, count)) {
      return cached;
    }
    int[] ids = Arrays.copyOf(traded, count);
    String[] symbols = new String[count];
    Map<String, Integer> entries = new HashMap<>(Math.max(4, count * 2));
    for (int j = 0; j < count; j++) {
      symbols[j] = rules(ids[j]).symbol();
      entries.put(symbols[j], j);
    }
    BoardLayout layout = new BoardLayout(ids, symbols, Map.copyOf(entries));
    boardLayout = layout;
    return layout;
  }

  /** Tick and step of symbol {@code s}; rules never change, so they are read once. */
  private Increments increments(int s) {
    Increments[] all = increments;
    if (all == null) {
      all = new Increments[symbolCount()];
      for (int k = 0; k < all.length; k++) {
        SymbolRules r = rules(k);
        all[k] = new Increments(r.tickSize().doubleValue(), DecimalRounding.decimalsOf(r.tickSize()),
            DecimalRounding.decimalsOf(r.stepSize()));
      }
      increments = all;
    }
    return all[s];
  }

  /**
   * Largest multiple of {@code tick} at or below {@code x}, as the nearest double. Tick sizes are powers of ten:
   * dividing the count of ticks by the ticks per unit (an exact integer) gives the double nearest the decimal
   * price, as {@code BigDecimal.doubleValue()} would. The small tolerance absorbs the division's rounding so that a
   * price on a tick stays on it.
   */
  static double floorToTick(double x, double tick) {
    return ticks(Math.floor(x / tick + 1e-9), tick);
  }

  /** Smallest multiple of {@code tick} at or above {@code x}, as the nearest double (see {@link #floorToTick}). */
  static double ceilToTick(double x, double tick) {
    return ticks(Math.ceil(x / tick - 1e-9), tick);
  }

  private static double ticks(double count, double tick) {
    double perUnit = 1 / tick;
    return perUnit == Math.rint(perUnit) ? count / perUnit : count * tick;
  }

  @Override
  public Ticker ticker(String symbol) {
    int s = symbolIndex(symbol);
    Ticker t = ticker(s, clock.millis());
    if (t == null) {
      throw new ExchangeException.Unavailable("no trades yet for " + symbol + " on the " + id() + " market", 0);
    }
    return t;
  }

  Ticker ticker(int s, long now) {
    Bars b = bars(s, now);
    int end = b.completed();
    if (end <= b.first()) {
      return null;
    }
    int from = dayStart(b, end, now);
    BarAggregates a = b.aggregates();
    int lane = b.lane();
    double open = b.open(from);
    double last = b.close(end - 1);
    SymbolRules r = rules(s);
    int d = increments(s).tickDecimals();
    BigDecimal tick = r.tickSize();
    BigDecimal[] ba = bidAsk(s, b, end);
    return new Ticker(r.symbol(), DecimalRounding.floorToStep(last, tick, d), ba[0], ba[1],
        DecimalRounding.floorToStep(open, tick, d), DecimalRounding.floorToStep(a.high(lane, b, from, end), tick, d),
        DecimalRounding.floorToStep(a.low(lane, b, from, end), tick, d), changeFraction(open, last),
        DecimalRounding.floorToStep(a.volume(lane, b, from, end), r.stepSize(), increments(s).stepDecimals()),
        DecimalRounding.cents(a.quoteVolume(lane, b, from, end)), now);
  }

  static double changeFraction(double open, double last) {
    return open > 0 ? (last - open) / open : 0;
  }

  /**
   * First bar of the rolling 24 h window ending at {@code now}: the first bar opening at or after
   * {@code now - 24 h}, or the last bar when none did (a stale symbol still shows its last bar). The usual answer
   * is a day's worth of bars back, checked in O(1); gaps in stored history fall back to a binary search.
   */
  final int dayStart(Bars b, int end, long now) {
    long since = now - DAY;
    int first = b.first();
    int guess = Math.max(first, end - dayBars);
    boolean exact = b.openTime(guess) >= since && (guess == first || b.openTime(guess - 1) < since);
    int start = exact ? guess : lowerBound(b, first, end, since);
    return Math.min(end - 1, start);
  }

  @Override
  public BookTicker bookTicker(String symbol) {
    OrderBook book = orderBook(symbol, 1);
    BookLevel bid = book.bids().isEmpty() ? null : book.bids().get(0);
    BookLevel ask = book.asks().isEmpty() ? null : book.asks().get(0);
    return new BookTicker(symbol, bid == null ? null : bid.price(), bid == null ? null : bid.quantity(),
        ask == null ? null : ask.price(), ask == null ? null : ask.quantity());
  }

  /** Best bid and ask around the last close, at least one tick apart, bid <= last <= ask. */
  private BigDecimal[] bidAsk(int s, Bars b, int end) {
    SymbolRules r = rules(s);
    double mid = b.close(end - 1);
    double spread = spreadFraction(s) * volatilityMultiplier(b, end);
    int d = increments(s).tickDecimals();
    BigDecimal bid = DecimalRounding.floorToStep(mid * (1 - spread / 2), r.tickSize(), d);
    BigDecimal ask = DecimalRounding.ceilToStep(mid * (1 + spread / 2), r.tickSize(), d);
    if (bid.signum() <= 0) {
      bid = r.tickSize();
    }
    if (ask.compareTo(bid) <= 0) {
      ask = bid.add(r.tickSize());
    }
    return new BigDecimal[] {bid, ask};
  }

  /**
   * Spreads widen when recent moves are large: ratio of recent to typical absolute return over the last 20 bars,
   * clamped.
   */
  final double volatilityMultiplier(Bars b, int end) {
    return volatilityMultiplier(b.aggregates(), b.lane(), b, b.first(), end);
  }

  /** {@link #volatilityMultiplier(Bars, int)} of the bars {@code [first, end)} of lane {@code lane} of {@code a}. */
  final double volatilityMultiplier(BarAggregates a, int lane, BarAggregates.Rescan bars, int first, int end) {
    int n = Math.min(20, end - first - 1);
    double typical = typicalAbsReturn();
    if (n < 2 || typical <= 0) {
      return 1;
    }
    double recent = a.absLogReturns(lane, bars, end - n, end) / n;
    return Math.max(0.7, Math.min(4, recent / typical));
  }

  /** Relative spread of the symbol's book in calm markets (a subclass may answer without building a shape). */
  double spreadFraction(int s) {
    return shape(s).spreadFraction();
  }

  /** Typical absolute base-step return of an ordinary symbol, used to scale spreads. */
  double typicalAbsReturn() {
    return 0;
  }

  @Override
  public OrderBook orderBook(String symbol, int limit) {
    int s = symbolIndex(symbol);
    long now = clock.millis();
    Bars b = bars(s, now);
    int end = b.completed();
    if (end <= b.first()) {
      return new OrderBook(symbol, List.of(), List.of(), now);
    }
    SymbolRules r = rules(s);
    BookShape shape = shape(s);
    int levels = Math.max(0, Math.min(Math.min(limit, 5000), shape.maxLevels()));
    BigDecimal[] ba = bidAsk(s, b, end);
    double mid = b.close(end - 1);
    Increments inc = increments(s);
    BigDecimal gap = DecimalRounding.ceilToStep(mid * shape.levelGapFraction(), r.tickSize(), inc.tickDecimals());
    if (gap.signum() <= 0) {
      gap = r.tickSize();
    }
    SplittableRandom rnd = new SplittableRandom(mix(mix(seed, 7_000 + s), end));
    List<BookLevel> bids = new ArrayList<>(levels);
    List<BookLevel> asks = new ArrayList<>(levels);
    BigDecimal bp = ba[0];
    BigDecimal ap = ba[1];
    for (int j = 0; j < levels; j++) {
      if (bp.signum() > 0) {
        bids.add(new BookLevel(bp, levelQty(rnd, shape, j, bp.doubleValue(), r, inc)));
      }
      asks.add(new BookLevel(ap, levelQty(rnd, shape, j, ap.doubleValue(), r, inc)));
      bp = bp.subtract(gap);
      ap = ap.add(gap);
    }
    return new OrderBook(symbol, bids, asks, now);
  }

  private static BigDecimal levelQty(SplittableRandom rnd, BookShape shape, int j, double price, SymbolRules r,
      Increments inc) {
    double quote = shape.levelQuote() * (0.5 + rnd.nextDouble()) * (1 + 0.1 * Math.min(j, 20));
    BigDecimal q = DecimalRounding.floorToStep(quote / price, r.stepSize(), inc.stepDecimals());
    return q.signum() > 0 ? q : r.stepSize();
  }

  @Override
  public List<Candle> klines(String symbol, Interval interval, Long startTime, Long endTime, int limit) {
    int s = symbolIndex(symbol);
    if (interval.millis() < stepMillis || (interval != Interval.MN1 && interval != Interval.W1
        && interval.millis() % stepMillis != 0)) {
      throw new ExchangeException.Rejected("interval " + interval.wireName() + " is finer than the "
          + (stepMillis / 60_000) + "m bars of the " + id() + " market; ask for a coarser interval", 0);
    }
    int max = Math.max(1, Math.min(limit <= 0 ? 500 : limit, 1000));
    long now = clock.millis();
    Bars b = bars(s, now);
    int first = b.first();
    int end = b.completed();
    List<Candle> out = new ArrayList<>();
    if (end <= first) {
      return out;
    }
    if (startTime != null) {
      long from = Buckets.ceil(interval, startTime);
      int i = lowerBound(b, first, end, from);
      while (i < end && out.size() < max) {
        long bucket = Buckets.start(interval, b.openTime(i));
        if (endTime != null && bucket > endTime) {
          break;
        }
        long next = Buckets.next(interval, bucket);
        int j = lowerBound(b, i, end, next);
        out.add(aggregate(b, i, j, bucket, next));
        i = j;
      }
      return out;
    }
    int j = end;
    if (endTime != null) {
      j = lowerBound(b, first, end, Buckets.next(interval, Buckets.start(interval, endTime)));
    }
    while (j > first && out.size() < max) {
      long bucket = Buckets.start(interval, b.openTime(j - 1));
      int i = lowerBound(b, first, j, bucket);
      out.add(aggregate(b, i, j, bucket, Buckets.next(interval, bucket)));
      j = i;
    }
    Collections.reverse(out);
    return out;
  }

  /** First index in [lo, hi) whose open time is >= t (hi when none). */
  private static int lowerBound(Bars b, int lo, int hi, long t) {
    while (lo < hi) {
      int mid = (lo + hi) >>> 1;
      if (b.openTime(mid) < t) {
        lo = mid + 1;
      } else {
        hi = mid;
      }
    }
    return lo;
  }

  private static Candle aggregate(Bars b, int from, int to, long openTime, long nextOpen) {
    double high = Double.NEGATIVE_INFINITY;
    double low = Double.POSITIVE_INFINITY;
    double vol = 0;
    double quote = 0;
    for (int i = from; i < to; i++) {
      high = Math.max(high, b.high(i));
      low = Math.min(low, b.low(i));
      vol += b.volume(i);
      quote += b.volume(i) * (b.high(i) + b.low(i) + b.close(i)) / 3;
    }
    return new Candle(openTime, b.open(from), high, low, b.close(to - 1), vol, nextOpen - 1, quote);
  }

  @Override
  public List<PublicTrade> recentTrades(String symbol, int limit) {
    int s = symbolIndex(symbol);
    long now = clock.millis();
    Bars b = bars(s, now);
    SymbolRules r = rules(s);
    int max = Math.max(1, Math.min(limit <= 0 ? 500 : limit, 1000));
    List<PublicTrade> newestFirst = new ArrayList<>();
    for (int i = b.completed() - 1; i >= b.first() && newestFirst.size() < max; i--) {
      List<PublicTrade> inBar = tradesOfBar(s, b, i, r);
      for (int k = inBar.size() - 1; k >= 0 && newestFirst.size() < max; k--) {
        newestFirst.add(inBar.get(k));
      }
    }
    Collections.reverse(newestFirst);
    return newestFirst;
  }

  /** Deterministic trades of one bar: they visit the low and the high and end at the close. */
  private List<PublicTrade> tradesOfBar(int s, Bars b, int i, SymbolRules r) {
    SplittableRandom rnd = new SplittableRandom(mix(mix(seed, 9_000 + s), i));
    int n = 3 + rnd.nextInt(4);
    double[] prices = new double[n];
    prices[n - 1] = b.close(i);
    for (int k = 0; k < n - 1; k++) {
      prices[k] = b.low(i) + rnd.nextDouble() * (b.high(i) - b.low(i));
    }
    int lowAt = rnd.nextInt(n - 1);
    int highAt = (lowAt + 1 + rnd.nextInt(n - 2)) % (n - 1);
    prices[lowAt] = b.low(i);
    prices[highAt] = b.high(i);
    long t0 = b.openTime(i);
    List<PublicTrade> out = new ArrayList<>(n);
    double perTrade = b.volume(i) / n;
    for (int k = 0; k < n; k++) {
      BigDecimal p = price(prices[k], r);
      BigDecimal q = quantity(perTrade * (0.5 + rnd.nextDouble()), r);
      if (q.signum() <= 0) {
        q = r.stepSize();
      }
      long t = t0 + (stepMillis - 1) * (k + 1) / n;
      out.add(new PublicTrade(r.symbol(), p, q, p.multiply(q), t, rnd.nextBoolean()));
    }
    return out;
  }

  @Override
  public Optional<PriceRange> tradedRange(String symbol, long from, long to) {
    int s = symbolIndex(symbol);
    Bars b = bars(s, Math.min(to, clock.millis()));
    int i = lowerBound(b, b.first(), b.completed(), from);
    double low = Double.POSITIVE_INFINITY;
    double high = Double.NEGATIVE_INFINITY;
    long until = from;
    for (; i < b.completed() && b.openTime(i) + stepMillis <= to; i++) {
      low = Math.min(low, b.low(i));
      high = Math.max(high, b.high(i));
      until = b.openTime(i) + stepMillis;
    }
    return until == from ? Optional.empty() : Optional.of(new PriceRange(low, high, until));
  }

  static BigDecimal price(double p, SymbolRules r) {
    return Decimals.floorToStep(BigDecimal.valueOf(p), r.tickSize());
  }

  static BigDecimal quantity(double q, SymbolRules r) {
    return Decimals.floorToStep(BigDecimal.valueOf(q), r.stepSize());
  }

  static BigDecimal money(double q) {
    return BigDecimal.valueOf(q).setScale(2, RoundingMode.HALF_EVEN);
  }

  /** SplitMix64 finaliser over a combination of two values: independent streams per (a, b). */
  static long mix(long a, long b) {
    long z = a * 0x9E3779B97F4A7C15L + b + 0x632BE59BD9B4E019L;
    z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
    z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
    return z ^ (z >>> 31);
  }
}
