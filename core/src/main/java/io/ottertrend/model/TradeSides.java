package io.ottertrend.model;

/** Which sides a symbol accepts (MEXC {@code tradeSideType}: 1 all, 2 buy-only, 3 sell-only, 4 closed). */
public enum TradeSides {
  BOTH,
  BUY_ONLY,
  SELL_ONLY,
  NONE;

  /** True when orders of {@code side} are accepted. */
  public boolean allows(Side side) {
    return switch (this) {
      case BOTH -> true;
      case BUY_ONLY -> side == Side.BUY;
      case SELL_ONLY -> side == Side.SELL;
      case NONE -> false;
    };
  }
}
