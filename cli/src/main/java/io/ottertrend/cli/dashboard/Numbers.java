package io.ottertrend.cli.dashboard;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.util.Locale;

/** Number formats for a narrow screen. Stateless and thread-safe. */
final class Numbers {
  private Numbers() {}

  /** Money: two decimals with thousands separators. */
  static String money(BigDecimal v) {
    return v == null ? "-" : String.format(Locale.ROOT, "%,.2f", v.setScale(2, RoundingMode.HALF_EVEN));
  }

  /** Signed money: {@code +1.20} or {@code -3.40}. */
  static String signedMoney(BigDecimal v) {
    return v == null ? "-" : (v.signum() > 0 ? "+" : "") + money(v);
  }

  /** A price: six significant digits, plain notation (small coins keep their leading zeros). */
  static String price(BigDecimal v) {
    return v == null ? "-" : v.round(new MathContext(6, RoundingMode.HALF_EVEN)).stripTrailingZeros().toPlainString();
  }

  /** A quantity: up to eight significant digits. */
  static String quantity(BigDecimal v) {
    return v == null ? "-" : v.round(new MathContext(8, RoundingMode.HALF_EVEN)).stripTrailingZeros().toPlainString();
  }

  /** A signed percentage from a fraction-free percent value: {@code +1.25%}. */
  static String percent(double pct) {
    if (Double.isNaN(pct) || Double.isInfinite(pct)) {
      return "-";
    }
    return String.format(Locale.ROOT, "%+.2f%%", pct);
  }
}
