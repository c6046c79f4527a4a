package io.ottertrend.memory;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;

/**
 * Rows sorted by {@link TimeKey}, so "most recent first, limit n" costs O(n) and a time range costs
 * O(log size + matches). Undoable inserts and replacements. Not thread-safe: used only under {@link InMemoryMemory}'s lock.
 *
 * <p>Kept as sorted parallel arrays rather than a tree: journals are written in time order, so an insert is
 * almost always an append (O(1), no node to allocate), and the undo of the newest insert is a truncation. An
 * insert out of order shifts the newer rows (O(size), rare).
 *
 * @param <T> the immutable row record
 */
final class TimeOrderedRows<T> {
  private final UndoLog undo;
  private long[] ats = new long[8];
  private long[] seqs = new long[8];
  private Object[] rows = new Object[8];
  private int size;

  TimeOrderedRows(UndoLog undo) {
    this.undo = undo;
  }

  /** Adds a row under a key no other row has. */
  void insert(TimeKey key, T row) {
    long at = key.at();
    long seq = key.seq();
    int i = size == 0 || compare(size - 1, at, seq) < 0 ? size : firstAbove(at, seq);
    if (size == rows.length) {
      int capacity = size * 2;
      ats = Arrays.copyOf(ats, capacity);
      seqs = Arrays.copyOf(seqs, capacity);
      rows = Arrays.copyOf(rows, capacity);
    }
    if (i < size) {
      System.arraycopy(ats, i, ats, i + 1, size - i);
      System.arraycopy(seqs, i, seqs, i + 1, size - i);
      System.arraycopy(rows, i, rows, i + 1, size - i);
    }
    ats[i] = at;
    seqs[i] = seq;
    rows[i] = row;
    size++;
    undo.add(new Runnable() { // a class, not a lambda: see InMemoryMemory#lockOpen
      @Override
      public void run() {
        remove(at, seq);
      }
    });
  }

  /**
   * Stores {@code row} under {@code key}, replacing the row stored under that key if there is one (as a table's
   * primary key does).
   */
  void put(TimeKey key, T row) {
    long at = key.at();
    long seq = key.seq();
    int i = size == 0 || compare(size - 1, at, seq) < 0 ? -1 : firstAbove(at, seq) - 1;
    if (i < 0 || compare(i, at, seq) != 0) {
      insert(key, row);
      return;
    }
    Object old = rows[i];
    rows[i] = row;
    undo.add(new Runnable() {
      @Override
      public void run() {
        rows[i] = old; // undo runs newest first: the index is still this row's
      }
    });
  }

  private void remove(long at, long seq) {
    int i = size > 0 && ats[size - 1] == at && seqs[size - 1] == seq ? size - 1 : firstAbove(at, seq) - 1;
    if (i < 0 || ats[i] != at || seqs[i] != seq) {
      return;
    }
    int after = size - i - 1;
    if (after > 0) {
      System.arraycopy(ats, i + 1, ats, i, after);
      System.arraycopy(seqs, i + 1, seqs, i, after);
      System.arraycopy(rows, i + 1, rows, i, after);
    }
    size--;
    rows[size] = null;
  }

  /** Up to {@code limit} rows (all when negative, as SQLite's {@code LIMIT -1}), newest first. */
  List<T> newestFirst(int limit) {
    int n = limit < 0 ? size : Math.min(limit, size);
    List<T> out = new ArrayList<>(n);
    for (int i = size - 1; i >= size - n; i--) {
      out.add(row(i));
    }
    return Collections.unmodifiableList(out);
  }

  /** Rows with {@code from <= at <= to}, oldest first. */
  List<T> between(long from, long to) {
    if (from > to) {
      return List.of();
    }
    return copy(firstAtOrAfter(from), firstAbove(to, Long.MAX_VALUE));
  }

  /** Rows with {@code at >= since}, oldest first. */
  List<T> since(long since) {
    return copy(firstAtOrAfter(since), size);
  }

  /** Whether there are no rows. */
  boolean isEmpty() {
    return size == 0;
  }

  /** Rows with {@code at >= since}, oldest first, as a live view for aggregation under the lock. */
  Iterable<T> viewSince(long since) {
    int from = firstAtOrAfter(since);
    return new Iterable<T>() {
      @Override
      public java.util.Iterator<T> iterator() {
        return new java.util.Iterator<T>() {
          private int next = from;

          @Override
          public boolean hasNext() {
            return next < size;
          }

          @Override
          public T next() {
            if (next >= size) {
              throw new java.util.NoSuchElementException();
            }
            return row(next++);
          }
        };
      }
    };
  }

  /** The newest row at or before {@code at}, or null. */
  T latestAtOrBefore(long at) {
    int i = firstAbove(at, Long.MAX_VALUE) - 1;
    return i < 0 ? null : row(i);
  }

  @SuppressWarnings("unchecked")
  private T row(int i) {
    return (T) rows[i];
  }

  private List<T> copy(int from, int to) {
    List<T> out = new ArrayList<>(Math.max(0, to - from));
    for (int i = from; i < to; i++) {
      out.add(row(i));
    }
    return Collections.unmodifiableList(out);
  }

  /** Index of the first row with time {@code >= at}. */
  private int firstAtOrAfter(long at) {
    return at == Long.MIN_VALUE ? 0 : firstAbove(at - 1, Long.MAX_VALUE);
  }

  /** Index of the first row whose key is greater than {@code (at, seq)} (size when none is). */
  private int firstAbove(long at, long seq) {
    int lo = 0;
    int hi = size;
    while (lo < hi) {
      int mid = (lo + hi) >>> 1;
      if (compare(mid, at, seq) <= 0) {
        lo = mid + 1;
      } else {
        hi = mid;
      }
    }
    return lo;
  }

  /** Row {@code i}'s key compared with {@code (at, seq)}, in {@link TimeKey} order. */
  private int compare(int i, long at, long seq) {
    int byTime = Long.compare(ats[i], at);
    return byTime != 0 ? byTime : Long.compare(seqs[i], seq);
  }
}
