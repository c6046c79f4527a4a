package io.ottertrend.risk.rules;

import io.ottertrend.risk.Origin;
import io.ottertrend.risk.RiskContext;
import io.ottertrend.risk.RiskVerdict;

/** Once {@code LLM_DAILY_TOKEN_BUDGET} tokens are spent today, entries proposed by the LLM are refused. */
final class LlmBudgetRule extends EntryRule {
  LlmBudgetRule() {
    super(Rules.LLM_BUDGET);
  }

  @Override
  RiskVerdict evaluateEntry(RiskContext ctx) {
    long budget = ctx.limits().llmDailyTokenBudget();
    return ctx.proposal().origin() == Origin.LLM && ctx.llmTokensToday() >= budget
        ? RiskVerdict.reject("LLM token budget spent: " + ctx.llmTokensToday() + " of " + budget + " today")
        : RiskVerdict.approve();
  }
}
