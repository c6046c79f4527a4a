package io.ottertrend.net;

import java.time.Duration;

/**
 * Failures of the {@link HttpStack}, classified by what they prove about the request. Exchange clients map them
 * onto their own error types; order placement relies on the distinction between {@link NotSent} (provably not
 * transmitted) and {@link MaybeSent} / {@link ServerError} (the exchange may have acted).
 *
 * <p>Messages are redacted: they never contain signatures, API keys or secrets.
 */
public abstract sealed class HttpStackException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  HttpStackException(String message, Throwable cause) {
    super(message, cause);
  }

  /** Why a request was provably never transmitted. */
  public enum NotSentReason {
    /** Connection refused, unknown host, TLS failure: no request byte was written. */
    CONNECT_FAILED,
    /** The endpoint group's circuit breaker is open. */
    CIRCUIT_OPEN,
    /** Waiting for rate-limit tokens would have taken longer than allowed. */
    RATE_LIMIT_WAIT,
    /** The thread was interrupted before sending. */
    INTERRUPTED,
    /** The stack was closed. */
    CLOSED
  }

  /** The request never left this process (or never reached a socket): safe to treat as not executed. */
  public static final class NotSent extends HttpStackException {
    private static final long serialVersionUID = 1L;
    private final NotSentReason reason;

    public NotSent(NotSentReason reason, String message, Throwable cause) {
      super(message, cause);
      this.reason = reason;
    }

    public NotSentReason reason() {
      return reason;
    }
  }

  /** Timeout, reset or broken stream after the request may have reached the server: the outcome is unknown. */
  public static final class MaybeSent extends HttpStackException {
    private static final long serialVersionUID = 1L;

    public MaybeSent(String message, Throwable cause) {
      super(message, cause);
    }
  }

  /** HTTP 5xx: the server received the request; whether it acted is unknown for state-changing calls. */
  public static final class ServerError extends HttpStackException {
    private static final long serialVersionUID = 1L;
    private final int status;
    private final String body;

    public ServerError(int status, String body, String message) {
      super(message, null);
      this.status = status;
      this.body = body;
    }

    public int status() {
      return status;
    }

    /** The (redacted, length-capped) response body. */
    public String body() {
      return body;
    }
  }

  /** HTTP 429: the request was refused by the rate limit; wait {@link #retryAfter()}. */
  public static final class TooManyRequests extends HttpStackException {
    private static final long serialVersionUID = 1L;
    private final Duration retryAfter;

    public TooManyRequests(Duration retryAfter, String message) {
      super(message, null);
      this.retryAfter = retryAfter;
    }

    public Duration retryAfter() {
      return retryAfter;
    }
  }

  /**
   * HTTP 418 (or a ban still in force): the IP is banned for {@link #retryAfter()}. Every call fails fast without
   * sending until the ban ends; the stack's alert hook fired once when the ban began.
   */
  public static final class Banned extends HttpStackException {
    private static final long serialVersionUID = 1L;
    private final Duration retryAfter;

    public Banned(Duration retryAfter, String message) {
      super(message, null);
      this.retryAfter = retryAfter;
    }

    public Duration retryAfter() {
      return retryAfter;
    }
  }
}
