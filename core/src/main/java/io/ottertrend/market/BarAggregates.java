package io.ottertrend.market;

import java.util.Arrays;

/**
 * Running aggregates of one symbol's base bars that answer the statistics of a window of bars in O(1): the sums
 * of base volume, of quote volume ({@code volume × (high + low + close) / 3}) and of absolute log returns, the
 * highest high and the lowest low. A ticker needs them over a rolling 24 h window, every cycle, for every symbol;
 * rescanning the window costs a day of bars per call.
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
 * <p>Memory: 56 bytes per bar (seven {@code double} columns), plus one block of scratch.
 *
 * <p><b>Thread-safety:</b> one writer at a time ({@link #append} is called under the lock that guards the owner's
 * bar generation) and any number of readers. A reader may query bars it learnt were appended through a volatile
 * read that follows the append (the owner's bar count): the columns are published through a volatile field
 * written before that count.
 */
final class BarAggregates {
  private final int base;
  private final int blockSize;
  // Writer-only scratch: the highs and lows of the block being filled, to compute its suffix columns at its end.
  private final double[] blockHighs;
  private final double[] blockLows;
  private double previousClose = Double.NaN;
  private int size;
  private volatile Columns columns;

  /** The stored columns, indexed by bar index minus {@code base}. */
  private record Columns(double[] volume, double[] quote, double[] absReturn, double[] highFromStart,
      double[] lowFromStart, double[] highToEnd, double[] lowToEnd) {
    static Columns ofCapacity(int n) {
      return new Columns(new double[n], new double[n], new double[n], new double[n], new double[n], new double[n],
          new double[n]);
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
   * @param capacity expected number of bars (the columns grow as needed)
   */
  BarAggregates(int base, int blockSize, int capacity) {
    if (blockSize < 1) {
      throw new IllegalArgumentException("blockSize must be >= 1: " + blockSize);
    }
    this.base = base;
    this.blockSize = blockSize;
    this.blockHighs = new double[blockSize];
    this.blockLows = new double[blockSize];
    this.columns = Columns.ofCapacity(Math.max(16, capacity));
  }

  /** Blocks a little shorter than the bars of a window of {@code windowMillis}, so a full window spans two. */
  static int blockSizeFor(long windowMillis, long stepMillis) {
    return (int) Math.max(1, Math.min(1 << 20, (windowMillis - 1) / stepMillis));
  }

  /** Index of the first bar covered. */
  int base() {
    return base;
  }

  /** Appends bar {@code base + size}; call under the owner's generation lock, before publishing the bar. */
  void append(double high, double low, double close, double volume) {
    Columns c = columns;
    if (size == c.volume().length) {
      c = c.grownTo(size * 2);
      columns = c;
    }
    int r = size;
    int inBlock = r % blockSize;
    double quote = volume * (high + low + close) / 3;
    double absReturn = r == 0 ? 0 : Math.abs(Math.log(close / previousClose));
    if (inBlock == 0) {
      c.volume()[r] = volume;
      c.quote()[r] = quote;
      c.absReturn()[r] = absReturn;
      c.highFromStart()[r] = high;
      c.lowFromStart()[r] = low;
    } else {
      c.volume()[r] = c.volume()[r - 1] + volume;
      c.quote()[r] = c.quote()[r - 1] + quote;
      c.absReturn()[r] = c.absReturn()[r - 1] + absReturn;
      c.highFromStart()[r] = Math.max(c.highFromStart()[r - 1], high);
      c.lowFromStart()[r] = Math.min(c.lowFromStart()[r - 1], low);
    }
    blockHighs[inBlock] = high;
    blockLows[inBlock] = low;
    if (inBlock == blockSize - 1) {
      completeBlock(c, r - inBlock);
    }
    previousClose = close;
    size = r + 1;
  }

  /** Fills the high/low from each bar of the just completed block to the block's end. */
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

  /** Sum of base volume over bars {@code [from, to)}, {@code base <= from < to <= appended}. */
  double volume(int from, int to) {
    return sum(columns.volume(), from, to);
  }

  /** Sum of {@code volume × (high + low + close) / 3} over bars {@code [from, to)}. */
  double quoteVolume(int from, int to) {
    return sum(columns.quote(), from, to);
  }

  /**
   * Sum of {@code |log(close(i) / close(i - 1))|} over bars {@code [from, to)}, {@code base < from}: the return of
   * the first bar is not defined.
   */
  double absLogReturns(int from, int to) {
    return sum(columns.absReturn(), from, to);
  }

  /** Highest high over bars {@code [from, to)}; {@code bars} supplies the rare scan. */
  double high(BarMarket.Bars bars, int from, int to) {
    Columns c = columns;
    int a = from - base;
    int z = to - 1 - base;
    int firstBlock = a / blockSize;
    int lastBlock = z / blockSize;
    if (firstBlock == lastBlock) {
      if (a % blockSize == 0) {
        return c.highFromStart()[z];
      }
      double high = Double.NEGATIVE_INFINITY;
      for (int i = from; i < to; i++) {
        high = Math.max(high, bars.high(i));
      }
      return high;
    }
    double high = Math.max(c.highToEnd()[a], c.highFromStart()[z]);
    for (int k = firstBlock + 1; k < lastBlock; k++) {
      high = Math.max(high, c.highToEnd()[k * blockSize]);
    }
    return high;
  }

  /** Lowest low over bars {@code [from, to)}; {@code bars} supplies the rare scan. */
  double low(BarMarket.Bars bars, int from, int to) {
    Columns c = columns;
    int a = from - base;
    int z = to - 1 - base;
    int firstBlock = a / blockSize;
    int lastBlock = z / blockSize;
    if (firstBlock == lastBlock) {
      if (a % blockSize == 0) {
        return c.lowFromStart()[z];
      }
      double low = Double.POSITIVE_INFINITY;
      for (int i = from; i < to; i++) {
        low = Math.min(low, bars.low(i));
      }
      return low;
    }
    double low = Math.min(c.lowToEnd()[a], c.lowFromStart()[z]);
    for (int k = firstBlock + 1; k < lastBlock; k++) {
      low = Math.min(low, c.lowToEnd()[k * blockSize]);
    }
    return low;
  }

  /** Sum of a block-restarting running sum's underlying values over {@code [from, to)}. */
  private double sum(double[] runningInBlock, int from, int to) {
    int a = from - base;
    int z = to - 1 - base;
    int firstBlock = a / blockSize;
    int lastBlock = z / blockSize;
    double before = a % blockSize == 0 ? 0 : runningInBlock[a - 1];
    if (firstBlock == lastBlock) {
      return runningInBlock[z] - before;
    }
    double sum = runningInBlock[(firstBlock + 1) * blockSize - 1] - before;
    for (int k = firstBlock + 1; k < lastBlock; k++) {
      sum += runningInBlock[(k + 1) * blockSize - 1];
    }
    return sum + runningInBlock[z];
  }
}
