package io.ottertrend.market;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;

/**
 * Running aggregates of the base bars of one or more symbols (<i>lanes</i>) that answer the statistics of a window
 * of a lane's recent bars in O(1): the sums of base volume, of quote volume ({@code volume × (high + low + close) /
 * 3}) and, where kept, of absolute log returns, the highest high and the lowest low. A ticker needs them over a
 * rolling 24 h window, every cycle, for every symbol; rescanning the window costs a day of bars per call.
 *
 * <p>How: each lane's bars are grouped in blocks of {@code blockSize} counted from the lane's first covered bar
 * ({@code base}). Each bar stores the sums and the high/low from its block's start up to itself and, once its block
 * is complete, the high/low from itself to its block's end. A window then is the tail of one block, whole blocks,
 * and the head of another (van Herk / Gil-Werman): with a block a little shorter than a day a 24 h window touches at
 * most three blocks. Sums restart at every block so that a window's sum is a difference of values of about a day's
 * size, never of the whole history: no cancellation drift however long a backtest runs. Only a window shorter than
 * a block that lies inside one block and does not start at the block's start (after a gap in stored history) needs
 * the high/low scanned, at most {@code blockSize} bars.
 *
 * <p>Bounded memory: only the last {@link #RETAINED_BLOCKS} blocks of each lane keep their per-bar values, in a ring
 * that the newest block overwrites the oldest one in. That covers every 24 h window ending at or shortly before the
 * newest appended bar, which is what a backtest stepping forward asks. A window that starts in an evicted block (a
 * query back in time) is answered by rescanning the bars: the same statistics, in O(window) instead of O(1), in any
 * query order.
 *
 * <p>Layout, time-major: one {@code double[]} of column-major rings, {@code [column][ring row][lane]}, so the lanes'
 * values of one ring row are adjacent. Lane {@code s}'s bar {@code base + r} is in ring row {@code (r + phase(s)) %
 * ringCapacity}; an owner that steps many lanes in time together gives lanes their position in time as phase (see
 * {@link HistoricalMarket}), so that appending one bar to every lane writes one contiguous row per column and a
 * board's reads of every lane stream through a few rows, instead of touching a cache line (and a memory page) per
 * lane per column. The phase only places values; block boundaries stay each lane's own, so any phase gives the same
 * results. With one lane this is the classic one-array-per-column layout.
 *
 * <p>Memory: {@code 8 × columns × RETAINED_BLOCKS × blockSize} bytes per lane (six columns, seven with the absolute
 * returns) plus one block of scratch, whatever the length of the history: about 48 KB per lane of 5m bars, 240 KB
 * for 1m bars, allocated at construction.
 *
 * <p><b>Thread-safety:</b> one writer per lane at a time ({@link #append} is called under the lock that guards the
 * owner's bar generation of that lane) and any number of readers. A reader may query bars it learnt were appended
 * through a volatile read that follows the append (the owner's bar count, written with release semantics after the
 * aggregates). Recycling a lane's block is announced before it is overwritten (the lane's {@code retainedFrom}
 * raised with a volatile write, then a store-store fence); a reader checks it before and again after reading the
 * values (behind a load-load fence), as a sequence lock does, and rescans when the block went away meanwhile.
 */
final class BarAggregates {
  /** Blocks whose per-bar values are kept: the block being filled and the two before it. */
  static final int RETAINED_BLOCKS = 3;

  /** The bars a window rescan reads when the aggregates no longer hold (or never held) the window. */
  interface Rescan {
    double high(int i);

    double low(int i);

    double close(int i);

    double volume(int i);
  }

  private static final VarHandle INTS = MethodHandles.arrayElementVarHandle(int[].class);
  private static final int VOLUME = 0;
  private static final int QUOTE = 1;
  private static final int HIGH_FROM_START = 2;
  private static final int LOW_FROM_START = 3;
  private static final int HIGH_TO_END = 4;
  private static final int LOW_TO_END = 5;
  private static final int ABS_RETURN = 6;

