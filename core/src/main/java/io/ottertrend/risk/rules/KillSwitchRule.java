package io.ottertrend.risk.rules;

import io.ottertrend.risk.RiskContext;
import io.ottertrend.risk.RiskVerdict;

/** A manual halt (CLI, library call or flag file) stops new entries; exits still pass. */
final class KillSwitchRule extends EntryRule {
  KillSwitchRule() {
    super(Rules.KILL_SWITCH);
  }

  @Override
  RiskVerdict evaluateEntry(RiskContext ctx) {
    return ctx.manualHalt() == null ? RiskVerdict.approve()
        : RiskVerdict.reject("trading halted: " + ctx.manualHalt());
  }
}
