package io.ottertrend.model;

/** Order side. Spot only: a SELL never exceeds what the wallet holds. */
public enum Side {
  BUY,
  SELL;

  /** The side that closes a position opened with this side. */
  public Side opposite() {
    return this == BUY ? SELL : BUY;
  }
}
