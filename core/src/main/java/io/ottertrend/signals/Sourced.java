package io.ottertrend.signals;

import java.util.Objects;

/**
 * A value with where it came from and how old it is.
 *
 * @param value the value
 * @param source provider name
 * @param observedAt when the provider got it from its source, epoch ms
 * @param staleMillis age at snapshot time ({@code snapshot.at - observedAt}, never negative)
 */
public record Sourced<T>(T value, String source, long observedAt, long staleMillis) {

  public Sourced {
    Objects.requireNonNull(value, "value");
    Objects.requireNonNull(source, "source");
    staleMillis = Math.max(0, staleMillis);
  }

  /** Wraps {@code value} observed at {@code observedAt} for a snapshot taken at {@code snapshotAt}. */
  public static <T> Sourced<T> of(T value, String source, long observedAt, long snapshotAt) {
    return new Sourced<>(value, source, observedAt, snapshotAt - observedAt);
  }
}
