package io.ottertrend.analytics.internal;

import java.util.Arrays;
import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorShape;
import jdk.incubator.vector.VectorShuffle;
import jdk.incubator.vector.VectorSpecies;

/**
 * SIMD kernels on {@code jdk.incubator.vector}, one per method of {@link ScalarKernels} with the same signature and
 * contract. Only load this class when {@code io.ottertrend.analytics.Vectorization} chose the vector backend: it
 * links the incubator module.
 *
 * <p>Shape of every kernel: the species is a {@code static final} constant (C2 only intrinsifies the Vector API
 * when it is), {@code loopBound} for the vector body, the scalar twin for the tail, no masks in hot loops except
 * the NaN-skipping cross-sectional reductions, and one {@code reduceLanes} after a loop.
 *
 * <p>How the along-time recurrences vectorize: EMA and Wilder smoothing {@code y[i] = c·y[i-1] + a·x[i]} run as a
 * blocked scan. Inside a block of {@code L} lanes the weighted prefix {@code Σ a·c^(j-k)·x[k]} is built in
 * {@code log2 L} shift-multiply-add steps, then {@code c^(j+1)·y[prev]} is added; only the broadcast of the last
 * lane is serial, once per block instead of once per bar. Rolling windows (SMA, std, min/max) are summed directly
 * per output, {@code L} outputs at a time, while the window is short ({@link #DIRECT_MAX_PERIOD}); longer windows
 * use the scalar O(n) twin. The SMA is the exception: its running sum is itself a scan, see {@link #sma}.
 *
 * <p>The width is {@code -Dottertrend.simd.bits} (128, 256 or 512) or the platform's preferred shape, read once
 * when the class initialises. Tests load one copy of this package per width in separate class loaders.
 *
 * <p>Stateless and thread-safe.
 */
public final class VectorKernels {
  /** Doubles per vector for this JVM (or this class loader, in tests). */
  public static final VectorSpecies<Double> SPECIES = species();

  private static final int L = SPECIES.length();

  /** Windows longer than this use the O(n) scalar running sums: direct sums cost O(period / L) per output. */
  public static final int DIRECT_MAX_PERIOD = 48;

  private static final int BLOCK = ScalarKernels.BLOCK;

  private VectorKernels() {}

  private static VectorSpecies<Double> species() {
    Integer bits = Integer.getInteger("ottertrend.simd.bits");
    VectorShape shape = bits == null ? VectorShape.preferredShape() : VectorShape.forBitSize(bits);
    return DoubleVector.SPECIES_PREFERRED.withShape(shape);
  }

  /** Width in bits of {@link #SPECIES}. */
  public static int bits() {
    return SPECIES.vectorBitSize();
  }

  // ---------------------------------------------------------------------------------------------------------
  // Along time

  /**
   * See {@link ScalarKernels#sma}. Running window sum as a blocked scan of {@code x[i] - x[i-period]} (the same
   * shift-add scan as {@link #smooth} with weight 1), restarted from an exact direct sum every {@link #CHUNK}
   * bars so rounding cannot drift. A NaN (or ±∞) poisons a running sum, so a chunk whose last sum is not finite is
   * redone with direct window sums, which give NaN exactly for the windows that hold the NaN.
   */
  public static void sma(double[] x, int period, double[] out) {
    int n = x.length;
    Arrays.fill(out, 0, Math.min(n, period - 1), Double.NaN);
    double inv = period;
    for (int c0 = period - 1; c0 < n; c0 += CHUNK) {
      int end = Math.min(n, c0 + CHUNK);
      double s = 0;
      for (int k = 0; k < period; k++) {
        s += x[c0 - k];
      }
      out[c0] = s / inv;
      s = runningSum(x, period, c0 + 1, end, s, out);
      if (!Double.isFinite(s)) {
        windowSum(x, period, out, c0, end);
        for (int i = c0; i < end; i++) {
          out[i] /= period;
        }
      }
    }
  }

  /** Restart interval of the running sums in {@link #sma}. */
  static final int CHUNK = 4096;

