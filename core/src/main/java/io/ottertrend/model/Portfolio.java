package io.ottertrend.model;

import java.math.BigDecimal;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Account view in the quote currency: cash plus marked-to-market positions.
 *
 * @param quoteAsset valuation currency, e.g. {@code USDT}
 * @param freeCash quote balance available for new orders
 * @param lockedCash quote balance held by open buy orders
 * @param positions open positions
 * @param asOf valuation time, epoch milliseconds
 */
public record Portfolio(
    String quoteAsset, BigDecimal freeCash, BigDecimal lockedCash, List<Position> positions, long asOf) {

  public Portfolio {
    Objects.requireNonNull(quoteAsset, "quoteAsset");
    Objects.requireNonNull(freeCash, "freeCash");
    lockedCash = lockedCash == null ? BigDecimal.ZERO : lockedCash;
    positions = List.copyOf(positions);
  }

  /**
   * Cash plus every position at its mark, or empty when any position lacks a mark: an unknown equity must
   * never be treated as a number (the risk engine fails closed on it).
   */
  public Optional<BigDecimal> equity() {
    BigDecimal total = freeCash.add(lockedCash);
    for (Position p : positions) {
      BigDecimal value = p.marketValue();
      if (value == null) {
        return Optional.empty();
      }
      total = total.add(value);
    }
    return Optional.of(total);
  }

  /** The position in {@code symbol}, if any. */
  public Optional<Position> position(String symbol) {
    return positions.stream().filter(p -> p.symbol().equals(symbol)).findFirst();
  }

  /** Sum of unrealised P&L over positions with a mark. */
  public BigDecimal unrealizedPnl() {
    BigDecimal sum = BigDecimal.ZERO;
    for (Position p : positions) {
      BigDecimal pnl = p.unrealizedPnl();
      if (pnl != null) {
        sum = sum.add(pnl);
      }
    }
    return sum;
  }
}
