package io.ottertrend.backtest;

/** A backtest cannot run with the given input (empty window, no stored bars, bad sweep file). */
public final class BacktestException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public BacktestException(String message) {
    super(message);
  }

  public BacktestException(String message, Throwable cause) {
    super(message, cause);
  }
}
