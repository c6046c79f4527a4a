package io.ottertrend.risk.rules;

import io.ottertrend.risk.RiskContext;
import io.ottertrend.risk.RiskVerdict;

/** After {@code RISK_LLM_SAFE_MODE_AFTER} failed brain cycles in a row, only exits pass. */
final class LlmSafeModeRule extends EntryRule {
  LlmSafeModeRule() {
    super(Rules.LLM_SAFE_MODE);
  }

  @Override
  RiskVerdict evaluateEntry(RiskContext ctx) {
    int max = ctx.limits().llmSafeModeAfter();
    return ctx.brainFailures() >= max
        ? RiskVerdict.reject("safe mode: " + ctx.brainFailures() + " failed brain cycles in a row (limit " + max
            + "); only exits are allowed")
        : RiskVerdict.approve();
  }
}
