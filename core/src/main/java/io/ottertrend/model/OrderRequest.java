package io.ottertrend.model;

import java.math.BigDecimal;
import java.util.Objects;

/**
 * An order as it will be sent: already rounded to the symbol's tick and step by the caller (the order
 * manager or the exchange client's pre-trade check).
 *
 * <p>Exactly one sizing is used: {@code quantity} (base), or {@code quoteQuantity} (quote, only for market
 * buys). Every order carries a client order id so that an unknown outcome can be resolved by query.
 *
 * @param symbol exchange symbol
 * @param side buy or sell
 * @param type order type
 * @param quantity base quantity, or {@code null} for a quote-sized market buy
 * @param quoteQuantity quote amount for a market buy, else {@code null}
 * @param price limit price, {@code null} for market orders
 * @param clientOrderId caller-chosen unique id (at most 32 characters, {@code [A-Za-z0-9_-]})
 */
public record OrderRequest(
    String symbol,
    Side side,
    OrderType type,
    BigDecimal quantity,
    BigDecimal quoteQuantity,
    BigDecimal price,
    String clientOrderId) {

  /** MEXC's client order id alphabet; compiled once (every order and every dry run builds a request). */
  private static final java.util.regex.Pattern CLIENT_ORDER_ID = java.util.regex.Pattern.compile("[A-Za-z0-9_-]{1,32}");

  public OrderRequest {
    Objects.requireNonNull(symbol, "symbol");
    Objects.requireNonNull(side, "side");
    Objects.requireNonNull(type, "type");
    Objects.requireNonNull(clientOrderId, "clientOrderId");
    if (!CLIENT_ORDER_ID.matcher(clientOrderId).matches()) {
      throw new IllegalArgumentException(
          "clientOrderId must be 1-32 characters of [A-Za-z0-9_-]: '" + clientOrderId + "'");
    }
    if (type.needsPrice() && price == null) {
      throw new IllegalArgumentException(type + " order needs a price");
    }
    if (quantity == null && quoteQuantity == null) {
      throw new IllegalArgumentException("order needs a quantity or a quote quantity");
    }
    if (quoteQuantity != null && !(type == OrderType.MARKET && side == Side.BUY)) {
      throw new IllegalArgumentException("a quote quantity is only for MARKET BUY orders");
    }
    if (quantity != null && quantity.signum() <= 0) {
      throw new IllegalArgumentException("quantity must be > 0: " + quantity.toPlainString());
    }
    if (quoteQuantity != null && quoteQuantity.signum() <= 0) {
      throw new IllegalArgumentException("quote quantity must be > 0: " + quoteQuantity.toPlainString());
    }
    if (price != null && price.signum() <= 0) {
      throw new IllegalArgumentException("price must be > 0: " + price.toPlainString());
    }
  }

  public static OrderRequest limit(String symbol, Side side, BigDecimal quantity, BigDecimal price, String clientId) {
    return new OrderRequest(symbol, side, OrderType.LIMIT, quantity, null, price, clientId);
  }

  public static OrderRequest marketBuyQuote(String symbol, BigDecimal quoteAmount, String clientId) {
    return new OrderRequest(symbol, Side.BUY, OrderType.MARKET, null, quoteAmount, null, clientId);
  }

  public static OrderRequest marketSell(String symbol, BigDecimal quantity, String clientId) {
    return new OrderRequest(symbol, Side.SELL, OrderType.MARKET, quantity, null, null, clientId);
  }

  /** The order's quote value at its own price, or at {@code referencePrice} for market orders. */
  public BigDecimal notional(BigDecimal referencePrice) {
    if (quoteQuantity != null) {
      return quoteQuantity;
    }
    BigDecimal p = price != null ? price : referencePrice;
    return quantity.multiply(p);
  }
}
