package io.ottertrend.risk;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * The engine's counters at one moment: what today's limits are measured against. Built by the
 * {@link RiskEngine} from the database and its write-through cache; immutable.
 *
 * @param day the UTC day the daily counters belong to
 * @param tradesToday orders approved today (entries and exits)
 * @param entriesToday entries approved today
 * @param entryTimes approval times of recent entries (epoch ms, oldest first; at least the last hour)
 * @param dayStartEquity equity when the day started (or when losses were last acknowledged), or {@code null}
 *     before the first valuation of the day
 * @param equityPeak highest equity seen, or {@code null} before the first valuation
 * @param realizedPnlToday P&amp;L of trades closed today, fees included (for display)
 * @param stopOutTimes close times of recent losing stop-loss exits (epoch ms, oldest first)
 * @param lastExitAt last exit time per symbol (epoch ms)
 * @param pendingEntries symbols with an approved entry the portfolio does not show yet
 * @param dailyHalt reason of the daily-loss halt of {@code day}, or {@code null}
 */
public record RiskCounters(
    LocalDate day,
    int tradesToday,
    int entriesToday,
    List<Long> entryTimes,
    BigDecimal dayStartEquity,
    BigDecimal equityPeak,
    BigDecimal realizedPnlToday,
    List<Long> stopOutTimes,
    Map<String, Long> lastExitAt,
    Set<String> pendingEntries,
    String dailyHalt) {

  public RiskCounters {
    Objects.requireNonNull(day, "day");
    entryTimes = List.copyOf(entryTimes);
    stopOutTimes = List.copyOf(stopOutTimes);
    lastExitAt = Map.copyOf(lastExitAt);
    pendingEntries = Set.copyOf(pendingEntries);
    realizedPnlToday = realizedPnlToday == null ? BigDecimal.ZERO : realizedPnlToday;
  }

  /** Fresh counters of {@code day}. */
  public static RiskCounters empty(LocalDate day) {
    return new RiskCounters(day, 0, 0, List.of(), null, null, BigDecimal.ZERO, List.of(), Map.of(), Set.of(), null);
  }

  /** Entries approved at or after {@code since}. */
  public int entriesSince(long since) {
    int n = 0;
    for (int i = entryTimes.size() - 1; i >= 0 && entryTimes.get(i) >= since; i--) {
      n++;
    }
    return n;
  }

  /** Losing stop-outs at or after {@code since}. */
  public int stopOutsSince(long since) {
    int n = 0;
    for (int i = stopOutTimes.size() - 1; i >= 0 && stopOutTimes.get(i) >= since; i--) {
      n++;
    }
    return n;
  }
}
