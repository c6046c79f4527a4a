package io.ottertrend.analytics;

import static io.ottertrend.analytics.Series.assertClose;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.data.Offset.offset;

import io.ottertrend.analytics.internal.ScalarKernels;
import org.junit.jupiter.api.Test;

class IndicatorsTest {
  static final long SEED = 99;
  final double[] x = Series.walk(SEED, 500, 0.01);

  @Test
  void facadeEqualsScalarTwins() {
    double[] e = new double[x.length];
    ScalarKernels.sma(x, 20, e);
    assertClose(e, Indicators.sma(x, 20), 1e-9, 0, "sma seed=" + SEED);
    assertClose(e, Indicators.rollingMean(x, 20), 1e-9, 0, "mean seed=" + SEED);
    ScalarKernels.ema(x, 20, e);
    assertClose(e, Indicators.ema(x, 20), 1e-9, 0, "ema seed=" + SEED);
    ScalarKernels.rsi(x, 14, e);
    assertClose(e, Indicators.rsi(x, 14), 1e-9, 1e-10, "rsi seed=" + SEED);
    double[][] hl = Series.highLow(SEED, x);
    ScalarKernels.atr(hl[0], hl[1], x, 14, e);
    assertClose(e, Indicators.atr(hl[0], hl[1], x, 14), 1e-9, 0, "atr seed=" + SEED);
    ScalarKernels.rollingStd(x, 20, e);
    assertClose(e, Indicators.rollingStd(x, 20), 1e-9, 0, "std seed=" + SEED);
    ScalarKernels.rollingExtreme(x, 20, true, e);
    assertClose(e, Indicators.rollingMax(x, 20), 0, 0, "max seed=" + SEED);
    ScalarKernels.rollingExtreme(x, 20, false, e);
    assertClose(e, Indicators.rollingMin(x, 20), 0, 0, "min seed=" + SEED);
    ScalarKernels.rollingZScore(x, 20, new double[x.length], new double[x.length], e);
    assertClose(e, Indicators.rollingZScore(x, 20), 1e-8, 1e-9, "z seed=" + SEED);
    ScalarKernels.logReturns(x, e, 0, x.length);
    assertClose(e, Indicators.logReturns(x), 1e-9, 1e-15, "returns seed=" + SEED);
  }

  @Test
  void lookbacksMatchTheFirstValue() {
    assertThat(Indicators.smaLookback(20)).isEqualTo(19);
    assertThat(Indicators.emaLookback(20)).isEqualTo(19);
    assertThat(Indicators.rsiLookback(14)).isEqualTo(14);
    assertThat(Indicators.atrLookback(14)).isEqualTo(14);
    assertThat(Indicators.realizedVolatilityLookback(20)).isEqualTo(20);
    double[] rsi = Indicators.rsi(x, 14);
    assertThat(rsi[13]).isNaN();
    assertThat(rsi[14]).isBetween(0.0, 100.0);
    double[] rv = Indicators.realizedVolatility(x, 20, 365);
    assertThat(rv[19]).isNaN();
    assertThat(rv[20]).isPositive();
    double[] r = Indicators.logReturns(java.util.Arrays.copyOfRange(x, 0, 21));
    double sd = ScalarKernels.stdDirect(r, 20, 20);
    assertThat(rv[20]).isCloseTo(sd * Math.sqrt(365), offset(1e-12));
  }

  @Test
  void knownValues() {
    double[] y = {1, 2, 3, 4, 5};
    assertThat(Indicators.sma(y, 2)).containsExactly(Double.NaN, 1.5, 2.5, 3.5, 4.5);
    assertThat(Indicators.ema(y, 3)).containsExactly(Double.NaN, Double.NaN, 2, 3, 4);
    assertThat(Indicators.rollingMax(y, 3)).containsExactly(Double.NaN, Double.NaN, 3, 4, 5);
    assertThat(Indicators.rollingMin(y, 3)).containsExactly(Double.NaN, Double.NaN, 1, 2, 3);
    assertThat(Indicators.rollingStd(y, 2)[1]).isEqualTo(0.5);
    assertThat(Indicators.rsi(y, 2)).containsExactly(Double.NaN, Double.NaN, 100, 100, 100);
    assertThat(Indicators.rollingZScore(y, 2)[4]).isCloseTo(1, offset(1e-15));
    BollingerBands bb = Indicators.bollinger(y, 2, 2);
    assertThat(bb.upper()[1]).isEqualTo(2.5);
    assertThat(bb.lower()[1]).isEqualTo(0.5);
    assertThat(bb.period()).isEqualTo(2);
    assertThat(Indicators.logReturns(new double[] {1, Math.E, 0, 2, -1}))
        .containsExactly(Double.NaN, 1, Double.NaN, Double.NaN, Double.NaN);
  }

  @Test
  void nanInsideAWindowNeverGivesANumberFromAPartialWindow() {
    double[] y = {1, 2, Double.NaN, 4, 5, 6, 7};
    assertThat(Indicators.sma(y, 2)).containsExactly(Double.NaN, 1.5, Double.NaN, Double.NaN, 4.5, 5.5, 6.5);
    assertThat(Indicators.rollingStd(y, 2)[3]).isNaN();
    assertThat(Indicators.rollingStd(y, 2)[4]).isEqualTo(0.5);
    assertThat(Indicators.rollingMax(y, 2)[3]).isNaN();
    assertThat(Indicators.rollingMax(y, 2)[4]).isEqualTo(5);
    double[] ema = Indicators.ema(y, 2);
    assertThat(ema[1]).isEqualTo(1.5);
    assertThat(java.util.Arrays.copyOfRange(ema, 2, 7)).containsOnly(Double.NaN);
  }

  @Test
  void tooShortGivesAllNaN() {
    double[] y = {1, 2, 3};
    assertThat(Indicators.sma(y, 5)).containsOnly(Double.NaN);
    assertThat(Indicators.ema(y, 5)).containsOnly(Double.NaN);
    assertThat(Indicators.rsi(y, 3)).containsOnly(Double.NaN);
    assertThat(Indicators.atr(y, y, y, 3)).containsOnly(Double.NaN);
    assertThat(Indicators.rollingStd(y, 5)).containsOnly(Double.NaN);
    assertThat(Indicators.rollingMin(y, 5)).containsOnly(Double.NaN);
    assertThat(Indicators.sma(new double[0], 5)).isEmpty();
    assertThat(Indicators.realizedVolatility(new double[0], 5, 1)).isEmpty();
  }

  @Test
  void badArgumentsThrow() {
    double[] y = {1, 2, 3};
    assertThatThrownBy(() -> Indicators.sma(y, 0)).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("period must be >= 1");
    assertThatThrownBy(() -> Indicators.atr(y, new double[2], y, 2)).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("same length");
    assertThatThrownBy(() -> Indicators.bollinger(y, 2, -1)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> Indicators.bollinger(y, 2, Double.NaN)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> Indicators.realizedVolatility(y, 2, 0)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> Indicators.sma(null, 2)).isInstanceOf(NullPointerException.class);
  }

  @Test
  void vectorizationInfoIsConsistent() {
    VectorizationInfo info = Vectorization.info();
    assertThat(info.backend()).isIn("vector", "scalar");
    assertThat(Vectorization.useVector()).isEqualTo(info.backend().equals("vector"));
    assertThat(Indicators.VECTOR).isEqualTo(Vectorization.useVector());
    assertThat(info.reason()).isNotBlank();
    if (info.moduleReadable()) {
      assertThat(info.doubleLanes() * 64).isEqualTo(info.vectorBitSize());
    }
  }
}
