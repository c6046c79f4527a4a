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

  /** Liquidity measured from a ticker (volume) and a book (depth); either may be {@code null}. */
  public static Liquidity of(Ticker ticker, OrderBook book) {
    double volume = ticker == null ? Double.NaN : ticker.quoteVolume().doubleValue();
    if (book == null) {
      return new Liquidity(volume, Double.NaN, Double.NaN, Double.NaN, Double.NaN);
    }
    return new Liquidity(volume, book.depthQuote(true, 0.01), book.depthQuote(false, 0.01),
        book.depthQuote(true, 0.02), book.depthQuote(false, 0.02));
  }
}