  private static double runningSum(double[] x, int period, int from, int to, double s0, double[] out) {
    DoubleVector p = DoubleVector.broadcast(SPECIES, period);
    VectorShuffle<Double> sh1 = VectorShuffle.fromOp(SPECIES, j -> Math.max(j - 1, 0));
    VectorShuffle<Double> sh2 = VectorShuffle.fromOp(SPECIES, j -> Math.max(j - 2, 0));
    VectorShuffle<Double> sh4 = VectorShuffle.fromOp(SPECIES, j -> Math.max(j - 4, 0));
    VectorMask<Double> m1 = VectorMask.fromLong(SPECIES, ~1L);
    VectorMask<Double> m2 = VectorMask.fromLong(SPECIES, ~3L);
    VectorMask<Double> m4 = VectorMask.fromLong(SPECIES, ~15L);
    VectorShuffle<Double> last = VectorShuffle.fromOp(SPECIES, j -> L - 1);
    DoubleVector y = DoubleVector.broadcast(SPECIES, s0);
    int i = from;
    for (int bound = from + SPECIES.loopBound(Math.max(0, to - from)); i < bound; i += L) {
      DoubleVector v = DoubleVector.fromArray(SPECIES, x, i).sub(DoubleVector.fromArray(SPECIES, x, i - period));
      v = v.add(v.rearrange(sh1, m1));
      if (L > 2) {
        v = v.add(v.rearrange(sh2, m2));
      }
      if (L > 4) {
        v = v.add(v.rearrange(sh4, m4));
      }
      DoubleVector yv = y.add(v);
      yv.div(p).intoArray(out, i);
      y = yv.rearrange(last);
    }
    double s = y.lane(0);
    for (; i < to; i++) {
      s += x[i] - x[i - period];
      out[i] = s / period;
    }
    return s;
  }

  /** See {@link ScalarKernels#windowSum}. Two accumulators so consecutive adds do not wait on each other. */
  public static void windowSum(double[] x, int period, double[] out, int from, int to) {
    int i = from;
    for (int bound = from + SPECIES.loopBound(Math.max(0, to - from)); i < bound; i += L) {
      DoubleVector a0 = DoubleVector.fromArray(SPECIES, x, i);
      DoubleVector a1 = DoubleVector.zero(SPECIES);
      int k = 1;
      for (; k + 1 < period; k += 2) {
        a0 = a0.add(DoubleVector.fromArray(SPECIES, x, i - k));
        a1 = a1.add(DoubleVector.fromArray(SPECIES, x, i - k - 1));
      }
      if (k < period) {
        a0 = a0.add(DoubleVector.fromArray(SPECIES, x, i - k));
      }
      a0.add(a1).intoArray(out, i);
    }
    ScalarKernels.windowSum(x, period, out, i, to);
  }

  /**
   * See {@link ScalarKernels#rollingStd}. Running sums of {@code d = x - k} and {@code d²} as blocked scans (like
   * {@link #sma}), anchored on {@code k = x[c0]} and restarted exactly every {@link #STD_CHUNK} bars. A lane whose
   * variance is too small for the rounding bound of those sums ({@code len·4·eps·max d²} against {@code 1e-10·p·var},
   * e.g. a flat window) is recomputed directly with {@link ScalarKernels#stdDirect}; a chunk whose sums end
   * non-finite (a NaN inside) is recomputed window by window, so NaN lands exactly on the windows that hold it.
   */
  public static void rollingStd(double[] x, int period, double[] out) {
    int n = x.length;
    Arrays.fill(out, 0, Math.min(n, period - 1), Double.NaN);
    for (int c0 = period - 1; c0 < n; c0 += STD_CHUNK) {
      int end = Math.min(n, c0 + STD_CHUNK);
      double k = x[c0];
      // Largest d² the chunk's sums will ever hold: sizes the rounding bound below.
      double maxD2 = 0;
      for (int i = c0 - period + 1; i < end; i++) {
        double d = x[i] - k;
        maxD2 = Math.max(maxD2, d * d);
      }
      double s1 = 0;
      double s2 = 0;
      for (int j = c0 - period + 1; j <= c0; j++) {
        double d = x[j] - k;
        s1 += d;
        s2 += d * d;
      }
      double floor = (end - c0) * 4 * Math.ulp(1.0) * maxD2 / (1e-10 * period);
      out[c0] = ScalarKernels.stdDirect(x, c0, period);
      if (!runningStd(x, period, c0 + 1, end, k, s1, s2, floor, out) || !(maxD2 < Double.POSITIVE_INFINITY)) {
        for (int i = c0; i < end; i++) {
          out[i] = ScalarKernels.stdDirect(x, i, period);
        }
      }
    }
  }

