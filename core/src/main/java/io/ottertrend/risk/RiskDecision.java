package io.ottertrend.risk;

import io.ottertrend.model.Decimals;
import io.ottertrend.model.OrderRequest;
import java.util.List;
import java.util.Objects;

/**
 * The engine's answer for one proposal. Immutable.
 *
 * @param outcome approved as proposed, approved smaller, or rejected
 * @param rule the deciding rule: the rejecting rule, the last rule that shrank, or {@code engine}
 * @param reason one line saying why
 * @param proposal the order as proposed
 * @param order the order to send, rounded to tick and step, or {@code null} when rejected
 * @param shrinks every shrink applied on the way, as {@code rule: reason}
 * @param dryRun true when nothing was recorded (a {@link RiskEngine#check} call)
 */
public record RiskDecision(
    Outcome outcome, String rule, String reason, OrderProposal proposal, OrderRequest order, List<String> shrinks,
    boolean dryRun) {

  /** Outcomes, as stored in {@code risk_events.verdict}. */
  public enum Outcome {
    APPROVE,
    SHRINK,
    REJECT
  }

  public RiskDecision {
    Objects.requireNonNull(outcome, "outcome");
    Objects.requireNonNull(rule, "rule");
    Objects.requireNonNull(reason, "reason");
    shrinks = List.copyOf(shrinks);
    if ((order == null) != (outcome == Outcome.REJECT)) {
      throw new IllegalArgumentException("an order is present exactly when not rejected");
    }
  }

  /** True when an order may be sent. */
  public boolean approved() {
    return outcome != Outcome.REJECT;
  }

  /** The approved order as JSON, or {@code null}. */
  public String orderJson() {
    if (order == null) {
      return null;
    }
    StringBuilder sb = new StringBuilder(160).append('{');
    Json.field(sb, "symbol", order.symbol());
    Json.field(sb, "side", order.side().name());
    Json.field(sb, "type", order.type().name());
    Json.number(sb, "quantity", order.quantity());
    Json.number(sb, "quoteQuantity", order.quoteQuantity());
    Json.number(sb, "price", order.price());
    Json.field(sb, "clientOrderId", order.clientOrderId());
    sb.setLength(sb.length() - 1);
    return sb.append('}').toString();
  }

  /** One line for logs and the CLI. */
  public String summary() {
    String size = order == null ? ""
        : " " + (order.quoteQuantity() != null ? Decimals.plain(order.quoteQuantity()) + " quote"
            : Decimals.plain(order.quantity()) + (order.price() == null ? "" : " @ " + Decimals.plain(order.price())));
    return outcome + " " + (proposal.symbol() == null ? "?" : proposal.symbol()) + size + " [" + rule + "] " + reason;
  }
}
