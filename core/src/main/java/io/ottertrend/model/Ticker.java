package io.ottertrend.model;

import java.math.BigDecimal;
import java.util.Objects;

/**
 * 24-hour rolling statistics of one symbol.
 *
 * @param symbol exchange symbol
 * @param lastPrice last traded price
 * @param bidPrice best bid, or {@code null} when the book side is empty
 * @param askPrice best ask, or {@code null} when the book side is empty
 * @param openPrice price 24 h ago
 * @param highPrice 24 h high
 * @param lowPrice 24 h low
 * @param changeFraction 24 h change as a fraction ({@code 0.0173} = +1.73 %)
 * @param volume 24 h base volume
 * @param quoteVolume 24 h quote volume
 * @param closeTime time of the statistics, epoch milliseconds
 */
public record Ticker(
    String symbol,
    BigDecimal lastPrice,
    BigDecimal bidPrice,
    BigDecimal askPrice,
    BigDecimal openPrice,
    BigDecimal highPrice,
    BigDecimal lowPrice,
    double changeFraction,
    BigDecimal volume,
    BigDecimal quoteVolume,
    long closeTime) {

  public Ticker {
    Objects.requireNonNull(symbol, "symbol");
    Objects.requireNonNull(lastPrice, "lastPrice");
    volume = volume == null ? BigDecimal.ZERO : volume;
    quoteVolume = quoteVolume == null ? BigDecimal.ZERO : quoteVolume;
  }

  /** Relative spread {@code (ask - bid) / mid}, or {@code NaN} when a side is missing. */
  public double spreadFraction() {
    if (bidPrice == null || askPrice == null || bidPrice.signum() <= 0 || askPrice.signum() <= 0) {
      return Double.NaN;
    }
    double bid = bidPrice.doubleValue();
    double ask = askPrice.doubleValue();
    return (ask - bid) / ((ask + bid) / 2);
  }
}
