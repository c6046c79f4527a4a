package io.ottertrend.cli;

/** Exit codes of {@code ottertrend} (DESIGN.md §4). */
public final class ExitCodes {
  /** Success. */
  public static final int OK = 0;
  /** Runtime failure (network, database, unexpected error). */
  public static final int FAILURE = 1;
  /** Bad usage or configuration: one clear line per problem was printed. */
  public static final int USAGE = 2;
  /** Refused for safety: live without opt-in, failed pre-live check, halted. */
  public static final int REFUSED = 3;
  /** Interrupted (SIGINT). */
  public static final int INTERRUPTED = 130;

  private ExitCodes() {}
}
