package io.ottertrend.risk;

import java.util.List;

/**
 * What the agent may still do right now: the limits, today's counters, and any halt. Built by
 * {@link RiskEngine#constraints()} for the LLM's {@code risk_constraints} tool and for {@code status}. Immutable.
 *
 * @param limits the limits enforced
 * @param counters today's counters
 * @param manualHalt reason of a kill-switch halt, or {@code null}
 * @param rules names of the rules, in the order they run
 */
public record RiskConstraints(RiskLimits limits, RiskCounters counters, String manualHalt, List<String> rules) {
  public RiskConstraints {
    rules = List.copyOf(rules);
  }

  /** True when new entries are refused whatever their size (manual or daily-loss halt). */
  public boolean entriesHalted() {
    return manualHalt != null || counters.dailyHalt() != null;
  }

  /** Entries left today before {@code RISK_MAX_DAILY_TRADES} (never negative). */
  public int tradesLeftToday() {
    return Math.max(0, limits.maxDailyTrades() - counters.tradesToday());
  }
}
