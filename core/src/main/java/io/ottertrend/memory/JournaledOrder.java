package io.ottertrend.memory;

import io.ottertrend.model.OrderType;
import io.ottertrend.model.Side;
import java.math.BigDecimal;
import java.util.Objects;

/**
 * One entry of the order intent journal.
 *
 * @param clientOrderId our unique id (primary key)
 * @param runId run that created it, or {@code null}
 * @param exchange exchange id
 * @param symbol exchange symbol
 * @param side buy or sell
 * @param type order type
 * @param quantity base quantity or {@code null}
 * @param quoteQuantity quote amount or {@code null}
 * @param price limit price or {@code null}
 * @param state journal state
 * @param exchangeOrderId the exchange's id once known
 * @param executedQty filled base quantity
 * @param cumulativeQuote filled quote value
 * @param purpose why the order exists: ENTRY, EXIT, STOP_LOSS, TAKE_PROFIT, TIME_EXIT, EXTERNAL...
 * @param reason last state change reason (rejection text, reconciliation note)
 * @param decisionId decision that caused it, or {@code null}
 * @param createdAt creation time, epoch ms
 * @param updatedAt last update time, epoch ms
 * @param external true for orders found on the exchange that we did not place (adopted)
 */
public record JournaledOrder(
    String clientOrderId,
    Long runId,
    String exchange,
    String symbol,
    Side side,
    OrderType type,
    BigDecimal quantity,
    BigDecimal quoteQuantity,
    BigDecimal price,
    OrderState state,
    String exchangeOrderId,
    BigDecimal executedQty,
    BigDecimal cumulativeQuote,
    String purpose,
    String reason,
    Long decisionId,
    long createdAt,
    long updatedAt,
    boolean external) {

  public JournaledOrder {
    Objects.requireNonNull(clientOrderId, "clientOrderId");
    Objects.requireNonNull(exchange, "exchange");
    Objects.requireNonNull(symbol, "symbol");
    Objects.requireNonNull(side, "side");
    Objects.requireNonNull(type, "type");
    Objects.requireNonNull(state, "state");
    executedQty = executedQty == null ? BigDecimal.ZERO : executedQty;
    cumulativeQuote = cumulativeQuote == null ? BigDecimal.ZERO : cumulativeQuote;
    purpose = purpose == null ? "ENTRY" : purpose;
  }
}
