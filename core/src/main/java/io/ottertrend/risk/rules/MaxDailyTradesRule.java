package io.ottertrend.risk.rules;

import io.ottertrend.risk.RiskContext;
import io.ottertrend.risk.RiskVerdict;

/** Once {@code RISK_MAX_DAILY_TRADES} orders were approved today, entries are refused (exits still pass). */
final class MaxDailyTradesRule extends EntryRule {
  MaxDailyTradesRule() {
    super(Rules.MAX_DAILY_TRADES);
  }

  @Override
  RiskVerdict evaluateEntry(RiskContext ctx) {
    int n = ctx.counters().tradesToday();
    int max = ctx.limits().maxDailyTrades();
    return n >= max ? RiskVerdict.reject(n + " trades today (limit " + max + ")") : RiskVerdict.approve();
  }
}
