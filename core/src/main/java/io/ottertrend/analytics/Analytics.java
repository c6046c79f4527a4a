package io.ottertrend.analytics;

import io.ottertrend.analytics.internal.Garch;
import io.ottertrend.model.BookLevel;
import io.ottertrend.model.Candle;
import io.ottertrend.model.OrderBook;
import io.ottertrend.model.Side;
import java.math.BigDecimal;
import java.math.MathContext;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * The "think" layer's numeric tools: volatility forecast, regime, data anomalies and order-book slippage. Results
 * are plain records that serialise to JSON as they are (the LLM tools {@code ml_forecast_volatility}, {@code
 * ml_detect_regime}, {@code ml_detect_anomalies} and {@code ml_estimate_slippage} return them).
 *
 * <p>Errors: {@code null} arguments throw {@link NullPointerException}; input that cannot give a meaningful answer
 * (too short, NaN where a number is required, non-positive amounts, mismatched lengths) throws {@link
 * IllegalArgumentException} with the reason, rather than returning a made-up number.
 *
 * <p>Thread-safe: stateless.
 */
public final class Analytics {
  /** RiskMetrics decay for EWMA variance. */
  public static final double EWMA_LAMBDA = 0.94;

  /** Fewest returns for a GARCH fit; below this only EWMA is used. */
  public static final int GARCH_MIN_OBSERVATIONS = 100;

  /** Default regime window in bars. */
  public static final int DEFAULT_REGIME_WINDOW = 50;

  /** Efficiency ratio at or above which a series trends. */
  public static final double TREND_EFFICIENCY = 0.3;

  /** Volatility percentile at or above which the regime is high-volatility. */
  public static final double HIGH_VOL_PERCENTILE = 0.9;

  /** Drawdown within the window at or above which a falling series is a crash. */
  public static final double CRASH_DRAWDOWN = 0.15;

  /** Trailing bars the anomaly rules compare against. */
  public static final int ANOMALY_WINDOW = 50;

  /** A return or gap beyond this many trailing σ is a spike. */
  public static final double SPIKE_SIGMAS = 6;

  /** A volume beyond this multiple of the trailing mean is a spike. */
  public static final double VOLUME_SPIKE_RATIO = 5;

  /** This many identical closes in a row are stale. */
  public static final int STALE_BARS = 10;

  private static final int MIN_TRAILING = 10;

  private Analytics() {}

  // ---------------------------------------------------------------------------------------------------------
  // Volatility

  /**
   * EWMA and GARCH(1,1) volatility of per-bar returns (e.g. {@link Indicators#logReturns} without the leading NaN),
   * with forecasts for the next bar and the next {@code horizon} bars. The mean is removed first. GARCH is fitted
   * when there are at least {@link #GARCH_MIN_OBSERVATIONS} returns; its forecasts are used when it converged.
   *
   * @throws IllegalArgumentException fewer than 2 returns, a non-finite return, or {@code horizon < 1}
   */
  public static VolatilityForecast forecastVolatility(double[] returns, int horizon) {
    Objects.requireNonNull(returns, "returns");
    if (horizon < 1) {
      throw new IllegalArgumentException("horizon must be >= 1, got " + horizon);
    }
    int n = returns.length;
    if (n < 2) {
      throw new IllegalArgumentException("need at least 2 returns, got " + n);
    }
    double mean = 0;
    for (int i = 0; i < n; i++) {
      if (!Double.isFinite(returns[i])) {
        throw new IllegalArgumentException("return " + i + " is " + returns[i] + "; drop warm-up NaNs first");
      }
      mean += returns[i];
    }
    mean /= n;
    double[] r = new double[n];
    double var = 0;
    for (int i = 0; i < n; i++) {
      r[i] = returns[i] - mean;
      var += r[i] * r[i];
    }
    var /= n;
    // EWMA seeded with the sample variance, then run through every return.
    double ew = var;
    for (int i = 0; i < n; i++) {
      ew = EWMA_LAMBDA * ew + (1 - EWMA_LAMBDA) * r[i] * r[i];
    }
    double omega = Double.NaN;
    double alpha = Double.NaN;
    double beta = Double.NaN;
    double ll = Double.NaN;
    double longRun = Double.NaN;
    boolean ok = false;
    double next = ew;
    if (n >= GARCH_MIN_OBSERVATIONS && var > 0) {
      double[] fit = Garch.fit(r);
      if (fit[5] == 1) {
        ok = true;
        omega = fit[0];
        alpha = fit[1];
        beta = fit[2];
        ll = fit[3];
        longRun = Math.sqrt(omega / (1 - alpha - beta));
        double last = r[n - 1];
        next = omega + alpha * last * last + beta * fit[4];
      }
    }
    double[] path = new double[horizon];
    double total = 0;
    for (int h = 0; h < horizon; h++) {
      // GARCH: σ²[t+h] = V + (α+β)^(h-1)·(σ²[t+1] - V); EWMA: flat (λ + (1-λ) = 1).
      double v = ok ? longRun * longRun + Math.pow(alpha + beta, h) * (next - longRun * longRun) : next;
      path[h] = Math.sqrt(v);
      total += v;
    }
    return new VolatilityForecast(
        n, mean, EWMA_LAMBDA, Math.sqrt(ew), omega, alpha, beta, longRun, ll, ok, ok ? "garch" : "ewma",
        Math.sqrt(next), horizon, Math.sqrt(total), path);
  }

