package io.ottertrend.agent;

/**
 * The order manager refused or could not complete an operation. {@link #kind()} says what happened; the
 * message says what to do. Unchecked.
 */
public final class OrderManagerException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  /** Failure classes callers switch on. */
  public enum Kind {
    /**
     * The intent could not be written to the journal (disk full, read-only database, I/O error). Nothing was
     * sent; trading must halt until the database is writable again.
     */
    JOURNAL_FAILED,
    /** The client order id is already in the journal: the same intent is never sent twice. Nothing was sent. */
    DUPLICATE_CLIENT_ID,
    /** No journal entry has this client order id. */
    UNKNOWN_ORDER,
    /** The exchange did not confirm a cancel; the order's state is unchanged and the cancel may be retried. */
    CANCEL_FAILED,
    /** The symbol's trading rules are unknown, so the order or fill cannot be handled safely. */
    NO_RULES
  }

  private final Kind kind;

  public OrderManagerException(Kind kind, String message, Throwable cause) {
    super(message, cause);
    this.kind = kind;
  }

  public Kind kind() {
    return kind;
  }
}
