package io.ottertrend.exchange.mexc;

/**
 * A response that is not the JSON the client expects (not JSON at all, or a required field missing or mistyped).
 * The client turns it into {@code Unavailable} for reads and {@code OutcomeUnknown} for order placement.
 */
public final class MalformedResponseException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public MalformedResponseException(String message) {
    super(message);
  }
}
