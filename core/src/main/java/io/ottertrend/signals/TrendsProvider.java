package io.ottertrend.signals;

/**
 * A source of trend signals: keyword interest series (Google Trends) or market-made trends (new listings,
 * top gainers). Shipped: {@code google}, {@code exchange}.
 *
 * <p><b>Thread-safety:</b> implementations are safe for concurrent use.
 *
 * <p><b>Errors:</b> {@link #fetch()} throws {@link SignalException} subtypes when the source cannot answer;
 * callers (the {@link SignalsService}) treat trends as optional and never let a failure stop a cycle.
 */
public interface TrendsProvider extends SignalProvider {

  /** The current trend signals (possibly served from a cache; {@link TrendSignals#observedAt()} says when). */
  TrendSignals fetch();
}
