package io.ottertrend.analytics;

import io.ottertrend.analytics.internal.ScalarKernels;
import io.ottertrend.analytics.internal.VectorKernels;
import java.util.Arrays;
import java.util.Objects;

/**
 * Incremental indicators for many symbols at once: each {@link #update} takes one new bar for every symbol (as
 * struct-of-arrays, index = symbol) and advances EMA, Wilder RSI, Wilder ATR, rolling volatility of log returns,
 * the change over {@code changeBars} and the volume summed over the same window. The recurrences run across
 * symbols, so they vectorize (lanes are symbols) even though they cannot along time.
 *
 * <p>Conventions match {@link Indicators} (TA-Lib seeding): after {@code k} updates, EMA is defined once {@code k
 * >= emaPeriod}, RSI and ATR once {@code k > period}, volatility once {@code k > volatilityWindow}, change once
 * {@code k > changeBars}, window volume once {@code k >= changeBars}; before that the readers give NaN. Feeding
 * the bars of a series one at a time gives what {@link Indicators} gives on the whole series.
 *
 * <p>The update and the {@code ...Into} readers allocate nothing: all state is primitive arrays sized at
 * construction. A NaN input for a symbol makes that symbol's recurrent indicators NaN from then on (never a
 * number computed from a hole); use a fresh instance when the symbol universe changes.
 *
 * <p>Not thread-safe: one instance belongs to one thread (or is guarded externally). Arrays whose length is not
 * {@link #symbols()} throw {@link IllegalArgumentException}.
 */
public final class CrossSection {
  private static final int RESUM_EVERY = 4096;

  private final int n;
  private final CrossSectionConfig config;
  private final boolean vector;

  private final double[] ema;
  private final double[] rsiPrev;
  private final double[] avgGain;
  private final double[] avgLoss;
  private final double[] atrPrev;
  private final double[] atr;
  private final double[] volPrev;
  private final double[][] retRing;
  private final double[] retSum;
  private final double[] retSumSq;
  private final double[][] closeRing;
  private final double[][] volumeRing;
  private final double[] windowVolume;
  private final double[] change;
  private final double[] scratch;
  private final int[] order;
  private long bars;

  /** State for {@code symbols} symbols, backend chosen by {@link Vectorization}. */
  public CrossSection(int symbols, CrossSectionConfig config) {
    this(symbols, config, Indicators.VECTOR);
  }

  CrossSection(int symbols, CrossSectionConfig config, boolean vector) {
    if (symbols < 1) {
      throw new IllegalArgumentException("symbols must be >= 1, got " + symbols);
    }
    this.n = symbols;
    this.config = Objects.requireNonNull(config, "config");
    this.vector = vector;
    ema = new double[n];
    rsiPrev = new double[n];
    avgGain = new double[n];
    avgLoss = new double[n];
    atrPrev = new double[n];
    atr = new double[n];
    volPrev = new double[n];
    retRing = new double[config.volatilityWindow()][n];
    retSum = new double[n];
    retSumSq = new double[n];
    closeRing = new double[config.changeBars()][n];
    volumeRing = new double[config.changeBars()][n];
    windowVolume = new double[n];
    change = new double[n];
    scratch = new double[n];
    order = new int[n];
  }

  /** Number of symbols (lanes). */
  public int symbols() {
    return n;
  }

  /** The periods. */
  public CrossSectionConfig config() {
    return config;
  }

  /** Bars fed so far. */
  public long bars() {
    return bars;
  }

  /**
   * Advances every symbol by one bar. Allocation-free.
   *
   * @param high bar highs, one per symbol
   * @param low bar lows
   * @param close bar closes
   * @param volume bar volumes (base or quote, as the caller ranks them)
   */
  public void update(double[] high, double[] low, double[] close, double[] volume) {
    check(high);
    check(low);
    check(close);
    check(volume);
    long t = bars;
    int pe = config.emaPeriod();
    int pr = config.rsiPeriod();
    int pa = config.atrPeriod();
    if (t > Math.max(pe - 1, Math.max(pr, pa))) {
      // Every recurrence is past its warm-up: one pass over the symbols feeds all four (half the memory traffic).
      double[] slot = retRing[(int) ((t - 1) % retRing.length)];
      if (vector) {
        VectorKernels.fusedStep(high, low, close, rsiPrev, ema, avgGain, avgLoss, atr, slot, retSum, retSumSq,
            2.0 / (pe + 1), 1.0 / pr, 1.0 / pa, 0, n);
      } else {
        ScalarKernels.fusedStep(high, low, close, rsiPrev, ema, avgGain, avgLoss, atr, slot, retSum, retSumSq,
            2.0 / (pe + 1), 1.0 / pr, 1.0 / pa, 0, n);
      }
      if (t % RESUM_EVERY == 0) {
        resum(retRing, retSum, retSumSq);
      }
    } else {
      warmUpStep(high, low, close, t);
    }
    changeAndVolume(close, volume, t);
    bars = t + 1;
  }

