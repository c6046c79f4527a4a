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
    BigDecimal cap = equity.multiply(ctx.limits().maxTradePctEquity());
    BigDecimal notional = ctx.notional();
    if (notional != null && notional.compareTo(cap) <= 0) {
      // capNotional's approval, without formatting the shrink text (String.format) on every entry
      return RiskVerdict.approve();
    }
    return RiskVerdict.capNotional(ctx, cap, Rules.pct(ctx.limits().maxTradePctEquity().doubleValue()) + " of equity");
  }
}
