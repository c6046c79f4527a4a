package io.ottertrend.risk.rules;

import io.ottertrend.risk.RiskContext;
import io.ottertrend.risk.RiskRule;
import io.ottertrend.risk.RiskVerdict;

/** An order is worth at most the symbol's own maximum notional when the exchange publishes one. */
final class SymbolMaxNotionalRule implements RiskRule {
  @Override
  public String name() {
    return Rules.SYMBOL_MAX_NOTIONAL;
  }

  @Override
  public RiskVerdict evaluate(RiskContext ctx) {
    if (ctx.symbolRules() == null || ctx.symbolRules().maxNotional() == null
        || ctx.symbolRules().maxNotional().signum() <= 0) {
      return RiskVerdict.approve();
    }
    return RiskVerdict.capNotional(ctx, ctx.symbolRules().maxNotional(), "the symbol's maximum");
  }
}
