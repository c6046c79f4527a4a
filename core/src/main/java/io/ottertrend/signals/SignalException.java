package io.ottertrend.signals;

/**
 * A signals provider could not answer. Subclasses say why; messages are one line and never contain a
 * secret. Callers usually catch the base class: every signal is optional.
 */
public sealed class SignalException extends RuntimeException
    permits SignalException.RateLimited, SignalException.BadResponse, SignalException.Unavailable,
        SignalException.NotConfigured {
  private static final long serialVersionUID = 1L;

  SignalException(String message, Throwable cause) {
    super(message, cause);
  }

  /** The source said "too many requests"; no request is sent before {@link #retryAtMillis()}. */
  public static final class RateLimited extends SignalException {
    private static final long serialVersionUID = 1L;
    private final long retryAtMillis;

    public RateLimited(String message, long retryAtMillis) {
      super(message, null);
      this.retryAtMillis = retryAtMillis;
    }

    /** Earliest time of the next request, epoch ms. */
    public long retryAtMillis() {
      return retryAtMillis;
    }
  }

  /** The source answered, but not with what the protocol promises (error envelope, bad JSON/XML, no token). */
  public static final class BadResponse extends SignalException {
    private static final long serialVersionUID = 1L;

    public BadResponse(String message) {
      super(message, null);
    }

    public BadResponse(String message, Throwable cause) {
      super(message, cause);
    }
  }

  /** The source could not be reached (I/O error, timeout, open circuit breaker). */
  public static final class Unavailable extends SignalException {
    private static final long serialVersionUID = 1L;

    public Unavailable(String message, Throwable cause) {
      super(message, cause);
    }
  }

  /** The provider lacks configuration (e.g. X/Twitter in this version). */
  public static final class NotConfigured extends SignalException {
    private static final long serialVersionUID = 1L;

    public NotConfigured(String message) {
      super(message, null);
    }
  }
}
