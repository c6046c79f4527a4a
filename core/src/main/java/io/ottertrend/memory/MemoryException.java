package io.ottertrend.memory;

/** A memory operation failed. {@link #kind()} says why; the message says what to do. */
public final class MemoryException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  /** Failure classes callers may switch on. */
  public enum Kind {
    /** The file is not an OtterTrend database (not SQLite, or another application's database). */
    NOT_OTTERTREND,
    /** The file was written by a newer OtterTrend; this version will not touch it. */
    NEWER_SCHEMA,
    /** The database cannot be written (read-only file or folder, disk full). */
    NOT_WRITABLE,
    /** A uniqueness rule was broken (e.g. a client order id journalled twice). */
    CONFLICT,
    /** Any other SQL or I/O failure. */
    IO
  }

  private final Kind kind;

  public MemoryException(Kind kind, String message, Throwable cause) {
    super(message, cause);
    this.kind = kind;
  }

  public Kind kind() {
    return kind;
  }
}
