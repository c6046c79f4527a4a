package io.ottertrend.model;

import java.math.BigDecimal;
import java.math.MathContext;
import java.util.Objects;

/**
 * A spot position: base asset held, marked to market.
 *
 * @param symbol exchange symbol
 * @param baseAsset asset held
 * @param quantity base quantity held (net of base-asset fees)
 * @param averageEntryPrice volume-weighted entry price
 * @param costBasis quote spent to build the position, fees included
 * @param markPrice current price used for valuation, or {@code null} when unknown
 * @param openedAt first fill time, epoch milliseconds
 * @param stopLoss stop price enforced by code each cycle, or {@code null}
 * @param takeProfit target price enforced by code each cycle, or {@code null}
 */
public record Position(
    String symbol,
    String baseAsset,
    BigDecimal quantity,
    BigDecimal averageEntryPrice,
    BigDecimal costBasis,
    BigDecimal markPrice,
    long openedAt,
    BigDecimal stopLoss,
    BigDecimal takeProfit) {

  public Position {
    Objects.requireNonNull(symbol, "symbol");
    Objects.requireNonNull(quantity, "quantity");
    baseAsset = baseAsset == null ? "" : baseAsset;
    averageEntryPrice = averageEntryPrice == null ? BigDecimal.ZERO : averageEntryPrice;
    costBasis = costBasis == null ? BigDecimal.ZERO : costBasis;
  }

  /** Market value at the mark price, or {@code null} when the mark is unknown. */
  public BigDecimal marketValue() {
    return markPrice == null ? null : quantity.multiply(markPrice);
  }

  /** Unrealised P&L against the cost basis (fees included), or {@code null} when the mark is unknown. */
  public BigDecimal unrealizedPnl() {
    BigDecimal value = marketValue();
    return value == null ? null : value.subtract(costBasis);
  }

  /** Unrealised P&L as a fraction of the cost basis, or {@code NaN}. */
  public double unrealizedPnlFraction() {
    BigDecimal pnl = unrealizedPnl();
    if (pnl == null || costBasis.signum() == 0) {
      return Double.NaN;
    }
    return pnl.divide(costBasis, MathContext.DECIMAL64).doubleValue();
  }

  public Position withMark(BigDecimal mark) {
    return new Position(symbol, baseAsset, quantity, averageEntryPrice, costBasis, mark, openedAt, stopLoss,
        takeProfit);
  }
}
