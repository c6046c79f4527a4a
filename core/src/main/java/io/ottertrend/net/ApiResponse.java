package io.ottertrend.net;

/**
 * An HTTP answer below 500 other than 429 and 418 (those become {@link HttpStackException}s). Business errors
 * (4xx with a JSON {@code code}) arrive here: deciding what they mean is the exchange client's job.
 *
 * @param status HTTP status code
 * @param body response body as text (may be empty)
 * @param baseUrl the base URL that answered
 * @param latencyNanos time from sending to the full body
 */
public record ApiResponse(int status, String body, String baseUrl, long latencyNanos) {

  /** True for 2xx. */
  public boolean isSuccessful() {
    return status >= 200 && status < 300;
  }
}
