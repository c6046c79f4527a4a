package io.ottertrend.alert;

/** What an alert is about; rate limiting is per kind (and subject). */
public enum AlertKind {
  /** Trading halted (kill switch, daily loss). */
  HALT,
  /** Trading resumed by a human. */
  RESUME,
  /** The exchange banned our IP (HTTP 418). */
  BAN,
  /** Many orders in a row were rejected by the risk engine. */
  REPEATED_REJECTS,
  /** The database and the exchange disagree (orders, fills or balances). */
  RECONCILIATION_DRIFT,
  /** An error that needs a human (database not writable, repeated exchange failures...). */
  ERROR,
  /** Information (run started or stopped). */
  INFO
}
