package io.ottertrend.risk.rules;

import io.ottertrend.risk.RiskContext;
import io.ottertrend.risk.RiskRule;
import io.ottertrend.risk.RiskVerdict;

/** A rule that bounds new exposure: exits pass untouched, so no limit can trap a position. */
abstract class EntryRule implements RiskRule {
  private final String name;

  EntryRule(String name) {
    this.name = name;
  }

  @Override
  public final String name() {
    return name;
  }

  @Override
  public final RiskVerdict evaluate(RiskContext ctx) {
    return ctx.isExit() ? RiskVerdict.approve() : evaluateEntry(ctx);
  }

  abstract RiskVerdict evaluateEntry(RiskContext ctx);

  @Override
  public String toString() {
    return name;
  }
}
