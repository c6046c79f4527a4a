package io.ottertrend.signals;

import java.util.Objects;

/**
 * The health of one provider as of {@code checkedAt}.
 *
 * @param provider registry name
 * @param status up, degraded (answering, but partly or from a stale cache) or unavailable
 * @param since when the current status began, epoch ms ({@code 0} when never checked)
 * @param lastError one line describing the last failure, or {@code null}
 * @param checkedAt when the status was last updated, epoch ms
 */
public record ProviderHealth(String provider, Status status, long since, String lastError, long checkedAt) {

  /** Provider status. */
  public enum Status { UP, DEGRADED, UNAVAILABLE }

  public ProviderHealth {
    Objects.requireNonNull(provider, "provider");
    Objects.requireNonNull(status, "status");
  }

  /** Health of a provider that has not been asked yet. */
  public static ProviderHealth unknown(String provider) {
    return new ProviderHealth(provider, Status.UP, 0, null, 0);
  }

  /** Whether the provider answered on its last call. */
  public boolean available() {
    return status != Status.UNAVAILABLE;
  }

  /** One line, e.g. {@code google: UNAVAILABLE since 2026-01-01T00:00:00Z (HTTP 429)}. */
  public String describe() {
    StringBuilder sb = new StringBuilder(provider).append(": ").append(status);
    if (status != Status.UP && since > 0) {
      sb.append(" since ").append(java.time.Instant.ofEpochMilli(since));
    }
    if (lastError != null && status != Status.UP) {
      sb.append(" (").append(lastError).append(')');
    }
    return sb.toString();
  }
}
