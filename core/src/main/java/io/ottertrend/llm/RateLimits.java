package io.ottertrend.llm;

import io.ottertrend.config.Durations;
import java.time.Duration;

/**
 * What the server's {@code x-ratelimit-*} headers said at {@code observedAt}. On Groq the "requests" headers
 * are per <b>day</b> and the "tokens" headers per <b>minute</b>; reset values are duration strings such as
 * {@code 2m59.56s}. {@code -1} means the header was absent.
 */
public record RateLimits(
    long limitRequests, long remainingRequests, Duration resetRequests, long limitTokens, long remainingTokens,
    Duration resetTokens, long observedAt) {

  /** Nothing known yet: no limit is applied. */
  public static final RateLimits UNKNOWN = new RateLimits(-1, -1, Duration.ZERO, -1, -1, Duration.ZERO, 0);

  /** Reads the six headers through {@code header} (name → value or null). */
  static RateLimits from(java.util.function.Function<String, String> header, long now) {
    return new RateLimits(num(header.apply("x-ratelimit-limit-requests")),
        num(header.apply("x-ratelimit-remaining-requests")), dur(header.apply("x-ratelimit-reset-requests")),
        num(header.apply("x-ratelimit-limit-tokens")), num(header.apply("x-ratelimit-remaining-tokens")),
        dur(header.apply("x-ratelimit-reset-tokens")), now);
  }

  /** True when at least one limit header was present. */
  public boolean known() {
    return remainingRequests >= 0 || remainingTokens >= 0;
  }

  /** How long until a request may be sent that needs {@code tokens}; zero when it may go now. */
  public Duration waitFor(long tokens, long now) {
    Duration wait = Duration.ZERO;
    if (remainingRequests == 0) {
      wait = remaining(resetRequests, now);
    }
    if (remainingTokens >= 0 && tokens > remainingTokens) {
      Duration w = remaining(resetTokens, now);
      wait = w.compareTo(wait) > 0 ? w : wait;
    }
    return wait;
  }

  private Duration remaining(Duration reset, long now) {
    long left = observedAt + reset.toMillis() - now;
    return left > 0 ? Duration.ofMillis(left) : Duration.ZERO;
  }

  private static long num(String v) {
    if (v == null || v.isBlank()) {
      return -1;
    }
    try {
      return Math.max(0, (long) Double.parseDouble(v.strip()));
    } catch (NumberFormatException e) {
      return -1;
    }
  }

  static Duration dur(String v) {
    if (v == null || v.isBlank()) {
      return Duration.ZERO;
    }
    try {
      return Durations.parse(v);
    } catch (RuntimeException e) {
      return Duration.ZERO;
    }
  }
}
