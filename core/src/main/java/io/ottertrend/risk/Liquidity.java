package io.ottertrend.risk;

import io.ottertrend.model.OrderBook;
import io.ottertrend.model.Ticker;

/**
 * Liquidity of one pair. {@code NaN} means unknown, which the liquidity rules treat as too thin.
 *
 * @param quoteVolume24h 24 h quote volume
 * @param bidDepth1Pct quote resting on the bid side within 1 % of mid
 * @param askDepth1Pct quote resting on the ask side within 1 % of mid
 * @param bidDepth2Pct quote resting on the bid side within 2 % of mid
 * @param askDepth2Pct quote resting on the ask side within 2 % of mid
 */
public record Liquidity(
    double quoteVolume24h, double bidDepth1Pct, double askDepth1Pct, double bidDepth2Pct, double askDepth2Pct) {

  /** Everything unknown. */
  public static final Liquidity UNKNOWN = new Liquidity(Double.NaN, Double.NaN, Double.NaN, Double.NaN, Double.NaN);

  /**
   * The more conservative of two measurements, field by field: the smaller where both are known, the known one
   * where only one is.
   */
  public Liquidity conservative(Liquidity other) {
    return new Liquidity(min(quoteVolume24h, other.quoteVolume24h), min(bidDepth1Pct, other.bidDepth1Pct),
        min(askDepth1Pct, other.askDepth1Pct), min(bidDepth2Pct, other.bidDepth2Pct),
        min(askDepth2Pct, other.askDepth2Pct));
  }

  private static double min(double a, double b) {
    if (Double.isNaN(a)) {
      return b;
    }
    return Double.isNaN(b) ? a : Math.min(a, b);
  }

  /** The last measurement: a ticker, a book and their liquidity (immutable, so safe to share between threads). */
  private record Measured(Ticker ticker, OrderBook book, Liquidity liquidity) {}

  /**
   * The last {@link #of} answer. A proposal's context is measured twice from the same ticker and book (by the
   * caller's context, then by the engine's copy of it), and both are immutable: the second measurement is this.
   * A plain field: a stale or another thread's answer is only a miss.
   */
  private static Measured last;

  /**
   * Liquidity measured from a ticker (volume) and a book (depth); either may be {@code null}. Asked again for the
   * very same ticker and book, it answers the same instance.
   */
  public static Liquidity of(Ticker ticker, OrderBook book) {
    Measured m = last;
    if (m != null && m.ticker == ticker && m.book == book) {
      return m.liquidity;
    }
    Liquidity l = measure(ticker, book);
    last = new Measured(ticker, book, l);
    return l;
  }

  private static Liquidity measure(Ticker ticker, OrderBook book) {
    double volume = ticker == null ? Double.NaN : ticker.quoteVolume().doubleValue();
    if (book == null) {
      return new Liquidity(volume, Double.NaN, Double.NaN, Double.NaN, Double.NaN);
    }
    return new Liquidity(volume, book.depthQuote(true, 0.01), book.depthQuote(false, 0.01),
        book.depthQuote(true, 0.02), book.depthQuote(false, 0.02));
  }
}
