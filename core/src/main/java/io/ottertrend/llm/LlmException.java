package io.ottertrend.llm;

import java.time.Duration;

/**
 * Every failure of an {@link LLMAdapter}. Sealed so the brains can switch on it; decisions are taken on the
 * type, never on the message. Messages never contain the API key.
 */
public abstract sealed class LlmException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final int status;

  LlmException(String message, int status, Throwable cause) {
    super(message, cause);
    this.status = status;
  }

  /** The HTTP status, or {@code 0} when no response was received. */
  public int status() {
    return status;
  }

  /** A short stable name of the kind of failure, for decision records and logs. */
  public abstract String kind();

  /** HTTP 429, or the client-side budget from the {@code x-ratelimit-*} headers is spent. */
  public static final class RateLimited extends LlmException {
    private static final long serialVersionUID = 1L;
    private final transient Duration retryAfter;

    public RateLimited(String message, Duration retryAfter) {
      super(message, 429, null);
      this.retryAfter = retryAfter == null ? Duration.ZERO : retryAfter;
    }

    /** How long to wait before the next call ({@code retry-after} or the header reset time). */
    public Duration retryAfter() {
      return retryAfter;
    }

    @Override
    public String kind() {
      return "rate_limited";
    }
  }

  /** HTTP 413: prompt plus {@code max_completion_tokens} exceed the tokens-per-minute limit; shrink the prompt. */
  public static final class RequestTooLarge extends LlmException {
    private static final long serialVersionUID = 1L;

    public RequestTooLarge(String message) {
      super(message, 413, null);
    }

    @Override
    public String kind() {
      return "request_too_large";
    }
  }

  /** HTTP 400 {@code tool_use_failed}: the model produced a malformed tool call. */
  public static final class ToolUseFailed extends LlmException {
    private static final long serialVersionUID = 1L;
    private final String failedGeneration;

    public ToolUseFailed(String message, String failedGeneration) {
      super(message, 400, null);
      this.failedGeneration = failedGeneration == null ? "" : failedGeneration;
    }

    /** The raw model output the server could not turn into a call (untrusted text). */
    public String failedGeneration() {
      return failedGeneration;
    }

    @Override
    public String kind() {
      return "tool_use_failed";
    }
  }

  /** HTTP 400 {@code json_validate_failed}: {@code json_object} mode and the model's output was not JSON. */
  public static final class JsonValidateFailed extends LlmException {
    private static final long serialVersionUID = 1L;
    private final String failedGeneration;

    public JsonValidateFailed(String message, String failedGeneration) {
      super(message, 400, null);
      this.failedGeneration = failedGeneration == null ? "" : failedGeneration;
    }

    public String failedGeneration() {
      return failedGeneration;
    }

    @Override
    public String kind() {
      return "json_validate_failed";
    }
  }

  /** Any other 4xx the request itself caused (unknown model, unsupported parameter ...): not retryable. */
  public static final class BadRequest extends LlmException {
    private static final long serialVersionUID = 1L;

    public BadRequest(String message, int status) {
      super(message, status, null);
    }

    @Override
    public String kind() {
      return "bad_request";
    }
  }

  /** HTTP 401/403: missing, invalid or forbidden key. */
  public static final class Auth extends LlmException {
    private static final long serialVersionUID = 1L;

    public Auth(String message, int status) {
      super(message, status, null);
    }

    @Override
    public String kind() {
      return "auth";
    }
  }

  /** HTTP 5xx or 498 (capacity): the server failed; retried with backoff before this is thrown. */
  public static final class ServerError extends LlmException {
    private static final long serialVersionUID = 1L;

    public ServerError(String message, int status) {
      super(message, status, null);
    }

    @Override
    public String kind() {
      return "server_error";
    }
  }

  /** No complete answer within {@code LLM_TIMEOUT}, or the connection failed. */
  public static final class Timeout extends LlmException {
    private static final long serialVersionUID = 1L;

    public Timeout(String message, Throwable cause) {
      super(message, 0, cause);
    }

    @Override
    public String kind() {
      return "timeout";
    }
  }

  /** HTTP 200 but the body is not a chat completion (not JSON, no choices, empty choice). */
  public static final class Malformed extends LlmException {
    private static final long serialVersionUID = 1L;

    public Malformed(String message) {
      super(message, 200, null);
    }

    @Override
    public String kind() {
      return "malformed_response";
    }
  }

  /** Cache-only mode ({@code --llm-cache-only}) and the request is not in the replay store. */
  public static final class CacheMiss extends LlmException {
    private static final long serialVersionUID = 1L;
    private final String requestHash;

    public CacheMiss(String requestHash) {
      super("LLM request " + requestHash + " is not in the replay store and cache-only mode forbids the network",
          0, null);
      this.requestHash = requestHash;
    }

    public String requestHash() {
      return requestHash;
    }

    @Override
    public String kind() {
      return "cache_miss";
    }
  }
}
