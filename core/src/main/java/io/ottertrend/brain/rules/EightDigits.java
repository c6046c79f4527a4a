package io.ottertrend.brain.rules;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;

/**
 * {@code new BigDecimal(x).round(new MathContext(8, HALF_EVEN)).stripTrailingZeros()}: the exact binary value of a
 * double rounded to 8 significant digits, the prices the rule brain proposes. The exact path expands the double to
 * up to ~50 digits and divides a big integer for each of the three prices of an entry; here the 8 digits come from
 * one double multiplication whenever its rounding error cannot change them (the product is not within 10^-6 of an
 * integer or of a half, and has 8 digits), and from the exact path otherwise. Same value, same representation.
 *
 * <p>Stateless and thread-safe.
 */
final class EightDigits {
  private static final MathContext EIGHT = new MathContext(8, RoundingMode.HALF_EVEN);
  /** 10^0 .. 10^22: every one is a double exactly. */
  private static final double[] POWERS = new double[23];
  /** How far from an integer or a half the product must be: far above its error (< 10^-8 for 8 digits). */
  private static final double MARGIN = 1e-6;

  static {
    double p = 1;
    for (int i = 0; i < POWERS.length; i++) {
      POWERS[i] = p;
      p *= 10;
    }
  }

  private EightDigits() {}

  /** {@code x} rounded to 8 significant digits, half-even, trailing zeros stripped. */
  static BigDecimal round(double x) {
    if (x > 0 && Double.isFinite(x)) {
      int scale = 7 - (int) Math.floor(Math.log10(x)); // digits wanted after the point
      if (scale >= -22 && scale <= 22) {
        // one correctly rounded operation on exact operands: relative error at most 2^-53
        double q = scale >= 0 ? x * POWERS[scale] : x / POWERS[-scale];
        if (q >= 10_000_001 && q < 99_999_998) {
          double floor = Math.floor(q);
          double fraction = q - floor; // exact: q and floor are close doubles
          if (fraction > MARGIN && fraction < 1 - MARGIN && Math.abs(fraction - 0.5) > MARGIN) {
            long digits = (long) floor + (fraction > 0.5 ? 1 : 0);
            return BigDecimal.valueOf(digits, scale).stripTrailingZeros();
          }
        }
      }
    }
    return exact(x);
  }

  /** The definition, for the cases the fast path cannot decide. */
  static BigDecimal exact(double x) {
    return new BigDecimal(x).round(EIGHT).stripTrailingZeros();
  }
}
