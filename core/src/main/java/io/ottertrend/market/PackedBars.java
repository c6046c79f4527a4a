package io.ottertrend.market;

import io.ottertrend.data.BarSeries;
import java.util.Objects;

/**
 * One symbol's stored bars in one {@code long[]} of three sections: the open times, the opens (as {@code double}
 * bits), then high, low and close as {@code double} bits and base and quote volume as two {@code float}s in one word
 * packed bar by bar (an array of structures) — the 48 bytes per bar of a {@link BarSeries}, in one array instead of
 * seven.
 *
 * <p>Why: a backtest reads, every cycle and for every symbol, the newest bar (its open time, high, low, close and
 * volume, to extend the aggregates) and the bar a day back (its open time, its predecessor's, and its open). In
 * seven column arrays the newest bar alone is five distinct memory pages per symbol per cycle, for a few hundred
 * symbols: thousands of pages, far more than the TLB holds. Packed, the fields the newest bar is read for are one
 * 32-byte record. The two fields read a day back stay dense columns, eight bars to a cache line: a record a day
 * back would cost a cache line per bar, fetched from memory, and crowd the rest of the cycle's data out of the
 * cache. One array rather than three because a symbol's bars are megabytes: each such array takes whole heap
 * regions of the collector, and every array's last region is partly wasted.
 *
 * <p>Immutable and therefore thread-safe.
 */
final class PackedBars {
  private static final int STRIDE = 4;
  private static final int HIGH = 0;
  private static final int LOW = 1;
  private static final int CLOSE = 2;
  private static final int VOLUMES = 3;
  // Words per bar over the three sections: open time, open, then a record of STRIDE words.
  private static final int WORDS_PER_BAR = 2 + STRIDE;

  // [0, size): open times; [size, 2 size): opens; [2 size, 6 size): records.
  private final long[] cells;
  private final int size;

  private PackedBars(long[] cells, int size) {
    this.cells = cells;
    this.size = size;
  }

  /** The bars of {@code series}, packed (the series itself is not kept: drop it to free its columns). */
  static PackedBars of(BarSeries series) {
    int n = series.size();
    long[] cells = new long[Math.multiplyExact(n, WORDS_PER_BAR)];
    for (int i = 0; i < n; i++) {
      int at = 2 * n + i * STRIDE;
      cells[i] = series.openTime(i);
      cells[n + i] = Double.doubleToRawLongBits(series.open(i));
      cells[at + HIGH] = Double.doubleToRawLongBits(series.high(i));
      cells[at + LOW] = Double.doubleToRawLongBits(series.low(i));
      cells[at + CLOSE] = Double.doubleToRawLongBits(series.close(i));
      // The series holds volumes as floats: narrowing its doubles back is exact.
      long volume = Float.floatToRawIntBits((float) series.volume(i));
      long quote = Float.floatToRawIntBits((float) series.quoteVolume(i));
      cells[at + VOLUMES] = volume << 32 | quote & 0xFFFF_FFFFL;
    }
    return new PackedBars(cells, n);
  }

  int size() {
    return size;
  }

  boolean isEmpty() {
    return size == 0;
  }

  long openTime(int i) {
    return cells[Objects.checkIndex(i, size)];
  }

  double open(int i) {
    return Double.longBitsToDouble(cells[size + Objects.checkIndex(i, size)]);
  }

  double high(int i) {
    return Double.longBitsToDouble(cells[index(i) + HIGH]);
  }

  double low(int i) {
    return Double.longBitsToDouble(cells[index(i) + LOW]);
  }

  double close(int i) {
    return Double.longBitsToDouble(cells[index(i) + CLOSE]);
  }

  double volume(int i) {
    return Float.intBitsToFloat((int) (cells[index(i) + VOLUMES] >>> 32));
  }

  double quoteVolume(int i) {
    return Float.intBitsToFloat((int) cells[index(i) + VOLUMES]);
  }

  /** Index of the first bar opening at or after {@code t} ({@link #size()} when none). */
  int lowerBound(long t) {
    return BarSeries.lowerBound(cells, size, t);
  }

  /** Where bar {@code i}'s record starts. */
  private int index(int i) {
    return 2 * size + Objects.checkIndex(i, size) * STRIDE;
  }
}
