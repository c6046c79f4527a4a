package io.ottertrend.risk.rules;

import io.ottertrend.model.SymbolRules;
import io.ottertrend.risk.RiskContext;
import io.ottertrend.risk.RiskRule;
import io.ottertrend.risk.RiskVerdict;
import java.math.BigDecimal;

/**
 * Last in the chain, so it judges the final size: the order must meet the symbol's minimum quantity and
 * notional. An entry must exceed them by {@code RISK_EXIT_RESERVE_PCT}, so the position stays sellable after
 * fees and a fall (never open what cannot be sold). Orders are never enlarged to meet a minimum.
 */
final class MinNotionalRule implements RiskRule {
  @Override
  public String name() {
    return Rules.MIN_NOTIONAL;
  }

  @Override
  public RiskVerdict evaluate(RiskContext ctx) {
    SymbolRules r = ctx.symbolRules();
    BigDecimal qty = ctx.proposal().quantity();
    BigDecimal notional = ctx.notional();
    if (r == null || qty == null || notional == null) {
      return RiskVerdict.reject("size unknown");
    }
    if (qty.signum() <= 0 || notional.signum() <= 0) {
      return RiskVerdict.reject("size below one step");
    }
    BigDecimal factor = ctx.isEntry() ? BigDecimal.ONE.add(ctx.limits().exitReservePct()) : BigDecimal.ONE;
    BigDecimal minNotional = r.minNotional().multiply(factor);
    BigDecimal minQty = r.minQuantity().multiply(factor);
    String what = ctx.isEntry() ? " (minimum plus the exit reserve)" : " (an unsellable dust position)";
    if (notional.compareTo(minNotional) < 0) {
      return RiskVerdict.reject("order " + Rules.money(notional) + " below " + Rules.money(minNotional) + what);
    }
    if (qty.compareTo(minQty) < 0) {
      return RiskVerdict.reject("quantity " + qty.toPlainString() + " below " + minQty.toPlainString() + what);
    }
    return RiskVerdict.approve();
  }
}
