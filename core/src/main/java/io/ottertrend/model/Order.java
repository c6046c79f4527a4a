package io.ottertrend.model;

import java.math.BigDecimal;
import java.math.MathContext;
import java.util.Objects;

/**
 * An order as the exchange reports it.
 *
 * @param symbol exchange symbol
 * @param orderId exchange's opaque id
 * @param clientOrderId our client order id, or {@code null} for orders placed elsewhere
 * @param side buy or sell
 * @param type order type
 * @param price limit price ({@code 0} or {@code null} for market orders)
 * @param origQty requested base quantity ({@code 0} for quote-sized market buys)
 * @param origQuoteQty requested quote amount for quote-sized market buys, else {@code 0}
 * @param executedQty filled base quantity
 * @param cumulativeQuoteQty filled quote value
 * @param status current status
 * @param time creation time, epoch milliseconds
 * @param updateTime last update time, epoch milliseconds
 */
public record Order(
    String symbol,
    String orderId,
    String clientOrderId,
    Side side,
    OrderType type,
    BigDecimal price,
    BigDecimal origQty,
    BigDecimal origQuoteQty,
    BigDecimal executedQty,
    BigDecimal cumulativeQuoteQty,
    OrderStatus status,
    long time,
    long updateTime) {

  public Order {
    Objects.requireNonNull(symbol, "symbol");
    Objects.requireNonNull(side, "side");
    Objects.requireNonNull(type, "type");
    Objects.requireNonNull(status, "status");
    price = price == null ? BigDecimal.ZERO : price;
    origQty = origQty == null ? BigDecimal.ZERO : origQty;
    origQuoteQty = origQuoteQty == null ? BigDecimal.ZERO : origQuoteQty;
    executedQty = executedQty == null ? BigDecimal.ZERO : executedQty;
    cumulativeQuoteQty = cumulativeQuoteQty == null ? BigDecimal.ZERO : cumulativeQuoteQty;
  }

  /** Average fill price {@code cumulativeQuoteQty / executedQty}, or {@code null} when nothing filled. */
  public BigDecimal averagePrice() {
    if (executedQty.signum() == 0) {
      return null;
    }
    return cumulativeQuoteQty.divide(executedQty, MathContext.DECIMAL64);
  }

  /** Same order with another status and fill progress. */
  public Order withProgress(OrderStatus newStatus, BigDecimal executed, BigDecimal quote, long at) {
    return new Order(symbol, orderId, clientOrderId, side, type, price, origQty, origQuoteQty, executed, quote,
        newStatus, time, at);
  }
}
