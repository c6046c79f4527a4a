package io.ottertrend.analytics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.data.Offset.offset;

import io.ottertrend.model.BookLevel;
import io.ottertrend.model.Candle;
import io.ottertrend.model.OrderBook;
import io.ottertrend.model.Side;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class AnalyticsTest {

  // ---- volatility --------------------------------------------------------------------------------------

  static double[] simulateGarch(long seed, int n, double omega, double alpha, double beta) {
    SplittableRandom r = new SplittableRandom(seed);
    double[] x = new double[n];
    double s2 = omega / (1 - alpha - beta);
    double prev = 0;
    for (int i = 0; i < n + 500; i++) {
      s2 = omega + alpha * prev * prev + beta * s2;
      prev = Math.sqrt(s2) * r.nextGaussian();
      if (i >= 500) { // burn-in
        x[i - 500] = prev;
      }
    }
    return x;
  }

  @Test
  void garchRecoversSimulatedParameters() {
    long seed = 31337;
    double[] r = simulateGarch(seed, 6000, 2e-6, 0.08, 0.90);
    VolatilityForecast f = Analytics.forecastVolatility(r, 10);
    String ctx = "seed=" + seed + " " + f;
    assertThat(f.garchConverged()).as(ctx).isTrue();
    assertThat(f.model()).isEqualTo("garch");
    assertThat(f.alpha()).as(ctx).isCloseTo(0.08, offset(0.03));
    assertThat(f.beta()).as(ctx).isCloseTo(0.90, offset(0.04));
    assertThat(f.alpha() + f.beta()).as(ctx).isCloseTo(0.98, offset(0.015));
    assertThat(f.longRunVolatility()).as(ctx).isCloseTo(0.01, offset(0.003));
    assertThat(f.path()).hasSize(10);
    assertThat(f.path()[0]).isEqualTo(f.oneStepVolatility());
    double sum = 0;
    for (double p : f.path()) {
      sum += p * p;
    }
    assertThat(f.horizonVolatility()).isCloseTo(Math.sqrt(sum), offset(1e-15));
    // The path moves monotonically from the one-step value towards the long-run level.
    double gap0 = Math.abs(f.path()[0] - f.longRunVolatility());
    double gap9 = Math.abs(f.path()[9] - f.longRunVolatility());
    assertThat(gap9).isLessThanOrEqualTo(gap0);
    assertThat(f.logLikelihood()).isFinite();
    assertThat(f.observations()).isEqualTo(6000);
  }

  @Test
  void shortSeriesFallBackToEwma() {
    double[] r = {0.01, -0.01, 0.02, -0.02, 0.0, 0.01};
    VolatilityForecast f = Analytics.forecastVolatility(r, 3);
    assertThat(f.model()).isEqualTo("ewma");
    assertThat(f.garchConverged()).isFalse();
    assertThat(f.alpha()).isNaN();
    assertThat(f.path()).containsOnly(f.ewmaVolatility());
    assertThat(f.horizonVolatility()).isCloseTo(f.ewmaVolatility() * Math.sqrt(3), offset(1e-15));
    // EWMA by hand: seeded with the population variance of the demeaned returns.
    double mean = 0.01 / 6;
    double var = 0;
    for (double x : r) {
      var += (x - mean) * (x - mean);
    }
    double ew = var / 6;
    for (double x : r) {
      ew = 0.94 * ew + 0.06 * (x - mean) * (x - mean);
    }
    assertThat(f.ewmaVolatility()).isCloseTo(Math.sqrt(ew), offset(1e-15));
  }

  @Test
  void volatilityRejectsBadInput() {
    assertThatThrownBy(() -> Analytics.forecastVolatility(new double[] {0.1, Double.NaN, 0.2}, 1))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("return 1 is NaN");
    assertThatThrownBy(() -> Analytics.forecastVolatility(new double[] {0.1}, 1))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> Analytics.forecastVolatility(new double[] {0.1, 0.2}, 0))
        .isInstanceOf(IllegalArgumentException.class);
  }

  // ---- regime ------------------------------------------------------------------------------------------

  static double[] noisy(long seed, int n, double drift, double noise) {
    SplittableRandom r = new SplittableRandom(seed);
    double[] x = new double[n];
    double p = 100;
    for (int i = 0; i < n; i++) {
      p *= Math.exp(drift + noise * r.nextGaussian());
      x[i] = p;
    }
    return x;
  }

  static double[] meanReverting(long seed, int n, double noise) {
    SplittableRandom r = new SplittableRandom(seed);
    double[] x = new double[n];
    for (int i = 0; i < n; i++) {
      x[i] = 100 * (1 + noise * r.nextGaussian());
    }
    return x;
  }

  @Test
  void regimesOnConstructedSeries() {
    RegimeAssessment up = Analytics.detectRegime(noisy(1, 300, 0.004, 0.002));
    assertThat(up.regime()).as(up.toString()).isEqualTo(Regime.TRENDING_UP);
    assertThat(up.efficiencyRatio()).isGreaterThan(0.5);
    assertThat(up.confidence()).isGreaterThan(0.5);

    RegimeAssessment down = Analytics.detectRegime(noisy(2, 300, -0.001, 0.0005));
    assertThat(down.regime()).as(down.toString()).isEqualTo(Regime.TRENDING_DOWN);
    assertThat(down.drawdown()).isLessThan(0.15);

    RegimeAssessment ranging = Analytics.detectRegime(meanReverting(3, 300, 0.005));
    assertThat(ranging.regime()).as(ranging.toString()).isEqualTo(Regime.RANGING);

    double[] calmThenWild = meanReverting(4, 400, 0.002);
    double[] wild = meanReverting(5, 60, 0.03);
    System.arraycopy(wild, 0, calmThenWild, 340, 60);
    RegimeAssessment hv = Analytics.detectRegime(calmThenWild);
    assertThat(hv.regime()).as(hv.toString()).isEqualTo(Regime.HIGH_VOLATILITY);
    assertThat(hv.volatilityPercentile()).isGreaterThanOrEqualTo(0.9);

    double[] crash = meanReverting(6, 300, 0.002);
    for (int i = 290; i < 300; i++) {
      crash[i] = crash[289] * Math.pow(0.97, i - 289);
    }
    RegimeAssessment c = Analytics.detectRegime(crash);
    assertThat(c.regime()).as(c.toString()).isEqualTo(Regime.CRASH);
    assertThat(c.drawdown()).isCloseTo(1 - Math.pow(0.97, 10) * crash[289] / max(crash, 249, 300), offset(1e-9));
    assertThat(c.netReturn()).isLessThan(-0.2);
    assertThat(c.confidence()).isBetween(0.5, 1.0);
    assertThat(c.window()).isEqualTo(50);
  }

  static double max(double[] x, int from, int to) {
    double m = 0;
    for (int i = from; i < to; i++) {
      m = Math.max(m, x[i]);
    }
    return m;
  }

  @Test
  void regimeRejectsBadInput() {
    assertThatThrownBy(() -> Analytics.detectRegime(new double[10], 20))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("window + 1");
    assertThatThrownBy(() -> Analytics.detectRegime(new double[10], 1)).isInstanceOf(IllegalArgumentException.class);
    double[] x = Series.walk(9, 60, 0.01);
    x[55] = -1;
    assertThatThrownBy(() -> Analytics.detectRegime(x)).isInstanceOf(IllegalArgumentException.class);
    // Exactly window + 1 bars: one σ value, percentile reported as the median.
    RegimeAssessment r = Analytics.detectRegime(Series.flat(51, 100));
    assertThat(r.regime()).isEqualTo(Regime.RANGING);
    assertThat(r.volatilityPercentile()).isEqualTo(0.5);
    assertThat(r.efficiencyRatio()).isZero();
  }

  // ---- anomalies ---------------------------------------------------------------------------------------

  @Test
  void anomaliesOnConstructedBars() {
    int n = 220;
    double[] c = noisy(11, n, 0, 0.002);
    double[] o = new double[n];
    double[] h = new double[n];
    double[] l = new double[n];
    double[] v = new double[n];
    SplittableRandom r = new SplittableRandom(12);
    for (int i = 0; i < n; i++) {
      o[i] = i == 0 ? c[0] : c[i - 1];
      h[i] = Math.max(o[i], c[i]) * 1.001;
      l[i] = Math.min(o[i], c[i]) * 0.999;
      v[i] = r.nextDouble(90, 110);
    }
    c[60] = Double.NaN;
    v[80] = 2000;
    v[90] = -1;
    h[100] = l[100] * 0.99;
    c[120] = c[119] * 1.2;
    o[121] = c[120];
    o[150] = c[149] * 1.05;
    h[150] = Math.max(h[150], o[150]);
    for (int i = 170; i < 185; i++) {
      c[i] = c[169];
      o[i] = c[169];
      h[i] = c[169];
      l[i] = c[169];
    }
    List<Anomaly> found = Analytics.detectAnomalies(o, h, l, c, v);
    assertThat(found).extracting(Anomaly::index).isSorted();
    assertThat(has(found, 60, AnomalyType.INVALID_VALUE)).as(found.toString()).isTrue();
    assertThat(has(found, 80, AnomalyType.VOLUME_SPIKE)).as(found.toString()).isTrue();
    assertThat(has(found, 90, AnomalyType.INVALID_VALUE)).as(found.toString()).isTrue();
    assertThat(has(found, 100, AnomalyType.INVALID_VALUE)).as(found.toString()).isTrue();
    assertThat(has(found, 120, AnomalyType.PRICE_SPIKE)).as(found.toString()).isTrue();
    assertThat(has(found, 150, AnomalyType.GAP)).as(found.toString()).isTrue();
    assertThat(has(found, 169, AnomalyType.STALE_PRICE)).as(found.toString()).isTrue();
    assertThat(found.stream().filter(a -> a.type() == AnomalyType.STALE_PRICE)).hasSize(1);
    // Nothing else is flagged in the quiet stretches; bar 185, where the stale price catches up 16 bars of moves
    // at once, may be (it is a real jump).
    assertThat(found).allMatch(a -> a.index() >= 60 && a.index() <= 185, found.toString());
    assertThat(found).noneMatch(a -> a.index() > 169 && a.index() < 185);
    assertThat(found).allMatch(a -> !a.explanation().isBlank());

    List<Candle> candles = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      candles.add(new Candle(i * 60_000L, o[i], h[i], l[i], c[i], v[i], i * 60_000L + 59_999, v[i] * c[i]));
    }
    assertThat(Analytics.detectAnomalies(candles)).isEqualTo(found);
    List<Anomaly> closeOnly = Analytics.detectAnomalies(c, v);
    assertThat(closeOnly).noneMatch(a -> a.type() == AnomalyType.GAP);
    assertThat(has(closeOnly, 120, AnomalyType.PRICE_SPIKE)).isTrue();
  }

  static boolean has(List<Anomaly> a, int index, AnomalyType type) {
    return a.stream().anyMatch(x -> x.index() == index && x.type() == type);
  }

  @Test
  void anomaliesRejectMismatchedLengths() {
    assertThatThrownBy(() -> Analytics.detectAnomalies(new double[3], new double[4]))
        .isInstanceOf(IllegalArgumentException.class);
    assertThat(Analytics.detectAnomalies(new double[] {0, 1}, new double[] {1, 1}))
        .extracting(Anomaly::type)
        .containsExactly(AnomalyType.INVALID_VALUE);
  }

  // ---- slippage ----------------------------------------------------------------------------------------

  static final OrderBook BOOK =
      new OrderBook(
          "BTCUSDT",
          List.of(BookLevel.of("99", "1"), BookLevel.of("98", "2")),
          List.of(BookLevel.of("100", "1"), BookLevel.of("101", "2"), BookLevel.of("102", "5")),
          0);

  @Test
  void buyWalksTheAsks() {
    SlippageEstimate e = Analytics.estimateSlippage(BOOK, Side.BUY, new BigDecimal("250"));
    double base = 1 + 150.0 / 101;
    assertThat(e.canAbsorb()).isTrue();
    assertThat(e.levelsUsed()).isEqualTo(2);
    assertThat(e.filledQuote()).isEqualByComparingTo("250");
    assertThat(e.filledBase().doubleValue()).isCloseTo(base, offset(1e-12));
    assertThat(e.averagePrice().doubleValue()).isCloseTo(250 / base, offset(1e-12));
    assertThat(e.worstPrice()).isEqualByComparingTo("101");
    assertThat(e.slippageBpsVsBest()).isCloseTo((250 / base - 100) / 100 * 1e4, offset(1e-6));
    assertThat(e.slippageBpsVsMid()).isCloseTo((250 / base - 99.5) / 99.5 * 1e4, offset(1e-6));
    assertThat(e.symbol()).isEqualTo("BTCUSDT");
  }

  @Test
  void sellAtTheTopLevelHasNoSlippageAgainstBest() {
    SlippageEstimate e = Analytics.estimateSlippage(BOOK, Side.SELL, new BigDecimal("99"));
    assertThat(e.levelsUsed()).isEqualTo(1);
    assertThat(e.averagePrice()).isEqualByComparingTo("99");
    assertThat(e.slippageBpsVsBest()).isZero();
    assertThat(e.slippageBpsVsMid()).isCloseTo(0.5 / 99.5 * 1e4, offset(1e-9));
    assertThat(e.filledBase()).isEqualByComparingTo("1");
  }

  @Test
  void tooBigForTheBook() {
    SlippageEstimate e = Analytics.estimateSlippage(BOOK, Side.BUY, new BigDecimal("10000"));
    assertThat(e.canAbsorb()).isFalse();
    assertThat(e.filledQuote()).isEqualByComparingTo("812");
    assertThat(e.filledBase()).isEqualByComparingTo("8");
    assertThat(e.levelsUsed()).isEqualTo(3);
    assertThat(e.worstPrice()).isEqualByComparingTo("102");
  }

  @Test
  void emptySideAndBadAmount() {
    OrderBook empty = new OrderBook("X", List.of(), List.of(), 0);
    SlippageEstimate e = Analytics.estimateSlippage(empty, Side.BUY, BigDecimal.TEN);
    assertThat(e.canAbsorb()).isFalse();
    assertThat(e.averagePrice()).isNull();
    assertThat(e.slippageBpsVsBest()).isNaN();
    assertThat(e.levelsUsed()).isZero();
    assertThatThrownBy(() -> Analytics.estimateSlippage(BOOK, Side.BUY, BigDecimal.ZERO))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
