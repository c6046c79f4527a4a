package io.ottertrend.config;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Objects;

/**
 * A secret value (API key, API secret, bot token, webhook URL). Its {@link #toString()} never shows the
 * value, so a secret that ends up in a log line, an exception message, a record's {@code toString()} or a
 * status screen stays hidden. Call {@link #reveal()} only at the point of use (signing, an HTTP header).
 *
 * <p>Immutable and thread-safe. Two secrets are equal when their values are equal; the hash code is not
 * derived from the value.
 */
public final class Secret {
  private static final Secret EMPTY = new Secret("");
  /** What every secret prints as. */
  public static final String REDACTED = "****";

  private final String value;

  private Secret(String value) {
    this.value = value;
  }

  /** Wraps {@code value}; {@code null} or blank becomes the empty secret. */
  public static Secret of(String value) {
    if (value == null || value.isBlank()) {
      return EMPTY;
    }
    return new Secret(value.strip());
  }

  public static Secret empty() {
    return EMPTY;
  }

  /** True when a value is set. */
  public boolean isPresent() {
    return !value.isEmpty();
  }

  /** The clear value. Use only where the value must be sent; never log or store the result. */
  public String reveal() {
    return value;
  }

  /** Replaces every occurrence of this secret's value in {@code text} by {@link #REDACTED}. */
  public String scrub(String text) {
    if (text == null || value.isEmpty() || value.length() < 4) {
      return text;
    }
    return text.replace(value, REDACTED);
  }

  /** A short fingerprint for status output: whether it is set and its length class, never its content. */
  public String describe() {
    return isPresent() ? "set (" + REDACTED + ")" : "not set";
  }

  @Override
  public String toString() {
    return isPresent() ? REDACTED : "";
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Secret s
        && MessageDigest.isEqual(value.getBytes(StandardCharsets.UTF_8), s.value.getBytes(StandardCharsets.UTF_8));
  }

  @Override
  public int hashCode() {
    return Objects.hash(Secret.class, value.isEmpty());
  }
}
