package io.ottertrend.market;

import static org.assertj.core.api.Assertions.assertThat;

import io.ottertrend.model.Decimals;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** The double fast paths of {@link DecimalRounding} give the decimal results exactly, scale included. */
class DecimalRoundingTest {
  private static final BigDecimal[] STEPS = {Decimals.incrementForDecimals(0), Decimals.incrementForDecimals(2),
      Decimals.incrementForDecimals(5), Decimals.incrementForDecimals(8), Decimals.incrementForDecimals(10),
      new BigDecimal("0.00100"), new BigDecimal("0.5"), new BigDecimal("25")};

  /** Random magnitudes, values on a step, halves of a cent, and their neighbouring doubles. */
  private static double[] values(SplittableRandom rnd, int decimals) {
    double onStep = rnd.nextLong(1, 10_000_000) / Math.pow(10, Math.max(0, decimals));
    double half = (rnd.nextLong(0, 100_000_000) + 0.5) / 100;
    return new double[] {Math.exp(rnd.nextDouble(-25, 35)), rnd.nextDouble() * 1000, onStep, Math.nextUp(onStep),
        Math.nextDown(onStep), half, Math.nextUp(half), Math.nextDown(half), 0.0, 0.3, 1e17};
  }

  @Test
  void floorsAndCeilingsEqualTheDecimalRule() {
    SplittableRandom rnd = new SplittableRandom(4);
    for (BigDecimal step : STEPS) {
      int d = DecimalRounding.decimalsOf(step);
      for (int k = 0; k < 20_000; k++) {
        for (double v : values(rnd, d)) {
          BigDecimal floor = Decimals.floorToStep(BigDecimal.valueOf(v), step);
          BigDecimal ceil = Decimals.ceilToStep(BigDecimal.valueOf(v), step);
          assertThat(DecimalRounding.floorToStep(v, step, d)).as("floor %s to %s", v, step).isEqualTo(floor);
          assertThat(DecimalRounding.ceilToStep(v, step, d)).as("ceil %s to %s", v, step).isEqualTo(ceil);
        }
      }
    }
  }

  @Test
  void centsEqualHalfEvenRounding() {
    SplittableRandom rnd = new SplittableRandom(5);
    for (int k = 0; k < 100_000; k++) {
      for (double v : values(rnd, 2)) {
        assertThat(DecimalRounding.cents(v)).as("cents of %s", v)
            .isEqualTo(BigDecimal.valueOf(v).setScale(2, RoundingMode.HALF_EVEN));
      }
    }
  }

  @Test
  void onlyPowersOfTenTakeTheFastPath() {
    assertThat(DecimalRounding.decimalsOf(new BigDecimal("0.001"))).isEqualTo(3);
    assertThat(DecimalRounding.decimalsOf(new BigDecimal("0.00100"))).isEqualTo(3);
    assertThat(DecimalRounding.decimalsOf(BigDecimal.ONE)).isZero();
    assertThat(DecimalRounding.decimalsOf(new BigDecimal("0.5"))).isEqualTo(-1);
    assertThat(DecimalRounding.decimalsOf(new BigDecimal("10"))).isEqualTo(-1);
  }
}
