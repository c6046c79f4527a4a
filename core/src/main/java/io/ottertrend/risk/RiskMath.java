package io.ottertrend.risk;

import java.math.BigDecimal;
import java.math.RoundingMode;

/** Formatting helpers for one-line reasons. Stateless. */
final class RiskMath {
  private RiskMath() {}

  /** A quote amount with two decimals (more for tiny values), for messages. */
  static String money(BigDecimal v) {
    if (v == null) {
      return "unknown";
    }
    BigDecimal abs = v.abs();
    int scale = abs.compareTo(BigDecimal.ONE) >= 0 || abs.signum() == 0 ? 2 : 8;
    return v.setScale(scale, RoundingMode.HALF_EVEN).stripTrailingZeros().toPlainString();
  }

  static String pct(double fraction) {
    return String.format(java.util.Locale.ROOT, "%.2f%%", fraction * 100);
  }
}
