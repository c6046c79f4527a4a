package io.ottertrend.risk.rules;

import io.ottertrend.risk.RiskContext;
import io.ottertrend.risk.RiskVerdict;

/** {@code RISK_STOPLOSS_GUARD_COUNT} losing stop-outs within {@code RISK_STOPLOSS_GUARD_WINDOW} lock entries. */
final class StoplossGuardRule extends EntryRule {
  StoplossGuardRule() {
    super(Rules.STOPLOSS_GUARD);
  }

  @Override
  RiskVerdict evaluateEntry(RiskContext ctx) {
    long since = ctx.now() - ctx.limits().stoplossGuardWindow().toMillis();
    int n = ctx.counters().stopOutsSince(since);
    int max = ctx.limits().stoplossGuardCount();
    if (n < max) {
      return RiskVerdict.approve();
    }
    // built explicitly: this refusal is frequent, and a + concatenation goes through method handles in C1 code
    return RiskVerdict.reject(new StringBuilder(48).append(n).append(" stop-outs within ")
        .append(ctx.limits().stoplossGuardWindow().toMinutes()).append(" min (limit ").append(max).append(')')
        .toString());
  }
}
