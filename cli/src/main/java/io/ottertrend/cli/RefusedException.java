package io.ottertrend.cli;

/** A command refuses to act for safety reasons (exit code 3). The message says why and what to do. */
public final class RefusedException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public RefusedException(String message) {
    super(message);
  }
}
