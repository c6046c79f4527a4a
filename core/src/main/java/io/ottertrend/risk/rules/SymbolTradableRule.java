package io.ottertrend.risk.rules;

import io.ottertrend.model.SymbolRules;
import io.ottertrend.model.SymbolStatus;
import io.ottertrend.risk.RiskContext;
import io.ottertrend.risk.RiskRule;
import io.ottertrend.risk.RiskVerdict;

/**
 * The symbol's rules are known and quoted in the account's currency, it trades, it is API-tradable, and it
 * accepts this side and order type.
 */
final class SymbolTradableRule implements RiskRule {
  @Override
  public String name() {
    return Rules.SYMBOL_TRADABLE;
  }

  @Override
  public RiskVerdict evaluate(RiskContext ctx) {
    SymbolRules r = ctx.symbolRules();
    String symbol = ctx.proposal().symbol();
    if (r == null) {
      return RiskVerdict.reject("no trading rules known for " + symbol);
    }
    if (!r.symbol().equals(symbol)) {
      return RiskVerdict.reject("trading rules are for " + r.symbol() + ", not " + symbol);
    }
    if (ctx.portfolio() != null && !r.quoteAsset().equalsIgnoreCase(ctx.portfolio().quoteAsset())) {
      // every limit is in the account's quote currency: a BTC-quoted order would slip past a 20 USDT cap
      return RiskVerdict.reject(symbol + " is quoted in " + r.quoteAsset() + " but limits are in "
          + ctx.portfolio().quoteAsset());
    }
    if (r.status() != SymbolStatus.TRADING) {
      return RiskVerdict.reject(symbol + " is not trading (" + r.status() + ")");
    }
    if (!r.apiTradable()) {
      return RiskVerdict.reject(symbol + " cannot be traded through the API");
    }
    if (!r.sides().allows(ctx.proposal().side())) {
      return RiskVerdict.reject(symbol + " does not accept " + ctx.proposal().side() + " orders now");
    }
    if (!r.orderTypes().contains(ctx.proposal().type())) {
      return RiskVerdict.reject(symbol + " does not accept " + ctx.proposal().type() + " orders");
    }
    return RiskVerdict.approve();
  }
}
