package io.ottertrend.memory;

/**
 * States of the order intent journal. An intent is written as {@link #NEW} before any request leaves the
 * process; {@link #SENT} just before the request; {@link #UNKNOWN} when the outcome is unknown (never
 * re-sent: resolved by query); {@link #NOT_SENT} when a query proved the exchange never saw it.
 */
public enum OrderState {
  NEW,
  SENT,
  UNKNOWN,
  OPEN,
  FILLED,
  CANCELED,
  REJECTED,
  NOT_SENT;

  /** True when the journal entry can no longer change. */
  public boolean isFinal() {
    return this == FILLED || this == CANCELED || this == REJECTED || this == NOT_SENT;
  }
}
