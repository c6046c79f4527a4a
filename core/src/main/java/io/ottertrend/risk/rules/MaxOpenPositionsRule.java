package io.ottertrend.risk.rules;

import io.ottertrend.risk.RiskContext;
import io.ottertrend.risk.RiskVerdict;

/**
 * At most {@code RISK_MAX_OPEN_POSITIONS} symbols held or with an entry in flight. Adding to a symbol already
 * held does not open a position.
 */
final class MaxOpenPositionsRule extends EntryRule {
  MaxOpenPositionsRule() {
    super(Rules.MAX_OPEN_POSITIONS);
  }

  @Override
  RiskVerdict evaluateEntry(RiskContext ctx) {
    if (ctx.holds(ctx.proposal().symbol())) {
      return RiskVerdict.approve();
    }
    if (ctx.portfolio() == null) {
      return RiskVerdict.reject("positions unknown");
    }
    int n = ctx.openPositionCount();
    int max = ctx.limits().maxOpenPositions();
    if (n < max) {
      return RiskVerdict.approve();
    }
    // built explicitly: this refusal is frequent, and a + concatenation goes through method handles in C1 code
    return RiskVerdict.reject(new StringBuilder(32).append(n).append(" open positions (limit ").append(max)
        .append(')').toString());
  }
}
