package io.ottertrend.model;

/**
 * Order types, named as MEXC names them on the wire. Immediate-or-cancel and fill-or-kill are order types
 * (not a time-in-force parameter) on MEXC; other exchanges map them onto their own fields.
 */
public enum OrderType {
  /** Rests on the book until filled or cancelled (good till cancelled). Needs quantity and price. */
  LIMIT,
  /** Takes liquidity now. A market BUY is sized by quote amount, a market SELL by base quantity. */
  MARKET,
  /** Post-only limit: rejected if it would cross the book, so it always pays the maker fee. */
  LIMIT_MAKER,
  /** Fills what it can at the limit price or better, cancels the rest. */
  IMMEDIATE_OR_CANCEL,
  /** Fills completely at the limit price or better, or not at all. */
  FILL_OR_KILL;

  /** True for types that need a limit price. */
  public boolean needsPrice() {
    return this != MARKET;
  }
}
