package io.ottertrend.memory;

import java.util.ArrayList;

/**
 * Steps that undo the writes of the current transaction, applied newest first on rollback. Cheaper than
 * copying the tables: a transaction costs one small object per write it makes. Not thread-safe: used only
 * under {@link InMemoryMemory}'s lock.
 */
final class UndoLog {
  /** A big transaction's array is dropped afterwards rather than kept around at its peak size. */
  private static final int RETAINED_CAPACITY = 1024;

  private ArrayList<Runnable> steps = new ArrayList<>();

  /** Remembers how to undo a write that has just been made. */
  void add(Runnable undo) {
    steps.add(undo);
  }

  /** Undoes every recorded write, newest first, and forgets them. */
  void rollback() {
    for (int i = steps.size() - 1; i >= 0; i--) {
      steps.get(i).run();
    }
    forget();
  }

  /** Keeps every recorded write. */
  void commit() {
    forget();
  }

  private void forget() {
    if (steps.size() > RETAINED_CAPACITY) {
      steps = new ArrayList<>();
    } else {
      steps.clear();
    }
  }
}
