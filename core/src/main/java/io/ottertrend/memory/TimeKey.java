package io.ottertrend.memory;

/**
 * Position of a row in "time, then insertion" order: the {@code ORDER BY at, id} (or {@code rowid}) of the
 * SQLite tables, as a key for sorted in-memory indexes.
 *
 * @param at the row's time column, epoch ms
 * @param seq the row's id or insertion sequence number
 */
record TimeKey(long at, long seq) implements Comparable<TimeKey> {

  /** The smallest key at {@code at}: the start of a range that includes {@code at}. */
  static TimeKey first(long at) {
    return new TimeKey(at, Long.MIN_VALUE);
  }

  /** The largest key at {@code at}: the end of a range that includes {@code at}. */
  static TimeKey last(long at) {
    return new TimeKey(at, Long.MAX_VALUE);
  }

  @Override
  public int compareTo(TimeKey other) {
    int byTime = Long.compare(at, other.at);
    return byTime != 0 ? byTime : Long.compare(seq, other.seq);
  }
}
