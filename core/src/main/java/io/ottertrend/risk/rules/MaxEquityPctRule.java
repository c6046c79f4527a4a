package io.ottertrend.risk.rules;

import io.ottertrend.risk.RiskContext;
import io.ottertrend.risk.RiskVerdict;
import java.math.BigDecimal;

/** An entry is worth at most {@code RISK_MAX_TRADE_PCT_EQUITY} of equity; unknown or no equity rejects. */
final class MaxEquityPctRule extends EntryRule {
  MaxEquityPctRule() {
    super(Rules.MAX_EQUITY_PCT);
  }

  @Override
  RiskVerdict evaluateEntry(RiskContext ctx) {
    BigDecimal equity = ctx.equity();
    if (equity == null) {
      return RiskVerdict.reject("equity unknown (a position has no mark)");
    }
    if (equity.signum() <= 0) {
      return RiskVerdict.reject("no equity");
    }
    return RiskVerdict.capNotional(ctx, equity.multiply(ctx.limits().maxTradePctEquity()),
        Rules.pct(ctx.limits().maxTradePctEquity().doubleValue()) + " of equity");
  }
}