  // The separate steps, used until every recurrence is seeded; afterwards fusedStep replaces them.
  private void warmUpStep(double[] high, double[] low, double[] close, long t) {
    int pe = config.emaPeriod();
    if (t < pe) {
      add(ema, close);
      if (t == pe - 1) {
        scale(ema, 1.0 / pe);
      }
    } else {
      double a = 2.0 / (pe + 1);
      if (vector) {
        VectorKernels.emaStep(ema, close, a, 0, n);
      } else {
        ScalarKernels.emaStep(ema, close, a, 0, n);
      }
    }
    if (t == 0) {
      System.arraycopy(close, 0, rsiPrev, 0, n);
      System.arraycopy(close, 0, atrPrev, 0, n);
      System.arraycopy(close, 0, volPrev, 0, n);
    } else {
      int pr = config.rsiPeriod();
      boolean warm = t <= pr;
      if (vector) {
        VectorKernels.rsiStep(close, rsiPrev, avgGain, avgLoss, 1.0 / pr, warm, 0, n);
      } else {
        ScalarKernels.rsiStep(close, rsiPrev, avgGain, avgLoss, 1.0 / pr, warm, 0, n);
      }
      if (t == pr) {
        scale(avgGain, 1.0 / pr);
        scale(avgLoss, 1.0 / pr);
      }
      int pa = config.atrPeriod();
      warm = t <= pa;
      if (vector) {
        VectorKernels.atrStep(high, low, close, atrPrev, atr, 1.0 / pa, warm, 0, n);
      } else {
        ScalarKernels.atrStep(high, low, close, atrPrev, atr, 1.0 / pa, warm, 0, n);
      }
      if (t == pa) {
        scale(atr, 1.0 / pa);
      }
      double[] slot = retRing[(int) ((t - 1) % retRing.length)];
      if (vector) {
        VectorKernels.volStep(close, volPrev, slot, retSum, retSumSq, 0, n);
      } else {
        ScalarKernels.volStep(close, volPrev, slot, retSum, retSumSq, 0, n);
      }
      if (t % RESUM_EVERY == 0) {
        resum(retRing, retSum, retSumSq);
      }
    }
  }

  private void changeAndVolume(double[] close, double[] volume, long t) {
    int h = closeRing.length;
    int slot = (int) (t % h);
    if (t >= h) {
      if (vector) {
        VectorKernels.changeStep(close, closeRing[slot], change, 0, n);
      } else {
        ScalarKernels.changeStep(close, closeRing[slot], change, 0, n);
      }
    } else {
      System.arraycopy(close, 0, closeRing[slot], 0, n);
    }
    if (vector) {
      VectorKernels.rollingSumStep(volume, volumeRing[slot], windowVolume, 0, n);
    } else {
      ScalarKernels.rollingSumStep(volume, volumeRing[slot], windowVolume, 0, n);
    }
  }

  /**
   * Recomputes the running sums {@code sum}/{@code sumOfSquares} of a ring of log returns exactly (also for {@link
   * RsiVolatilityColumns}): updated bar by bar they drift by rounding over very long runs.
   */
  static void resum(double[][] ring, double[] sum, double[] sumOfSquares) {
    Arrays.fill(sum, 0);
    Arrays.fill(sumOfSquares, 0);
    for (double[] r : ring) {
      for (int i = 0; i < sum.length; i++) {
        sum[i] += r[i];
        sumOfSquares[i] += r[i] * r[i];
      }
    }
  }

  private void add(double[] acc, double[] x) {
    if (vector) {
      VectorKernels.addInto(acc, x, 0, n);
    } else {
      ScalarKernels.addInto(acc, x, 0, n);
    }
  }

  /** {@code x[i] *= f} for every symbol (also the warm-up seeding of {@link RsiVolatilityColumns}). */
  static void scale(double[] x, double f) {
    for (int i = 0; i < x.length; i++) {
      x[i] *= f;
    }
  }

  private void check(double[] x) {
    checkSymbols(x, n);
  }

  /** Throws {@link IllegalArgumentException} unless {@code x} holds one entry per symbol. */
  static void checkSymbols(double[] x, int n) {
    if (x.length != n) {
      throw new IllegalArgumentException("expected " + n + " symbols, got an array of " + x.length);
    }
  }

  // ---------------------------------------------------------------------------------------------------------
  // Readers. Each {@code ...Into} fills {@code out} (length {@link #symbols()}) and allocates nothing.

  /** EMA per symbol. */
  public void emaInto(double[] out) {
    check(out);
    if (bars < config.emaPeriod()) {
      Arrays.fill(out, Double.NaN);
    } else {
      System.arraycopy(ema, 0, out, 0, n);
    }
  }

