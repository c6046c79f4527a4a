package io.ottertrend.risk.rules;

import io.ottertrend.risk.RiskContext;
import io.ottertrend.risk.RiskVerdict;
import java.util.Locale;

/** Entries need a 24 h quote volume of at least {@code RISK_MIN_LIQUIDITY_USD}; unknown volume rejects. */
final class MinLiquidityRule extends EntryRule {
  MinLiquidityRule() {
    super(Rules.MIN_LIQUIDITY);
  }

  @Override
  RiskVerdict evaluateEntry(RiskContext ctx) {
    double volume = ctx.liquidity().quoteVolume24h();
    double min = ctx.limits().minLiquidityUsd();
    if (!(volume >= min)) {
      return RiskVerdict.reject(Double.isNaN(volume) ? "24 h volume unknown"
          : String.format(Locale.ROOT, "24 h volume %.0f below the minimum %.0f", volume, min));
    }
    return RiskVerdict.approve();
  }
}
