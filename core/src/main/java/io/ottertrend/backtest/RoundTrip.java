package io.ottertrend.backtest;

/**
 * One closed trade: a sell order matched against the average cost of what was bought before it (spot, long only).
 *
 * @param symbol pair
 * @param entryTime quantity-weighted entry time of the sold lots, epoch ms
 * @param exitTime time of the (last) sell fill, epoch ms
 * @param quantity base quantity sold
 * @param entryPrice average cost per unit including buy fees
 * @param exitPrice average sell price
 * @param pnl realised profit in quote, after fees on both sides
 * @param fees fees of this trade in quote (the sell side plus the share of the buy side)
 * @param reason the order purpose that closed it (EXIT, STOP_LOSS, TAKE_PROFIT, TIME_EXIT)
 */
public record RoundTrip(String symbol, long entryTime, long exitTime, double quantity, double entryPrice,
    double exitPrice, double pnl, double fees, String reason) {

  /** Holding time in milliseconds. */
  public long holdMillis() {
    return Math.max(0, exitTime - entryTime);
  }

  /** Return of the trade on its cost. */
  public double returnFraction() {
    double cost = entryPrice * quantity;
    return cost > 0 ? pnl / cost : 0;
  }
}