  /** Wilder RSI per symbol in {@code [0, 100]}; 50 for a symbol that has not moved. */
  public void rsiInto(double[] out) {
    check(out);
    if (bars <= config.rsiPeriod()) {
      Arrays.fill(out, Double.NaN);
    } else if (vector) {
      VectorKernels.rsiFromAverages(avgGain, avgLoss, out, 0, n, 0);
    } else {
      ScalarKernels.rsiFromAverages(avgGain, avgLoss, out, 0, n, 0);
    }
  }

  /** Wilder ATR per symbol. */
  public void atrInto(double[] out) {
    check(out);
    if (bars <= config.atrPeriod()) {
      Arrays.fill(out, Double.NaN);
    } else {
      System.arraycopy(atr, 0, out, 0, n);
    }
  }

  /** Population standard deviation of the last {@code volatilityWindow} log returns, per bar (not annualised). */
  public void volatilityInto(double[] out) {
    check(out);
    int w = retRing.length;
    if (bars <= w) {
      Arrays.fill(out, Double.NaN);
      return;
    }
    if (vector) {
      VectorKernels.volFromSums(retSum, retSumSq, w, out, 0, n);
    } else {
      ScalarKernels.volFromSums(retSum, retSumSq, w, out, 0, n);
    }
  }

  /** Relative change of the close over {@code changeBars} ({@code 0.05} = +5 %). */
  public void changeInto(double[] out) {
    check(out);
    if (bars <= closeRing.length) {
      Arrays.fill(out, Double.NaN);
    } else {
      System.arraycopy(change, 0, out, 0, n);
    }
  }

  /** Volume summed over the last {@code changeBars} bars. */
  public void windowVolumeInto(double[] out) {
    check(out);
    if (bars < volumeRing.length) {
      Arrays.fill(out, Double.NaN);
    } else {
      System.arraycopy(windowVolume, 0, out, 0, n);
    }
  }

  /** Cross-sectional z-score of the last bar's log return (NaN symbols are left out of mean and σ). */
  public void returnZScoresInto(double[] out) {
    check(out);
    if (bars < 2) {
      Arrays.fill(out, Double.NaN);
      return;
    }
    zScores(retRing[(int) ((bars - 2) % retRing.length)], out, vector);
  }

  /** Cross-sectional z-score of the last bar's volume. */
  public void volumeZScoresInto(double[] out) {
    check(out);
    if (bars < 1) {
      Arrays.fill(out, Double.NaN);
      return;
    }
    zScores(volumeRing[(int) ((bars - 1) % volumeRing.length)], out, vector);
  }

  /** Rank of each symbol by {@link #changeInto change}, 0 = biggest gain; NaN changes rank last. */
  public void changeRanksInto(int[] ranks) {
    changeInto(scratch);
    Ranking.ranksDescending(scratch, order, ranks);
  }

  /** Rank of each symbol by {@link #windowVolumeInto window volume}, 0 = most traded. */
  public void volumeRanksInto(int[] ranks) {
    windowVolumeInto(scratch);
    Ranking.ranksDescending(scratch, order, ranks);
  }

  /** The {@code out.length} symbols with the biggest change, best first; returns how many were written. */
  public int topByChange(int[] out) {
    changeInto(scratch);
    return Ranking.topN(scratch, out);
  }

  /** The {@code out.length} symbols with the biggest window volume, best first; returns how many were written. */
  public int topByVolume(int[] out) {
    windowVolumeInto(scratch);
    return Ranking.topN(scratch, out);
  }

  /**
   * Cross-sectional z-score {@code (x - mean) / σ} (population σ over the non-NaN entries); NaN stays NaN, and all
   * are NaN when fewer than two entries are finite or σ is 0. Allocation-free.
   */
  public static void zScores(double[] x, double[] out) {
    zScores(x, out, Indicators.VECTOR);
  }

  static void zScores(double[] x, double[] out, boolean vector) {
    int len = x.length;
    if (out.length != len) {
      throw new IllegalArgumentException("out has length " + out.length + ", expected " + len);
    }
    int count = vector ? VectorKernels.countFinite(x, 0, len) : ScalarKernels.countFinite(x, 0, len);
    double sum = vector ? VectorKernels.sumFinite(x, 0, len) : ScalarKernels.sumFinite(x, 0, len);
    double mean = sum / count;
    double ss =
        vector ? VectorKernels.sumSquaredDeviations(x, mean, 0, len) : ScalarKernels.sumSquaredDeviations(x, mean, 0, len);
    double sd = Math.sqrt(ss / count);
    if (count < 2 || !(sd > 0)) {
      Arrays.fill(out, Double.NaN);
    } else if (vector) {
      VectorKernels.standardize(x, mean, sd, out, 0, len);
    } else {
      ScalarKernels.standardize(x, mean, sd, out, 0, len);
    }
  }
}
