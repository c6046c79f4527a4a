package io.ottertrend.analytics;

import io.ottertrend.analytics.internal.VectorKernels;
import java.util.Arrays;

/**
 * The two columns of a {@link CrossSection} an agent reads every cycle — Wilder RSI and the rolling σ of log
 * returns — advanced bar by bar for many symbols, without the EMA, ATR, change and volume columns and without the
 * Vector API. A once-per-cycle vector kernel reaches C2 late (seconds into a backtest on a busy compiler queue) and
 * until then runs the API's Java fallback, which allocates every vector; these scalar loops cost the same from the
 * first call and allocate nothing.
 *
 * <p><b>Same numbers.</b> After the same bars {@link #rsiInto} equals {@link CrossSection#rsiInto} of a {@code
 * CrossSection} on the default backend ({@link Vectorization}) bit for bit: its vector kernels Wilder-smooth with a
 * fused multiply-add on the leading symbols that fill whole vectors and leave the rest to the scalar twin's
 * multiply-then-add, and so does this class. {@link #volatilityInto} equals the scalar backend's {@code
 * volatilityInto} bit for bit ({@link Math#log}, the same running sums and the same exact re-summation every
 * {@value #RESUM_EVERY} bars); the vector backend's compiled {@code log} may round a return one ulp differently.
 * Warm-up as in {@code CrossSection}: NaN until more than {@code rsiPeriod} (RSI) or {@code volatilityWindow} (σ)
 * bars were fed.
 *
 * <p>Not thread-safe: one owner updates and reads. Arrays whose length is not {@link #symbols()} throw {@link
 * IllegalArgumentException}.
 */
public final class RsiVolatilityColumns {
  /** As {@code CrossSection}: the running sums of returns are recomputed exactly this often. */
  private static final int RESUM_EVERY = 4096;

  private final int n;
  private final int rsiPeriod;
  private final int window;
  /** Symbols {@code [0, fused)} smooth with a fused multiply-add, as the vector kernel's whole vectors do. */
  private final int fused;
  private final double[] previous;
  private final double[] avgGain;
  private final double[] avgLoss;
  /** The last {@code window} log returns, slot-major: slot {@code k} of symbol {@code i} at {@code [k * n + i]}. */
  private final double[] returns;
  private final double[] sum;
  private final double[] sumOfSquares;
  private long bars;

  /** Columns for {@code symbols} symbols, matching the default backend's RSI. */
  public RsiVolatilityColumns(int symbols, int rsiPeriod, int volatilityWindow) {
    this(symbols, rsiPeriod, volatilityWindow, Indicators.VECTOR ? wholeVectorLanes(symbols) : 0);
  }

  RsiVolatilityColumns(int symbols, int rsiPeriod, int volatilityWindow, int fusedSymbols) {
    if (symbols < 1) {
      throw new IllegalArgumentException("symbols must be >= 1, got " + symbols);
    }
    this.n = symbols;
    this.rsiPeriod = Indicators.checkPeriod(rsiPeriod);
    this.window = Indicators.checkPeriod(volatilityWindow);
    this.fused = fusedSymbols;
    previous = new double[n];
    avgGain = new double[n];
    avgLoss = new double[n];
    returns = new double[window * n];
    sum = new double[n];
    sumOfSquares = new double[n];
  }

  /** How many leading symbols the vector kernels cover with whole vectors ({@code loopBound}). */
  static int wholeVectorLanes(int symbols) {
    return symbols - symbols % VectorKernels.SPECIES.length();
  }

  /** Number of symbols. */
  public int symbols() {
    return n;
  }

  /** Bars fed so far. */
  public long bars() {
    return bars;
  }