  /** Restart interval of the running sums in {@link #rollingStd}: short, so {@code max d²} stays small. */
  static final int STD_CHUNK = 256;

  private static boolean runningStd(
      double[] x, int period, int from, int to, double k, double s1, double s2, double floor, double[] out) {
    DoubleVector p = DoubleVector.broadcast(SPECIES, period);
    DoubleVector vk = DoubleVector.broadcast(SPECIES, k);
    DoubleVector vfloor = DoubleVector.broadcast(SPECIES, floor);
    VectorShuffle<Double> sh1 = VectorShuffle.fromOp(SPECIES, j -> Math.max(j - 1, 0));
    VectorShuffle<Double> sh2 = VectorShuffle.fromOp(SPECIES, j -> Math.max(j - 2, 0));
    VectorShuffle<Double> sh4 = VectorShuffle.fromOp(SPECIES, j -> Math.max(j - 4, 0));
    VectorMask<Double> m1 = VectorMask.fromLong(SPECIES, ~1L);
    VectorMask<Double> m2 = VectorMask.fromLong(SPECIES, ~3L);
    VectorMask<Double> m4 = VectorMask.fromLong(SPECIES, ~15L);
    VectorShuffle<Double> last = VectorShuffle.fromOp(SPECIES, j -> L - 1);
    DoubleVector y1 = DoubleVector.broadcast(SPECIES, s1);
    DoubleVector y2 = DoubleVector.broadcast(SPECIES, s2);
    int i = from;
    for (int bound = from + SPECIES.loopBound(Math.max(0, to - from)); i < bound; i += L) {
      DoubleVector dn = DoubleVector.fromArray(SPECIES, x, i).sub(vk);
      DoubleVector dold = DoubleVector.fromArray(SPECIES, x, i - period).sub(vk);
      DoubleVector v1 = dn.sub(dold);
      DoubleVector v2 = dn.mul(dn).sub(dold.mul(dold));
      v1 = v1.add(v1.rearrange(sh1, m1));
      v2 = v2.add(v2.rearrange(sh1, m1));
      if (L > 2) {
        v1 = v1.add(v1.rearrange(sh2, m2));
        v2 = v2.add(v2.rearrange(sh2, m2));
      }
      if (L > 4) {
        v1 = v1.add(v1.rearrange(sh4, m4));
        v2 = v2.add(v2.rearrange(sh4, m4));
      }
      DoubleVector t1 = y1.add(v1);
      DoubleVector t2 = y2.add(v2);
      DoubleVector m = t1.div(p);
      DoubleVector var = t2.div(p).sub(m.mul(m));
      var.max(DoubleVector.zero(SPECIES)).sqrt().intoArray(out, i);
      VectorMask<Double> bad = var.compare(VectorOperators.GT, vfloor).not();
      if (bad.anyTrue()) {
        for (int j = 0; j < L; j++) {
          if (bad.laneIsSet(j)) {
            out[i + j] = ScalarKernels.stdDirect(x, i + j, period);
          }
        }
      }
      y1 = t1.rearrange(last);
      y2 = t2.rearrange(last);
    }
    double a1 = y1.lane(0);
    double a2 = y2.lane(0);
    for (; i < to; i++) {
      double dn = x[i] - k;
      double dold = x[i - period] - k;
      a1 += dn - dold;
      a2 += dn * dn - dold * dold;
      double m = a1 / period;
      double var = a2 / period - m * m;
      out[i] = var > floor ? Math.sqrt(var) : ScalarKernels.stdDirect(x, i, period);
    }
    return Double.isFinite(a1) && Double.isFinite(a2);
  }

