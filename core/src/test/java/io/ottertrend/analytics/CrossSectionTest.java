package io.ottertrend.analytics;

import static io.ottertrend.analytics.Series.assertClose;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.ottertrend.analytics.internal.ScalarKernels;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class CrossSectionTest {
  static final long SEED = 424242;
  static final int S = 37;
  static final int T = 400;
  static final CrossSectionConfig CFG = new CrossSectionConfig(10, 14, 7, 20, 48);

  final double[][] close = new double[S][];
  final double[][] high = new double[S][];
  final double[][] low = new double[S][];
  final double[][] volume = new double[S][];

  CrossSectionTest() {
    SplittableRandom r = new SplittableRandom(SEED);
    for (int s = 0; s < S; s++) {
      close[s] = Series.gapped(SEED + s, T);
      double[][] hl = Series.highLow(SEED + s, close[s]);
      high[s] = hl[0];
      low[s] = hl[1];
      volume[s] = new double[T];
      for (int t = 0; t < T; t++) {
        volume[s][t] = r.nextDouble(10, 1000);
      }
    }
  }

  double[] bar(double[][] x, int t) {
    double[] b = new double[S];
    for (int s = 0; s < S; s++) {
      b[s] = x[s][t];
    }
    return b;
  }

  @Test
  void incrementalUpdatesEqualTheAlongTimeIndicatorsForBothBackends() {
    for (boolean vector : new boolean[] {false, Indicators.VECTOR}) {
      CrossSection cs = new CrossSection(S, CFG, vector);
      double[][] exp = new double[6][];
      double[] out = new double[S];
      double[][] ema = new double[S][T];
      double[][] rsi = new double[S][T];
      double[][] atr = new double[S][T];
      double[][] vol = new double[S][];
      for (int s = 0; s < S; s++) {
        ScalarKernels.ema(close[s], CFG.emaPeriod(), ema[s]);
        ScalarKernels.rsi(close[s], CFG.rsiPeriod(), rsi[s]);
        ScalarKernels.atr(high[s], low[s], close[s], CFG.atrPeriod(), atr[s]);
        vol[s] = Indicators.realizedVolatility(close[s], CFG.volatilityWindow(), 1);
      }
      for (int t = 0; t < T; t++) {
        cs.update(bar(high, t), bar(low, t), bar(close, t), bar(volume, t));
        String ctx = "vector=" + vector + " bar " + t + " seed=" + SEED;
        int tt = t;
        exp[0] = column(ema, t);
        cs.emaInto(out);
        assertClose(exp[0], out, 1e-9, 1e-12, "ema " + ctx);
        cs.rsiInto(out);
        assertClose(column(rsi, t), out, 1e-9, 1e-10, "rsi " + ctx);
        cs.atrInto(out);
        assertClose(column(atr, t), out, 1e-9, 1e-12, "atr " + ctx);
        cs.volatilityInto(out);
        assertClose(column(vol, t), out, 1e-7, 1e-12, "vol " + ctx);
        int h = CFG.changeBars();
        double[] ch = new double[S];
        double[] wv = new double[S];
        for (int s = 0; s < S; s++) {
          ch[s] = tt >= h ? close[s][tt] / close[s][tt - h] - 1 : Double.NaN;
          double sum = 0;
          for (int k = Math.max(0, tt - h + 1); k <= tt; k++) {
            sum += volume[s][k];
          }
          wv[s] = tt >= h - 1 ? sum : Double.NaN;
        }
        cs.changeInto(out);
        assertClose(ch, out, 1e-12, 1e-15, "change " + ctx);
        cs.windowVolumeInto(out);
        assertClose(wv, out, 1e-9, 0, "window volume " + ctx);
      }
      assertThat(cs.bars()).isEqualTo(T);
      assertThat(cs.symbols()).isEqualTo(S);
      assertThat(cs.config()).isEqualTo(CFG);
    }
  }

  static double[] column(double[][] x, int t) {
    double[] c = new double[x.length];
    for (int s = 0; s < x.length; s++) {
      c[s] = x[s][t];
    }
    return c;
  }

  @Test
  void vectorAndScalarStatesAgreeIncludingRanksAndZScores() {
    CrossSection v = new CrossSection(S, CFG, true);
    CrossSection sc = new CrossSection(S, CFG, false);
    for (int t = 0; t < T; t++) {
      v.update(bar(high, t), bar(low, t), bar(close, t), bar(volume, t));
      sc.update(bar(high, t), bar(low, t), bar(close, t), bar(volume, t));
    }
    double[] a = new double[S];
    double[] b = new double[S];
    v.returnZScoresInto(a);
    sc.returnZScoresInto(b);
    assertClose(b, a, 1e-9, 1e-11, "return z seed=" + SEED);
    v.volumeZScoresInto(a);
    sc.volumeZScoresInto(b);
    assertClose(b, a, 1e-9, 1e-11, "volume z seed=" + SEED);
    int[] ra = new int[S];
    int[] rb = new int[S];
    v.changeRanksInto(ra);
    sc.changeRanksInto(rb);
    assertThat(ra).isEqualTo(rb);
    v.volumeRanksInto(ra);
    sc.volumeRanksInto(rb);
    assertThat(ra).isEqualTo(rb);
    int[] top = new int[5];
    assertThat(v.topByVolume(top)).isEqualTo(5);
    v.windowVolumeInto(a);
    for (int k = 0; k < 5; k++) {
      assertThat(ra[top[k]]).isEqualTo(k);
    }
    assertThat(v.topByChange(top)).isEqualTo(5);
    v.changeRanksInto(ra);
    for (int k = 0; k < 5; k++) {
      assertThat(ra[top[k]]).isEqualTo(k);
    }
  }

  @Test
  void warmUpReadsNaN() {
    CrossSection cs = new CrossSection(3, CrossSectionConfig.defaults(), Indicators.VECTOR);
    double[] out = new double[3];
    cs.returnZScoresInto(out);
    assertThat(out).containsOnly(Double.NaN);
    cs.volumeZScoresInto(out);
    assertThat(out).containsOnly(Double.NaN);
    cs.update(new double[] {2, 3, 4}, new double[] {1, 2, 3}, new double[] {1.5, 2.5, 3.5}, new double[] {1, 2, 3});
    java.util.List<java.util.function.Consumer<double[]>> readers =
        java.util.List.of(cs::emaInto, cs::rsiInto, cs::atrInto, cs::volatilityInto, cs::changeInto,
            cs::windowVolumeInto);
    for (java.util.function.Consumer<double[]> r : readers) {
      r.accept(out);
      assertThat(out).containsOnly(Double.NaN);
    }
    cs.volumeZScoresInto(out);
    assertThat(out[2]).isCloseTo(Math.sqrt(1.5), org.assertj.core.data.Offset.offset(1e-12));
  }

  @Test
  void rejectsWrongLengths() {
    CrossSection cs = new CrossSection(4, CrossSectionConfig.defaults());
    double[] ok = new double[4];
    assertThatThrownBy(() -> cs.update(ok, ok, new double[3], ok))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("expected 4 symbols");
    assertThatThrownBy(() -> new CrossSection(0, CrossSectionConfig.defaults()))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new CrossSectionConfig(20, 0, 14, 20, 288)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> CrossSection.zScores(new double[3], new double[2]))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void zScoresSkipNaNAndDegenerate() {
    double[] out = new double[5];
    CrossSection.zScores(new double[] {1, 2, Double.NaN, 3, 2}, out);
    // mean 2, population sigma sqrt(0.5)
    assertThat(out[0]).isCloseTo(-Math.sqrt(2), org.assertj.core.data.Offset.offset(1e-12));
    assertThat(out[2]).isNaN();
    assertThat(out[3]).isCloseTo(Math.sqrt(2), org.assertj.core.data.Offset.offset(1e-12));
    CrossSection.zScores(new double[] {7, 7, 7, 7, 7}, out);
    assertThat(out).containsOnly(Double.NaN);
  }

  @Test
  void rankingOrdersDescendingNaNLastTiesByIndex() {
    double[] key = {3, Double.NaN, 5, 3, -1, 9};
    int[] order = new int[6];
    int[] ranks = new int[6];
    Ranking.ranksDescending(key, order, ranks);
    assertThat(ranks).containsExactly(2, 5, 1, 3, 4, 0);
    int[] top = new int[3];
    assertThat(Ranking.topN(key, top)).isEqualTo(3);
    assertThat(top).containsExactly(5, 2, 0);
    int[] all = new int[10];
    assertThat(Ranking.topN(key, all)).isEqualTo(6);
    assertThat(java.util.Arrays.copyOf(all, 6)).containsExactly(5, 2, 0, 3, 4, 1);
    assertThat(Ranking.topN(key, new int[0])).isZero();
    assertThatThrownBy(() -> Ranking.ranksDescending(key, order, new int[2]))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
