package io.ottertrend.brain.rules;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** {@link FixedPoint} writes exactly what {@code String.format(Locale.ROOT, "%.Nf", x)} writes. */
class FixedPointTest {
  @Test
  void matchesStringFormatOnEdgesAndSeededValues() {
    List<Double> xs = new ArrayList<>(List.of(0.0, -0.0, Double.NaN, Double.POSITIVE_INFINITY,
        Double.NEGATIVE_INFINITY, 0.005, 0.015, 0.125, -0.125, 1.005, 2.675, 0.5, 1.5, 2.5, -0.5, -0.004, -0.005,
        99.995, 49.5, 1e-300, Double.MIN_VALUE, 1e17, 123456789.125, Double.MAX_VALUE, 5e-3, 0.045, 70.5));
    SplittableRandom r = new SplittableRandom(20261125);
    for (int k = 0; k < 20_000; k++) {
      double scale = Math.pow(10, r.nextInt(-6, 6));
      xs.add((r.nextDouble() * 2 - 1) * scale);
      // Values on a grid of halves at the rounding digit: the ties the two roundings could disagree on.
      xs.add((r.nextInt(-20_000, 20_000) + 0.5) / Math.pow(10, r.nextInt(0, 4)));
    }
    for (double x : xs) {
      for (int decimals = 0; decimals <= 3; decimals++) {
        String expected = String.format(Locale.ROOT, "%." + decimals + "f", x);
        String actual = FixedPoint.append(new StringBuilder(), x, decimals).toString();
        assertThat(actual).as("x=%s decimals=%d", x, decimals).isEqualTo(expected);
      }
    }
  }
}