  /** See {@link ScalarKernels#rollingZScore}. */
  public static void rollingZScore(double[] x, int period, double[] mean, double[] std, double[] out) {
    sma(x, period, mean);
    rollingStd(x, period, std);
    int n = x.length;
    int i = 0;
    DoubleVector zero = DoubleVector.zero(SPECIES);
    DoubleVector nan = DoubleVector.broadcast(SPECIES, Double.NaN);
    for (int bound = SPECIES.loopBound(n); i < bound; i += L) {
      DoubleVector s = DoubleVector.fromArray(SPECIES, std, i);
      DoubleVector z = DoubleVector.fromArray(SPECIES, x, i).sub(DoubleVector.fromArray(SPECIES, mean, i)).div(s);
      // s > 0 is false for 0 and NaN alike: both give NaN, as in the twin.
      z.blend(nan, s.compare(VectorOperators.GT, zero).not()).intoArray(out, i);
    }
    for (; i < n; i++) {
      double s = std[i];
      out[i] = s > 0 ? (x[i] - mean[i]) / s : Double.NaN;
    }
  }

  /** See {@link ScalarKernels#rollingExtreme}; {@code MIN}/{@code MAX} propagate NaN like the twin's NaN count. */
  public static void rollingExtreme(double[] x, int period, boolean max, double[] out) {
    int n = x.length;
    if (period > DIRECT_MAX_PERIOD) {
      ScalarKernels.rollingExtreme(x, period, max, out);
      return;
    }
    Arrays.fill(out, 0, Math.min(n, period - 1), Double.NaN);
    int i = period - 1;
    for (int bound = i + SPECIES.loopBound(Math.max(0, n - i)); i < bound; i += L) {
      DoubleVector e = DoubleVector.fromArray(SPECIES, x, i);
      for (int k = 1; k < period; k++) {
        DoubleVector v = DoubleVector.fromArray(SPECIES, x, i - k);
        e = max ? e.max(v) : e.min(v);
      }
      e.intoArray(out, i);
    }
    for (; i < n; i++) {
      double e = x[i];
      for (int k = 1; k < period; k++) {
        e = max ? Math.max(e, x[i - k]) : Math.min(e, x[i - k]);
      }
      out[i] = e;
    }
  }

  /** See {@link ScalarKernels#logReturns}. */
  public static void logReturns(double[] x, double[] out, int from, int to) {
    if (from == 0 && to > 0) {
      out[0] = Double.NaN;
    }
    int i = Math.max(from, 1);
    DoubleVector zero = DoubleVector.zero(SPECIES);
    DoubleVector nan = DoubleVector.broadcast(SPECIES, Double.NaN);
    for (int bound = i + SPECIES.loopBound(Math.max(0, to - i)); i < bound; i += L) {
      DoubleVector p = DoubleVector.fromArray(SPECIES, x, i - 1);
      DoubleVector c = DoubleVector.fromArray(SPECIES, x, i);
      VectorMask<Double> ok = p.compare(VectorOperators.GT, zero).and(c.compare(VectorOperators.GT, zero));
      c.div(p).lanewise(VectorOperators.LOG).blend(nan, ok.not()).intoArray(out, i);
    }
    ScalarKernels.logReturns(x, out, i, to);
  }

