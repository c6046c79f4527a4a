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
 * <p>Memory: at most {@code 56 × RETAINED_BLOCKS × blockSize} bytes (seven {@code double} columns) plus one block
 * of scratch, whatever the length of the history: about 48 KB per symbol for 5m bars, 240 KB for 1m bars.
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
  // Writer-only scratch: the highs and lows of the block being filled, to compute its suffix columns at its end.
  private final double[] blockHighs;
  private final double[] blockLows;
  private double previousClose = Double.NaN;
  private int size;
  private volatile Columns columns;
  // Offset from base of the first bar whose columns are kept; raised before the ring overwrites older bars.
  private volatile int retainedFrom;

  /** The stored columns, indexed by {@code (bar index - base) % ringCapacity}. */
  private record Columns(double[] volume, double[] quote, double[] absReturn, double[] highFromStart,
      double[] lowFromStart, double[] highToEnd, double[] lowToEnd) {
    static Columns ofCapacity(int n) {
      return new Columns(new double[n], new double[n], new double[n], new double[n], new double[n], new double[n],
          new double[n]);
    }

    int capacity() {
      return volume.length;
    }

    Columns grownTo(int n) {
      return new Columns(Arrays.copyOf(volume, n), Arrays.copyOf(quote, n), Arrays.copyOf(absReturn, n),
          Arrays.copyOf(highFromStart, n), Arrays.copyOf(lowFromStart, n), Arrays.copyOf(highToEnd, n),
          Arrays.copyOf(lowToEnd, n));
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
    this.blockHighs = new double[blockSize];
    this.blockLows = new double[blockSize];
    this.columns = Columns.ofCapacity(Math.min(ringCapacity, Math.max(16, capacity)));
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
    Columns c = columns;
    if (at == c.capacity()) {
      c = c.grownTo(Math.min(ringCapacity, 2 * at));
      columns = c;
    }
    double quote = volume * (high + low + close) / 3;
    double absReturn = r == 0 ? 0 : Math.abs(Math.log(close / previousClose));
    if (inBlock == 0) {
      c.volume()[at] = volume;
      c.quote()[at] = quote;
      c.absReturn()[at] = absReturn;
      c.highFromStart()[at] = high;
      c.lowFromStart()[at] = low;
    } else {
      c.volume()[at] = c.volume()[at - 1] + volume;
      c.quote()[at] = c.quote()[at - 1] + quote;
      c.absReturn()[at] = c.absReturn()[at - 1] + absReturn;
      c.highFromStart()[at] = Math.max(c.highFromStart()[at - 1], high);
      c.lowFromStart()[at] = Math.min(c.lowFromStart()[at - 1], low);
    }
    blockHighs[inBlock] = high;
    blockLows[inBlock] = low;
    if (inBlock == blockSize - 1) {
      completeBlock(c, at - inBlock);
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
  private void completeBlock(Columns c, int start) {
    double high = Double.NEGATIVE_INFINITY;
    double low = Double.POSITIVE_INFINITY;
    for (int k = blockSize - 1; k >= 0; k--) {
      high = Math.max(high, blockHighs[k]);
      low = Math.min(low, blockLows[k]);
      c.highToEnd()[start + k] = high;
      c.lowToEnd()[start + k] = low;
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
      double sum = sum(columns.volume(), from, to);
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
      double sum = sum(columns.quote(), from, to);
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
      double sum = sum(columns.absReturn(), from, to);
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
  private double blockwiseHigh(Columns c, int from, int to) {
    int a = from - base;
    int z = to - 1 - base;
    int firstBlock = a / blockSize;
    int lastBlock = z / blockSize;
    if (firstBlock == lastBlock) {
      return a % blockSize == 0 ? c.highFromStart()[z % ringCapacity] : Double.NaN;
    }
    double high = Math.max(c.highToEnd()[a % ringCapacity], c.highFromStart()[z % ringCapacity]);
    for (int k = firstBlock + 1; k < lastBlock; k++) {
      high = Math.max(high, c.highToEnd()[k * blockSize % ringCapacity]);
    }
    return high;
  }

  /** {@link #low} from the columns; NaN when only a scan can tell (see {@link #blockwiseHigh}). */
  private double blockwiseLow(Columns c, int from, int to) {
    int a = from - base;
    int z = to - 1 - base;
    int firstBlock = a / blockSize;
    int lastBlock = z / blockSize;
    if (firstBlock == lastBlock) {
      return a % blockSize == 0 ? c.lowFromStart()[z % ringCapacity] : Double.NaN;
    }
    double low = Math.min(c.lowToEnd()[a % ringCapacity], c.lowFromStart()[z % ringCapacity]);
    for (int k = firstBlock + 1; k < lastBlock; k++) {
      low = Math.min(low, c.lowToEnd()[k * blockSize % ringCapacity]);
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

  /** Sum of a block-restarting running sum's underlying values over {@code [from, to)}, from kept columns. */
  private double sum(double[] runningInBlock, int from, int to) {
    int a = from - base;
    int z = to - 1 - base;
    int firstBlock = a / blockSize;
    int lastBlock = z / blockSize;
    double before = a % blockSize == 0 ? 0 : runningInBlock[(a - 1) % ringCapacity];
    if (firstBlock == lastBlock) {
      return runningInBlock[z % ringCapacity] - before;
    }
    double sum = runningInBlock[((firstBlock + 1) * blockSize - 1) % ringCapacity] - before;
    for (int k = firstBlock + 1; k < lastBlock; k++) {
      sum += runningInBlock[((k + 1) * blockSize - 1) % ringCapacity];
    }
    return sum + runningInBlock[z % ringCapacity];
  }
}
