package io.ottertrend.risk.rules;

import io.ottertrend.risk.RiskContext;
import io.ottertrend.risk.RiskVerdict;

/**
 * Entries need fresh data: the book, the ticker and the portfolio valuation must each be younger than
 * {@code RISK_STALE_DATA} (an unknown time counts as stale; a time further in the future than that as well).
 */
final class StaleDataRule extends EntryRule {
  StaleDataRule() {
    super(Rules.STALE_DATA);
  }

  @Override
  RiskVerdict evaluateEntry(RiskContext ctx) {
    long max = ctx.limits().staleData().toMillis();
    if (ctx.book() == null && ctx.ticker() == null) {
      return RiskVerdict.reject("no market data");
    }
    String problem = ctx.book() == null ? null : age("order book", ctx.book().timestamp(), ctx.now(), max);
    if (problem == null && ctx.ticker() != null) {
      problem = age("ticker", ctx.ticker().closeTime(), ctx.now(), max);
    }
    if (problem == null && ctx.portfolio() != null) {
      problem = age("portfolio valuation", ctx.portfolio().asOf(), ctx.now(), max);
    }
    return problem == null ? RiskVerdict.approve() : RiskVerdict.reject(problem);
  }

  private static String age(String what, long at, long now, long max) {
    if (at <= 0) {
      return what + " time unknown";
    }
    long age = now - at;
    if (age > max) {
      return what + " is " + age / 1000 + " s old (limit " + max / 1000 + " s)";
    }
    if (-age > max) {
      return what + " time is " + -age / 1000 + " s in the future";
    }
    return null;
  }
}