  /** See {@link ScalarKernels#smooth}: the blocked scan described in the class comment. */
  public static double smooth(double[] x, int from, int to, double y0, double a, double[] out) {
    if (to - from < 2 * L) {
      return ScalarKernels.smooth(x, from, to, y0, a, out);
    }
    double c = 1 - a;
    double[] pow = new double[L];
    double cp = 1;
    for (int j = 0; j < L; j++) {
      cp *= c;
      pow[j] = cp;
    }
    DoubleVector cpow = DoubleVector.fromArray(SPECIES, pow, 0);
    DoubleVector va = DoubleVector.broadcast(SPECIES, a);
    DoubleVector c1 = DoubleVector.broadcast(SPECIES, c);
    DoubleVector c2 = DoubleVector.broadcast(SPECIES, c * c);
    DoubleVector c4 = DoubleVector.broadcast(SPECIES, c * c * c * c);
    VectorShuffle<Double> sh1 = VectorShuffle.fromOp(SPECIES, j -> Math.max(j - 1, 0));
    VectorShuffle<Double> sh2 = VectorShuffle.fromOp(SPECIES, j -> Math.max(j - 2, 0));
    VectorShuffle<Double> sh4 = VectorShuffle.fromOp(SPECIES, j -> Math.max(j - 4, 0));
    VectorMask<Double> m1 = VectorMask.fromLong(SPECIES, ~1L);
    VectorMask<Double> m2 = VectorMask.fromLong(SPECIES, ~3L);
    VectorMask<Double> m4 = VectorMask.fromLong(SPECIES, ~15L);
    VectorShuffle<Double> last = VectorShuffle.fromOp(SPECIES, j -> L - 1);
    DoubleVector y = DoubleVector.broadcast(SPECIES, y0);
    int i = from;
    for (int bound = from + SPECIES.loopBound(to - from); i < bound; i += L) {
      DoubleVector v = DoubleVector.fromArray(SPECIES, x, i).mul(va);
      v = v.rearrange(sh1, m1).fma(c1, v);
      if (L > 2) {
        v = v.rearrange(sh2, m2).fma(c2, v);
      }
      if (L > 4) {
        v = v.rearrange(sh4, m4).fma(c4, v);
      }
      DoubleVector yv = y.fma(cpow, v);
      yv.intoArray(out, i);
      y = yv.rearrange(last);
    }
    return ScalarKernels.smooth(x, i, to, y.lane(0), a, out);
  }

