package io.ottertrend.analytics.internal;

import java.util.Arrays;

/**
 * Scalar twins of {@link VectorKernels}: plain loops that run without the Vector API and serve as the reference
 * the vector kernels are tested against. Callers ({@code io.ottertrend.analytics}) validate arguments; these
 * methods assume {@code out.length >= x.length} and {@code period >= 1}.
 *
 * <p>Along time the scalar twins use O(n) running sums where the vector kernels sum each window directly (which
 * parallelises across output positions); both compute the same quantity and agree to ~1e-12 relative.
 *
 * <p>Stateless and thread-safe.
 */
public final class ScalarKernels {
  /** Scratch block for the RSI pipeline: small enough for L1/L2, large enough to amortise the calls. */
  static final int BLOCK = 2048;

  private ScalarKernels() {}

  // ---------------------------------------------------------------------------------------------------------
  // Along time

  /** Simple moving average; NaN before {@code period - 1} and for windows holding a NaN. */
  public static void sma(double[] x, int period, double[] out) {
    int n = x.length;
    double sum = 0;
    int nan = 0;
    for (int i = 0; i < n; i++) {
      double v = x[i];
      if (v != v) {
        nan++;
      } else {
        sum += v;
      }
      if (i >= period) {
        double o = x[i - period];
        if (o != o) {
          nan--;
        } else {
          sum -= o;
        }
      }
      out[i] = i >= period - 1 && nan == 0 ? sum / period : Double.NaN;
    }
  }

  /**
   * Population standard deviation over a rolling window; NaN before {@code period - 1} and for windows holding a
   * NaN. O(n): a sliding Welford update of the mean and the sum of squared deviations {@code M2} (whose terms scale
   * with the deviations, not with the price squared as in TA-Lib's {@code E[x²] - E[x]²}). The window is
   * recomputed exactly with {@link #stdDirect}'s two passes every {@code max(256, 4·period)} bars, and as soon as
   * a running bound on the accumulated rounding exceeds 1e-11 of {@code M2} (flat or nearly flat windows), so
   * a flat series gives exactly 0 and tiny spreads keep their digits.
   */
  public static void rollingStd(double[] x, int period, double[] out) {
    int n = x.length;
    int every = Math.max(256, 4 * period);
    double mean = 0;
    double m2 = 0;
    double err = 0;
    int since = every;
    int nan = 0;
    for (int i = 0; i < n; i++) {
      if (x[i] != x[i]) {
        nan++;
      }
      if (i >= period && x[i - period] != x[i - period]) {
        nan--;
      }
      if (i < period - 1 || nan > 0) {
        out[i] = Double.NaN;
        since = every;
        continue;
      }
      if (since < every) {
        double xn = x[i];
        double xo = x[i - period];
        double d = xn - xo;
        double next = mean + d / period;
        double t = d * ((xn - next) + (xo - mean));
        m2 += t;
        mean = next;
        since++;
        err += EPS * (Math.abs(t) + 2 * Math.abs(d) * since * Math.abs(mean));
      }
      if (since >= every || !(err <= 1e-11 * m2)) {
        double first = x[i - period + 1];
        double sum = 0;
        for (int k = 0; k < period - 1; k++) {
          sum += x[i - k] - first;
        }
        mean = sum / period + first;
        m2 = 0;
        for (int k = 0; k < period; k++) {
          double d = x[i - k] - mean;
          m2 = Math.fma(d, d, m2);
        }
        err = 0;
        since = 0;
      }
      out[i] = Math.sqrt(m2 / period);
    }
  }

  private static final double EPS = Math.ulp(1.0);

  /**
   * Population standard deviation of {@code x[i-period+1..i]} in two passes over deviations from the window's
   * first value: exact 0 for a flat window. The vector kernel computes the same expression lane-wise.
   */
  public static double stdDirect(double[] x, int i, int period) {
    double first = x[i - period + 1];
    double s = 0;
    for (int k = 0; k < period - 1; k++) {
      s += x[i - k] - first;
    }
    double m = s / period + first;
    double ss = 0;
    for (int k = 0; k < period; k++) {
      double d = x[i - k] - m;
      ss = Math.fma(d, d, ss);
    }
    return Math.sqrt(ss / period);
  }

  /**
   * EMA with {@code k = 2 / (period + 1)}, seeded TA-Lib style with the SMA of the first {@code period} values at
   * index {@code period - 1}; NaN before. A NaN input makes that output and all later ones NaN.
   */
  public static void ema(double[] x, int period, double[] out) {
    int n = x.length;
    int first = Math.min(n, period - 1);
    Arrays.fill(out, 0, first, Double.NaN);
    if (n < period) {
      return;
    }
    double seed = 0;
    for (int i = 0; i < period; i++) {
      seed += x[i];
    }
    seed /= period;
    out[period - 1] = seed;
    smooth(x, period, n, seed, 2.0 / (period + 1), out);
  }

