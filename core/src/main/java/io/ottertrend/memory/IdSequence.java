package io.ottertrend.memory;

/**
 * Ids 1, 2, 3... like an SQLite {@code INTEGER PRIMARY KEY} of a table whose rows are never deleted: the next
 * id is one more than the largest, so an id taken by a rolled-back insert is handed out again. Not thread-safe:
 * used only under {@link InMemoryMemory}'s lock.
 */
final class IdSequence {
  private final UndoLog undo;
  private long last;

  IdSequence(UndoLog undo) {
    this.undo = undo;
  }

  /** The next id; given back when the transaction rolls back. */
  long next() {
    long id = ++last;
    undo.add(new Runnable() { // a class, not a lambda: see InMemoryMemory#lockOpen
      @Override
      public void run() {
        last = id - 1;
      }
    });
    return id;
  }

  /** The largest id handed out (0 before the first). */
  long last() {
    return last;
  }
}
