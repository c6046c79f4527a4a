package io.ottertrend.market;

import java.lang.invoke.VarHandle;
import java.util.Arrays;

/**
 * Running aggregates of one symbol's base bars that answer the statistics of a window of recent bars in O(1): the
 * sums of base volume, of quote volume ({@code volume × (high + low + close) / 3}) and of absolute log returns,
 * the highest high and the lowest low. A ticker needs them over a rolling 24 h window, every cycle, for every
 * symbol; rescanning the window costs a day of bars per call.
 *
 * <p>How: the bars are grouped in blocks of {@code blockSize} counted from the first visible bar ({@code base}).
 * Each bar stores the sums and the high/low from its block's start up to itself and, once its block is complete,
 * the high/low from itself to its block's end. A window then is the tail of one block, whole blocks, and the head
 * of another (van Herk / Gil-Werman): with a block a little shorter than a day a 24 h window touches at most three
 * blocks. Sums restart at every block so that a window's sum is a difference of values of about a day's size,
 * never of the whole history: no cancellation drift however long a backtest runs. Only a window shorter than a
 * block that lies inside one block and does not start at the block's start (after a gap in stored history) needs
 * the high/low scanned, at most {@code blockSize} bars.
 *
 * <p>Bounded memory: only the last {@link #RETAINED_BLOCKS} blocks keep their per-bar columns, in a ring that the
 * newest block overwrites the oldest one in (recycled, never reallocated once full). That covers every 24 h window
 * ending at or shortly before the newest appended bar, which is what a backtest stepping forward asks. A window
 * that starts in an evicted block (a query back in time) is answered by rescanning the bars: the same statistics,
 * in O(window) instead of O(1), in any query order.
 *
 * <p>Memory: at most {@code 72 × RETAINED_BLOCKS × blockSize} bytes (nine {@code double} columns, interleaved bar
 * by bar), whatever the length of the history: about 62 KB per symbol for 5m bars, 310 KB for 1m bars.
 *
 * <p><b>Thread-safety:</b> one writer at a time ({@link #append} is called under the lock that guards the owner's
 * bar generation) and any number of readers. A reader may query bars it learnt were appended through a volatile
 * read that follows the append (the owner's bar count): the columns are published through a volatile field
 * written before that count. Recycling a block is announced before it is overwritten (a volatile
 * {@code retainedFrom} raised, then a store-store fence); a reader checks it before and again after reading the
 * columns (behind a load-load fence), as a sequence lock does, and rescans when the block went away meanwhile.
 */
final class BarAggregates {
  /** Blocks whose per-bar columns are kept: the block being filled and the two before it. */
  static final int RETAINED_BLOCKS = 3;

  private final int base;
  private final int blockSize;
  // Bars the ring holds once grown: a whole number of blocks, so that a block never straddles its end.
  private final int ringCapacity;
  private double previousClose = Double.NaN;
  private int size;
  private volatile Cells columns;
  // Offset from base of the first bar whose columns are kept; raised before the ring overwrites older bars.
  private volatile int retainedFrom;

  /**
   * The stored columns of ring position {@code p = (bar index - base) % ringCapacity}, interleaved: column
   * {@code c} of position {@code p} is {@code at[p * STRIDE + c]}. One bar's values share a cache line or two, so
   * appending a bar and reading the newest bars' statistics touch one memory page per symbol rather than one per
   * column: a backtest does that for every symbol every cycle, and with a page per column the pages outnumber the
   * TLB's entries.
   */
  private record Cells(double[] at) {
    static final int VOLUME = 0;
    static final int QUOTE = 1;
    static final int ABS_RETURN = 2;
    static final int HIGH_FROM_START = 3;
    static final int LOW_FROM_START = 4;
    static final int HIGH_TO_END = 5;
    static final int LOW_TO_END = 6;
    // The bar's own high and low: the writer's input to the to-end columns, computed when its block completes.
    static final int HIGH = 7;
    static final int LOW = 8;
    static final int STRIDE = 9;

    static Cells ofCapacity(int n) {
      return new Cells(new double[n * STRIDE]);
    }

    int capacity() {
      return at.length / STRIDE;
    }

    Cells grownTo(int n) {
      return new Cells(Arrays.copyOf(at, n * STRIDE));
    }

    double get(int position, int column) {
      return at[position * STRIDE + column];
    }
  }

  /**
   * Aggregates of bars {@code base, base + 1, ...}.
   *
   * @param blockSize bars per block: at most the number of bars of the shortest usual query window
   * @param capacity expected number of bars (the columns grow as needed, up to {@link #RETAINED_BLOCKS} blocks)
   */
  BarAggregates(int base, int blockSize, int capacity) {
    if (blockSize < 1) {
      throw new IllegalArgumentException("blockSize must be >= 1: " + blockSize);
    }
    this.base = base;
    this.blockSize = blockSize;
    this.ringCapacity = RETAINED_BLOCKS * blockSize;
    this.columns = Cells.ofCapacity(Math.min(ringCapacity, Math.max(16, capacity)));
  }

