package io.ottertrend.risk.rules;

import io.ottertrend.risk.RiskContext;
import io.ottertrend.risk.RiskVerdict;
import java.math.BigDecimal;
import java.math.MathContext;

/** Drawdown from the persisted equity peak at or beyond {@code RISK_MAX_DRAWDOWN_PCT} locks entries. */
final class MaxDrawdownRule extends EntryRule {
  MaxDrawdownRule() {
    super(Rules.MAX_DRAWDOWN);
  }

  @Override
  RiskVerdict evaluateEntry(RiskContext ctx) {
    BigDecimal equity = ctx.equity();
    BigDecimal peak = ctx.counters().equityPeak();
    if (equity == null) {
      return RiskVerdict.reject("equity unknown (a position has no mark)");
    }
    if (peak == null || peak.signum() <= 0) {
      return equity.signum() > 0 ? RiskVerdict.approve() : RiskVerdict.reject("no equity");
    }
    BigDecimal drawdown = peak.subtract(equity).divide(peak, MathContext.DECIMAL64);
    if (drawdown.compareTo(ctx.limits().maxDrawdownPct()) >= 0) {
      return RiskVerdict.reject("drawdown " + Rules.pct(drawdown.doubleValue()) + " from the peak "
          + Rules.money(peak) + " reached the limit " + Rules.pct(ctx.limits().maxDrawdownPct().doubleValue()));
    }
    return RiskVerdict.approve();
  }
}
