package io.ottertrend.risk.rules;

import io.ottertrend.risk.RiskContext;
import io.ottertrend.risk.RiskVerdict;
import java.math.BigDecimal;

/**
 * On pairs whose 24 h volume is below {@code RISK_LOW_LIQUIDITY_THRESHOLD_USD}, entries are capped at
 * {@code RISK_LOW_LIQUIDITY_CAP_USD}. When the book depth is known, a market entry is also capped at the quote
 * resting within 1 % of mid on the ask side, so it cannot walk the book further.
 */
final class LowLiquidityCapRule extends EntryRule {
  LowLiquidityCapRule() {
    super(Rules.LOW_LIQUIDITY_CAP);
  }

  @Override
  RiskVerdict evaluateEntry(RiskContext ctx) {
    double volume = ctx.liquidity().quoteVolume24h();
    if (!(volume >= ctx.limits().lowLiquidityThresholdUsd())) {
      RiskVerdict v = RiskVerdict.capNotional(ctx, ctx.limits().lowLiquidityCapUsd(), "the low-liquidity cap");
      if (!(v instanceof RiskVerdict.Approve)) {
        return v;
      }
    }
    double depth = ctx.liquidity().askDepth1Pct();
    if (!ctx.proposal().type().needsPrice() && Double.isFinite(depth)) {
      if (depth <= 0) {
        return RiskVerdict.reject("no ask depth within 1 % of mid");
      }
      return RiskVerdict.capNotional(ctx, BigDecimal.valueOf(depth), "the ask depth within 1 %");
    }
    return RiskVerdict.approve();
  }
}