  /** Blocks a little shorter than the bars of a window of {@code windowMillis}, so a full window spans two. */
  static int blockSizeFor(long windowMillis, long stepMillis) {
    return (int) Math.max(1, Math.min(1 << 20, (windowMillis - 1) / stepMillis));
  }

  /** Index of the first bar covered. */
  int base() {
    return base;
  }

  /** Bars' worth of per-bar columns held now: at most {@link #RETAINED_BLOCKS} blocks, however many were appended. */
  int retainedBars() {
    return columns.capacity();
  }

  /** Appends bar {@code base + size}; call under the owner's generation lock, before publishing the bar. */
  void append(double high, double low, double close, double volume) {
    int r = size;
    int inBlock = r % blockSize;
    if (inBlock == 0 && r >= ringCapacity) {
      evictOldestBlock(r);
    }
    int at = r % ringCapacity;
    Cells c = columns;
    if (at == c.capacity()) {
      c = c.grownTo(Math.min(ringCapacity, 2 * at));
      columns = c;
    }
    double quote = volume * (high + low + close) / 3;
    double absReturn = r == 0 ? 0 : Math.abs(Math.log(close / previousClose));
    double[] cells = c.at();
    int p = at * Cells.STRIDE;
    if (inBlock == 0) {
      cells[p + Cells.VOLUME] = volume;
      cells[p + Cells.QUOTE] = quote;
      cells[p + Cells.ABS_RETURN] = absReturn;
      cells[p + Cells.HIGH_FROM_START] = high;
      cells[p + Cells.LOW_FROM_START] = low;
    } else {
      int q = p - Cells.STRIDE;
      cells[p + Cells.VOLUME] = cells[q + Cells.VOLUME] + volume;
      cells[p + Cells.QUOTE] = cells[q + Cells.QUOTE] + quote;
      cells[p + Cells.ABS_RETURN] = cells[q + Cells.ABS_RETURN] + absReturn;
      cells[p + Cells.HIGH_FROM_START] = Math.max(cells[q + Cells.HIGH_FROM_START], high);
      cells[p + Cells.LOW_FROM_START] = Math.min(cells[q + Cells.LOW_FROM_START], low);
    }
    cells[p + Cells.HIGH] = high;
    cells[p + Cells.LOW] = low;
    if (inBlock == blockSize - 1) {
      completeBlock(cells, at - inBlock);
    }
    previousClose = close;
    size = r + 1;
  }

  /**
   * Gives up the oldest block so that the block starting at offset {@code start} can take its place in the ring.
   * Readers must learn of it before any of its columns change, hence the fence after the announcement.
   */
  private void evictOldestBlock(int start) {
    retainedFrom = start - ringCapacity + blockSize;
    VarHandle.storeStoreFence();
  }

  /** Fills the high/low from each bar of the just completed block (at ring position {@code start}) to its end. */
  private void completeBlock(double[] cells, int start) {
    double high = Double.NEGATIVE_INFINITY;
    double low = Double.POSITIVE_INFINITY;
    for (int k = blockSize - 1; k >= 0; k--) {
      int p = (start + k) * Cells.STRIDE;
      high = Math.max(high, cells[p + Cells.HIGH]);
      low = Math.min(low, cells[p + Cells.LOW]);
      cells[p + Cells.HIGH_TO_END] = high;
      cells[p + Cells.LOW_TO_END] = low;
    }
  }

  /** True when the columns of bars from {@code from} on are still kept. */
  private boolean retains(int from) {
    return from - base >= retainedFrom;
  }

  /** {@link #retains} once more after reading the columns: false when the ring recycled them meanwhile. */
  private boolean stillRetains(int from) {
    VarHandle.loadLoadFence();
    return retains(from);
  }

  /** Sum of base volume over bars {@code [from, to)}, {@code base <= from < to <= appended}. */
  double volume(BarMarket.Bars bars, int from, int to) {
    if (retains(from)) {
      double sum = sum(columns, Cells.VOLUME, from, to);
      if (stillRetains(from)) {
        return sum;
      }
    }
    double sum = 0;
    for (int i = from; i < to; i++) {
      sum += bars.volume(i);
    }
    return sum;
  }