  // ---------------------------------------------------------------------------------------------------------
  // Regime

  /** {@link #detectRegime(double[], int)} with {@link #DEFAULT_REGIME_WINDOW}. */
  public static RegimeAssessment detectRegime(double[] close) {
    return detectRegime(close, DEFAULT_REGIME_WINDOW);
  }

  /**
   * Classifies the last {@code window} bars, first rule that fires wins:
   *
   * <ol>
   *   <li>{@link Regime#CRASH}: drawdown from the window's high ≥ {@link #CRASH_DRAWDOWN} and a net fall of at
   *       least two thirds of that;
   *   <li>{@link Regime#TRENDING_UP}/{@link Regime#TRENDING_DOWN}: Kaufman efficiency ratio ≥ {@link
   *       #TREND_EFFICIENCY}, by the sign of the net move;
   *   <li>{@link Regime#HIGH_VOLATILITY}: the window's σ of log returns is at or above the {@link
   *       #HIGH_VOL_PERCENTILE} percentile of the series' own rolling σ;
   *   <li>{@link Regime#RANGING} otherwise.
   * </ol>
   *
   * The confidence grows from 0.5 at the deciding threshold to 1 well past it.
   *
   * @throws IllegalArgumentException {@code window < 2}, fewer than {@code window + 1} closes, or a non-positive or
   *     non-finite close in the window
   */
  public static RegimeAssessment detectRegime(double[] close, int window) {
    Objects.requireNonNull(close, "close");
    if (window < 2) {
      throw new IllegalArgumentException("window must be >= 2, got " + window);
    }
    int n = close.length;
    if (n < window + 1) {
      throw new IllegalArgumentException("need at least window + 1 = " + (window + 1) + " closes, got " + n);
    }
    int start = n - 1 - window;
    double path = 0;
    double peak = 0;
    for (int i = start; i < n; i++) {
      double c = close[i];
      if (!(c > 0) || Double.isInfinite(c)) {
        throw new IllegalArgumentException("close " + i + " is " + c + "; regimes need positive prices");
      }
      if (i > start) {
        path += Math.abs(c - close[i - 1]);
      }
      peak = Math.max(peak, c);
    }
    double last = close[n - 1];
    double net = last - close[start];
    double er = path > 0 ? Math.abs(net) / path : 0;
    double netReturn = last / close[start] - 1;
    double drawdown = 1 - last / peak;
    double[] sigma = Indicators.realizedVolatility(close, window, 1);
    double vol = sigma[n - 1];
    int below = 0;
    int count = 0;
    for (int i = 0; i < n; i++) {
      double s = sigma[i];
      if (s == s) {
        count++;
        if (s <= vol) {
          below++;
        }
      }
    }
    // One σ value has no history to rank against: call it median.
    double pct = count > 1 ? (double) below / count : 0.5;
    Regime regime;
    double conf;
    if (drawdown >= CRASH_DRAWDOWN && netReturn <= -CRASH_DRAWDOWN * 2 / 3) {
      regime = Regime.CRASH;
      conf = ramp(drawdown, CRASH_DRAWDOWN, 2 * CRASH_DRAWDOWN);
    } else if (er >= TREND_EFFICIENCY) {
      regime = net > 0 ? Regime.TRENDING_UP : Regime.TRENDING_DOWN;
      conf = ramp(er, TREND_EFFICIENCY, 2 * TREND_EFFICIENCY);
    } else if (pct >= HIGH_VOL_PERCENTILE && count > 1) {
      regime = Regime.HIGH_VOLATILITY;
      conf = ramp(pct, HIGH_VOL_PERCENTILE, 1);
    } else {
      regime = Regime.RANGING;
      conf = ramp(TREND_EFFICIENCY - er, 0, TREND_EFFICIENCY);
    }
    return new RegimeAssessment(regime, conf, er, netReturn, vol, pct, drawdown, window);
  }

