package io.ottertrend.analytics;

import io.ottertrend.analytics.internal.ScalarKernels;
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
  private final double[] rsiPrevious;
  private final double[] avgGain;
  private final double[] avgLoss;
  private final double[] volPrevious;
  /** The last {@code window} log returns: a ring of slots, one value per symbol in each. */
  private final double[][] returns;
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
    rsiPrevious = new double[n];
    avgGain = new double[n];
    avgLoss = new double[n];
    volPrevious = new double[n];
    returns = new double[window][n];
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

  /**
   * Advances every symbol by one bar close, with {@code CrossSection}'s scalar kernels (and, on the vector lanes,
   * its vector kernel's fused smoothing). Allocation-free.
   */
  public void update(double[] close) {
    check(close);
    long t = bars;
    if (t == 0) {
      System.arraycopy(close, 0, rsiPrevious, 0, n);
      System.arraycopy(close, 0, volPrevious, 0, n);
    } else {
      double a = 1.0 / rsiPeriod;
      if (t <= rsiPeriod) {
        ScalarKernels.rsiStep(close, rsiPrevious, avgGain, avgLoss, a, true, 0, n);
        if (t == rsiPeriod) {
          CrossSection.scale(avgGain, a);
          CrossSection.scale(avgLoss, a);
        }
      } else {
        smoothFused(close, a);
        ScalarKernels.rsiStep(close, rsiPrevious, avgGain, avgLoss, a, false, fused, n);
      }
      ScalarKernels.volStep(close, volPrevious, returns[(int) ((t - 1) % window)], sum, sumOfSquares, 0, n);
      if (t % RESUM_EVERY == 0) {
        CrossSection.resum(returns, sum, sumOfSquares);
      }
    }
    bars = t + 1;
  }

  /** Wilder smoothing of symbols {@code [0, fused)} as the vector kernel does it: one fused multiply-add each. */
  private void smoothFused(double[] close, double a) {
    for (int i = 0; i < fused; i++) {
      double d = close[i] - rsiPrevious[i];
      double ag = avgGain[i];
      double al = avgLoss[i];
      avgGain[i] = Math.fma(Math.max(d, 0) - ag, a, ag);
      avgLoss[i] = Math.fma(Math.max(-d, 0) - al, a, al);
      rsiPrevious[i] = close[i];
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
    ScalarKernels.rsiFromAverages(avgGain, avgLoss, out, 0, n, 0);
  }

  /** Population σ of the last {@code volatilityWindow} log returns, per bar; NaN during warm-up. */
  public void volatilityInto(double[] out) {
    check(out);
    if (bars <= window) {
      Arrays.fill(out, Double.NaN);
      return;
    }
    ScalarKernels.volFromSums(sum, sumOfSquares, window, out, 0, n);
  }
}
