package io.ottertrend.analytics;

import static io.ottertrend.analytics.Series.assertClose;
import static org.assertj.core.api.Assertions.assertThat;

import io.ottertrend.analytics.internal.ScalarKernels;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every vector kernel equals its scalar twin within 1e-9 relative (plus a 1e-11 absolute floor for values that
 * cross zero, e.g. returns and z-scores), at 128, 256 and 512 bits, on lengths that are not multiples of the
 * lane count, with and without a NaN inside.
 */
class VectorTwinTest {
  static final double REL = 1e-9;
  static final double ABS = 1e-11;
  static final int[] LENGTHS = {0, 1, 5, 9, 31, 64, 67, 1001, 4500};
  static final int[] PERIODS = {1, 3, 14, 60};

  static Stream<Arguments> cases() {
    List<Arguments> out = new ArrayList<>();
    long seed = 20261124;
    for (int bits : new int[] {128, 256, 512}) {
      for (int n : LENGTHS) {
        for (boolean nan : new boolean[] {false, true}) {
          out.add(Arguments.of(bits, n, nan, seed++));
        }
      }
    }
    return out.stream();
  }

  static double[] input(long seed, int n, boolean nan) {
    double[] x = Series.gapped(seed, n);
    if (nan && n > 4) {
      x[n / 2] = Double.NaN;
    }
    return x;
  }

  @ParameterizedTest(name = "{0} bits, n={1}, nan={2}, seed={3}")
  @MethodSource("cases")
  void alongTimeKernelsMatchScalarTwins(int bits, int n, boolean nan, long seed) {
    WidthKernels v = WidthKernels.at(bits);
    double[] x = input(seed, n, nan);
    double[][] hl = Series.highLow(seed, x);
    String ctx = v + " n=" + n + " nan=" + nan + " seed=" + seed;
    for (int p : PERIODS) {
      String c = ctx + " period=" + p;
      double[] e = new double[n];
      double[] a = new double[n];
      ScalarKernels.sma(x, p, e);
      v.call("sma", x, p, a);
      assertClose(e, a, REL, ABS, "sma " + c);
      ScalarKernels.ema(x, p, e);
      v.call("ema", x, p, a);
      assertClose(e, a, REL, ABS, "ema " + c);
      ScalarKernels.rsi(x, p, e);
      v.call("rsi", x, p, a);
      assertClose(e, a, REL, ABS, "rsi " + c);
      ScalarKernels.atr(hl[0], hl[1], x, p, e);
      v.call("atr", hl[0], hl[1], x, p, a);
      assertClose(e, a, REL, ABS, "atr " + c);
      ScalarKernels.rollingStd(x, p, e);
      v.call("rollingStd", x, p, a);
      assertClose(e, a, REL, ABS, "std " + c);
      ScalarKernels.rollingZScore(x, p, new double[n], new double[n], e);
      v.call("rollingZScore", x, p, new double[n], new double[n], a);
      assertClose(e, a, 1e-8, 1e-9, "zscore " + c);
      for (boolean max : new boolean[] {false, true}) {
        ScalarKernels.rollingExtreme(x, p, max, e);
        v.call("rollingExtreme", x, p, max, a);
        assertClose(e, a, 0, 0, (max ? "max " : "min ") + c);
      }
    }
    double[] e = new double[n];
    double[] a = new double[n];
    ScalarKernels.logReturns(x, e, 0, n);
    v.call("logReturns", x, a, 0, n);
    assertClose(e, a, REL, 1e-15, "logReturns " + ctx);
  }