  /**
   * Wilder RSI like TA-Lib: average gain and loss seeded with the plain means of the first {@code period} changes,
   * then Wilder-smoothed with {@code a = 1 / period}; first value at index {@code period}.
   */
  public static void rsi(double[] x, int period, double[] out) {
    int n = x.length;
    Arrays.fill(out, 0, Math.min(n, period), Double.NaN);
    if (n <= period) {
      return;
    }
    // Block-wise through small scratch arrays: no n-sized temporaries, and the block stays in L1.
    int block = Math.min(n, BLOCK);
    double[] gain = new double[block];
    double[] loss = new double[block];
    double g = 0;
    double l = 0;
    for (int i = 1; i <= period; i++) {
      double d = x[i] - x[i - 1];
      g += Math.max(d, 0.0);
      l += Math.max(-d, 0.0);
    }
    g /= period;
    l /= period;
    double a = 1.0 / period;
    gain[0] = g;
    loss[0] = l;
    rsiFromAverages(gain, loss, out, 0, 1, period);
    for (int from = period + 1; from < n; from += block) {
      int len = Math.min(block, n - from);
      gainsLosses(x, from, gain, loss, len);
      g = smooth(gain, 0, len, g, a, gain);
      l = smooth(loss, 0, len, l, a, loss);
      rsiFromAverages(gain, loss, out, 0, len, from);
    }
  }


  /**
   * Wilder ATR like TA-Lib: the mean of the true ranges of bars {@code 1..period} at index {@code period}, then
   * Wilder-smoothed with {@code a = 1 / period}.
   */
  public static void atr(double[] h, double[] l, double[] c, int period, double[] out) {
    int n = c.length;
    Arrays.fill(out, 0, Math.min(n, period), Double.NaN);
    if (n <= period) {
      return;
    }
    // The true ranges go into `out` first, then are smoothed in place: no temporary array.
    trueRange(h, l, c, out, 1, n);
    double s = 0;
    for (int i = 1; i <= period; i++) {
      s += out[i];
    }
    Arrays.fill(out, 1, period, Double.NaN);
    out[period] = s / period;
    smooth(out, period + 1, n, out[period], 1.0 / period, out);
  }


  /** Rolling z-score {@code (x - mean) / std} of the window ending at each bar; NaN when std is 0. */
  public static void rollingZScore(double[] x, int period, double[] mean, double[] std, double[] out) {
    sma(x, period, mean);
    rollingStd(x, period, std);
    for (int i = 0; i < x.length; i++) {
      double s = std[i];
      out[i] = s > 0 ? (x[i] - mean[i]) / s : Double.NaN;
    }
  }

  /** Rolling minimum ({@code max == false}) or maximum; monotonic deque, O(n). NaN for windows with a NaN. */
  public static void rollingExtreme(double[] x, int period, boolean max, double[] out) {
    int n = x.length;
    int[] dq = new int[period + 1];
    int head = 0;
    int size = 0;
    int cap = dq.length;
    int nan = 0;
    for (int i = 0; i < n; i++) {
      double v = x[i];
      if (v != v) {
        nan++;
      } else {
        while (size > 0) {
          double back = x[dq[(head + size - 1) % cap]];
          if (max ? back <= v : back >= v) {
            size--;
          } else {
            break;
          }
        }
        dq[(head + size) % cap] = i;
        size++;
      }
      if (i >= period) {
        if (x[i - period] != x[i - period]) {
          nan--;
        }
      }
      while (size > 0 && dq[head] <= i - period) {
        head = (head + 1) % cap;
        size--;
      }
      out[i] = i >= period - 1 && nan == 0 ? x[dq[head]] : Double.NaN;
    }
  }

  /** {@code log(x[i] / x[i-1])}; NaN at 0 and wherever either price is not positive or NaN. */
  public static void logReturns(double[] x, double[] out, int from, int to) {
    for (int i = Math.max(from, 1); i < to; i++) {
      double p = x[i - 1];
      double c = x[i];
      out[i] = p > 0 && c > 0 ? Math.log(c / p) : Double.NaN;
    }
    if (from == 0 && to > 0) {
      out[0] = Double.NaN;
    }
  }

  /**
   * First-order recurrence {@code y[i] = y[i-1] + a·(x[i] - y[i-1])} for {@code i} in {@code [from, to)}, starting
   * from {@code y0 = y[from-1]}. EMA, Wilder smoothing (RSI, ATR) and their seeds are built on this.
   */
  public static double smooth(double[] x, int from, int to, double y0, double a, double[] out) {
    double y = y0;
    for (int i = from; i < to; i++) {
      y = (x[i] - y) * a + y;
      out[i] = y;
    }
    return y;
  }

