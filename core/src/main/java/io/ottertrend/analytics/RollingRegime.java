package io.ottertrend.analytics;

import io.ottertrend.analytics.internal.ScalarKernels;
import io.ottertrend.analytics.internal.VectorKernels;
import java.util.Arrays;
import java.util.Objects;

/**
 * {@link Analytics#detectRegime(double[], int)} kept up to date bar by bar for many series at once, in O(1)
 * amortised work per series per bar instead of O(history).
 *
 * <p>Every {@link #push(double[])} appends one close to each of {@link #series()} series (all series advance
 * together). Series {@code i} then reads as {@code detectRegime(last, min(window, n - 1))} would, where {@code
 * last} is its last {@code n = min(bars(), history)} closes: the same rules in the same order, the same
 * confidence, and the same statistics (efficiency ratio, net return, drawdown, σ of log returns as {@link
 * Indicators#realizedVolatility(double[], int, double) realizedVolatility(last, window, 1)} defines it, and the
 * percentile of that σ among the rolling σ values defined within {@code last}). Net return and drawdown are
 * bit-for-bit the batch ones; the efficiency ratio and σ come from running sums that are recomputed exactly when
 * their rounding bound grows past 1e-11 relative, so they agree to about 1e-10 relative. A σ that ties another
 * within that accuracy may therefore rank on the other side of it than in the batch computation.
 *
 * <p>State is struct-of-arrays over the series (rings of the last closes, returns, absolute moves and rolling σ
 * values): nothing is allocated per bar or per read except by {@link #assessment(int)}. What only a read needs is
 * worked out when read, as far as the read needs it: the window's peak (for the drawdown) is a scan of the close
 * ring, which {@link #regime(int)} reaches only after a large net fall.
 *
 * <p><b>Errors.</b> The constructor rejects {@code series < 1}, {@code window < 2} and {@code history <= window}
 * with {@link IllegalArgumentException}. {@link #push(double[])} rejects a {@code null} array ({@link
 * NullPointerException}) or one of the wrong length ({@link IllegalArgumentException}); any close is accepted, but
 * where {@code detectRegime} would throw (fewer than 3 closes, or a non-positive, infinite or NaN close within the
 * window) {@link #defined(int)} is false and the readers other than {@code defined} throw {@link
 * IllegalStateException}. A series index out of range throws {@link IndexOutOfBoundsException}.
 *
 * <p><b>Thread-safety:</b> not thread-safe. One owner pushes and reads; hand it to another thread only with a
 * happens-before edge.
 */
public final class RollingRegime {
  private static final double EPS = Math.ulp(1.0);
  /** Rounding bound, relative to the running sum, past which a running sum is recomputed exactly. */
  private static final double MAX_RELATIVE_ROUNDING = 1e-11;
  /**
   * Each series' σ ring is padded with never-written NaN slots to a multiple of this many doubles (the widest
   * vector: 512 bits), so the percentile count runs whole vectors with no scalar tail. NaN never counts.
   */
  private static final int SIGMA_ALIGN = 8;

  private final int series;
  private final int window;
  private final int history;
  /** Exact recomputation at least this often, as {@code Indicators.rollingStd}'s scalar kernel does. */
  private final int every;

  // Rings shared by all series, slot-major (time-major): slot k of series i at [k * series + i], so a push writes
  // one contiguous row per ring, streaming through memory, instead of a cache line per series per ring. Only the
  // rare recomputations and the drawdown's scan read a series' slots, a row apart.
  private final int closeCap;
  private final double[] closes; // the last window + 1 closes
  private final double[] returns; // the last window log returns (0 where a price was invalid)
  private final double[] moves; // the last window |close - previous close| (0 where a price was invalid)
  private final int sigmaCap;
  private final int sigmaStride; // sigmaCap rounded up to SIGMA_ALIGN; series i's ring starts at i * sigmaStride
  private final double[] sigmas; // the last history - window rolling σ values, NaN where undefined or padding
  private final int[] sigmaCount; // how many of them are not NaN

