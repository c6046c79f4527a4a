package io.ottertrend.model;

import java.math.BigDecimal;
import java.math.RoundingMode;

/**
 * Small helpers for exchange-facing decimals. Stateless and thread-safe.
 *
 * <p>Why a helper: {@link BigDecimal#toString()} may print {@code 1.23E-6}, which exchanges reject, and
 * {@link BigDecimal#equals(Object)} treats {@code 1.0} and {@code 1.00} as different. Everything that leaves
 * the process goes through {@link #plain(BigDecimal)}; comparisons use {@code compareTo}.
 */
public final class Decimals {
  private Decimals() {}

  /** Plain decimal text without exponent and without trailing zeros ({@code 0.00000123}, {@code 5}). */
  public static String plain(BigDecimal value) {
    BigDecimal stripped = value.stripTrailingZeros();
    if (stripped.scale() < 0) {
      stripped = stripped.setScale(0, RoundingMode.UNNECESSARY);
    }
    return stripped.toPlainString();
  }

  /**
   * The value {@code parseOrNull(plain(value))} gives, without the round trip through text: trailing zeros
   * stripped, never a negative scale. {@code null} stays {@code null}.
   */
  public static BigDecimal normalise(BigDecimal value) {
    if (value == null) {
      return null;
    }
    BigDecimal stripped = value.stripTrailingZeros();
    return stripped.scale() < 0 ? stripped.setScale(0, RoundingMode.UNNECESSARY) : stripped;
  }

  /**
   * Parses exchange text leniently: {@code null}, empty and {@code "null"} become {@code null}; anything
   * else must be a decimal number.
   *
   * @throws NumberFormatException when the text is not a number
   */
  public static BigDecimal parseOrNull(String text) {
    if (text == null) {
      return null;
    }
    String t = text.strip();
    if (t.isEmpty() || t.equalsIgnoreCase("null")) {
      return null;
    }
    return new BigDecimal(t);
  }

  /** Like {@link #parseOrNull(String)} but returns {@code fallback} for missing values. */
  public static BigDecimal parseOr(String text, BigDecimal fallback) {
    BigDecimal v = parseOrNull(text);
    return v == null ? fallback : v;
  }

  /** Largest multiple of {@code step} that is {@code <= value} (for non-negative values). */
  public static BigDecimal floorToStep(BigDecimal value, BigDecimal step) {
    if (step.signum() <= 0) {
      return value;
    }
    BigDecimal units = value.divide(step, 0, RoundingMode.DOWN);
    return units.multiply(step).setScale(Math.max(step.stripTrailingZeros().scale(), 0), RoundingMode.DOWN);
  }

  /** Smallest multiple of {@code step} that is {@code >= value} (for non-negative values). */
  public static BigDecimal ceilToStep(BigDecimal value, BigDecimal step) {
    if (step.signum() <= 0) {
      return value;
    }
    BigDecimal units = value.divide(step, 0, RoundingMode.UP);
    return units.multiply(step).setScale(Math.max(step.stripTrailingZeros().scale(), 0), RoundingMode.DOWN);
  }

  /** {@code 10^-decimals}: the increment for a precision given as a count of decimals. */
  public static BigDecimal incrementForDecimals(int decimals) {
    return BigDecimal.ONE.scaleByPowerOfTen(-decimals);
  }

  /** True when {@code value} is not null and strictly positive. */
  public static boolean isPositive(BigDecimal value) {
    return value != null && value.signum() > 0;
  }
}
