package io.ottertrend.signals;

import dev.failsafe.CircuitBreaker;
import io.ottertrend.time.Clock;
import java.time.Duration;

/**
 * A circuit breaker (failsafe) and the service's view of one provider's health. The service's timeout is
 * applied by the caller (all providers share one deadline per cycle); this class records its outcome.
 *
 * <p>The breaker opens after {@code failureThreshold} failures in a row and lets one trial call through
 * after {@code openDelay}. Failsafe measures that delay on the JVM's monotonic clock, not on the agent's
 * {@link Clock}: it is about real remote services, which do not recover faster in a simulation.
 *
 * <p>Thread-safe: the breaker is, and the health tracker is synchronized.
 */
final class ProviderGuard {
  private final SignalProvider provider;
  private final CircuitBreaker<Object> breaker;
  private final HealthTracker health;

  ProviderGuard(SignalProvider provider, Clock clock, int failureThreshold, Duration openDelay) {
    this.provider = provider;
    this.breaker = CircuitBreaker.builder().withFailureThreshold(failureThreshold).withDelay(openDelay).build();
    this.health = new HealthTracker(provider.name(), clock);
  }

  SignalProvider provider() {
    return provider;
  }

  /** Whether a call may go out now (false while the breaker is open). */
  boolean tryAcquire() {
    if (breaker.tryAcquirePermit()) {
      return true;
    }
    health.unavailable("circuit breaker open after repeated failures"
        + (health.health().lastError() == null ? "" : "; last: " + health.health().lastError()));
    return false;
  }

  void success() {
    breaker.recordSuccess();
    ProviderHealth own = provider.health();
    if (own.status() == ProviderHealth.Status.DEGRADED) {
      health.degraded(own.lastError());
    } else {
      health.up();
    }
  }

  void failure(String reason) {
    breaker.recordFailure();
    health.unavailable(reason);
  }

  boolean open() {
    return breaker.isOpen();
  }

  ProviderHealth health() {
    return health.health();
  }
}
