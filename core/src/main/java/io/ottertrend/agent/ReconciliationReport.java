package io.ottertrend.agent;

import io.ottertrend.model.Fill;
import io.ottertrend.model.Side;
import java.math.BigDecimal;
import java.util.List;

/**
 * What the start-up {@link Reconciler} found. The agent may trade only when {@link #clean()}; otherwise it
 * shows {@link #summary()} and refuses.
 *
 * @param exchange exchange id
 * @param at when the reconciliation finished, epoch ms
 * @param resolved journal entries whose state changed (e.g. UNKNOWN to FILLED, SENT to NOT_SENT)
 * @param adopted open exchange orders the journal did not know, now journalled as external
 * @param recordedFills fills that were missing from the memory and are now recorded (ours are applied)
 * @param drifts differences nobody can explain; each blocks trading until resolved by a human
 * @param unresolved journal entries whose outcome is still unknown after the wait (blocks trading)
 * @param notes what could not be checked this time (a failed query, an acknowledged order the exchange does not
 *     show); informational, does not block trading
 */
public record ReconciliationReport(
    String exchange,
    long at,
    List<OrderTransition> resolved,
    List<AdoptedOrder> adopted,
    List<Fill> recordedFills,
    List<Drift> drifts,
    List<String> unresolved,
    List<String> notes) {

  public ReconciliationReport {
    resolved = List.copyOf(resolved);
    adopted = List.copyOf(adopted);
    recordedFills = List.copyOf(recordedFills);
    drifts = List.copyOf(drifts);
    unresolved = List.copyOf(unresolved);
    notes = List.copyOf(notes);
  }

  /** True when the journal, fills, positions and balances agree: the agent may trade. */
  public boolean clean() {
    return drifts.isEmpty() && unresolved.isEmpty();
  }

  /** A readable multi-line account, one line per finding. */
  public String summary() {
    StringBuilder sb = new StringBuilder();
    sb.append("reconciliation on ").append(exchange).append(": ").append(clean() ? "clean" : "DRIFT, not trading")
        .append(" (").append(resolved.size()).append(" resolved, ").append(adopted.size()).append(" adopted, ")
        .append(recordedFills.size()).append(" fills recorded)");
    for (OrderTransition t : resolved) {
      sb.append("\n  resolved ").append(t.clientOrderId()).append(": ").append(t.from()).append(" -> ")
          .append(t.to()).append(" (").append(t.note()).append(')');
    }
    for (AdoptedOrder a : adopted) {
      sb.append("\n  adopted external order ").append(a.exchangeOrderId()).append(" ").append(a.side()).append(' ')
          .append(a.symbol());
    }
    for (Drift d : drifts) {
      sb.append("\n  drift ").append(d.subject()).append(": ").append(d.explanation());
    }
    for (String u : unresolved) {
      sb.append("\n  unresolved ").append(u);
    }
    for (String n : notes) {
      sb.append("\n  note ").append(n);
    }
    return sb.toString();
  }

  /**
   * An open order found on the exchange that OtterTrend did not place.
   *
   * @param clientOrderId the journal key it was adopted under
   * @param exchangeOrderId the exchange's id
   */
  public record AdoptedOrder(String clientOrderId, String exchangeOrderId, String symbol, Side side,
      BigDecimal quantity, BigDecimal price) {}

  /**
   * One unexplained difference.
   *
   * @param subject asset, symbol or order it concerns
   * @param explanation one line: what differs and what a human can do
   */
  public record Drift(String subject, String explanation) {}
}
