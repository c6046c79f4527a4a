package io.ottertrend.model;

/** Order status as the exchange reports it. */
public enum OrderStatus {
  NEW,
  PARTIALLY_FILLED,
  FILLED,
  CANCELED,
  PARTIALLY_CANCELED,
  REJECTED,
  EXPIRED;

  /** True when the order can no longer change. */
  public boolean isFinal() {
    return switch (this) {
      case FILLED, CANCELED, PARTIALLY_CANCELED, REJECTED, EXPIRED -> true;
      case NEW, PARTIALLY_FILLED -> false;
    };
  }

  /** True when the order may still rest on the book. */
  public boolean isOpen() {
    return !isFinal();
  }
}
