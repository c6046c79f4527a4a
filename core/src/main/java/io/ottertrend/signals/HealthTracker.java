package io.ottertrend.signals;

import io.ottertrend.time.Clock;
import java.util.Objects;

/**
 * Mutable health state of one provider, for implementations to report through
 * {@link SignalProvider#health()}. A status change starts a new "since"; repeated failures keep the time of
 * the first one, so "unavailable since T" means since the outage began.
 *
 * <p>Thread-safe: every method is synchronized (the state is tiny and updated once per call).
 */
public final class HealthTracker {
  private final String provider;
  private final Clock clock;
  private ProviderHealth current;

  public HealthTracker(String provider, Clock clock) {
    this.provider = Objects.requireNonNull(provider, "provider");
    this.clock = Objects.requireNonNull(clock, "clock");
    this.current = ProviderHealth.unknown(provider);
  }

  /** The provider answered fully. */
  public synchronized void up() {
    set(ProviderHealth.Status.UP, null);
  }

  /** The provider answered partly or from a stale cache. */
  public synchronized void degraded(String reason) {
    set(ProviderHealth.Status.DEGRADED, reason);
  }

  /** The provider could not answer. */
  public synchronized void unavailable(String reason) {
    set(ProviderHealth.Status.UNAVAILABLE, reason);
  }

  /** The current health. */
  public synchronized ProviderHealth health() {
    return current;
  }

  private void set(ProviderHealth.Status status, String error) {
    long now = clock.millis();
    long since = current.status() == status && current.since() > 0 ? current.since() : now;
    String line = error == null ? null : oneLine(error);
    current = new ProviderHealth(provider, status, since, line, now);
  }

  /** First line of a message, at most 200 characters: health lines go to dashboards and prompts. */
  public static String oneLine(String text) {
    if (text == null) {
      return null;
    }
    String line = text.strip();
    int nl = line.indexOf('\n');
    if (nl >= 0) {
      line = line.substring(0, nl).strip();
    }
    return line.length() > 200 ? line.substring(0, 197) + "..." : line;
  }
}
