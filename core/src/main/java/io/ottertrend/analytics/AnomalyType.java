package io.ottertrend.analytics;

/** Kinds of data anomaly found by {@link Analytics#detectAnomalies}. */
public enum AnomalyType {
  /** A bar's log return far outside the recent σ. */
  PRICE_SPIKE,
  /** Volume far above its recent average. */
  VOLUME_SPIKE,
  /** Open far from the previous close. */
  GAP,
  /** The close did not change for many bars. */
  STALE_PRICE,
  /** NaN, infinite, zero or negative price, negative volume, or high below low. */
  INVALID_VALUE
}
