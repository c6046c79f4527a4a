package io.ottertrend.model;

import java.math.BigDecimal;
import java.util.Objects;

/**
 * One execution of one of our orders. A position is the sum of its fills, never an order's size.
 *
 * @param symbol exchange symbol
 * @param tradeId exchange trade id (unique per exchange; makes recording idempotent)
 * @param orderId exchange order id
 * @param clientOrderId our client order id, or {@code null} when the exchange did not echo it
 * @param side buy or sell
 * @param price execution price
 * @param quantity executed base quantity
 * @param quoteQuantity executed quote value
 * @param commission fee amount
 * @param commissionAsset asset the fee was charged in (base, quote or a third token)
 * @param maker true when the order added liquidity
 * @param time execution time, epoch milliseconds
 */
public record Fill(
    String symbol,
    String tradeId,
    String orderId,
    String clientOrderId,
    Side side,
    BigDecimal price,
    BigDecimal quantity,
    BigDecimal quoteQuantity,
    BigDecimal commission,
    String commissionAsset,
    boolean maker,
    long time) {

  public Fill {
    Objects.requireNonNull(symbol, "symbol");
    Objects.requireNonNull(tradeId, "tradeId");
    Objects.requireNonNull(side, "side");
    Objects.requireNonNull(price, "price");
    Objects.requireNonNull(quantity, "quantity");
    quoteQuantity = quoteQuantity == null ? price.multiply(quantity) : quoteQuantity;
    commission = commission == null ? BigDecimal.ZERO : commission;
    commissionAsset = commissionAsset == null ? "" : commissionAsset;
  }
}
