package io.ottertrend.market;

import io.ottertrend.model.Decimals;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.RoundingMode;

/**
 * The roundings a {@link BarMarket} ticker applies to its {@code double} statistics, with the exact results of
 * {@link Decimals#floorToStep}, {@link Decimals#ceilToStep} and {@code setScale(2, HALF_EVEN)} applied to
 * {@code BigDecimal.valueOf(v)}, but without {@code Double.toString} and decimal division: a ticker rounds eight
 * numbers, hundreds of tickers a cycle.
 *
 * <p>How: for a step of {@code 10^-d} the result is {@code k × 10^-d} where {@code k} rounds {@code v × 10^d}.
 * That product in {@code double} is within a few units in the last place of the decimal {@code valueOf} sees, so
 * {@code k} is certain unless the product lies within that error of a rounding boundary; then, and for steps that
 * are not powers of ten or huge values, the decimal path decides. Stateless and thread-safe.
 */
final class DecimalRounding {
  private static final int MAX_DECIMALS = 15;
  private static final double[] POW10 = new double[MAX_DECIMALS + 1];
  /** Largest scaled value handled in {@code double}: integers below it are exact, with room for the margin. */
  private static final double MAX_SCALED = 0x1p52;

  static {
    double p = 1;
    for (int d = 0; d <= MAX_DECIMALS; d++) {
      POW10[d] = p;
      p *= 10;
    }
  }

  private DecimalRounding() {}

  /** {@code d} when {@code step} is {@code 10^-d} with {@code 0 <= d <= 15}, else -1 (the decimal path). */
  static int decimalsOf(BigDecimal step) {
    BigDecimal s = step.stripTrailingZeros();
    int d = s.scale();
    return d >= 0 && d <= MAX_DECIMALS && s.unscaledValue().equals(BigInteger.ONE) ? d : -1;
  }

  /** {@code Decimals.floorToStep(BigDecimal.valueOf(v), step)}; {@code decimals} from {@link #decimalsOf}. */
  static BigDecimal floorToStep(double v, BigDecimal step, int decimals) {
    if (decimals >= 0 && v >= 0) {
      double scaled = v * POW10[decimals];
      double k = Math.floor(scaled);
      if (scaled < MAX_SCALED && clearOfBoundary(scaled - k, scaled)) {
        return BigDecimal.valueOf((long) k, decimals);
      }
    }
    return Decimals.floorToStep(BigDecimal.valueOf(v), step);
  }

  /** {@code Decimals.ceilToStep(BigDecimal.valueOf(v), step)}; {@code decimals} from {@link #decimalsOf}. */
  static BigDecimal ceilToStep(double v, BigDecimal step, int decimals) {
    if (decimals >= 0 && v >= 0) {
      double scaled = v * POW10[decimals];
      double k = Math.floor(scaled);
      if (scaled < MAX_SCALED && clearOfBoundary(scaled - k, scaled)) {
        return BigDecimal.valueOf((long) k + 1, decimals);
      }
    }
    return Decimals.ceilToStep(BigDecimal.valueOf(v), step);
  }

  /** {@code BigDecimal.valueOf(v).setScale(2, RoundingMode.HALF_EVEN)}. */
  static BigDecimal cents(double v) {
    if (v >= 0) {
      double scaled = v * 100;
      double k = Math.floor(scaled);
      double fraction = scaled - k;
      // only a half is a boundary: near a whole number both neighbours round to it
      if (scaled < MAX_SCALED && Math.abs(fraction - 0.5) > margin(scaled)) {
        return BigDecimal.valueOf(fraction < 0.5 ? (long) k : (long) k + 1, 2);
      }
    }
    return BigDecimal.valueOf(v).setScale(2, RoundingMode.HALF_EVEN);
  }

  /**
   * True when a fraction (distance of {@code scaled} to a boundary, in [0, 1)) is farther from the boundary than
   * the rounding error of {@code scaled} and of the shortest decimal of {@code v}: a few ulps, with room to spare.
   */
  private static boolean clearOfBoundary(double fraction, double scaled) {
    double margin = margin(scaled);
    return fraction > margin && fraction < 1 - margin;
  }

  private static double margin(double scaled) {
    return 1e-9 + scaled * 1e-14;
  }
}
