package io.ottertrend.net;

/**
 * The exchange's independent rate-limit pools. MEXC counts unsigned requests per IP and signed requests per
 * account (UID); each request is charged its documented weight against one pool.
 */
public enum RatePool {
  /** Unsigned endpoints, limited per IP address. */
  IP,
  /** Signed endpoints, limited per account. */
  UID
}
