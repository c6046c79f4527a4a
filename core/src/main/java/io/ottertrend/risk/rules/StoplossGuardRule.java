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
    return n >= max
        ? RiskVerdict.reject(n + " stop-outs within " + ctx.limits().stoplossGuardWindow().toMinutes()
            + " min (limit " + max + ")")
        : RiskVerdict.approve();
  }
}