  // Per-series running state.
  private final long[] lastInvalid; // bar of the latest non-positive, infinite or NaN close
  private final double[] path; // Σ|moves| over the window
  private final double[] pathError; // bound on the rounding accumulated in path since its last recomputation
  private final int[] pathSince; // bars since path was last recomputed
  private final double[] mean; // mean of the window's returns
  private final double[] m2; // Σ(return - mean)² over the window
  private final double[] m2Error;
  private final int[] m2Since;
  private final double[] sigma; // σ of the current window's returns, NaN where undefined

  private long bars;
  private int closeSlot = -1; // slot of the newest close
  private int returnSlot = -1; // slot of the newest return and move
  private int sigmaSlot = -1; // slot of the newest rolling σ

  /**
   * @param series how many series advance together
   * @param window bars of the regime window ({@link Analytics#DEFAULT_REGIME_WINDOW} for the default)
   * @param history closes the batch classification would see: the σ percentile ranks against the {@code history
   *     - window} latest rolling σ values
   */
  public RollingRegime(int series, int window, int history) {
    if (series < 1) {
      throw new IllegalArgumentException("series must be >= 1, got " + series);
    }
    if (window < 2) {
      throw new IllegalArgumentException("window must be >= 2, got " + window);
    }
    if (history <= window) {
      throw new IllegalArgumentException("history must be > window = " + window + ", got " + history);
    }
    this.series = series;
    this.window = window;
    this.history = history;
    this.every = Math.max(256, 4 * window);
    closeCap = window + 1;
    sigmaCap = history - window;
    closes = new double[series * closeCap];
    returns = new double[series * window];
    moves = new double[series * window];
    sigmaStride = (sigmaCap + SIGMA_ALIGN - 1) / SIGMA_ALIGN * SIGMA_ALIGN;
    sigmas = new double[series * sigmaStride];
    Arrays.fill(sigmas, Double.NaN);
    sigmaCount = new int[series];
    lastInvalid = new long[series];
    Arrays.fill(lastInvalid, Long.MIN_VALUE);
    path = new double[series];
    pathError = new double[series];
    pathSince = new int[series];
    mean = new double[series];
    m2 = new double[series];
    m2Error = new double[series];
    m2Since = new int[series];
    sigma = new double[series];
    Arrays.fill(sigma, Double.NaN);
  }

  /** How many series advance together. */
  public int series() {
    return series;
  }

  /** Bars of the regime window. */
  public int window() {
    return window;
  }

  /** Closes the batch classification would see. */
  public int history() {
    return history;
  }

  /** Closes pushed so far (per series). */
  public long bars() {
    return bars;
  }

  /** The window the batch classification would use now: {@code min(window, min(bars, history) - 1)}. */
  public int currentWindow() {
    long n = Math.min(bars, history);
    return (int) Math.max(0, Math.min(window, n - 1));
  }

  // ---------------------------------------------------------------------------------------------------------
  // Updates

  /** Appends {@code close[i]} to series {@code i}, for every series. */
  public void push(double[] close) {
    Objects.requireNonNull(close, "close");
    if (close.length != series) {
      throw new IllegalArgumentException("need " + series + " closes, got " + close.length);
    }
    long bar = bars;
    int previousSlot = closeSlot;
    closeSlot = next(closeSlot, closeCap);
    boolean hasReturn = bar >= 1;
    boolean full = bar > window; // a return leaves the window as this one enters
    if (hasReturn) {
      returnSlot = next(returnSlot, window);
    }
    boolean hasSigma = bar >= window;
    if (hasSigma) {
      sigmaSlot = next(sigmaSlot, sigmaCap);
    }
    // One pass over the series: each series' σ is recorded right after its update, while its state is in cache.
    for (int i = 0; i < series; i++) {
      pushOne(i, close[i], bar, previousSlot, hasReturn, full);
      if (hasSigma) {
        recordSigma(i);
      }
    }
    bars = bar + 1;
  }

