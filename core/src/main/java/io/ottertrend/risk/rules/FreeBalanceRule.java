package io.ottertrend.risk.rules;

import io.ottertrend.model.OrderType;
import io.ottertrend.risk.RiskContext;
import io.ottertrend.risk.RiskRule;
import io.ottertrend.risk.RiskVerdict;
import java.math.BigDecimal;

/**
 * An entry plus its fee fits in the free quote balance (else it shrinks); an exit sells at most what is held
 * (else it shrinks). An unknown balance rejects.
 */
final class FreeBalanceRule implements RiskRule {
  @Override
  public String name() {
    return Rules.FREE_BALANCE;
  }

  @Override
  public RiskVerdict evaluate(RiskContext ctx) {
    if (ctx.isExit()) {
      BigDecimal held = ctx.heldQuantity();
      BigDecimal qty = ctx.proposal().quantity();
      if (held == null) {
        return RiskVerdict.reject("holdings unknown");
      }
      if (held.signum() <= 0) {
        return RiskVerdict.reject("nothing held in " + ctx.proposal().symbol());
      }
      return qty.compareTo(held) <= 0 ? RiskVerdict.approve()
          : RiskVerdict.shrink(held, "sell " + qty.toPlainString() + " above the " + held.toPlainString() + " held");
    }
    BigDecimal free = ctx.freeCash();
    if (free == null) {
      return RiskVerdict.reject("free balance unknown");
    }
    if (free.signum() <= 0) {
      return RiskVerdict.reject("no free balance");
    }
    BigDecimal fee = ctx.symbolRules() == null ? BigDecimal.ZERO
        : ctx.symbolRules().fee(ctx.proposal().type() == OrderType.LIMIT_MAKER);
    BigDecimal usable = free.divide(BigDecimal.ONE.add(fee.max(BigDecimal.ZERO)), RiskContextMath.DIVIDE);
    return RiskVerdict.capNotional(ctx, usable, "the free balance net of fees");
  }
}
