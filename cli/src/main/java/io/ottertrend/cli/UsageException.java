package io.ottertrend.cli;

/** Bad input found while executing a command (exit code 2). The message names the problem and the fix. */
public final class UsageException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public UsageException(String message) {
    super(message);
  }
}
