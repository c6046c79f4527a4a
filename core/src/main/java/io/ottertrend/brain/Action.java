package io.ottertrend.brain;

import io.ottertrend.model.OrderType;
import io.ottertrend.model.Side;
import java.math.BigDecimal;
import java.util.Objects;

/**
 * One thing a brain wants done. Sizes are relative (fraction of equity, fraction of a position): the quantity
 * is derived by code from the equity and the price, never taken from the model (the Lobstar lesson).
 */
public sealed interface Action {

  /** The exchange symbol, always one of the snapshot's allow-list. */
  String symbol();

  /** Why, in the brain's words (shown and recorded; never executed). */
  String reason();

  /**
   * Open (or add to) a spot position.
   *
   * @param symbol exchange symbol from the snapshot
   * @param side {@link Side#BUY} (spot: no shorts; exits are {@link Close})
   * @param sizePctEquity fraction of equity to commit, in (0, 1]: {@code 0.02} is 2 %; the risk engine caps it further
   * @param orderType LIMIT (default, 0 % maker on MEXC), LIMIT_MAKER, MARKET, IMMEDIATE_OR_CANCEL, FILL_OR_KILL
   * @param limitPrice price for priced types; {@code null} means "at the current best price"
   * @param stopLoss optional stop price (below entry)
   * @param takeProfit optional target price (above entry)
   * @param reason why
   */
  record Open(
      String symbol, Side side, BigDecimal sizePctEquity, OrderType orderType, BigDecimal limitPrice,
      BigDecimal stopLoss, BigDecimal takeProfit, String reason) implements Action {
    public Open {
      Objects.requireNonNull(symbol, "symbol");
      Objects.requireNonNull(side, "side");
      Objects.requireNonNull(sizePctEquity, "sizePctEquity");
      orderType = orderType == null ? OrderType.LIMIT : orderType;
      if (sizePctEquity.signum() <= 0 || sizePctEquity.compareTo(BigDecimal.ONE) > 0) {
        throw new IllegalArgumentException("sizePctEquity must be in (0, 1]: " + sizePctEquity.toPlainString());
      }
      for (BigDecimal p : new BigDecimal[] {limitPrice, stopLoss, takeProfit}) {
        if (p != null && p.signum() <= 0) {
          throw new IllegalArgumentException("prices must be > 0: " + p.toPlainString());
        }
      }
      reason = reason == null ? "" : reason;
    }
  }

  /**
   * Close all or part of a position.
   *
   * @param symbol a held symbol
   * @param fraction of the position to sell, in (0, 1]
   * @param reason why
   */
  record Close(String symbol, BigDecimal fraction, String reason) implements Action {
    public Close {
      Objects.requireNonNull(symbol, "symbol");
      fraction = fraction == null ? BigDecimal.ONE : fraction;
      if (fraction.signum() <= 0 || fraction.compareTo(BigDecimal.ONE) > 0) {
        throw new IllegalArgumentException("fraction must be in (0, 1]: " + fraction.toPlainString());
      }
      reason = reason == null ? "" : reason;
    }
  }
}