  /** Advances every symbol by one bar close. Allocation-free. */
  public void update(double[] close) {
    check(close);
    long t = bars;
    if (t == 0) {
      System.arraycopy(close, 0, previous, 0, n);
    } else {
      int slot = (int) ((t - 1) % window) * n;
      if (t <= rsiPeriod) {
        sumGainsAndReturns(close, slot);
        if (t == rsiPeriod) {
          CrossSection.scale(avgGain, 1.0 / rsiPeriod);
          CrossSection.scale(avgLoss, 1.0 / rsiPeriod);
        }
      } else {
        smoothGainsAndReturns(close, slot);
      }
      if (t % RESUM_EVERY == 0) {
        resumReturns();
      }
    }
    bars = t + 1;
  }

  /** Warm-up: plain sums of gains and losses (CrossSection's {@code rsiStep} with {@code sum}). */
  private void sumGainsAndReturns(double[] close, int slot) {
    for (int i = 0; i < n; i++) {
      double c = close[i];
      double d = c - previous[i];
      avgGain[i] += Math.max(d, 0);
      avgLoss[i] += Math.max(-d, 0);
      pushReturn(i, c, slot);
    }
  }

  /** Wilder smoothing with {@code a = 1 / rsiPeriod}: fused on the vector kernel's lanes, plain on its tail. */
  private void smoothGainsAndReturns(double[] close, int slot) {
    double a = 1.0 / rsiPeriod;
    for (int i = 0; i < fused; i++) {
      double c = close[i];
      double d = c - previous[i];
      double ag = avgGain[i];
      double al = avgLoss[i];
      avgGain[i] = Math.fma(Math.max(d, 0) - ag, a, ag);
      avgLoss[i] = Math.fma(Math.max(-d, 0) - al, a, al);
      pushReturn(i, c, slot);
    }
    for (int i = fused; i < n; i++) {
      double c = close[i];
      double d = c - previous[i];
      double ag = avgGain[i];
      double al = avgLoss[i];
      avgGain[i] = (Math.max(d, 0) - ag) * a + ag;
      avgLoss[i] = (Math.max(-d, 0) - al) * a + al;
      pushReturn(i, c, slot);
    }
  }

  /** The log return against the previous close swapped into the ring and its running sums; then previous = close. */
  private void pushReturn(int i, double c, int slot) {
    double r = Math.log(c / previous[i]);
    double o = returns[slot + i];
    sum[i] += r - o;
    sumOfSquares[i] += r * r - o * o;
    returns[slot + i] = r;
    previous[i] = c;
  }

  // Running sums of returns drift by rounding over very long runs; recompute them exactly now and then.
  private void resumReturns() {
    Arrays.fill(sum, 0);
    Arrays.fill(sumOfSquares, 0);
    for (int k = 0; k < window; k++) {
      int slot = k * n;
      for (int i = 0; i < n; i++) {
        double r = returns[slot + i];
        sum[i] += r;
        sumOfSquares[i] += r * r;
      }
    }
  }

  private void check(double[] x) {
    CrossSection.checkSymbols(x, n);
  }

  /** Wilder RSI per symbol in {@code [0, 100]}; 50 for a symbol that has not moved; NaN during warm-up. */
  public void rsiInto(double[] out) {
    check(out);
    if (bars <= rsiPeriod) {
      Arrays.fill(out, Double.NaN);
      return;
    }
    for (int i = 0; i < n; i++) {
      double g = avgGain[i];
      double s = g + avgLoss[i];
      out[i] = s > 0 ? 100 * (g / s) : (s == 0 ? 50 : Double.NaN);
    }
  }

  /** Population σ of the last {@code volatilityWindow} log returns, per bar; NaN during warm-up. */
  public void volatilityInto(double[] out) {
    check(out);
    if (bars <= window) {
      Arrays.fill(out, Double.NaN);
      return;
    }
    double w = window;
    for (int i = 0; i < n; i++) {
      double m = sum[i] / w;
      double v = sumOfSquares[i] / w - m * m;
      out[i] = Math.sqrt(Math.max(v, 0));
    }
  }
}
