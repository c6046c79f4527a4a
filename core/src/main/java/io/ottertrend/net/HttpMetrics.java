package io.ottertrend.net;

import java.util.List;

/**
 * A snapshot of the {@link HttpStack}'s health, as {@code ottertrend status} prints it.
 *
 * @param endpoints per endpoint ({@code METHOD /path}): requests, errors, latency percentiles
 * @param limiters per rate-limit pool: saturation and waits
 * @param breakers per endpoint group: circuit breaker state
 * @param upstreams per base URL: health, ejections
 * @param bannedForMillis remaining IP ban after a 418, {@code 0} when not banned
 */
public record HttpMetrics(
    List<Endpoint> endpoints, List<Limiter> limiters, List<Breaker> breakers, List<Upstream> upstreams,
    long bannedForMillis) {

  public HttpMetrics {
    endpoints = List.copyOf(endpoints);
    limiters = List.copyOf(limiters);
    breakers = List.copyOf(breakers);
    upstreams = List.copyOf(upstreams);
  }

  /**
   * Traffic of one endpoint.
   *
   * @param endpoint {@code METHOD /path}
   * @param callClass call class of its requests
   * @param requests attempts sent (hedges and retries count)
   * @param errors attempts that failed (I/O, 5xx, 429, 418)
   * @param p50Millis median latency over the recent window
   * @param p90Millis 90th percentile latency over the recent window
   * @param p99Millis 99th percentile latency over the recent window
   * @param lastStatus last HTTP status, {@code 0} after an I/O failure
   */
  public record Endpoint(
      String endpoint, CallClass callClass, long requests, long errors, double p50Millis, double p90Millis,
      double p99Millis, int lastStatus) {}

  /**
   * One rate-limit pool.
   *
   * @param pool the pool
   * @param capacity bucket capacity in weight units
   * @param available tokens available now
   * @param saturation {@code 1 - available / capacity}
   * @param acquired requests admitted
   * @param waited requests that had to wait
   * @param totalWaitMillis time spent waiting, summed
   * @param refused requests refused because the wait would have been too long
   * @param pausedForMillis remaining pause after a 429
   */
  public record Limiter(
      RatePool pool, double capacity, double available, double saturation, long acquired, long waited,
      double totalWaitMillis, long refused, long pausedForMillis) {}

  /**
   * The circuit breaker of one endpoint group.
   *
   * @param group the endpoint group
   * @param state {@code CLOSED}, {@code OPEN} or {@code HALF_OPEN}
   * @param failures failures recorded in the current window
   */
  public record Breaker(CallClass group, String state, long failures) {}

  /**
   * One base URL.
   *
   * @param baseUrl the base URL
   * @param ejected true while ejected as an outlier
   * @param consecutiveFailures failures since the last success
   * @param ejections times ejected so far
   * @param successes successful attempts
   * @param failures failed attempts (I/O or 5xx)
   * @param lastHealthCheck result of the last active health check, {@code null} before the first
   */
  public record Upstream(
      String baseUrl, boolean ejected, int consecutiveFailures, int ejections, long successes, long failures,
      Boolean lastHealthCheck) {}
}
