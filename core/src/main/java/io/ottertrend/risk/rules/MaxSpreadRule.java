package io.ottertrend.risk.rules;

import io.ottertrend.risk.RiskContext;
import io.ottertrend.risk.RiskVerdict;

/** Entries need a spread of at most {@code RISK_MAX_SPREAD_PCT}; an unmeasurable spread rejects. */
final class MaxSpreadRule extends EntryRule {
  MaxSpreadRule() {
    super(Rules.MAX_SPREAD);
  }

  @Override
  RiskVerdict evaluateEntry(RiskContext ctx) {
    double spread = ctx.book() != null ? ctx.book().spreadFraction()
        : ctx.ticker() != null ? ctx.ticker().spreadFraction() : Double.NaN;
    double max = ctx.limits().maxSpreadPct();
    if (!Double.isFinite(spread) || spread < 0) {
      return RiskVerdict.reject("spread unknown (empty, one-sided or crossed book)");
    }
    return spread > max
        ? RiskVerdict.reject("spread " + Rules.pct(spread) + " above the limit " + Rules.pct(max))
        : RiskVerdict.approve();
  }
}
