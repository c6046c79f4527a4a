package io.ottertrend.risk.rules;

import io.ottertrend.risk.RiskContext;
import io.ottertrend.risk.RiskVerdict;

/** At most {@code RISK_MAX_ENTRIES_PER_HOUR} entries in any rolling hour. */
final class EntriesPerHourRule extends EntryRule {
  private static final long HOUR = 3_600_000L;

  EntriesPerHourRule() {
    super(Rules.ENTRIES_PER_HOUR);
  }

  @Override
  RiskVerdict evaluateEntry(RiskContext ctx) {
    int n = ctx.counters().entriesSince(ctx.now() - HOUR + 1);
    int max = ctx.limits().maxEntriesPerHour();
    return n >= max ? RiskVerdict.reject(n + " entries in the last hour (limit " + max + ")") : RiskVerdict.approve();
  }
}