  private static double ramp(double x, double at, double full) {
    double f = full > at ? (x - at) / (full - at) : 1;
    return 0.5 + 0.5 * Math.max(0, Math.min(1, f));
  }

  // ---------------------------------------------------------------------------------------------------------
  // Anomalies

  /** {@link #detectAnomalies(double[], double[], double[], double[], double[])} on candles. */
  public static List<Anomaly> detectAnomalies(List<Candle> candles) {
    int n = candles.size();
    double[] o = new double[n];
    double[] h = new double[n];
    double[] l = new double[n];
    double[] c = new double[n];
    double[] v = new double[n];
    for (int i = 0; i < n; i++) {
      Candle k = candles.get(i);
      o[i] = k.open();
      h[i] = k.high();
      l[i] = k.low();
      c[i] = k.close();
      v[i] = k.volume();
    }
    return detectAnomalies(o, h, l, c, v);
  }

  /** Close and volume only: no gap or high/low checks. */
  public static List<Anomaly> detectAnomalies(double[] close, double[] volume) {
    return detectAnomalies(null, null, null, close, volume);
  }

  /**
   * Finds, in index order:
   *
   * <ul>
   *   <li>{@link AnomalyType#INVALID_VALUE}: NaN, infinite, zero or negative prices, NaN or negative volume, high
   *       below low. Such bars are skipped by the other rules.
   *   <li>{@link AnomalyType#PRICE_SPIKE}: |log return| above {@link #SPIKE_SIGMAS} robust σ (1.4826 × median
   *       absolute deviation) of the previous valid returns (up to {@link #ANOMALY_WINDOW}, at least 10).
   *   <li>{@link AnomalyType#GAP}: |ln(open / previous close)| above the same bound (needs opens).
   *   <li>{@link AnomalyType#VOLUME_SPIKE}: volume above {@link #VOLUME_SPIKE_RATIO} × the mean of the previous
   *       valid volumes (same window).
   *   <li>{@link AnomalyType#STALE_PRICE}: {@link #STALE_BARS} or more identical closes in a row (reported once,
   *       at the run's first bar).
   * </ul>
   *
   * @param open opens, or null
   * @param high highs, or null
   * @param low lows, or null
   * @param close closes
   * @param volume volumes
   * @throws IllegalArgumentException when the non-null arrays differ in length
   */
  public static List<Anomaly> detectAnomalies(
      double[] open, double[] high, double[] low, double[] close, double[] volume) {
    Objects.requireNonNull(close, "close");
    Objects.requireNonNull(volume, "volume");
    int n = close.length;
    for (double[] a : new double[][] {open, high, low, volume}) {
      if (a != null && a.length != n) {
        throw new IllegalArgumentException("all series must have " + n + " bars, got one with " + a.length);
      }
    }
    boolean[] valid = new boolean[n];
    List<Anomaly> out = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      String bad = invalid(open, high, low, close, volume, i);
      valid[i] = bad == null;
      if (bad != null) {
        out.add(new Anomaly(i, AnomalyType.INVALID_VALUE, badValue(open, high, low, close, volume, i), Double.NaN,
            "bar " + i + ": " + bad));
      }
    }
    double[] ret = new double[n];
    java.util.Arrays.fill(ret, Double.NaN);
    for (int i = 1; i < n; i++) {
      if (valid[i] && valid[i - 1]) {
        ret[i] = Math.log(close[i] / close[i - 1]);
      }
    }
    int runStart = 0;
    double[] scratch = new double[ANOMALY_WINDOW];
    for (int i = 0; i < n; i++) {
      if (valid[i]) {
        double sd = trailingSigma(ret, i, scratch);
        if (sd == sd && ret[i] == ret[i]) {
          double bound = Math.max(SPIKE_SIGMAS * sd, 1e-12);
          if (Math.abs(ret[i]) > bound) {
            out.add(new Anomaly(i, AnomalyType.PRICE_SPIKE, ret[i], sd > 0 ? Math.abs(ret[i]) / sd : Double.POSITIVE_INFINITY,
                String.format(Locale.ROOT, "bar %d: log return %.4f is %.1f trailing sigmas (sigma %.5f)", i, ret[i],
                    Math.abs(ret[i]) / sd, sd)));
          }
          if (open != null && valid[i - 1]) {
            double gap = Math.log(open[i] / close[i - 1]);
            if (Math.abs(gap) > bound) {
              out.add(new Anomaly(i, AnomalyType.GAP, gap, sd > 0 ? Math.abs(gap) / sd : Double.POSITIVE_INFINITY,
                  String.format(Locale.ROOT, "bar %d: open %.8g is %.2f%% from the previous close %.8g", i, open[i],
                      100 * (Math.exp(gap) - 1), close[i - 1])));
            }
          }
        }
        double mv = trailingMean(volume, valid, i);
        if (mv > 0 && volume[i] > VOLUME_SPIKE_RATIO * mv) {
          out.add(new Anomaly(i, AnomalyType.VOLUME_SPIKE, volume[i], volume[i] / mv,
              String.format(Locale.ROOT, "bar %d: volume %.6g is %.1fx the trailing mean %.6g", i, volume[i],
                  volume[i] / mv, mv)));
        }
      }
      boolean same = i > 0 && valid[i] && valid[i - 1] && close[i] == close[i - 1];
      if (!same) {
        runStart = i;
      } else if (i - runStart + 1 == STALE_BARS) {
        out.add(new Anomaly(runStart, AnomalyType.STALE_PRICE, close[i], STALE_BARS,
            String.format(Locale.ROOT, "bars %d..: close stuck at %.8g for at least %d bars", runStart, close[i],
                STALE_BARS)));
      }
    }
    out.sort((a, b) -> Integer.compare(a.index(), b.index()));
    return out;
  }

  private static String invalid(double[] o, double[] h, double[] l, double[] c, double[] v, int i) {
    if (!(c[i] > 0) || Double.isInfinite(c[i])) {
      return "close is " + c[i];
    }
    if (o != null && (!(o[i] > 0) || Double.isInfinite(o[i]))) {
      return "open is " + o[i];
    }
    if (h != null && (!(h[i] > 0) || Double.isInfinite(h[i]))) {
      return "high is " + h[i];
    }
    if (l != null && (!(l[i] > 0) || Double.isInfinite(l[i]))) {
      return "low is " + l[i];
    }
    if (!(v[i] >= 0) || Double.isInfinite(v[i])) {
      return "volume is " + v[i];
    }
    if (h != null && l != null && h[i] < l[i]) {
      return "high " + h[i] + " is below low " + l[i];
    }
    return null;
  }

  private static double badValue(double[] o, double[] h, double[] l, double[] c, double[] v, int i) {
    if (!(c[i] > 0) || Double.isInfinite(c[i])) {
      return c[i];
    }
    if (o != null && (!(o[i] > 0) || Double.isInfinite(o[i]))) {
      return o[i];
    }
    if (h != null && (!(h[i] > 0) || Double.isInfinite(h[i]))) {
      return h[i];
    }
    if (l != null && (!(l[i] > 0) || Double.isInfinite(l[i]))) {
      return l[i];
    }
    return h != null && l != null && h[i] < l[i] && v[i] >= 0 ? h[i] : v[i];
  }

  /**
   * Robust σ of the previous valid returns: 1.4826 × the median absolute deviation, so one spike does not hide the
   * next anomaly for a whole window; the plain σ when more than half the returns are identical (MAD = 0).
   */
  private static double trailingSigma(double[] ret, int i, double[] scratch) {
    int k = 0;
    double s = 0;
    double s2 = 0;
    for (int j = i - 1; j >= Math.max(0, i - ANOMALY_WINDOW); j--) {
      double r = ret[j];
      if (r == r) {
        scratch[k++] = r;
        s += r;
        s2 += r * r;
      }
    }
    if (k < MIN_TRAILING) {
      return Double.NaN;
    }
    java.util.Arrays.sort(scratch, 0, k);
    double med = median(scratch, k);
    for (int j = 0; j < k; j++) {
      scratch[j] = Math.abs(scratch[j] - med);
    }
    java.util.Arrays.sort(scratch, 0, k);
    double mad = 1.4826 * median(scratch, k);
    if (mad > 0) {
      return mad;
    }
    double m = s / k;
    return Math.sqrt(Math.max(0, s2 / k - m * m));
  }

  private static double median(double[] sorted, int k) {
    return (k & 1) == 1 ? sorted[k / 2] : 0.5 * (sorted[k / 2 - 1] + sorted[k / 2]);
  }

  private static double trailingMean(double[] v, boolean[] valid, int i) {
    double s = 0;
    int k = 0;
    for (int j = i - 1; j >= Math.max(0, i - ANOMALY_WINDOW); j--) {
      if (valid[j]) {
        s += v[j];
        k++;
      }
    }
    return k < MIN_TRAILING ? Double.NaN : s / k;
  }

  // ---------------------------------------------------------------------------------------------------------
  // Slippage

  /**
   * Walks the book for a market order worth {@code quoteAmount} of quote currency: a BUY spends it on the asks
   * from the best up, a SELL sells base worth it on the bids from the best down. Exact decimal arithmetic
   * (DECIMAL64) for the walk; the basis points are doubles.
   *
   * @throws IllegalArgumentException {@code quoteAmount <= 0}
   */
  public static SlippageEstimate estimateSlippage(OrderBook book, Side side, BigDecimal quoteAmount) {
    Objects.requireNonNull(book, "book");
    Objects.requireNonNull(side, "side");
    Objects.requireNonNull(quoteAmount, "quoteAmount");
    if (quoteAmount.signum() <= 0) {
      throw new IllegalArgumentException("quoteAmount must be > 0, got " + quoteAmount);
    }
    MathContext mc = MathContext.DECIMAL64;
    List<BookLevel> levels = side == Side.BUY ? book.asks() : book.bids();
    BigDecimal remaining = quoteAmount;
    BigDecimal quote = BigDecimal.ZERO;
    BigDecimal base = BigDecimal.ZERO;
    BigDecimal worst = null;
    int used = 0;
    for (BookLevel level : levels) {
      if (remaining.signum() <= 0) {
        break;
      }
      BigDecimal price = level.price();
      if (price.signum() <= 0 || level.quantity().signum() <= 0) {
        continue;
      }
      BigDecimal levelQuote = price.multiply(level.quantity(), mc);
      BigDecimal take = levelQuote.min(remaining);
      base = base.add(take.compareTo(levelQuote) == 0 ? level.quantity() : take.divide(price, mc), mc);
      quote = quote.add(take, mc);
      remaining = remaining.subtract(take, mc);
      worst = price;
      used++;
    }
    boolean absorbed = remaining.signum() <= 0;
    BigDecimal avg = base.signum() > 0 ? quote.divide(base, mc) : null;
    double bpsBest = Double.NaN;
    double bpsMid = Double.NaN;
    if (avg != null) {
      double a = avg.doubleValue();
      double best = levels.get(0).price().doubleValue();
      double sign = side == Side.BUY ? 1 : -1;
      bpsBest = sign * (a - best) / best * 1e4;
      double mid = book.mid();
      if (mid == mid && mid > 0) {
        bpsMid = sign * (a - mid) / mid * 1e4;
      }
    }
    return new SlippageEstimate(
        book.symbol(), side, quoteAmount, quote, base, avg, worst, bpsBest, bpsMid, used, absorbed);
  }
}
