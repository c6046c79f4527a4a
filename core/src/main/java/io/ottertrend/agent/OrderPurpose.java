package io.ottertrend.agent;

/** Why an order exists. Stored in the journal's {@code purpose} column; the exit reason of a trade comes from it. */
public enum OrderPurpose {
  /** Opens or adds to a position. */
  ENTRY,
  /** Closes or reduces a position on the brain's signal. */
  EXIT,
  /** Closes a position whose stop-loss price was hit (enforced by code). */
  STOP_LOSS,
  /** Closes a position whose take-profit price was hit (enforced by code). */
  TAKE_PROFIT,
  /** Closes a position whose exit deadline passed (enforced by code). */
  TIME_EXIT,
  /** Placed on a human's command. */
  MANUAL,
  /** Found on the exchange at start-up, not placed by OtterTrend (adopted, never managed). */
  EXTERNAL;

  /** The {@link io.ottertrend.memory.TradeRecord#exitReason()} of a sell with this purpose. */
  String exitReason() {
    return switch (this) {
      case ENTRY, EXIT -> "SIGNAL";
      case STOP_LOSS -> "STOP_LOSS";
      case TAKE_PROFIT -> "TAKE_PROFIT";
      case TIME_EXIT -> "TIME_EXIT";
      case MANUAL -> "MANUAL";
      case EXTERNAL -> "EXTERNAL";
    };
  }

  /** Parses a journal purpose; unknown text (written by another version) reads as {@link #EXIT}. */
  static OrderPurpose parse(String text) {
    if (text == null) {
      return ENTRY;
    }
    try {
      return valueOf(text);
    } catch (IllegalArgumentException e) {
      return EXIT;
    }
  }
}