  /** Sum of {@code volume × (high + low + close) / 3} over bars {@code [from, to)}. */
  double quoteVolume(BarMarket.Bars bars, int from, int to) {
    if (retains(from)) {
      double sum = sum(columns, Cells.QUOTE, from, to);
      if (stillRetains(from)) {
        return sum;
      }
    }
    double sum = 0;
    for (int i = from; i < to; i++) {
      sum += bars.volume(i) * (bars.high(i) + bars.low(i) + bars.close(i)) / 3;
    }
    return sum;
  }

  /**
   * Sum of {@code |log(close(i) / close(i - 1))|} over bars {@code [from, to)}, {@code base < from}: the return of
   * the first bar is not defined.
   */
  double absLogReturns(BarMarket.Bars bars, int from, int to) {
    if (retains(from)) {
      double sum = sum(columns, Cells.ABS_RETURN, from, to);
      if (stillRetains(from)) {
        return sum;
      }
    }
    double sum = 0;
    for (int i = Math.max(from, base + 1); i < to; i++) {
      sum += Math.abs(Math.log(bars.close(i) / bars.close(i - 1)));
    }
    return sum;
  }

  /** Highest high over bars {@code [from, to)}; {@code bars} supplies the scan of old or short windows. */
  double high(BarMarket.Bars bars, int from, int to) {
    if (retains(from)) {
      double high = blockwiseHigh(columns, from, to);
      if (!Double.isNaN(high) && stillRetains(from)) {
        return high;
      }
    }
    return scanHigh(bars, from, to);
  }

  /** Lowest low over bars {@code [from, to)}; {@code bars} supplies the scan of old or short windows. */
  double low(BarMarket.Bars bars, int from, int to) {
    if (retains(from)) {
      double low = blockwiseLow(columns, from, to);
      if (!Double.isNaN(low) && stillRetains(from)) {
        return low;
      }
    }
    return scanLow(bars, from, to);
  }

  /** {@link #high} from the columns; NaN when only a scan can tell (a window inside one block, off its start). */
  private double blockwiseHigh(Cells c, int from, int to) {
    int a = from - base;
    int z = to - 1 - base;
    int firstBlock = a / blockSize;
    int lastBlock = z / blockSize;
    if (firstBlock == lastBlock) {
      return a % blockSize == 0 ? c.get(z % ringCapacity, Cells.HIGH_FROM_START) : Double.NaN;
    }
    double high = Math.max(c.get(a % ringCapacity, Cells.HIGH_TO_END),
        c.get(z % ringCapacity, Cells.HIGH_FROM_START));
    for (int k = firstBlock + 1; k < lastBlock; k++) {
      high = Math.max(high, c.get(k * blockSize % ringCapacity, Cells.HIGH_TO_END));
    }
    return high;
  }

  /** {@link #low} from the columns; NaN when only a scan can tell (see {@link #blockwiseHigh}). */
  private double blockwiseLow(Cells c, int from, int to) {
    int a = from - base;
    int z = to - 1 - base;
    int firstBlock = a / blockSize;
    int lastBlock = z / blockSize;
    if (firstBlock == lastBlock) {
      return a % blockSize == 0 ? c.get(z % ringCapacity, Cells.LOW_FROM_START) : Double.NaN;
    }
    double low = Math.min(c.get(a % ringCapacity, Cells.LOW_TO_END), c.get(z % ringCapacity, Cells.LOW_FROM_START));
    for (int k = firstBlock + 1; k < lastBlock; k++) {
      low = Math.min(low, c.get(k * blockSize % ringCapacity, Cells.LOW_TO_END));
    }
    return low;
  }

  private static double scanHigh(BarMarket.Bars bars, int from, int to) {
    double high = Double.NEGATIVE_INFINITY;
    for (int i = from; i < to; i++) {
      high = Math.max(high, bars.high(i));
    }
    return high;
  }

  private static double scanLow(BarMarket.Bars bars, int from, int to) {
    double low = Double.POSITIVE_INFINITY;
    for (int i = from; i < to; i++) {
      low = Math.min(low, bars.low(i));
    }
    return low;
  }

  /**
   * Sum of the underlying values of block-restarting running sum {@code column} over {@code [from, to)}, from kept
   * columns.
   */
  private double sum(Cells c, int column, int from, int to) {
    int a = from - base;
    int z = to - 1 - base;
    int firstBlock = a / blockSize;
    int lastBlock = z / blockSize;
    double before = a % blockSize == 0 ? 0 : c.get((a - 1) % ringCapacity, column);
    if (firstBlock == lastBlock) {
      return c.get(z % ringCapacity, column) - before;
    }
    double sum = c.get(((firstBlock + 1) * blockSize - 1) % ringCapacity, column) - before;
    for (int k = firstBlock + 1; k < lastBlock; k++) {
      sum += c.get(((k + 1) * blockSize - 1) % ringCapacity, column);
    }
    return sum + c.get(z % ringCapacity, column);
  }
}