  /**
   * Wilder RSI {@code 100·g / (g + l)} from smoothed gains/losses {@code g[from..from+len)}, written to {@code
   * out[outFrom..)}.
   */
  public static void rsiFromAverages(
      double[] avgGain, double[] avgLoss, double[] out, int from, int len, int outFrom) {
    for (int j = 0; j < len; j++) {
      double g = avgGain[from + j];
      double s = g + avgLoss[from + j];
      // No movement at all: RSI is undefined; report the neutral 50 (TA-Lib reports 0, which reads as oversold).
      out[outFrom + j] = s > 0 ? 100 * (g / s) : (s == 0 ? 50 : Double.NaN);
    }
  }

  /**
   * Gains and losses {@code max(±(x[i] - x[i-1]), 0)} of bars {@code i = from + j}, {@code j < len}, into {@code
   * gain[j]}/{@code loss[j]}; {@code from >= 1}. NaN stays NaN.
   */
  public static void gainsLosses(double[] x, int from, double[] gain, double[] loss, int len) {
    for (int j = 0; j < len; j++) {
      double d = x[from + j] - x[from + j - 1];
      gain[j] = Math.max(d, 0.0); // NaN stays NaN; branch-free, unlike a ternary on random signs
      loss[j] = Math.max(-d, 0.0);
    }
  }

  /** True range {@code max(h - l, |h - c[i-1]|, |l - c[i-1]|)} for {@code i} in {@code [from, to)}, {@code from >= 1}. */
  public static void trueRange(double[] h, double[] l, double[] c, double[] out, int from, int to) {
    for (int i = from; i < to; i++) {
      double pc = c[i - 1];
      double hi = h[i];
      double lo = l[i];
      out[i] = Math.max(hi - lo, Math.max(Math.abs(hi - pc), Math.abs(lo - pc)));
    }
  }

  /** Window sums {@code x[i-period+1..i]} for outputs {@code i} in {@code [from, to)}, summed directly. */
  public static void windowSum(double[] x, int period, double[] out, int from, int to) {
    for (int i = from; i < to; i++) {
      double s = 0;
      for (int k = 0; k < period; k++) {
        s += x[i - k];
      }
      out[i] = s;
    }
  }

  // ---------------------------------------------------------------------------------------------------------
  // Across symbols: one call updates every symbol for one new bar; lanes are symbols.

  /** {@code acc[i] += x[i]}. */
  public static void addInto(double[] acc, double[] x, int from, int to) {
    for (int i = from; i < to; i++) {
      acc[i] += x[i];
    }
  }

  /** {@code ema[i] += a·(x[i] - ema[i])}. */
  public static void emaStep(double[] ema, double[] x, double a, int from, int to) {
    for (int i = from; i < to; i++) {
      double e = ema[i];
      ema[i] = (x[i] - e) * a + e;
    }
  }

  /**
   * Gains/losses against {@code prev}, smoothed into {@code avgGain}/{@code avgLoss} with weight {@code a}
   * ({@code a = 1} accumulates plain sums during warm-up); then {@code prev = close}.
   */
  public static void rsiStep(
      double[] close, double[] prev, double[] avgGain, double[] avgLoss, double a, boolean sum, int from, int to) {
    for (int i = from; i < to; i++) {
      double d = close[i] - prev[i];
      double g = Math.max(d, 0);
      double l = Math.max(-d, 0);
      if (sum) {
        avgGain[i] += g;
        avgLoss[i] += l;
      } else {
        double ag = avgGain[i];
        double al = avgLoss[i];
        avgGain[i] = (g - ag) * a + ag;
        avgLoss[i] = (l - al) * a + al;
      }
      prev[i] = close[i];
    }
  }

  /** True range against {@code prevClose}, smoothed into {@code atr} (or summed during warm-up). */
  public static void atrStep(
      double[] high, double[] low, double[] close, double[] prevClose, double[] atr, double a, boolean sum, int from,
      int to) {
    for (int i = from; i < to; i++) {
      double pc = prevClose[i];
      double hi = high[i];
      double lo = low[i];
      double tr = Math.max(hi - lo, Math.max(Math.abs(hi - pc), Math.abs(lo - pc)));
      double v = atr[i];
      atr[i] = sum ? v + tr : (tr - v) * a + v;
      prevClose[i] = close[i];
    }
  }

