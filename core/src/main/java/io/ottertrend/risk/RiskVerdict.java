package io.ottertrend.risk;

import java.math.BigDecimal;
import java.util.Objects;

/**
 * What one rule says about the working order: approve it, shrink it to a smaller base quantity, or reject it.
 * Immutable.
 */
public sealed interface RiskVerdict {

  /** The rule has no objection. */
  record Approve() implements RiskVerdict {}

  /**
   * The order may go out, but at most {@code quantity} base. The engine never lets a shrink grow an order;
   * a shrink to zero or less rejects.
   */
  record Shrink(BigDecimal quantity, String reason) implements RiskVerdict {
    public Shrink {
      Objects.requireNonNull(quantity, "quantity");
      Objects.requireNonNull(reason, "reason");
    }
  }

  /**
   * The order must not go out. With {@code haltForDay} the engine also latches a halt of new entries until the
   * next UTC day or a manual reset (the daily-loss rule uses it).
   */
  record Reject(String reason, boolean haltForDay) implements RiskVerdict {
    public Reject {
      Objects.requireNonNull(reason, "reason");
    }
  }

  /** The shared approve verdict. */
  RiskVerdict APPROVE = new Approve();

  static RiskVerdict approve() {
    return APPROVE;
  }

  static RiskVerdict shrink(BigDecimal quantity, String reason) {
    return new Shrink(quantity, reason);
  }

  static RiskVerdict reject(String reason) {
    return new Reject(reason, false);
  }

  static RiskVerdict rejectAndHaltForDay(String reason) {
    return new Reject(reason, true);
  }

  /**
   * Approves when the working order is worth at most {@code maxQuote}, else shrinks it to that value; rejects
   * when the value cannot be computed (fail closed).
   */
  static RiskVerdict capNotional(RiskContext ctx, BigDecimal maxQuote, String what) {
    BigDecimal notional = ctx.notional();
    if (notional == null) {
      return reject("order value unknown (no price)");
    }
    if (notional.compareTo(maxQuote) <= 0) {
      return APPROVE;
    }
    BigDecimal qty = ctx.quantityFor(maxQuote);
    if (qty == null) {
      return reject("order value unknown (no price)");
    }
    return shrink(qty, new StringBuilder(64).append("order ").append(RiskMath.money(notional)).append(" above ")
        .append(what).append(' ').append(RiskMath.money(maxQuote)).toString());
  }
}
