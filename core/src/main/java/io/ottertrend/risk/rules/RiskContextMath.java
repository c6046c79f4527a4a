package io.ottertrend.risk.rules;

import java.math.MathContext;
import java.math.RoundingMode;

/** Division settings shared by the rules: 24 digits, rounded toward zero so a cap is never exceeded. */
final class RiskContextMath {
  static final MathContext DIVIDE = new MathContext(24, RoundingMode.DOWN);

  private RiskContextMath() {}
}