  /**
   * Log return against {@code prev}, swapped into the ring slot {@code slot} and added to the running sums;
   * then {@code prev = close}.
   */
  public static void volStep(
      double[] close, double[] prev, double[] ring, double[] s1, double[] s2, int from, int to) {
    for (int i = from; i < to; i++) {
      double p = prev[i];
      double c = close[i];
      double r = Math.log(c / p);
      double o = ring[i];
      s1[i] += r - o;
      s2[i] += r * r - o * o;
      ring[i] = r;
      prev[i] = c;
    }
  }

  /**
   * Population σ from running sums over {@code w} values: {@code sqrt(max(s2/w - (s1/w)², 0))}; NaN sums give NaN.
   */
  public static void volFromSums(double[] s1, double[] s2, double w, double[] out, int from, int to) {
    for (int i = from; i < to; i++) {
      double m = s1[i] / w;
      double v = s2[i] / w - m * m;
      out[i] = Math.sqrt(Math.max(v, 0));
    }
  }

  /**
   * One steady-state bar for every symbol in one pass: EMA ({@code ae}), Wilder gain/loss ({@code ar}), Wilder ATR
   * ({@code aa}) and the log return swapped into the ring slot and its running sums; then {@code prev = close}.
   * The same arithmetic as {@link #emaStep}, {@link #rsiStep}, {@link #atrStep} and {@link #volStep} in sequence,
   * but one load of {@code close} and {@code prev} feeds all four.
   */
  public static void fusedStep(
      double[] high, double[] low, double[] close, double[] prev, double[] ema, double[] avgGain, double[] avgLoss,
      double[] atr, double[] ring, double[] s1, double[] s2, double ae, double ar, double aa, int from, int to) {
    for (int i = from; i < to; i++) {
      double c = close[i];
      double pc = prev[i];
      double e = ema[i];
      ema[i] = (c - e) * ae + e;
      double d = c - pc;
      double ag = avgGain[i];
      double al = avgLoss[i];
      avgGain[i] = (Math.max(d, 0) - ag) * ar + ag;
      avgLoss[i] = (Math.max(-d, 0) - al) * ar + al;
      double hi = high[i];
      double lo = low[i];
      double tr = Math.max(hi - lo, Math.max(Math.abs(hi - pc), Math.abs(lo - pc)));
      double v = atr[i];
      atr[i] = (tr - v) * aa + v;
      double r = Math.log(c / pc);
      double o = ring[i];
      s1[i] += r - o;
      s2[i] += r * r - o * o;
      ring[i] = r;
      prev[i] = c;
    }
  }

  /** Ratio change {@code x / old - 1} into {@code out}, then {@code old = x} (a ring slot). */
  public static void changeStep(double[] x, double[] old, double[] out, int from, int to) {
    for (int i = from; i < to; i++) {
      out[i] = x[i] / old[i] - 1;
      old[i] = x[i];
    }
  }

  /** Rolling sum update: {@code sum += x - old; old = x}. */
  public static void rollingSumStep(double[] x, double[] old, double[] sum, int from, int to) {
    for (int i = from; i < to; i++) {
      sum[i] += x[i] - old[i];
      old[i] = x[i];
    }
  }

  /** Cross-sectional sum and count of the non-NaN entries of {@code x[from, to)}: {@code {sum, count}}. */
  public static double sumFinite(double[] x, int from, int to) {
    double s = 0;
    for (int i = from; i < to; i++) {
      double v = x[i];
      if (v == v) {
        s += v;
      }
    }
    return s;
  }

  /** Number of non-NaN entries. */
  public static int countFinite(double[] x, int from, int to) {
    int c = 0;
    for (int i = from; i < to; i++) {
      if (x[i] == x[i]) {
        c++;
      }
    }
    return c;
  }

  /**
   * How many of {@code x[from, to)} are {@code <= v}: NaN entries never count, and nothing counts when {@code v}
   * is NaN (the IEEE comparison). Used for percentile ranks, where counts must be exact.
   */
  public static int countAtOrBelow(double[] x, double v, int from, int to) {
    int c = 0;
    for (int i = from; i < to; i++) {
      c += x[i] <= v ? 1 : 0;
    }
    return c;
  }

  /** Sum of {@code (x - mean)²} over the non-NaN entries. */
  public static double sumSquaredDeviations(double[] x, double mean, int from, int to) {
    double s = 0;
    for (int i = from; i < to; i++) {
      double d = x[i] - mean;
      if (d == d) {
        s += d * d;
      }
    }
    return s;
  }

  /** {@code out = (x - mean) / sd}. */
  public static void standardize(double[] x, double mean, double sd, double[] out, int from, int to) {
    for (int i = from; i < to; i++) {
      out[i] = (x[i] - mean) / sd;
    }
  }
}
