package io.ottertrend.analytics;

import io.ottertrend.analytics.internal.ScalarKernels;
import io.ottertrend.analytics.internal.VectorKernels;
import java.util.Objects;

/**
 * Technical indicators along time for one series, on primitive {@code double[]}. Each call returns a new array of
 * the input's length; index {@code i} holds the value at bar {@code i}. The kernels are the SIMD ones or their
 * scalar twins according to {@link Vectorization}; both give the same numbers within 1e-9 relative.
 *
 * <p><b>Warm-up and seeding.</b> Entries before {@code xxxLookback(period)} are NaN. The conventions are
 * TA-Lib's (tested against {@code com.tictactec:ta-lib} 0.4.0):
 *
 * <ul>
 *   <li>SMA: first value at {@code period - 1}.
 *   <li>EMA: {@code k = 2 / (period + 1)}, seeded with the SMA of the first {@code period} values at index {@code
 *       period - 1}.
 *   <li>RSI (Wilder): the first average gain/loss is the plain mean of the changes of bars {@code 1..period}
 *       (value at index {@code period}), then {@code avg = (avg·(period - 1) + x) / period}. One deviation: a window
 *       without any movement gives 50 (neutral), where TA-Lib gives 0.
 *   <li>ATR (Wilder): the mean of the true ranges of bars {@code 1..period} at index {@code period}, then Wilder
 *       smoothing. The true range needs the previous close, so bar 0 has none.
 *   <li>Standard deviations are population ones (divide by {@code period}), like TA-Lib's STDDEV and BBANDS.
 * </ul>
 *
 * <p><b>Errors.</b> {@code null} arrays throw {@link NullPointerException}; a period below 1, a negative or NaN
 * band width, or arrays of different lengths throw {@link IllegalArgumentException}. Input shorter than the
 * lookback is not an error: every entry is NaN. A NaN input gives NaN for every window that contains it (rolling
 * windows) or for that bar and all later ones (EMA, RSI, ATR, whose recurrences carry every past bar), never a
 * number computed from a partial window.
 *
 * <p>Thread-safe: stateless.
 */
public final class Indicators {
  static final boolean VECTOR = Vectorization.useVector();

  private Indicators() {}

  // Lookbacks: the index of the first non-NaN output (the number of NaN entries at the start).

  /** Lookback of {@link #sma}, {@link #rollingMean}, {@link #rollingStd}, {@link #bollinger}, min/max, z-score. */
  public static int smaLookback(int period) {
    return checkPeriod(period) - 1;
  }

  /** Lookback of {@link #ema}: {@code period - 1}. */
  public static int emaLookback(int period) {
    return checkPeriod(period) - 1;
  }

  /** Lookback of {@link #rsi}: {@code period} (it needs {@code period} changes). */
  public static int rsiLookback(int period) {
    return checkPeriod(period);
  }

  /** Lookback of {@link #atr}: {@code period}. */
  public static int atrLookback(int period) {
    return checkPeriod(period);
  }

  /** Lookback of {@link #realizedVolatility}: {@code window} ({@code window} returns need one more price). */
  public static int realizedVolatilityLookback(int window) {
    return checkPeriod(window);
  }

  /** Simple moving average. */
  public static double[] sma(double[] x, int period) {
    double[] out = new double[x.length];
    checkPeriod(period);
    if (VECTOR) {
      VectorKernels.sma(x, period, out);
    } else {
      ScalarKernels.sma(x, period, out);
    }
    return out;
  }

  /** Rolling mean: the same as {@link #sma}. */
  public static double[] rollingMean(double[] x, int period) {
    return sma(x, period);
  }

  /** Exponential moving average, SMA-seeded (see the class comment). */
  public static double[] ema(double[] x, int period) {
    double[] out = new double[x.length];
    checkPeriod(period);
    if (VECTOR) {
      VectorKernels.ema(x, period, out);
    } else {
      ScalarKernels.ema(x, period, out);
    }
    return out;
  }

  /** Wilder RSI in {@code [0, 100]} (see the class comment). */
  public static double[] rsi(double[] close, int period) {
    double[] out = new double[close.length];
    checkPeriod(period);
    if (VECTOR) {
      VectorKernels.rsi(close, period, out);
    } else {
      ScalarKernels.rsi(close, period, out);
    }
    return out;
  }