  /** Puts series {@code i}'s current σ into its ring of rolling σ values, in place of the oldest. */
  private void recordSigma(int i) {
    int k = i * sigmaStride + sigmaSlot;
    double leaving = sigmas[k];
    double entering = sigma[i];
    sigmaCount[i] += (entering == entering ? 1 : 0) - (leaving == leaving ? 1 : 0);
    sigmas[k] = entering;
  }

  private static int next(int slot, int capacity) {
    return slot + 1 == capacity ? 0 : slot + 1;
  }

  private void pushOne(int i, double c, long bar, int previousSlot, boolean hasReturn, boolean full) {
    boolean valid = c > 0 && c != Double.POSITIVE_INFINITY;
    if (!valid) {
      lastInvalid[i] = bar;
    }
    closes[closeSlot * series + i] = c;
    if (!hasReturn) {
      return;
    }
    double previous = closes[previousSlot * series + i];
    // An invalid price contributes 0: every window that holds it is reported undefined, and the running sums stay
    // consistent for the windows after it.
    boolean pairValid = lastInvalid[i] < bar - 1;
    double r = pairValid ? Math.log(c / previous) : 0;
    double move = pairValid ? Math.abs(c - previous) : 0;
    int k = returnSlot * series + i;
    double oldReturn = returns[k];
    double oldMove = moves[k];
    returns[k] = r;
    moves[k] = move;
    boolean windowValid = lastInvalid[i] < bar - Math.min(window, bar);
    if (full) {
      slidePath(i, move, oldMove, windowValid);
      slideSigma(i, r, oldReturn, windowValid);
    } else {
      growPath(i, move, windowValid, bar);
      growSigma(i, windowValid, (int) bar);
    }
  }

  /** While the window still grows, path is summed from the oldest move on, in the batch order: bit-for-bit. */
  private void growPath(int i, double move, boolean windowValid, long bar) {
    if (windowValid) {
      path[i] = pathSince[i] == 0 ? path[i] + move : recomputePath(i, (int) bar);
    } else {
      pathSince[i] = every; // stale: recompute once the window is valid again
    }
  }

  private void slidePath(int i, double move, double oldMove, boolean windowValid) {
    if (!windowValid) {
      pathSince[i] = every;
      return;
    }
    if (pathSince[i] < every) {
      double grown = path[i] + move;
      path[i] = grown - oldMove;
      pathSince[i]++;
      pathError[i] += EPS * grown;
    }
    if (pathSince[i] >= every || !(pathError[i] <= MAX_RELATIVE_ROUNDING * path[i])) {
      path[i] = recomputePath(i, window);
    }
  }

  /** Σ of the last {@code count} moves, oldest first as the batch loop adds them; resets the rounding bound. */
  private double recomputePath(int i, int count) {
    int slot = oldestSlot(count);
    double sum = 0;
    for (int k = 0; k < count; k++) {
      sum += moves[slot * series + i];
      slot = slot + 1 == window ? 0 : slot + 1;
    }
    pathError[i] = 0;
    pathSince[i] = 0;
    return sum;
  }

  /** Ring slot of the oldest of the last {@code count} returns/moves. */
  private int oldestSlot(int count) {
    int slot = returnSlot - count + 1;
    return slot < 0 ? slot + window : slot;
  }

  /**
   * While the window grows (at most {@code window} bars per series) σ is recomputed exactly each bar: the running
   * update below needs a full window.
   */
  private void growSigma(int i, boolean windowValid, int count) {
    if (windowValid) {
      recomputeSigma(i, count);
    } else {
      sigma[i] = Double.NaN;
      m2Since[i] = every;
    }
  }

