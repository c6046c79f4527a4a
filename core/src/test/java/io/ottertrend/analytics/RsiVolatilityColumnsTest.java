package io.ottertrend.analytics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class RsiVolatilityColumnsTest {
  private static final long SEED = 20_251_125;

  /**
   * Side by side with the CrossSection it stands in for, on random universes, periods and closes (walks with
   * jumps, flat stretches, zeros, NaN and infinities): RSI equal bit for bit to the same backend's, σ equal bit
   * for bit to the scalar backend's, every bar.
   */
  @Test
  void equalsCrossSectionBitForBitOnRandomCases() {
    SplittableRandom r = new SplittableRandom(SEED);
    int compared = 0;
    for (int c = 0; c < 300; c++) {
      int symbols = 1 + r.nextInt(40);
      CrossSectionConfig config = new CrossSectionConfig(1 + r.nextInt(25), 1 + r.nextInt(20), 1 + r.nextInt(25),
          1 + r.nextInt(30), 1 + r.nextInt(60));
      compared += compare(r, symbols, config, 1 + r.nextInt(300), "case " + c);
    }
    // Past two exact re-summations of the running sums.
    compared += compare(r, 19, new CrossSectionConfig(20, 14, 14, 20, 60), 9000, "long run");
    assertThat(compared).isGreaterThan(1_000_000);
  }

  private static int compare(SplittableRandom r, int symbols, CrossSectionConfig config, int bars, String what) {
    boolean[] backends = {false, Indicators.VECTOR};
    int compared = 0;
    for (boolean vector : backends) {
      CrossSection cross = new CrossSection(symbols, config, vector);
      CrossSection scalar = new CrossSection(symbols, config, false);
      RsiVolatilityColumns columns = new RsiVolatilityColumns(symbols, config.rsiPeriod(), config.volatilityWindow(),
          vector ? RsiVolatilityColumns.wholeVectorLanes(symbols) : 0);
      double[] close = new double[symbols];
      double[] price = new double[symbols];
      java.util.Arrays.fill(price, 100);
      double[] expected = new double[symbols];
      double[] actual = new double[symbols];
      for (int t = 0; t < bars; t++) {
        nextCloses(r, price, close);
        cross.update(close, close, close, close);
        scalar.update(close, close, close, close);
        columns.update(close);
        cross.rsiInto(expected);
        columns.rsiInto(actual);
        assertBitsEqual(expected, actual, what + " vector=" + vector + " bar " + t + " rsi");
        scalar.volatilityInto(expected);
        columns.volatilityInto(actual);
        assertBitsEqual(expected, actual, what + " vector=" + vector + " bar " + t + " volatility");
        compared += 2 * symbols;
      }
      assertEquals(bars, columns.bars());
    }
    return compared;
  }

  /** A random walk per symbol; now and then a jump, an unchanged price, or a zero, NaN or infinite close. */
  private static void nextCloses(SplittableRandom r, double[] price, double[] close) {
    for (int i = 0; i < price.length; i++) {
      int event = r.nextInt(400);
      if (event < 60) {
        close[i] = price[i]; // flat: gains and losses of 0, RSI 50 after a flat window
        continue;
      }
      price[i] *= Math.exp(0.02 * r.nextGaussian()) * (event < 64 ? 1.3 : 1);
      close[i] = switch (event) {
        case 64 -> 0;
        case 65 -> Double.NaN;
        case 66 -> Double.POSITIVE_INFINITY;
        default -> price[i];
      };
    }
  }

  private static void assertBitsEqual(double[] expected, double[] actual, String what) {
    for (int i = 0; i < expected.length; i++) {
      if (Double.doubleToLongBits(expected[i]) != Double.doubleToLongBits(actual[i])) {
        throw new AssertionError(what + " symbol " + i + ": expected " + expected[i] + " but was " + actual[i]);
      }
    }
  }

  @Test
  void warmUpReadsNaNAndWrongLengthsAreRejected() {
    RsiVolatilityColumns columns = new RsiVolatilityColumns(3, 2, 3);
    double[] out = new double[3];
    for (int t = 0; t < 3; t++) {
      columns.rsiInto(out);
      assertThat(out).as("rsi after %d bars", t).containsOnly(Double.NaN);
      columns.update(new double[] {10 + t, 20, 30 - t});
    }
    columns.rsiInto(out);
    assertThat(out).containsExactly(100, 50, 0);
    columns.volatilityInto(out);
    assertThat(out).containsOnly(Double.NaN); // 3 bars: only 2 returns of the window of 3
    columns.update(new double[] {13, 20, 27});
    columns.volatilityInto(out);
    assertThat(out[1]).isZero();
    assertThat(out[0]).isPositive();
    assertThat(columns.symbols()).isEqualTo(3);
    assertThatThrownBy(() -> columns.update(new double[2])).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> columns.rsiInto(new double[4])).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new RsiVolatilityColumns(0, 14, 20)).isInstanceOf(IllegalArgumentException.class);
  }
}