  private final int lanes;
  private final int blockSize;
  // Bars the ring holds per lane: a whole number of blocks.
  private final int ringCapacity;
  // Doubles per column: ringCapacity rows of every lane.
  private final int columnStride;
  private final boolean absReturns;
  private final double[] cells;
  // Writer-only scratch: the highs and lows of each lane's block being filled, [bar in block][lane].
  private final double[] blockHighs;
  private final double[] blockLows;
  private final int[] base;
  private final int[] phase;
  private final int[] size;
  // Per lane, the ring row and the place in its block of the next bar to append: kept as the lane grows, so that
  // an append does not divide.
  private final int[] nextRow;
  private final int[] nextInBlock;
  private final double[] previousClose;
  // Per lane, offset from base of the first bar whose values are kept; raised before the ring overwrites older bars.
  // Read and written as volatile (INTS).
  private final int[] retainedFrom;

  /**
   * Aggregates of one lane, of bars {@code base, base + 1, ...}, absolute returns included.
   *
   * @param blockSize bars per block: at most the number of bars of the shortest usual query window
   * @param capacity ignored: the ring is allocated whole (kept for the callers' sizing hint)
   */
  BarAggregates(int base, int blockSize, int capacity) {
    this(1, blockSize, true);
    setBase(0, base);
  }

  /**
   * Aggregates of {@code lanes} lanes, each covering its bars from 0 (see {@link #setBase}), phase 0.
   *
   * @param absReturns whether to keep the sums of absolute log returns; without them {@link #absLogReturns}
   *     rescans (an owner that never asks saves a logarithm per bar)
   */
  BarAggregates(int lanes, int blockSize, boolean absReturns) {
    if (blockSize < 1) {
      throw new IllegalArgumentException("blockSize must be >= 1: " + blockSize);
    }
    if (lanes < 1) {
      throw new IllegalArgumentException("lanes must be >= 1: " + lanes);
    }
    this.lanes = lanes;
    this.blockSize = blockSize;
    this.ringCapacity = Math.multiplyExact(RETAINED_BLOCKS, blockSize);
    this.columnStride = Math.multiplyExact(ringCapacity, lanes);
    this.absReturns = absReturns;
    this.cells = new double[Math.multiplyExact(columnStride, absReturns ? 7 : 6)];
    this.blockHighs = new double[Math.multiplyExact(blockSize, lanes)];
    this.blockLows = new double[blockHighs.length];
    this.base = new int[lanes];
    this.phase = new int[lanes];
    this.size = new int[lanes];
    this.nextRow = new int[lanes];
    this.nextInBlock = new int[lanes];
    this.previousClose = new double[lanes];
    this.retainedFrom = new int[lanes];
    java.util.Arrays.fill(previousClose, Double.NaN);
  }

  /** Blocks a little shorter than the bars of a window of {@code windowMillis}, so a full window spans two. */
  static int blockSizeFor(long windowMillis, long stepMillis) {
    return (int) Math.max(1, Math.min(1 << 20, (windowMillis - 1) / stepMillis));
  }

  /** Lane {@code s} covers its bars from {@code base} on; before its first append. */
  void setBase(int s, int base) {
    this.base[s] = base;
  }

  /**
   * Lane {@code s}'s first bar goes to ring row {@code phase % ringCapacity}; before its first append. Lanes stepped
   * together in time and given their position in time line up in the ring.
   */
  void setPhase(int s, long phase) {
    this.phase[s] = (int) Math.floorMod(phase, (long) ringCapacity);
    this.nextRow[s] = this.phase[s];
  }

  int lanes() {
    return lanes;
  }

  /** Index of lane {@code s}'s first bar covered. */
  int base(int s) {
    return base[s];
  }

  /** Bars' worth of per-bar values each lane holds: {@link #RETAINED_BLOCKS} blocks, however many were appended. */
  int retainedBars() {
    return ringCapacity;
  }

  /** Ring row of lane {@code s}'s bar at offset {@code r} from its base. */
  private int row(int s, int r) {
    int row = r % ringCapacity + phase[s];
    return row >= ringCapacity ? row - ringCapacity : row;
  }