  /** See {@link ScalarKernels#ema}. */
  public static void ema(double[] x, int period, double[] out) {
    int n = x.length;
    Arrays.fill(out, 0, Math.min(n, period - 1), Double.NaN);
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

  /** See {@link ScalarKernels#rsi}. */
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


  /** See {@link ScalarKernels#atr}. */
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


  /** See {@link ScalarKernels#gainsLosses}; {@code max} propagates NaN as the twin does. */
  public static void gainsLosses(double[] x, int from, double[] gain, double[] loss, int len) {
    int j = 0;
    DoubleVector zero = DoubleVector.zero(SPECIES);
    for (int bound = SPECIES.loopBound(len); j < bound; j += L) {
      int i = from + j;
      DoubleVector d = DoubleVector.fromArray(SPECIES, x, i).sub(DoubleVector.fromArray(SPECIES, x, i - 1));
      d.max(zero).intoArray(gain, j);
      d.neg().max(zero).intoArray(loss, j);
    }
    for (; j < len; j++) {
      double d = x[from + j] - x[from + j - 1];
      gain[j] = Math.max(d, 0.0); // NaN stays NaN; branch-free, unlike a ternary on random signs
      loss[j] = Math.max(-d, 0.0);
    }
  }

  /** See {@link ScalarKernels#trueRange}. */
  public static void trueRange(double[] h, double[] l, double[] c, double[] out, int from, int to) {
    int i = from;
    for (int bound = from + SPECIES.loopBound(Math.max(0, to - from)); i < bound; i += L) {
      DoubleVector pc = DoubleVector.fromArray(SPECIES, c, i - 1);
      DoubleVector hi = DoubleVector.fromArray(SPECIES, h, i);
      DoubleVector lo = DoubleVector.fromArray(SPECIES, l, i);
      hi.sub(lo).max(hi.sub(pc).abs().max(lo.sub(pc).abs())).intoArray(out, i);
    }
    ScalarKernels.trueRange(h, l, c, out, i, to);
  }

  /** See {@link ScalarKernels#rsiFromAverages}. */
  public static void rsiFromAverages(
      double[] avgGain, double[] avgLoss, double[] out, int from, int len, int outFrom) {
    int j = 0;
    DoubleVector zero = DoubleVector.zero(SPECIES);
    DoubleVector hundred = DoubleVector.broadcast(SPECIES, 100);
    DoubleVector fifty = DoubleVector.broadcast(SPECIES, 50);
    for (int bound = SPECIES.loopBound(len); j < bound; j += L) {
      DoubleVector g = DoubleVector.fromArray(SPECIES, avgGain, from + j);
      DoubleVector s = g.add(DoubleVector.fromArray(SPECIES, avgLoss, from + j));
      g.div(s).mul(hundred).blend(fifty, s.compare(VectorOperators.EQ, zero)).intoArray(out, outFrom + j);
    }
    ScalarKernels.rsiFromAverages(avgGain, avgLoss, out, from + j, len - j, outFrom + j);
  }

  // ---------------------------------------------------------------------------------------------------------
  // Across symbols

  /** See {@link ScalarKernels#addInto}. */
  public static void addInto(double[] acc, double[] x, int from, int to) {
    int i = from;
    for (int bound = from + SPECIES.loopBound(to - from); i < bound; i += L) {
      DoubleVector.fromArray(SPECIES, acc, i).add(DoubleVector.fromArray(SPECIES, x, i)).intoArray(acc, i);
    }
    ScalarKernels.addInto(acc, x, i, to);
  }

  /** See {@link ScalarKernels#emaStep}. */
  public static void emaStep(double[] ema, double[] x, double a, int from, int to) {
    int i = from;
    DoubleVector va = DoubleVector.broadcast(SPECIES, a);
    for (int bound = from + SPECIES.loopBound(to - from); i < bound; i += L) {
      DoubleVector e = DoubleVector.fromArray(SPECIES, ema, i);
      DoubleVector.fromArray(SPECIES, x, i).sub(e).fma(va, e).intoArray(ema, i);
    }
    ScalarKernels.emaStep(ema, x, a, i, to);
  }

  /** See {@link ScalarKernels#rsiStep}. */
  public static void rsiStep(
      double[] close, double[] prev, double[] avgGain, double[] avgLoss, double a, boolean sum, int from, int to) {
    int i = from;
    DoubleVector zero = DoubleVector.zero(SPECIES);
    DoubleVector va = DoubleVector.broadcast(SPECIES, a);
    for (int bound = from + SPECIES.loopBound(to - from); i < bound; i += L) {
      DoubleVector c = DoubleVector.fromArray(SPECIES, close, i);
      DoubleVector d = c.sub(DoubleVector.fromArray(SPECIES, prev, i));
      DoubleVector g = d.max(zero);
      DoubleVector l = d.neg().max(zero);
      DoubleVector ag = DoubleVector.fromArray(SPECIES, avgGain, i);
      DoubleVector al = DoubleVector.fromArray(SPECIES, avgLoss, i);
      if (sum) {
        ag.add(g).intoArray(avgGain, i);
        al.add(l).intoArray(avgLoss, i);
      } else {
        g.sub(ag).fma(va, ag).intoArray(avgGain, i);
        l.sub(al).fma(va, al).intoArray(avgLoss, i);
      }
      c.intoArray(prev, i);
    }
    ScalarKernels.rsiStep(close, prev, avgGain, avgLoss, a, sum, i, to);
  }

  /** See {@link ScalarKernels#atrStep}. */
  public static void atrStep(
      double[] high, double[] low, double[] close, double[] prevClose, double[] atr, double a, boolean sum, int from,
      int to) {
    int i = from;
    DoubleVector va = DoubleVector.broadcast(SPECIES, a);
    for (int bound = from + SPECIES.loopBound(to - from); i < bound; i += L) {
      DoubleVector pc = DoubleVector.fromArray(SPECIES, prevClose, i);
      DoubleVector hi = DoubleVector.fromArray(SPECIES, high, i);
      DoubleVector lo = DoubleVector.fromArray(SPECIES, low, i);
      DoubleVector tr = hi.sub(lo).max(hi.sub(pc).abs().max(lo.sub(pc).abs()));
      DoubleVector v = DoubleVector.fromArray(SPECIES, atr, i);
      (sum ? v.add(tr) : tr.sub(v).fma(va, v)).intoArray(atr, i);
      DoubleVector.fromArray(SPECIES, close, i).intoArray(prevClose, i);
    }
    ScalarKernels.atrStep(high, low, close, prevClose, atr, a, sum, i, to);
  }

  /** See {@link ScalarKernels#volStep}. */
  public static void volStep(double[] close, double[] prev, double[] ring, double[] s1, double[] s2, int from, int to) {
    int i = from;
    for (int bound = from + SPECIES.loopBound(to - from); i < bound; i += L) {
      DoubleVector c = DoubleVector.fromArray(SPECIES, close, i);
      DoubleVector r = c.div(DoubleVector.fromArray(SPECIES, prev, i)).lanewise(VectorOperators.LOG);
      DoubleVector o = DoubleVector.fromArray(SPECIES, ring, i);
      DoubleVector.fromArray(SPECIES, s1, i).add(r.sub(o)).intoArray(s1, i);
      DoubleVector.fromArray(SPECIES, s2, i).add(r.mul(r).sub(o.mul(o))).intoArray(s2, i);
      r.intoArray(ring, i);
      c.intoArray(prev, i);
    }
    ScalarKernels.volStep(close, prev, ring, s1, s2, i, to);
  }

  /** See {@link ScalarKernels#volFromSums}. */
  public static void volFromSums(double[] s1, double[] s2, double w, double[] out, int from, int to) {
    int i = from;
    DoubleVector vw = DoubleVector.broadcast(SPECIES, w);
    DoubleVector zero = DoubleVector.zero(SPECIES);
    for (int bound = from + SPECIES.loopBound(to - from); i < bound; i += L) {
      DoubleVector m = DoubleVector.fromArray(SPECIES, s1, i).div(vw);
      DoubleVector v = DoubleVector.fromArray(SPECIES, s2, i).div(vw).sub(m.mul(m));
      v.max(zero).sqrt().intoArray(out, i);
    }
    ScalarKernels.volFromSums(s1, s2, w, out, i, to);
  }

  /** See {@link ScalarKernels#fusedStep}. */
  public static void fusedStep(
      double[] high, double[] low, double[] close, double[] prev, double[] ema, double[] avgGain, double[] avgLoss,
      double[] atr, double[] ring, double[] s1, double[] s2, double ae, double ar, double aa, int from, int to) {
    int i = from;
    DoubleVector zero = DoubleVector.zero(SPECIES);
    DoubleVector vae = DoubleVector.broadcast(SPECIES, ae);
    DoubleVector var = DoubleVector.broadcast(SPECIES, ar);
    DoubleVector vaa = DoubleVector.broadcast(SPECIES, aa);
    for (int bound = from + SPECIES.loopBound(to - from); i < bound; i += L) {
      DoubleVector c = DoubleVector.fromArray(SPECIES, close, i);
      DoubleVector pc = DoubleVector.fromArray(SPECIES, prev, i);
      DoubleVector e = DoubleVector.fromArray(SPECIES, ema, i);
      c.sub(e).fma(vae, e).intoArray(ema, i);
      DoubleVector d = c.sub(pc);
      DoubleVector ag = DoubleVector.fromArray(SPECIES, avgGain, i);
      DoubleVector al = DoubleVector.fromArray(SPECIES, avgLoss, i);
      d.max(zero).sub(ag).fma(var, ag).intoArray(avgGain, i);
      d.neg().max(zero).sub(al).fma(var, al).intoArray(avgLoss, i);
      DoubleVector hi = DoubleVector.fromArray(SPECIES, high, i);
      DoubleVector lo = DoubleVector.fromArray(SPECIES, low, i);
      DoubleVector tr = hi.sub(lo).max(hi.sub(pc).abs().max(lo.sub(pc).abs()));
      DoubleVector v = DoubleVector.fromArray(SPECIES, atr, i);
      tr.sub(v).fma(vaa, v).intoArray(atr, i);
      DoubleVector r = c.div(pc).lanewise(VectorOperators.LOG);
      DoubleVector o = DoubleVector.fromArray(SPECIES, ring, i);
      DoubleVector.fromArray(SPECIES, s1, i).add(r.sub(o)).intoArray(s1, i);
      DoubleVector.fromArray(SPECIES, s2, i).add(r.mul(r).sub(o.mul(o))).intoArray(s2, i);
      r.intoArray(ring, i);
      c.intoArray(prev, i);
    }
    ScalarKernels.fusedStep(high, low, close, prev, ema, avgGain, avgLoss, atr, ring, s1, s2, ae, ar, aa, i, to);
  }

  /** See {@link ScalarKernels#changeStep}. */
  public static void changeStep(double[] x, double[] old, double[] out, int from, int to) {
    int i = from;
    DoubleVector one = DoubleVector.broadcast(SPECIES, 1);
    for (int bound = from + SPECIES.loopBound(to - from); i < bound; i += L) {
      DoubleVector v = DoubleVector.fromArray(SPECIES, x, i);
      v.div(DoubleVector.fromArray(SPECIES, old, i)).sub(one).intoArray(out, i);
      v.intoArray(old, i);
    }
    ScalarKernels.changeStep(x, old, out, i, to);
  }

  /** See {@link ScalarKernels#rollingSumStep}. */
  public static void rollingSumStep(double[] x, double[] old, double[] sum, int from, int to) {
    int i = from;
    for (int bound = from + SPECIES.loopBound(to - from); i < bound; i += L) {
      DoubleVector v = DoubleVector.fromArray(SPECIES, x, i);
      DoubleVector.fromArray(SPECIES, sum, i).add(v.sub(DoubleVector.fromArray(SPECIES, old, i))).intoArray(sum, i);
      v.intoArray(old, i);
    }
    ScalarKernels.rollingSumStep(x, old, sum, i, to);
  }

  /** See {@link ScalarKernels#sumFinite}: NaN lanes are masked out of the add. */
  public static double sumFinite(double[] x, int from, int to) {
    int i = from;
    DoubleVector acc = DoubleVector.zero(SPECIES);
    for (int bound = from + SPECIES.loopBound(to - from); i < bound; i += L) {
      DoubleVector v = DoubleVector.fromArray(SPECIES, x, i);
      acc = acc.add(v, v.eq(v));
    }
    return acc.reduceLanes(VectorOperators.ADD) + ScalarKernels.sumFinite(x, i, to);
  }

  /** See {@link ScalarKernels#countFinite}. */
  public static int countFinite(double[] x, int from, int to) {
    int i = from;
    int c = 0;
    for (int bound = from + SPECIES.loopBound(to - from); i < bound; i += L) {
      DoubleVector v = DoubleVector.fromArray(SPECIES, x, i);
      c += v.eq(v).trueCount();
    }
    return c + ScalarKernels.countFinite(x, i, to);
  }

  /** See {@link ScalarKernels#countAtOrBelow}: an ordered {@code LE} compare is false for NaN, as in Java. */
  public static int countAtOrBelow(double[] x, double v, int from, int to) {
    int i = from;
    int c = 0;
    for (int bound = from + SPECIES.loopBound(to - from); i < bound; i += L) {
      c += DoubleVector.fromArray(SPECIES, x, i).compare(VectorOperators.LE, v).trueCount();
    }
    return c + ScalarKernels.countAtOrBelow(x, v, i, to);
  }

  /** See {@link ScalarKernels#sumSquaredDeviations}. */
  public static double sumSquaredDeviations(double[] x, double mean, int from, int to) {
    int i = from;
    DoubleVector m = DoubleVector.broadcast(SPECIES, mean);
    DoubleVector acc = DoubleVector.zero(SPECIES);
    for (int bound = from + SPECIES.loopBound(to - from); i < bound; i += L) {
      DoubleVector d = DoubleVector.fromArray(SPECIES, x, i).sub(m);
      acc = acc.add(d.mul(d), d.eq(d));
    }
    return acc.reduceLanes(VectorOperators.ADD) + ScalarKernels.sumSquaredDeviations(x, mean, i, to);
  }

  /** See {@link ScalarKernels#standardize}. */
  public static void standardize(double[] x, double mean, double sd, double[] out, int from, int to) {
    int i = from;
    DoubleVector m = DoubleVector.broadcast(SPECIES, mean);
    DoubleVector s = DoubleVector.broadcast(SPECIES, sd);
    for (int bound = from + SPECIES.loopBound(to - from); i < bound; i += L) {
      DoubleVector.fromArray(SPECIES, x, i).sub(m).div(s).intoArray(out, i);
    }
    ScalarKernels.standardize(x, mean, sd, out, i, to);
  }
}