  /** The scalar {@code rollingStd} kernel's update: Welford add-and-remove with a rounding bound. */
  private void slideSigma(int i, double xn, double xo, boolean windowValid) {
    if (!windowValid) {
      sigma[i] = Double.NaN;
      m2Since[i] = every;
      return;
    }
    if (m2Since[i] < every) {
      double d = xn - xo;
      double oldMean = mean[i];
      double nextMean = oldMean + d / window;
      double t = d * ((xn - nextMean) + (xo - oldMean));
      m2[i] += t;
      mean[i] = nextMean;
      int since = ++m2Since[i];
      m2Error[i] += EPS * (Math.abs(t) + 2 * Math.abs(d) * since * Math.abs(nextMean));
    }
    if (m2Since[i] >= every || !(m2Error[i] <= MAX_RELATIVE_ROUNDING * m2[i])) {
      recomputeSigma(i, window);
    } else {
      sigma[i] = Math.sqrt(m2[i] / window);
    }
  }

  /**
   * {@code ScalarKernels.stdDirect} over the last {@code count} returns: two passes over deviations from the
   * oldest, in the same order, so a flat window gives exactly 0.
   */
  private void recomputeSigma(int i, int count) {
    int oldest = oldestSlot(count);
    double first = returns[oldest * series + i];
    double s = 0;
    int slot = returnSlot;
    for (int k = 0; k < count - 1; k++) {
      s += returns[slot * series + i] - first;
      slot = slot == 0 ? window - 1 : slot - 1;
    }
    double m = s / count + first;
    double ss = 0;
    slot = returnSlot;
    for (int k = 0; k < count; k++) {
      double d = returns[slot * series + i] - m;
      ss = Math.fma(d, d, ss);
      slot = slot == 0 ? window - 1 : slot - 1;
    }
    mean[i] = m;
    m2[i] = ss;
    m2Error[i] = 0;
    m2Since[i] = 0;
    sigma[i] = Math.sqrt(ss / count);
  }

  // ---------------------------------------------------------------------------------------------------------
  // Reads

  /**
   * Whether series {@code i} has a classification now: at least 3 closes, and every close of the current window
   * positive and finite ({@code detectRegime} would throw otherwise).
   */
  public boolean defined(int i) {
    Objects.checkIndex(i, series);
    int w = currentWindow();
    return w >= 2 && lastInvalid[i] < bars - 1 - w;
  }

  /** The regime of series {@code i}: first rule that fires wins, in {@code detectRegime}'s order. */
  public Regime regime(int i) {
    requireDefined(i);
    if (isCrash(i)) {
      return Regime.CRASH;
    }
    double er = efficiencyRatioOf(i);
    if (er >= Analytics.TREND_EFFICIENCY) {
      return netMove(i) > 0 ? Regime.TRENDING_UP : Regime.TRENDING_DOWN;
    }
    return isHighVolatility(i) ? Regime.HIGH_VOLATILITY : Regime.RANGING;
  }

  /** How far the deciding number is past its threshold, in {@code [0.5, 1]}, as {@code detectRegime} gives it. */
  public double confidence(int i) {
    requireDefined(i);
    if (isCrash(i)) {
      return ramp(drawdownOf(i), Analytics.CRASH_DRAWDOWN, 2 * Analytics.CRASH_DRAWDOWN);
    }
    double er = efficiencyRatioOf(i);
    if (er >= Analytics.TREND_EFFICIENCY) {
      return ramp(er, Analytics.TREND_EFFICIENCY, 2 * Analytics.TREND_EFFICIENCY);
    }
    if (isHighVolatility(i)) {
      return ramp(volatilityPercentileOf(i), Analytics.HIGH_VOL_PERCENTILE, 1);
    }
    return ramp(Analytics.TREND_EFFICIENCY - er, 0, Analytics.TREND_EFFICIENCY);
  }

  /** Kaufman efficiency ratio {@code |net move| / Σ|bar moves|} over the window; 0 for a flat window. */
  public double efficiencyRatio(int i) {
    requireDefined(i);
    return efficiencyRatioOf(i);
  }

  /** {@code close[last] / close[last - window] - 1}. */
  public double netReturn(int i) {
    requireDefined(i);
    return netReturnOf(i);
  }

