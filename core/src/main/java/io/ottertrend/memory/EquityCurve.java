package io.ottertrend.memory;

import java.util.Arrays;
import java.util.Collections;
import java.util.List;

/**
 * One run's equity points by time, one per instant (a later write at the same time replaces the point, as the
 * table's primary key does), for {@link InMemoryMemory}. Sorted arrays rather than a tree: a run records one
 * point per cycle in time order, so a write is an append. Undoable writes. Not thread-safe: used only under
 * {@link InMemoryMemory}'s lock.
 */
final class EquityCurve {
  private final UndoLog undo;
  private long[] ats = new long[16];
  private EquityPoint[] points = new EquityPoint[16];
  private int size;

  EquityCurve(UndoLog undo) {
    this.undo = undo;
  }

  /** Stores {@code point} at its time, replacing the point stored there. */
  void put(EquityPoint point) {
    long at = point.at();
    int i = size == 0 || ats[size - 1] < at ? -(size + 1) : Arrays.binarySearch(ats, 0, size, at);
    if (i >= 0) {
      EquityPoint old = points[i];
      points[i] = point;
      undo.add(() -> points[i] = old); // undo runs newest first: the index is still this point's
      return;
    }
    int at0 = -(i + 1);
    if (size == points.length) {
      ats = Arrays.copyOf(ats, size * 2);
      points = Arrays.copyOf(points, size * 2);
    }
    System.arraycopy(ats, at0, ats, at0 + 1, size - at0);
    System.arraycopy(points, at0, points, at0 + 1, size - at0);
    ats[at0] = at;
    points[at0] = point;
    size++;
    undo.add(() -> removeAt(at0));
  }

  private void removeAt(int i) {
    System.arraycopy(ats, i + 1, ats, i, size - i - 1);
    System.arraycopy(points, i + 1, points, i, size - i - 1);
    size--;
    points[size] = null;
  }

  /** Every point, oldest first, as an unmodifiable copy. */
  List<EquityPoint> all() {
    return Collections.unmodifiableList(Arrays.asList(Arrays.copyOf(points, size)));
  }
}
