package io.ottertrend.brain.rules;

import java.math.BigDecimal;
import java.math.RoundingMode;

/**
 * {@code String.format(Locale.ROOT, "%.Nf", x)} without a {@link java.util.Formatter}: parsing the pattern and
 * building a formatter per call cost more than the rest of a decision. Same text: since JDK 21 {@code %f} rounds the
 * shortest decimal that {@link Double#toString(double)} gives, half-up, which is what {@link BigDecimal#valueOf(double)}
 * then {@code setScale(N, HALF_UP)} does; the sign is written separately so {@code -0.0} and values that round to
 * zero keep their minus as {@code %f} does.
 *
 * <p>Stateless and thread-safe.
 */
final class FixedPoint {
  private FixedPoint() {}

  /** Appends {@code x} with {@code decimals} digits after the point, as {@code %.<decimals>f} would. */
  static StringBuilder append(StringBuilder out, double x, int decimals) {
    if (Double.isNaN(x)) {
      return out.append("NaN");
    }
    if (Double.compare(x, 0.0) < 0) {
      out.append('-');
      x = -x;
    }
    if (x == Double.POSITIVE_INFINITY) {
      return out.append("Infinity");
    }
    return out.append(BigDecimal.valueOf(x).setScale(decimals, RoundingMode.HALF_UP).toPlainString());
  }
}
