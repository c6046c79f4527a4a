package io.ottertrend.model;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.IntFunction;

/**
 * The latest quotes of every traded symbol at one instant, in columns of {@code double}: what a trading loop reads
 * each cycle for every symbol it watches. A {@link Ticker} carries the same facts as {@link java.math.BigDecimal}s
 * and is the right type at the exchange boundary; a board is the right type for analytics over hundreds of
 * symbols per cycle, where building hundreds of tickers would cost more than the analytics themselves.
 *
 * <p>Entry {@code i} describes {@link #symbol(int) symbol(i)}; {@link #ticker(int)} gives its full ticker (built on
 * demand by a simulated market, or the very ticker a live exchange sent). Prices are as the exchange quotes them;
 * a simulated market may give the unrounded price here and the tick-rounded one in the ticker (they differ by
 * less than one tick). Missing sides are {@code NaN}.
 *
 * <p><b>Thread-safety:</b> immutable (the arrays are never written after construction) and safe to share.
 */
public final class QuoteBoard {
  private static final QuoteBoard EMPTY = new QuoteBoard(0, new String[0], Map.of(), new double[0], new double[0],
      new double[0], new double[0], new double[0], i -> {
        throw new IndexOutOfBoundsException(i);
      });

  private final long at;
  private final String[] symbols;
  private final Map<String, Integer> index;
  private final double[] last;
  private final double[] bid;
  private final double[] ask;
  private final double[] change;
  private final double[] quoteVolume;
  private final IntFunction<Ticker> tickers;

  private QuoteBoard(long at, String[] symbols, Map<String, Integer> index, double[] last, double[] bid,
      double[] ask, double[] change, double[] quoteVolume, IntFunction<Ticker> tickers) {
    this.at = at;
    this.symbols = symbols;
    this.index = index;
    this.last = last;
    this.bid = bid;
    this.ask = ask;
    this.change = change;
    this.quoteVolume = quoteVolume;
    this.tickers = tickers;
  }

  /** A board with no symbols. */
  public static QuoteBoard empty() {
    return EMPTY;
  }

  /** A board over tickers a live exchange sent; {@link #ticker(int)} returns them unchanged. */
  public static QuoteBoard of(List<Ticker> tickers) {
    int n = tickers.size();
    String[] symbols = new String[n];
    double[] last = new double[n];
    double[] bid = new double[n];
    double[] ask = new double[n];
    double[] change = new double[n];
    double[] quoteVolume = new double[n];
    Map<String, Integer> index = new HashMap<>(Math.max(4, n * 2));
    Ticker[] copy = tickers.toArray(new Ticker[0]);
    long at = 0;
    for (int i = 0; i < n; i++) {
      Ticker t = copy[i];
      symbols[i] = t.symbol();
      last[i] = t.lastPrice().doubleValue();
      bid[i] = t.bidPrice() == null ? Double.NaN : t.bidPrice().doubleValue();
      ask[i] = t.askPrice() == null ? Double.NaN : t.askPrice().doubleValue();
      change[i] = t.changeFraction();
      quoteVolume[i] = t.quoteVolume().doubleValue();
      index.putIfAbsent(t.symbol(), i);
      at = Math.max(at, t.closeTime());
    }
    return new QuoteBoard(at, symbols, Map.copyOf(index), last, bid, ask, change, quoteVolume, i -> copy[i]);
  }

  /**
   * A board over columns a market computed. The arrays (all of {@code symbols.length}) and {@code index} (symbol to
   * entry) are taken as they are, not copied: the caller hands them over and never writes them again, except
   * {@code symbols} and {@code index}, which may be shared by every board of the same market when its listed
   * symbols do not change.
   *
   * @param ticker builds the full ticker of entry {@code i} (called only for the few entries a caller needs)
   */
  public static QuoteBoard ofColumns(long at, String[] symbols, Map<String, Integer> index, double[] last,
      double[] bid, double[] ask, double[] change, double[] quoteVolume, IntFunction<Ticker> ticker) {
    int n = symbols.length;
    if (last.length != n || bid.length != n || ask.length != n || change.length != n || quoteVolume.length != n) {
      throw new IllegalArgumentException("every column needs " + n + " entries");
    }
    return new QuoteBoard(at, symbols, Objects.requireNonNull(index, "index"), last, bid, ask, change,
        quoteVolume, Objects.requireNonNull(ticker, "ticker"));
  }

  /** Time of the quotes, epoch milliseconds. */
  public long at() {
    return at;
  }

  /** Number of symbols. */
  public int size() {
    return symbols.length;
  }

  public String symbol(int i) {
    return symbols[i];
  }

  /** Entry of {@code symbol}, or -1 when it is not on the board. */
  public int indexOf(String symbol) {
    Integer i = index.get(symbol);
    return i == null ? -1 : i;
  }

  /** Last traded price. */
  public double last(int i) {
    return last[i];
  }

  /** Best bid, or NaN. */
  public double bid(int i) {
    return bid[i];
  }

  /** Best ask, or NaN. */
  public double ask(int i) {
    return ask[i];
  }

  /** 24 h change as a fraction. */
  public double change(int i) {
    return change[i];
  }

  /** 24 h quote volume. */
  public double quoteVolume(int i) {
    return quoteVolume[i];
  }

  /** Relative spread {@code (ask - bid) / mid}, or NaN when a side is missing. */
  public double spreadFraction(int i) {
    double b = bid[i];
    double a = ask[i];
    if (!(b > 0) || !(a > 0)) {
      return Double.NaN;
    }
    return (a - b) / ((a + b) / 2);
  }

  /** The full ticker of entry {@code i}. */
  public Ticker ticker(int i) {
    Objects.checkIndex(i, symbols.length);
    return tickers.apply(i);
  }

  /**
   * The symbols array itself (not a copy; do not write it). Boards of one market share it while the listed symbols
   * stay the same, so a reader can cache per-symbol lookups keyed by its identity.
   */
  public String[] symbolsShared() {
    return symbols;
  }
}
