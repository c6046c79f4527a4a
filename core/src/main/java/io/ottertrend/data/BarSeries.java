package io.ottertrend.data;

import io.ottertrend.model.Candle;
import io.ottertrend.model.Interval;
import io.ottertrend.market.Buckets;
import java.util.Arrays;
import java.util.Objects;

/**
 * OHLCV bars of one symbol and interval as primitive columns (structure of arrays), oldest first.
 *
 * <p>Memory: 48 bytes per bar — open time {@code long}, open/high/low/close {@code double}, volume and quote
 * volume {@code float}. Prices stay {@code double} because a {@code float}'s 24-bit mantissa cannot hold an
 * 8-significant-digit price at tick resolution (104,321.57 becomes 104,321.5703); volumes are additive
 * statistics for which 7 significant digits are plenty.
 *
 * <p>The accessor arrays are the series' own storage, exposed for fast analytics: do not modify them.
 * Immutable by contract and therefore thread-safe.
 */
public final class BarSeries {
  /** Bytes one bar takes in memory (and on disk). */
  public static final int BYTES_PER_BAR = 8 + 4 * 8 + 2 * 4;

  private final long[] openTime;
  private final double[] open;
  private final double[] high;
  private final double[] low;
  private final double[] close;
  private final float[] volume;
  private final float[] quoteVolume;
  private final int size;

  BarSeries(long[] openTime, double[] open, double[] high, double[] low, double[] close, float[] volume,
      float[] quoteVolume, int size) {
    this.openTime = openTime;
    this.open = open;
    this.high = high;
    this.low = low;
    this.close = close;
    this.volume = volume;
    this.quoteVolume = quoteVolume;
    this.size = size;
  }

  /** A series over these columns (same length; taken, not copied). */
  public static BarSeries of(long[] openTime, double[] open, double[] high, double[] low, double[] close,
      float[] volume, float[] quoteVolume) {
    int n = openTime.length;
    if (open.length != n || high.length != n || low.length != n || close.length != n || volume.length != n
        || quoteVolume.length != n) {
      throw new IllegalArgumentException("all columns need " + n + " values");
    }
    return new BarSeries(openTime, open, high, low, close, volume, quoteVolume, n);
  }

  /** An empty series. */
  public static BarSeries empty() {
    return new Builder(0).build();
  }

  public int size() {
    return size;
  }

  public boolean isEmpty() {
    return size == 0;
  }

  public long openTime(int i) {
    return openTime[Objects.checkIndex(i, size)];
  }

  public double open(int i) {
    return open[Objects.checkIndex(i, size)];
  }

  public double high(int i) {
    return high[Objects.checkIndex(i, size)];
  }

  public double low(int i) {
    return low[Objects.checkIndex(i, size)];
  }

  public double close(int i) {
    return close[Objects.checkIndex(i, size)];
  }

  public double volume(int i) {
    return volume[Objects.checkIndex(i, size)];
  }

  public double quoteVolume(int i) {
    return quoteVolume[Objects.checkIndex(i, size)];
  }

  /** Open times; the first {@link #size()} entries are valid. Do not modify. */
  public long[] openTimes() {
    return openTime;
  }

  /** Close prices; the first {@link #size()} entries are valid. Do not modify. */
  public double[] closes() {
    return close;
  }

  /** Bar {@code i} as a {@link Candle} of {@code interval}. */
  public Candle candle(int i, Interval interval) {
    long t = openTime(i);
    return new Candle(t, open[i], high[i], low[i], close[i], volume[i], Buckets.next(interval, t) - 1,
        quoteVolume[i]);
  }

  /** Bars {@code [from, to)} (copied). */
  public BarSeries slice(int from, int to) {
    Objects.checkFromToIndex(from, to, size);
    return new BarSeries(Arrays.copyOfRange(openTime, from, to), Arrays.copyOfRange(open, from, to),
        Arrays.copyOfRange(high, from, to), Arrays.copyOfRange(low, from, to), Arrays.copyOfRange(close, from, to),
        Arrays.copyOfRange(volume, from, to), Arrays.copyOfRange(quoteVolume, from, to), to - from);
  }

  /** Index of the first bar opening at or after {@code t} ({@link #size()} when none). */
  public int lowerBound(long t) {
    return lowerBound(openTime, size, t);
  }

  /** Index of the first of {@code times[0, size)} (ascending) at or after {@code t} ({@code size} when none). */
  public static int lowerBound(long[] times, int size, long t) {
    int lo = 0;
    int hi = size;
    while (lo < hi) {
      int mid = (lo + hi) >>> 1;
      if (times[mid] < t) {
        lo = mid + 1;
      } else {
        hi = mid;
      }
    }
    return lo;
  }

  @Override
  public boolean equals(Object o) {
    if (!(o instanceof BarSeries s) || s.size != size) {
      return false;
    }
    return Arrays.equals(openTime, 0, size, s.openTime, 0, size) && Arrays.equals(open, 0, size, s.open, 0, size)
        && Arrays.equals(high, 0, size, s.high, 0, size) && Arrays.equals(low, 0, size, s.low, 0, size)
        && Arrays.equals(close, 0, size, s.close, 0, size) && Arrays.equals(volume, 0, size, s.volume, 0, size)
        && Arrays.equals(quoteVolume, 0, size, s.quoteVolume, 0, size);
  }

  @Override
  public int hashCode() {
    return Long.hashCode(size == 0 ? 0 : openTime[0]) * 31 + size;
  }

  @Override
  public String toString() {
    return size == 0 ? "BarSeries[empty]" : "BarSeries[" + size + " bars, " + openTime[0] + ".." + openTime[size - 1]
        + "]";
  }

  /** Accumulates bars; not thread-safe. */
  public static final class Builder {
    private long[] t;
    private double[] o;
    private double[] h;
    private double[] l;
    private double[] c;
    private float[] v;
    private float[] q;
    private int n;

    public Builder(int capacity) {
      int cap = Math.max(16, capacity);
      t = new long[cap];
      o = new double[cap];
      h = new double[cap];
      l = new double[cap];
      c = new double[cap];
      v = new float[cap];
      q = new float[cap];
    }

    public Builder add(long openTime, double open, double high, double low, double close, double volume,
        double quoteVolume) {
      if (n == t.length) {
        int cap = n * 2;
        t = Arrays.copyOf(t, cap);
        o = Arrays.copyOf(o, cap);
        h = Arrays.copyOf(h, cap);
        l = Arrays.copyOf(l, cap);
        c = Arrays.copyOf(c, cap);
        v = Arrays.copyOf(v, cap);
        q = Arrays.copyOf(q, cap);
      }
      t[n] = openTime;
      o[n] = open;
      h[n] = high;
      l[n] = low;
      c[n] = close;
      v[n] = (float) volume;
      q[n] = (float) quoteVolume;
      n++;
      return this;
    }

    public Builder add(Candle candle) {
      return add(candle.openTime(), candle.open(), candle.high(), candle.low(), candle.close(), candle.volume(),
          candle.quoteVolume());
    }

    public int size() {
      return n;
    }

    /** The bars added so far, trimmed to size. */
    public BarSeries build() {
      return new BarSeries(Arrays.copyOf(t, n), Arrays.copyOf(o, n), Arrays.copyOf(h, n), Arrays.copyOf(l, n),
          Arrays.copyOf(c, n), Arrays.copyOf(v, n), Arrays.copyOf(q, n), n);
    }
  }
}
