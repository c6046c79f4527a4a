package io.ottertrend.analytics;

/** Market regime of one series, as {@link Analytics#detectRegime} classifies it. */
public enum Regime {
  /** Directional rise: high efficiency ratio, positive net move. */
  TRENDING_UP,
  /** Directional fall without crash-sized drawdown. */
  TRENDING_DOWN,
  /** No direction: low efficiency ratio, ordinary volatility. */
  RANGING,
  /** Volatility in the top of its own history, direction unclear. */
  HIGH_VOLATILITY,
  /** Fast, deep fall: drawdown beyond the crash threshold within the window. */
  CRASH
}
