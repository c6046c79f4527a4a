package io.ottertrend.risk.rules;

import io.ottertrend.risk.RiskContext;
import io.ottertrend.risk.RiskCounters;
import io.ottertrend.risk.RiskVerdict;
import java.math.BigDecimal;

/**
 * Loss since the start of the UTC day, marked to market: equity at the day's start minus equity now. That is
 * realised P&amp;L plus the change of unrealised P&amp;L plus every fee paid today. Reaching
 * {@code RISK_MAX_DAILY_LOSS_USD} halts entries until the next UTC day or a manual reset, even if prices
 * recover; the halt is persisted. Unknown equity rejects.
 */
final class DailyLossRule extends EntryRule {
  DailyLossRule() {
    super(Rules.DAILY_LOSS);
  }

  @Override
  RiskVerdict evaluateEntry(RiskContext ctx) {
    RiskCounters c = ctx.counters();
    if (c.dailyHalt() != null) {
      return RiskVerdict.reject("halted until 00:00 UTC: " + c.dailyHalt());
    }
    BigDecimal equity = ctx.equity();
    if (equity == null) {
      return RiskVerdict.reject("equity unknown (a position has no mark)");
    }
    if (c.dayStartEquity() == null) {
      return RiskVerdict.reject("equity at the start of the day unknown");
    }
    BigDecimal loss = c.dayStartEquity().subtract(equity);
    BigDecimal max = ctx.limits().maxDailyLossUsd();
    if (loss.compareTo(max) >= 0) {
      return RiskVerdict.rejectAndHaltForDay(Rules.dailyLossReached(loss, max));
    }
    return RiskVerdict.approve();
  }
}
