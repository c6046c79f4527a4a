package io.ottertrend.analytics;

import static org.assertj.core.api.Assertions.fail;

import java.util.SplittableRandom;

/** Seeded test series and tolerant comparison. */
final class Series {
  private Series() {}

  /** Geometric random walk from 100 with per-bar σ {@code sigma}. */
  static double[] walk(long seed, int n, double sigma) {
    SplittableRandom r = new SplittableRandom(seed);
    double[] x = new double[n];
    double p = 100;
    for (int i = 0; i < n; i++) {
      p *= Math.exp(sigma * r.nextGaussian());
      x[i] = p;
    }
    return x;
  }

  /** A random walk with a ±8 % jump every ~40 bars. */
  static double[] gapped(long seed, int n) {
    SplittableRandom r = new SplittableRandom(seed);
    double[] x = new double[n];
    double p = 100;
    for (int i = 0; i < n; i++) {
      p *= Math.exp(0.01 * r.nextGaussian());
      if (r.nextInt(40) == 0) {
        p *= r.nextBoolean() ? 1.08 : 0.92;
      }
      x[i] = p;
    }
    return x;
  }

  static double[] flat(int n, double v) {
    double[] x = new double[n];
    java.util.Arrays.fill(x, v);
    return x;
  }

  /** {high, low} around a close series. */
  static double[][] highLow(long seed, double[] close) {
    SplittableRandom r = new SplittableRandom(seed ^ 0x5DEECE66DL);
    double[] h = new double[close.length];
    double[] l = new double[close.length];
    for (int i = 0; i < close.length; i++) {
      double o = i == 0 ? close[i] : close[i - 1];
      h[i] = Math.max(o, close[i]) * (1 + 0.004 * Math.abs(r.nextGaussian()));
      l[i] = Math.min(o, close[i]) * (1 - 0.004 * Math.abs(r.nextGaussian()));
    }
    return new double[][] {h, l};
  }

  /** Both NaN, or {@code |e - a| <= rel·max(|e|, |a|) + abs}. */
  static void assertClose(double[] expected, double[] actual, double rel, double abs, String what) {
    if (expected.length != actual.length) {
      fail("%s: length %d vs %d", what, expected.length, actual.length);
    }
    for (int i = 0; i < expected.length; i++) {
      assertClose(expected[i], actual[i], rel, abs, what + " at " + i);
    }
  }

  static void assertClose(double e, double a, double rel, double abs, String what) {
    if (Double.isNaN(e) || Double.isNaN(a)) {
      if (Double.isNaN(e) != Double.isNaN(a)) {
        fail("%s: expected %s but was %s", what, e, a);
      }
      return;
    }
    if (!(Math.abs(e - a) <= rel * Math.max(Math.abs(e), Math.abs(a)) + abs)) {
      fail("%s: expected %s but was %s (diff %s)", what, e, a, Math.abs(e - a));
    }
  }
}
