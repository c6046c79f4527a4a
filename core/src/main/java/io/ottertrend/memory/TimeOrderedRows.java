package io.ottertrend.memory;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.NavigableMap;
import java.util.TreeMap;

/**
 * Rows sorted by {@link TimeKey}, so "most recent first, limit n" costs O(log size + n) and a time range
 * costs O(log size + matches). Undoable inserts. Not thread-safe: used only under {@link InMemoryMemory}'s
 * lock.
 *
 * @param <T> the immutable row record
 */
final class TimeOrderedRows<T> {
  private final TreeMap<TimeKey, T> rows = new TreeMap<>();
  private final UndoLog undo;

  TimeOrderedRows(UndoLog undo) {
    this.undo = undo;
  }

  /** Adds a row under a key no other row has. */
  void insert(TimeKey key, T row) {
    rows.put(key, row);
    undo.add(() -> rows.remove(key));
  }

  /** Up to {@code limit} rows (all when negative, as SQLite's {@code LIMIT -1}), newest first. */
  List<T> newestFirst(int limit) {
    List<T> out = new ArrayList<>(Math.min(limit < 0 ? rows.size() : limit, rows.size()));
    for (T row : rows.descendingMap().values()) {
      if (limit >= 0 && out.size() >= limit) {
        break;
      }
      out.add(row);
    }
    return Collections.unmodifiableList(out);
  }

  /** Rows with {@code from <= at <= to}, oldest first. */
  List<T> between(long from, long to) {
    if (from > to) {
      return List.of();
    }
    return copy(rows.subMap(TimeKey.first(from), true, TimeKey.last(to), true));
  }

  /** Rows with {@code at >= since}, oldest first. */
  List<T> since(long since) {
    return copy(rows.tailMap(TimeKey.first(since), true));
  }

  /** Rows with {@code at >= since}, oldest first, as a live view for aggregation under the lock. */
  Iterable<T> viewSince(long since) {
    return rows.tailMap(TimeKey.first(since), true).values();
  }

  /** The newest row at or before {@code at}, or null. */
  T latestAtOrBefore(long at) {
    var entry = rows.floorEntry(TimeKey.last(at));
    return entry == null ? null : entry.getValue();
  }

  private List<T> copy(NavigableMap<TimeKey, T> range) {
    return Collections.unmodifiableList(new ArrayList<>(range.values()));
  }
}