  private int at(int column, int row, int s) {
    return column * columnStride + row * lanes + s;
  }

  /** Appends lane {@code s}'s bar {@code base + appended}; call under the owner's lock, before publishing the bar. */
  void append(int s, double high, double low, double close, double volume) {
    int r = size[s];
    int inBlock = nextInBlock[s];
    if (inBlock == 0 && r >= ringCapacity) {
      evictOldestBlock(s, r);
    }
    int row = nextRow[s];
    int lanes = this.lanes;
    int at = row * lanes + s; // position in column 0
    int stride = columnStride;
    double[] c = cells;
    double quote = volume * (high + low + close) / 3;
    if (inBlock == 0) {
      c[at] = volume;
      c[at + stride] = quote;
      c[at + HIGH_FROM_START * stride] = high;
      c[at + LOW_FROM_START * stride] = low;
    } else {
      int before = (row == 0 ? ringCapacity - 1 : row - 1) * lanes + s;
      c[at] = c[before] + volume;
      c[at + stride] = c[before + stride] + quote;
      c[at + HIGH_FROM_START * stride] = Math.max(c[before + HIGH_FROM_START * stride], high);
      c[at + LOW_FROM_START * stride] = Math.min(c[before + LOW_FROM_START * stride], low);
    }
    if (absReturns) {
      double absReturn = r == 0 ? 0 : Math.abs(Math.log(close / previousClose[s]));
      int before = (row == 0 ? ringCapacity - 1 : row - 1) * lanes + s;
      c[at + ABS_RETURN * stride] = inBlock == 0 ? absReturn : c[before + ABS_RETURN * stride] + absReturn;
      previousClose[s] = close;
    }
    blockHighs[inBlock * lanes + s] = high;
    blockLows[inBlock * lanes + s] = low;
    if (inBlock == blockSize - 1) {
      completeBlock(s, row - inBlock);
      nextInBlock[s] = 0;
    } else {
      nextInBlock[s] = inBlock + 1;
    }
    nextRow[s] = row + 1 == ringCapacity ? 0 : row + 1;
    size[s] = r + 1;
  }

  /**
   * Gives up lane {@code s}'s oldest block so that the block starting at offset {@code start} can take its place in
   * the ring. Readers must learn of it before any of its values change, hence the fence after the announcement.
   */
  private void evictOldestBlock(int s, int start) {
    INTS.setVolatile(retainedFrom, s, start - ringCapacity + blockSize);
    VarHandle.storeStoreFence();
  }

  /**
   * Fills the high/low from each bar of lane {@code s}'s just completed block (starting at ring row {@code start},
   * maybe negative: the block may wrap around the ring's end) to its end.
   */
  private void completeBlock(int s, int start) {
    double high = Double.NEGATIVE_INFINITY;
    double low = Double.POSITIVE_INFINITY;
    for (int k = blockSize - 1; k >= 0; k--) {
      high = Math.max(high, blockHighs[k * lanes + s]);
      low = Math.min(low, blockLows[k * lanes + s]);
      int row = start + k;
      row = row < 0 ? row + ringCapacity : row;
      cells[at(HIGH_TO_END, row, s)] = high;
      cells[at(LOW_TO_END, row, s)] = low;
    }
  }

  /** True when lane {@code s}'s values of bars from {@code from} on are still kept. */
  private boolean retains(int s, int from) {
    return from - base[s] >= (int) INTS.getVolatile(retainedFrom, s);
  }

  /** {@link #retains} once more after reading the values: false when the ring recycled them meanwhile. */
  private boolean stillRetains(int s, int from) {
    VarHandle.loadLoadFence();
    return retains(s, from);
  }

  /** Sum of base volume over lane {@code s}'s bars {@code [from, to)}, {@code base <= from < to <= appended}. */
  double volume(int s, Rescan bars, int from, int to) {
    if (retains(s, from)) {
      double sum = sum(VOLUME, s, from, to);
      if (stillRetains(s, from)) {
        return sum;
      }
    }
    double sum = 0;
    for (int i = from; i < to; i++) {
      sum += bars.volume(i);
    }
    return sum;
  }

