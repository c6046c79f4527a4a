package io.ottertrend.risk;

import io.ottertrend.model.OrderType;
import io.ottertrend.model.Side;
import java.math.BigDecimal;

/**
 * An order somebody wants placed, before any check. Nothing here is trusted: the fields may be missing,
 * zero, negative or absurd (the LLM's output arrives here as is), and the {@link RiskEngine} rejects what it
 * cannot bound with a named rule. Build it directly or with the factories.
 *
 * <p>Sizing: {@code quoteAmount} (quote currency, e.g. USDT) and/or {@code quantity} (base). When both are
 * given the smaller order wins. A market buy is sent sized by quote; every other order by base quantity.
 *
 * @param symbol exchange symbol, e.g. {@code BTCUSDT}
 * @param side BUY or SELL (spot: entries buy, exits sell)
 * @param intent ENTRY or EXIT
 * @param type order type
 * @param quoteAmount requested quote amount, or {@code null}
 * @param quantity requested base quantity, or {@code null}
 * @param limitPrice limit price for limit-like types, else {@code null}
 * @param clientOrderId client order id the order will carry (1-32 of {@code [A-Za-z0-9_-]})
 * @param origin who proposed it
 */
public record OrderProposal(
    String symbol,
    Side side,
    Intent intent,
    OrderType type,
    BigDecimal quoteAmount,
    BigDecimal quantity,
    BigDecimal limitPrice,
    String clientOrderId,
    Origin origin) {

  public OrderProposal {
    origin = origin == null ? Origin.LLM : origin;
  }

  /** A market buy of {@code quoteAmount} quote. */
  public static OrderProposal marketEntry(String symbol, BigDecimal quoteAmount, String clientOrderId, Origin origin) {
    return new OrderProposal(symbol, Side.BUY, Intent.ENTRY, OrderType.MARKET, quoteAmount, null, null,
        clientOrderId, origin);
  }

  /** A limit buy of {@code quantity} base at {@code price}. */
  public static OrderProposal limitEntry(String symbol, BigDecimal quantity, BigDecimal price, String clientOrderId,
      Origin origin) {
    return new OrderProposal(symbol, Side.BUY, Intent.ENTRY, OrderType.LIMIT, null, quantity, price, clientOrderId,
        origin);
  }

  /** A market sell of {@code quantity} base. */
  public static OrderProposal marketExit(String symbol, BigDecimal quantity, String clientOrderId, Origin origin) {
    return new OrderProposal(symbol, Side.SELL, Intent.EXIT, OrderType.MARKET, null, quantity, null, clientOrderId,
        origin);
  }

  /** A copy with another size. */
  public OrderProposal withSize(BigDecimal newQuantity, BigDecimal newQuoteAmount) {
    return new OrderProposal(symbol, side, intent, type, newQuoteAmount, newQuantity, limitPrice, clientOrderId,
        origin);
  }

  /** A copy with another limit price. */
  public OrderProposal withLimitPrice(BigDecimal price) {
    return new OrderProposal(symbol, side, intent, type, quoteAmount, quantity, price, clientOrderId, origin);
  }

  /** True for market buys, which are sent sized by quote amount. */
  public boolean quoteSized() {
    return type == OrderType.MARKET && side == Side.BUY;
  }

  /** Compact JSON of this proposal, for the risk event log. */
  public String toJson() {
    StringBuilder sb = new StringBuilder(160);
    sb.append('{');
    Json.field(sb, "symbol", symbol);
    Json.field(sb, "side", side == null ? null : side.name());
    Json.field(sb, "intent", intent == null ? null : intent.name());
    Json.field(sb, "type", type == null ? null : type.name());
    Json.number(sb, "quoteAmount", quoteAmount);
    Json.number(sb, "quantity", quantity);
    Json.number(sb, "limitPrice", limitPrice);
    Json.field(sb, "clientOrderId", clientOrderId);
    Json.field(sb, "origin", origin.name());
    sb.setLength(sb.length() - 1);
    return sb.append('}').toString();
  }
}
