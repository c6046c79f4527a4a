package io.ottertrend.risk.rules;

import io.ottertrend.risk.RiskContext;
import io.ottertrend.risk.RiskVerdict;

/** An entry is worth at most {@code RISK_MAX_TRADE_USD}; larger ones shrink to it. */
final class MaxOrderUsdRule extends EntryRule {
  MaxOrderUsdRule() {
    super(Rules.MAX_ORDER_USD);
  }

  @Override
  RiskVerdict evaluateEntry(RiskContext ctx) {
    return RiskVerdict.capNotional(ctx, ctx.limits().maxTradeUsd(), "the order limit");
  }
}
