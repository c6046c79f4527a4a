package io.ottertrend.data;

/**
 * A problem with historical data: a bad import file (the message names the file and line), a corrupt or
 * inconsistent store, or an I/O failure. Nothing is half-written when it is thrown.
 */
public final class DataException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public DataException(String message) {
    super(message);
  }

  public DataException(String message, Throwable cause) {
    super(message, cause);
  }
}
