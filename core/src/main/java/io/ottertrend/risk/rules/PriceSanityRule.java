package io.ottertrend.risk.rules;

import io.ottertrend.model.OrderBook;
import io.ottertrend.model.Ticker;
import io.ottertrend.risk.RiskContext;
import io.ottertrend.risk.RiskRule;
import io.ottertrend.risk.RiskVerdict;
import java.math.BigDecimal;
import java.util.Locale;

/**
 * Market data must look real before anything is sized on it: a price, positive, an uncrossed book, no jump
 * beyond {@code RISK_MAX_PRICE_JUMP_PCT} since the previous observation, and a limit price within that distance
 * of the market. Applies to exits too: an exit priced on a glitch is as wrong as an entry.
 */
final class PriceSanityRule implements RiskRule {
  @Override
  public String name() {
    return Rules.PRICE_SANITY;
  }

  @Override
  public RiskVerdict evaluate(RiskContext ctx) {
    String symbol = ctx.proposal().symbol();
    if (ctx.book() != null && !ctx.book().symbol().equals(symbol)) {
      return RiskVerdict.reject("order book is for " + ctx.book().symbol() + ", not " + symbol);
    }
    if (ctx.ticker() != null && !ctx.ticker().symbol().equals(symbol)) {
      return RiskVerdict.reject("ticker is for " + ctx.ticker().symbol() + ", not " + symbol);
    }
    BigDecimal market = ctx.marketPrice();
    if (market == null) {
      return RiskVerdict.reject("no market price (empty or one-sided book)");
    }
    if (market.signum() <= 0) {
      return RiskVerdict.reject("market price not positive: " + market.toPlainString());
    }
    OrderBook book = ctx.book();
    if (book != null && book.bestBid() != null && book.bestAsk() != null) {
      if (book.bestBid().signum() <= 0 || book.bestAsk().signum() <= 0) {
        return RiskVerdict.reject("book price not positive");
      }
      if (book.bestBid().compareTo(book.bestAsk()) >= 0) {
        return RiskVerdict.reject("crossed book: bid " + book.bestBid().toPlainString() + " >= ask "
            + book.bestAsk().toPlainString());
      }
    }
    Ticker t = ctx.ticker();
    if (t != null && t.lastPrice().signum() <= 0) {
      return RiskVerdict.reject("last price not positive: " + t.lastPrice().toPlainString());
    }
    double m = market.doubleValue();
    double maxJump = ctx.limits().maxPriceJumpPct();
    if (!Double.isFinite(m)) {
      return RiskVerdict.reject("market price not finite");
    }
    BigDecimal previous = ctx.previousPrice();
    if (previous != null && previous.signum() > 0) {
      double jump = Math.abs(m / previous.doubleValue() - 1);
      if (!(jump <= maxJump)) {
        return RiskVerdict.reject(String.format(Locale.ROOT, "price moved %.1f%% since the previous observation"
            + " (limit %.1f%%): treated as a glitch", jump * 100, maxJump * 100));
      }
    }
    BigDecimal limit = ctx.proposal().limitPrice();
    if (limit != null && ctx.proposal().type().needsPrice()) {
      double away = Math.abs(limit.doubleValue() / m - 1);
      if (!(away <= maxJump)) {
        return RiskVerdict.reject(String.format(Locale.ROOT, "limit price %s is %.1f%% away from the market %s",
            limit.toPlainString(), away * 100, market.toPlainString()));
      }
    }
    return RiskVerdict.approve();
  }
}
