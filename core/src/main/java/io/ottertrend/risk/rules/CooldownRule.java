package io.ottertrend.risk.rules;

import io.ottertrend.risk.RiskContext;
import io.ottertrend.risk.RiskVerdict;

/** No entry on a pair within {@code RISK_COOLDOWN} of its last exit. */
final class CooldownRule extends EntryRule {
  CooldownRule() {
    super(Rules.COOLDOWN);
  }

  @Override
  RiskVerdict evaluateEntry(RiskContext ctx) {
    Long last = ctx.counters().lastExitAt().get(ctx.proposal().symbol());
    long cooldown = ctx.limits().cooldown().toMillis();
    if (last != null && cooldown > 0 && ctx.now() - last < cooldown) {
      return RiskVerdict.reject(ctx.proposal().symbol() + " exited " + (ctx.now() - last) / 1000
          + " s ago; cooldown " + cooldown / 1000 + " s");
    }
    return RiskVerdict.approve();
  }
}
