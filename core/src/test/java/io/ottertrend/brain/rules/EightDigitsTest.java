package io.ottertrend.brain.rules;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** {@link EightDigits#round} gives exactly the decimal of the exact definition: value, scale and all. */
class EightDigitsTest {

  private static void same(double x) {
    BigDecimal fast = EightDigits.round(x);
    BigDecimal exact = EightDigits.exact(x);
    assertThat(fast).as("%s (%s)", x, Double.toHexString(x)).isEqualTo(exact); // equals: value and scale
  }

  @Test
  void randomPricesOfEveryMagnitude() {
    Random random = new Random(17);
    for (int i = 0; i < 400_000; i++) {
      double magnitude = Math.pow(10, random.nextInt(40) - 20);
      same(magnitude * (1 + 9 * random.nextDouble()));
    }
  }

  @Test
  void pricesAsTheRuleBrainDerivesThem() {
    Random random = new Random(29);
    for (int i = 0; i < 200_000; i++) {
      double last = Math.pow(10, random.nextInt(14) - 8) * (1 + 99 * random.nextDouble());
      double price = last * (1 - Math.max(0.0005, random.nextDouble() / 100));
      same(price);
      same(price * (1 - 0.03));
      same(price * (1 + 0.06));
    }
  }

  @Test
  void tiesNearTiesAndDigitBoundaries() {
    Random random = new Random(41);
    for (int i = 0; i < 200_000; i++) {
      int scale = random.nextInt(30) - 12;
      long digits = 10_000_000 + random.nextInt(90_000_000);
      // exactly representable halves (dyadic), decimal halves, and their neighbours one ulp away
      double[] xs = {
        (digits + 0.5) / Math.pow(10, scale),
        new BigDecimal(digits).add(new BigDecimal("0.5")).scaleByPowerOfTen(-scale).doubleValue(),
        BigDecimal.valueOf(digits, scale).doubleValue(),
        Math.pow(10, random.nextInt(40) - 20),
        (double) (digits * 8 + 4) / 8,
      };
      for (double x : xs) {
        same(x);
        same(Math.nextUp(x));
        same(Math.nextDown(x));
      }
    }
    for (double x : new double[] {0.5, 1.5, 2.5, 0.125, 99_999_995, 99_999_999.5, 9_999_999.5, 1e-300, 1e300,
        Double.MIN_VALUE, Double.MAX_VALUE, 12_345_678.5, 1_234_567.25}) {
      same(x);
    }
  }
}