  @ParameterizedTest(name = "{0} bits, n={1}, nan={2}, seed={3}")
  @MethodSource("cases")
  void acrossSymbolKernelsMatchScalarTwins(int bits, int n, boolean nan, long seed) {
    WidthKernels v = WidthKernels.at(bits);
    String ctx = v + " n=" + n + " nan=" + nan + " seed=" + seed;
    SplittableRandom r = new SplittableRandom(seed);
    double[] close = input(seed, n, nan);
    double[] prev = input(seed + 1, n, false);
    double[][] hl = Series.highLow(seed, close);
    for (boolean sum : new boolean[] {true, false}) {
      double[][] s = {prev.clone(), rand(r, n), rand(r, n), prev.clone(), rand(r, n), rand(r, n), rand(r, n)};
      double[][] w = copy(s);
      ScalarKernels.emaStep(s[1], close, 0.1, 0, n);
      v.call("emaStep", w[1], close, 0.1, 0, n);
      ScalarKernels.rsiStep(close, s[0], s[1], s[2], 1.0 / 14, sum, 0, n);
      v.call("rsiStep", close, w[0], w[1], w[2], 1.0 / 14, sum, 0, n);
      ScalarKernels.atrStep(hl[0], hl[1], close, s[3], s[4], 1.0 / 14, sum, 0, n);
      v.call("atrStep", hl[0], hl[1], close, w[3], w[4], 1.0 / 14, sum, 0, n);
      for (int k = 0; k < s.length; k++) {
        assertClose(s[k], w[k], REL, ABS, "state " + k + " sum=" + sum + " " + ctx);
      }
    }
    double[][] f = {prev.clone(), rand(r, n), rand(r, n), rand(r, n), rand(r, n), rand(r, n), rand(r, n), rand(r, n)};
    double[][] fw = copy(f);
    ScalarKernels.fusedStep(hl[0], hl[1], close, f[0], f[1], f[2], f[3], f[4], f[5], f[6], f[7], 0.1, 1.0 / 14,
        1.0 / 14, 0, n);
    v.call("fusedStep", hl[0], hl[1], close, fw[0], fw[1], fw[2], fw[3], fw[4], fw[5], fw[6], fw[7], 0.1, 1.0 / 14,
        1.0 / 14, 0, n);
    for (int k = 0; k < f.length; k++) {
      assertClose(f[k], fw[k], REL, ABS, "fused state " + k + " " + ctx);
    }
    double[][] s = {prev.clone(), rand(r, n), rand(r, n), rand(r, n), rand(r, n), prev.clone(), rand(r, n)};
    double[][] w = copy(s);
    ScalarKernels.volStep(close, s[0], s[1], s[2], s[3], 0, n);
    v.call("volStep", close, w[0], w[1], w[2], w[3], 0, n);
    ScalarKernels.changeStep(close, s[5], s[4], 0, n);
    v.call("changeStep", close, w[5], w[4], 0, n);
    ScalarKernels.rollingSumStep(close, s[6], s[2], 0, n);
    v.call("rollingSumStep", close, w[6], w[2], 0, n);
    double[] ve = new double[n];
    double[] va = new double[n];
    ScalarKernels.volFromSums(s[2], s[3], 20, ve, 0, n);
    v.call("volFromSums", w[2], w[3], 20.0, va, 0, n);
    assertClose(ve, va, REL, ABS, "volFromSums " + ctx);
    ScalarKernels.addInto(s[3], close, 0, n);
    v.call("addInto", w[3], close, 0, n);
    for (int k = 0; k < s.length; k++) {
      assertClose(s[k], w[k], REL, ABS, "state " + k + " " + ctx);
    }
    assertClose(
        ScalarKernels.sumFinite(close, 0, n), (double) v.call("sumFinite", close, 0, n), REL, ABS, "sum " + ctx);
    assertThat((int) v.call("countFinite", close, 0, n)).as(ctx).isEqualTo(ScalarKernels.countFinite(close, 0, n));
    assertClose(
        ScalarKernels.sumSquaredDeviations(close, 100, 0, n),
        (double) v.call("sumSquaredDeviations", close, 100.0, 0, n), REL, ABS, "ssd " + ctx);
    double[] e = new double[n];
    double[] a = new double[n];
    ScalarKernels.standardize(close, 100, 3, e, 0, n);
    v.call("standardize", close, 100.0, 3.0, a, 0, n);
    assertClose(e, a, REL, ABS, "standardize " + ctx);
    ScalarKernels.rsiFromAverages(s[1], s[2], e, 0, n, 0);
    v.call("rsiFromAverages", w[1], w[2], a, 0, n, 0);
    assertClose(e, a, REL, ABS, "rsiFromAverages " + ctx);
  }

  /**
   * The percentile count is exact at every width: values on a coarse grid (so many tie the threshold), NaN
   * entries, thresholds that are values of the array, NaN and infinite, over ranges that start and end off the
   * lane boundaries.
   */
  @ParameterizedTest(name = "{0} bits, n={1}, nan={2}, seed={3}")
  @MethodSource("cases")
  void countAtOrBelowEqualsScalarTwinExactly(int bits, int n, boolean nan, long seed) {
    WidthKernels v = WidthKernels.at(bits);
    SplittableRandom r = new SplittableRandom(seed);
    double[] x = new double[n];
    for (int i = 0; i < n; i++) {
      x[i] = nan && r.nextInt(5) == 0 ? Double.NaN : r.nextInt(8) * 0.125;
    }
    List<Double> thresholds = new ArrayList<>(List.of(Double.NaN, Double.NEGATIVE_INFINITY,
        Double.POSITIVE_INFINITY, -0.0, 0.0, 0.5, 0.4375, 2.0));
    for (int k = 0; k < Math.min(n, 6); k++) {
      thresholds.add(x[r.nextInt(n)]);
    }
    for (double t : thresholds) {
      for (int from = 0; from <= Math.min(n, 3); from++) {
        int to = Math.max(from, n - from);
        int expected = ScalarKernels.countAtOrBelow(x, t, from, to);
        assertThat((int) v.call("countAtOrBelow", x, t, from, to))
            .as("%s n=%d nan=%b seed=%d threshold=%s [%d, %d)", v, n, nan, seed, t, from, to).isEqualTo(expected);
      }
    }
  }

  @ParameterizedTest(name = "{0} bits")
  @MethodSource("widths")
  void flatSeriesGiveExactZeroSpreadAtEveryWidth(int bits) {
    WidthKernels v = WidthKernels.at(bits);
    double[] x = Series.flat(101, 0.1);
    double[] a = new double[x.length];
    v.call("rollingStd", x, 20, a);
    assertThat(a[19]).isZero();
    assertThat(a[100]).isZero();
    v.call("rsi", x, 14, a);
    assertThat(a[100]).isEqualTo(50);
    v.call("rollingZScore", x, 20, new double[101], new double[101], a);
    assertThat(a[100]).isNaN();
  }

  static Stream<Integer> widths() {
    return Stream.of(128, 256, 512);
  }

  private static double[] rand(SplittableRandom r, int n) {
    double[] x = new double[n];
    for (int i = 0; i < n; i++) {
      x[i] = r.nextDouble(0.5, 2);
    }
    return x;
  }

  private static double[][] copy(double[][] s) {
    double[][] c = new double[s.length][];
    for (int i = 0; i < s.length; i++) {
      c[i] = s[i].clone();
    }
    return c;
  }
}