  /** Wilder average true range (see the class comment). */
  public static double[] atr(double[] high, double[] low, double[] close, int period) {
    checkSameLength(high, low, close);
    double[] out = new double[close.length];
    checkPeriod(period);
    if (VECTOR) {
      VectorKernels.atr(high, low, close, period, out);
    } else {
      ScalarKernels.atr(high, low, close, period, out);
    }
    return out;
  }

  /** Population standard deviation over a rolling window. */
  public static double[] rollingStd(double[] x, int period) {
    double[] out = new double[x.length];
    checkPeriod(period);
    if (VECTOR) {
      VectorKernels.rollingStd(x, period, out);
    } else {
      ScalarKernels.rollingStd(x, period, out);
    }
    return out;
  }

  /** Bollinger bands: SMA ± {@code k} population standard deviations. */
  public static BollingerBands bollinger(double[] x, int period, double k) {
    if (!(k >= 0) || Double.isInfinite(k)) {
      throw new IllegalArgumentException("band width k must be finite and >= 0, got " + k);
    }
    double[] mid = sma(x, period);
    double[] sd = rollingStd(x, period);
    double[] up = new double[x.length];
    double[] lo = new double[x.length];
    for (int i = 0; i < x.length; i++) {
      up[i] = mid[i] + k * sd[i];
      lo[i] = mid[i] - k * sd[i];
    }
    return new BollingerBands(mid, up, lo, period, k);
  }

  /** Log returns {@code ln(x[i] / x[i-1])}; NaN at index 0 and where either price is not positive. */
  public static double[] logReturns(double[] x) {
    double[] out = new double[x.length];
    if (VECTOR) {
      VectorKernels.logReturns(x, out, 0, x.length);
    } else {
      ScalarKernels.logReturns(x, out, 0, x.length);
    }
    return out;
  }

  /**
   * Realised volatility: the population standard deviation of the last {@code window} log returns, times {@code
   * sqrt(periodsPerYear)} ({@code 1} for per-bar units; {@code 365 * 288} annualises 5-minute crypto bars).
   * First value at index {@code window}.
   */
  public static double[] realizedVolatility(double[] close, int window, double periodsPerYear) {
    checkPeriod(window);
    if (!(periodsPerYear > 0) || Double.isInfinite(periodsPerYear)) {
      throw new IllegalArgumentException("periodsPerYear must be finite and > 0, got " + periodsPerYear);
    }
    double[] r = logReturns(close);
    if (r.length > 0) {
      // Bar 0 has no return; a window starting there must be NaN, which the rolling NaN rule already gives.
      r[0] = Double.NaN;
    }
    double[] sd = rollingStd(r, window);
    double f = Math.sqrt(periodsPerYear);
    for (int i = 0; i < sd.length; i++) {
      sd[i] *= f;
    }
    return sd;
  }

  /** Rolling z-score {@code (x - mean) / std} of each bar against its own window; NaN where std is 0. */
  public static double[] rollingZScore(double[] x, int period) {
    double[] out = new double[x.length];
    checkPeriod(period);
    double[] mean = new double[x.length];
    double[] std = new double[x.length];
    if (VECTOR) {
      VectorKernels.rollingZScore(x, period, mean, std, out);
    } else {
      ScalarKernels.rollingZScore(x, period, mean, std, out);
    }
    return out;
  }

  /** Rolling minimum. */
  public static double[] rollingMin(double[] x, int period) {
    return extreme(x, period, false);
  }

  /** Rolling maximum. */
  public static double[] rollingMax(double[] x, int period) {
    return extreme(x, period, true);
  }

  private static double[] extreme(double[] x, int period, boolean max) {
    double[] out = new double[x.length];
    checkPeriod(period);
    if (VECTOR) {
      VectorKernels.rollingExtreme(x, period, max, out);
    } else {
      ScalarKernels.rollingExtreme(x, period, max, out);
    }
    return out;
  }

  static int checkPeriod(int period) {
    if (period < 1) {
      throw new IllegalArgumentException("period must be >= 1, got " + period);
    }
    return period;
  }

  static void checkSameLength(double[] a, double[] b, double[] c) {
    Objects.requireNonNull(a, "high");
    Objects.requireNonNull(b, "low");
    Objects.requireNonNull(c, "close");
    if (a.length != b.length || b.length != c.length) {
      throw new IllegalArgumentException(
          "high, low and close must have the same length, got " + a.length + ", " + b.length + ", " + c.length);
    }
  }
}
