package io.ottertrend.signals;

/**
 * What every signals provider has: a registry name and a health state.
 *
 * <p>Implementations are thread-safe.
 */
public interface SignalProvider {

  /** Registry name, e.g. {@code google} or {@code rss}. */
  String name();

  /** The provider's own view of its health (the service adds timeouts and open circuit breakers). */
  ProviderHealth health();
}