  /** Sum of {@code volume × (high + low + close) / 3} over lane {@code s}'s bars {@code [from, to)}. */
  double quoteVolume(int s, Rescan bars, int from, int to) {
    if (retains(s, from)) {
      double sum = sum(QUOTE, s, from, to);
      if (stillRetains(s, from)) {
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
   * Sum of {@code |log(close(i) / close(i - 1))|} over lane {@code s}'s bars {@code [from, to)}, {@code base <
   * from}: the return of the first bar is not defined. Rescans when the absolute returns are not kept.
   */
  double absLogReturns(int s, Rescan bars, int from, int to) {
    if (absReturns && retains(s, from)) {
      double sum = sum(ABS_RETURN, s, from, to);
      if (stillRetains(s, from)) {
        return sum;
      }
    }
    double sum = 0;
    for (int i = Math.max(from, base[s] + 1); i < to; i++) {
      sum += Math.abs(Math.log(bars.close(i) / bars.close(i - 1)));
    }
    return sum;
  }

  /** Highest high over lane {@code s}'s bars {@code [from, to)}; {@code bars} supplies the scan of old windows. */
  double high(int s, Rescan bars, int from, int to) {
    if (retains(s, from)) {
      double high = blockwise(HIGH_FROM_START, HIGH_TO_END, true, s, from, to);
      if (!Double.isNaN(high) && stillRetains(s, from)) {
        return high;
      }
    }
    double high = Double.NEGATIVE_INFINITY;
    for (int i = from; i < to; i++) {
      high = Math.max(high, bars.high(i));
    }
    return high;
  }

  /** Lowest low over lane {@code s}'s bars {@code [from, to)}; {@code bars} supplies the scan of old windows. */
  double low(int s, Rescan bars, int from, int to) {
    if (retains(s, from)) {
      double low = blockwise(LOW_FROM_START, LOW_TO_END, false, s, from, to);
      if (!Double.isNaN(low) && stillRetains(s, from)) {
        return low;
      }
    }
    double low = Double.POSITIVE_INFINITY;
    for (int i = from; i < to; i++) {
      low = Math.min(low, bars.low(i));
    }
    return low;
  }

  /**
   * The high (or low) of a window from the kept values; NaN when only a scan can tell (a window inside one block,
   * off its start).
   */
  private double blockwise(int fromStart, int toEnd, boolean high, int s, int from, int to) {
    int a = from - base[s];
    int z = to - 1 - base[s];
    int firstBlock = a / blockSize;
    int lastBlock = z / blockSize;
    if (firstBlock == lastBlock) {
      return a % blockSize == 0 ? cells[at(fromStart, row(s, z), s)] : Double.NaN;
    }
    double x = cells[at(toEnd, row(s, a), s)];
    double y = cells[at(fromStart, row(s, z), s)];
    double m = high ? Math.max(x, y) : Math.min(x, y);
    for (int k = firstBlock + 1; k < lastBlock; k++) {
      double v = cells[at(toEnd, row(s, k * blockSize), s)];
      m = high ? Math.max(m, v) : Math.min(m, v);
    }
    return m;
  }

  /** Sum of a block-restarting running sum's underlying values over {@code [from, to)}, from kept values. */
  private double sum(int column, int s, int from, int to) {
    int a = from - base[s];
    int z = to - 1 - base[s];
    int firstBlock = a / blockSize;
    int lastBlock = z / blockSize;
    double before = a % blockSize == 0 ? 0 : cells[at(column, row(s, a - 1), s)];
    if (firstBlock == lastBlock) {
      return cells[at(column, row(s, z), s)] - before;
    }
    double sum = cells[at(column, row(s, (firstBlock + 1) * blockSize - 1), s)] - before;
    for (int k = firstBlock + 1; k < lastBlock; k++) {
      sum += cells[at(column, row(s, (k + 1) * blockSize - 1), s)];
    }
    return sum + cells[at(column, row(s, z), s)];
  }
}
