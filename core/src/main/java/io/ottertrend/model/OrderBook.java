package io.ottertrend.model;

import java.math.BigDecimal;
import java.util.List;
import java.util.Objects;

/**
 * An order book snapshot: bids best (highest) first, asks best (lowest) first.
 *
 * @param symbol exchange symbol
 * @param bids buy levels, descending price
 * @param asks sell levels, ascending price
 * @param timestamp exchange time of the snapshot in epoch milliseconds ({@code 0} when unknown)
 */
public record OrderBook(String symbol, List<BookLevel> bids, List<BookLevel> asks, long timestamp) {
  public OrderBook {
    Objects.requireNonNull(symbol, "symbol");
    bids = List.copyOf(bids);
    asks = List.copyOf(asks);
  }

  public BigDecimal bestBid() {
    return bids.isEmpty() ? null : bids.get(0).price();
  }

  public BigDecimal bestAsk() {
    return asks.isEmpty() ? null : asks.get(0).price();
  }

  /** Mid price, or {@code NaN} when a side is empty. */
  public double mid() {
    if (bids.isEmpty() || asks.isEmpty()) {
      return Double.NaN;
    }
    return (bestBid().doubleValue() + bestAsk().doubleValue()) / 2;
  }

  /** Relative spread {@code (ask - bid) / mid}, or {@code NaN} when a side is empty. */
  public double spreadFraction() {
    double mid = mid();
    if (Double.isNaN(mid) || mid <= 0) {
      return Double.NaN;
    }
    return (bestAsk().doubleValue() - bestBid().doubleValue()) / mid;
  }

  /**
   * Quote value resting within {@code fraction} of the mid on one side ({@code 0.01} = ±1 %).
   *
   * @param bidSide true for the bid side, false for the ask side
   */
  public double depthQuote(boolean bidSide, double fraction) {
    double mid = mid();
    if (Double.isNaN(mid)) {
      return 0;
    }
    double sum = 0;
    for (BookLevel level : bidSide ? bids : asks) {
      double p = level.price().doubleValue();
      if (bidSide ? p < mid * (1 - fraction) : p > mid * (1 + fraction)) {
        break;
      }
      sum += p * level.quantity().doubleValue();
    }
    return sum;
  }
}
