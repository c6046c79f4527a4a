package io.ottertrend.market;

import io.ottertrend.data.BarSeries;
import java.util.Objects;

/**
 * One symbol's stored bars packed bar by bar (an array of structures) in a single {@code long[]}: open time, open,
 * high, low and close as {@code double} bits, then base and quote volume as two {@code float}s in one word — the
 * 48 bytes per bar of a {@link BarSeries}, in one array instead of seven.
 *
 * <p>Why: a backtest reads, every cycle and for every symbol, the newest bar (all of its fields) and the bar a day
 * back (its open time and open). In seven column arrays that is seven or more distinct memory pages per symbol
 * per cycle, for a few hundred symbols: thousands of pages, far more than the TLB holds. Packed, each of those
 * bars is one 48-byte record, so a symbol costs two pages per cycle.
 *
 * <p>Immutable and therefore thread-safe.
 */
final class PackedBars {
  private static final int STRIDE = 6;
  private static final int OPEN_TIME = 0;
  private static final int OPEN = 1;
  private static final int HIGH = 2;
  private static final int LOW = 3;
  private static final int CLOSE = 4;
  private static final int VOLUMES = 5;

  private final long[] cells;
  private final int size;

  private PackedBars(long[] cells, int size) {
    this.cells = cells;
    this.size = size;
  }

  /** The bars of {@code series}, packed (the series itself is not kept: drop it to free its columns). */
  static PackedBars of(BarSeries series) {
    int n = series.size();
    long[] cells = new long[Math.multiplyExact(n, STRIDE)];
    for (int i = 0; i < n; i++) {
      int at = i * STRIDE;
      cells[at + OPEN_TIME] = series.openTime(i);
      cells[at + OPEN] = Double.doubleToRawLongBits(series.open(i));
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
    return cells[index(i) + OPEN_TIME];
  }

  double open(int i) {
    return Double.longBitsToDouble(cells[index(i) + OPEN]);
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
    int lo = 0;
    int hi = size;
    while (lo < hi) {
      int mid = (lo + hi) >>> 1;
      if (cells[mid * STRIDE + OPEN_TIME] < t) {
        lo = mid + 1;
      } else {
        hi = mid;
      }
    }
    return lo;
  }

  /** Where bar {@code i}'s record starts. */
  private int index(int i) {
    return Objects.checkIndex(i, size) * STRIDE;
  }
}