  /** Population σ of the window's log returns, per bar. */
  public double volatility(int i) {
    requireDefined(i);
    return sigma[i];
  }

  /** Share of the rolling σ values within the history at or below the current one; 0.5 when there is only one. */
  public double volatilityPercentile(int i) {
    requireDefined(i);
    return volatilityPercentileOf(i);
  }

  /** {@code 1 - close[last] / max(close over the window)}. */
  public double drawdown(int i) {
    requireDefined(i);
    return drawdownOf(i);
  }

  /** Everything at once, as {@link Analytics#detectRegime(double[], int)} returns it (allocates). */
  public RegimeAssessment assessment(int i) {
    return new RegimeAssessment(regime(i), confidence(i), efficiencyRatioOf(i), netReturnOf(i), sigma[i],
        volatilityPercentileOf(i), drawdownOf(i), currentWindow());
  }

  private void requireDefined(int i) {
    if (!defined(i)) {
      throw new IllegalStateException(currentWindow() < 2
          ? "need at least 3 closes, have " + bars
          : "series " + i + " has a non-positive or non-finite close in its window");
    }
  }

  /**
   * {@code detectRegime}'s crash rule with its two conditions swapped (both are pure, so the answer is the same):
   * the net return is O(1), the drawdown a scan of the window, needed only after a large fall.
   */
  private boolean isCrash(int i) {
    return netReturnOf(i) <= -Analytics.CRASH_DRAWDOWN * 2 / 3 && drawdownOf(i) >= Analytics.CRASH_DRAWDOWN;
  }

  /** {@code detectRegime} also asks for more than one σ value; with one the percentile is 0.5, below the bar. */
  private boolean isHighVolatility(int i) {
    return volatilityPercentileOf(i) >= Analytics.HIGH_VOL_PERCENTILE;
  }

  private double lastClose(int i) {
    return closes[closeSlot * series + i];
  }

  private double firstClose(int i) {
    int slot = closeSlot - currentWindow();
    return closes[(slot < 0 ? slot + closeCap : slot) * series + i];
  }

  private double netMove(int i) {
    return lastClose(i) - firstClose(i);
  }

  private double efficiencyRatioOf(int i) {
    double p = path[i];
    return p > 0 ? Math.abs(netMove(i)) / p : 0;
  }

  private double netReturnOf(int i) {
    return lastClose(i) / firstClose(i) - 1;
  }

  /**
   * {@code 1 - last / peak} with the peak scanned from the close ring: the window's {@code currentWindow() + 1}
   * closes, all positive and finite where this is read (the series is defined), so the maximum is exact.
   */
  private double drawdownOf(int i) {
    int slot = closeSlot;
    double peak = closes[slot * series + i];
    for (int k = currentWindow(); k > 0; k--) {
      slot = slot == 0 ? closeCap - 1 : slot - 1;
      peak = Math.max(peak, closes[slot * series + i]);
    }
    return 1 - lastClose(i) / peak;
  }

  private double volatilityPercentileOf(int i) {
    if (currentWindow() < window) {
      return 0.5; // the batch σ series has a single value: it calls that median
    }
    // Slots not yet written and the padding hold NaN, which neither counts nor compares as below, so the ring is
    // exactly the batch's set of σ values.
    int count = sigmaCount[i];
    if (count <= 1) {
      return 0.5;
    }
    return (double) countAtOrBelow(sigma[i], i * sigmaStride) / count;
  }

  /** σ values of the ring starting at {@code base} that are {@code <= vol}: an exact count, SIMD when enabled. */
  private int countAtOrBelow(double vol, int base) {
    return Indicators.VECTOR
        ? VectorKernels.countAtOrBelow(sigmas, vol, base, base + sigmaStride)
        : ScalarKernels.countAtOrBelow(sigmas, vol, base, base + sigmaStride);
  }

  private static double ramp(double x, double at, double full) {
    double f = full > at ? (x - at) / (full - at) : 1;
    return 0.5 + 0.5 * Math.max(0, Math.min(1, f));
  }
}
