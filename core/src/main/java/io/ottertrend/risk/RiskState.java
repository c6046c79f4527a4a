package io.ottertrend.risk;

import io.ottertrend.memory.Memory;
import io.ottertrend.memory.TradeRecord;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The engine's counters: read from the database once (and again when another process changes them), then
 * served from memory and written through in the transaction that records each verdict. Not thread-safe: the
 * engine guards it with its lock.
 */
final class RiskState {
  static final String DAY = "risk.day";
  static final String TRADES = "risk.trades";
  static final String ENTRIES = "risk.entries";
  static final String ENTRY_TIMES = "risk.entry_times";
  static final String DAY_START_EQUITY = "risk.day_start_equity";
  static final String EQUITY_PEAK = "risk.equity_peak";
  static final String DAILY_HALT = "risk.daily_halt";
  static final String STOP_LOSS = "STOP_LOSS";
  private static final long HOUR = 3_600_000L;
  private static final int TRADE_HISTORY = 2_000;

  private final Memory memory;
  LocalDate day;
  int trades;
  int entries;
  final List<Long> entryTimes = new ArrayList<>();
  BigDecimal dayStartEquity;
  BigDecimal equityPeak;
  BigDecimal realizedToday = BigDecimal.ZERO;
  final List<Long> stopOutTimes = new ArrayList<>();
  private final Map<String, Long> lastExitAt = new HashMap<>();
  /**
   * An immutable copy of {@link #lastExitAt} for the counters, made again only after an exit: it holds every pair
   * ever exited and was copied for each new snapshot, though most snapshots follow a change of equity or a count.
   */
  private Map<String, Long> lastExitView;
  final Map<String, Long> pending = new LinkedHashMap<>();
  String dailyHalt;
  String generation;
  private RiskCounters snapshot;

  RiskState(Memory memory) {
    this.memory = memory;
  }

  static LocalDate dayOf(long millis) {
    return LocalDate.ofInstant(Instant.ofEpochMilli(millis), ZoneOffset.UTC);
  }

  static long startOf(LocalDate day) {
    return day.atStartOfDay(ZoneOffset.UTC).toInstant().toEpochMilli();
  }

  /** Reloads everything from the database (start, or after another process changed the state). */
  void load(Map<String, String> states, long now, long stopLossWindowMillis) {
    String storedDay = states.get(DAY);
    day = storedDay == null ? null : LocalDate.parse(storedDay);
    trades = parseInt(states.get(TRADES));
    entries = parseInt(states.get(ENTRIES));
    entryTimes.clear();
    String times = states.get(ENTRY_TIMES);
    if (times != null && !times.isBlank()) {
      for (String t : times.split(",")) {
        entryTimes.add(Long.parseLong(t.strip()));
      }
      entryTimes.sort(null);
    }
    dayStartEquity = decimal(states.get(DAY_START_EQUITY));
    equityPeak = decimal(states.get(EQUITY_PEAK));
    dailyHalt = states.get(DAILY_HALT);
    generation = states.get(KillSwitch.GENERATION);
    stopOutTimes.clear();
    lastExitAt.clear();
    lastExitView = null;
    realizedToday = BigDecimal.ZERO;
    LocalDate today = dayOf(now);
    long dayStart = startOf(today);
    List<TradeRecord> recent = memory.trades(null, TRADE_HISTORY);
    for (int i = recent.size() - 1; i >= 0; i--) {
      applyTrade(recent.get(i), now, stopLossWindowMillis, dayStart);
    }
    snapshot = null;
  }

  void applyTrade(TradeRecord t, long now, long stopLossWindowMillis, long dayStart) {
    recordExit(t.symbol(), t.closedAt());
    if (STOP_LOSS.equalsIgnoreCase(t.exitReason()) && t.pnl() != null && t.pnl().signum() < 0
        && t.closedAt() >= now - stopLossWindowMillis) {
      stopOutTimes.add(t.closedAt());
      stopOutTimes.sort(null);
    }
    if (t.closedAt() >= dayStart && t.pnl() != null) {
      realizedToday = realizedToday.add(t.pnl());
    }
    snapshot = null;
  }

  /** Resets the daily counters for {@code today}. */
  void resetDaily(LocalDate today) {
    day = today;
    trades = 0;
    entries = 0;
    dayStartEquity = null;
    dailyHalt = null;
    realizedToday = BigDecimal.ZERO;
    pending.clear();
    snapshot = null;
  }

  void prune(long now, long stopLossWindowMillis) {
    boolean changed = false;
    while (!entryTimes.isEmpty() && entryTimes.get(0) <= now - HOUR) {
      entryTimes.remove(0);
      changed = true;
    }
    while (!stopOutTimes.isEmpty() && stopOutTimes.get(0) < now - stopLossWindowMillis) {
      stopOutTimes.remove(0);
      changed = true;
    }
    if (changed) {
      snapshot = null;
    }
  }

  /** Remembers an exit of {@code symbol} at {@code at} (the latest exit per pair counts). */
  void recordExit(String symbol, long at) {
    lastExitAt.merge(symbol, at, Math::max);
    lastExitView = null;
    snapshot = null;
  }

  private Map<String, Long> lastExits() {
    if (lastExitView == null) {
      lastExitView = Map.copyOf(lastExitAt);
    }
    return lastExitView;
  }

  void invalidate() {
    snapshot = null;
  }

  RiskCounters snapshot() {
    if (snapshot == null) {
      snapshot = new RiskCounters(day, trades, entries, entryTimes, dayStartEquity, equityPeak, realizedToday,
          stopOutTimes, lastExits(), pending.keySet(), dailyHalt);
    }
    return snapshot;
  }

  /** What the counters of {@code today} would be after a rollover, without changing anything. */
  RiskCounters rolledView(LocalDate today) {
    return new RiskCounters(today, 0, 0, entryTimes, null, equityPeak, BigDecimal.ZERO, stopOutTimes, lastExits(),
        java.util.Set.of(), null);
  }

  String entryTimesText() {
    StringBuilder sb = new StringBuilder();
    for (Long t : entryTimes) {
      if (!sb.isEmpty()) {
        sb.append(',');
      }
      sb.append(t);
    }
    return sb.toString();
  }

  private static int parseInt(String s) {
    return s == null || s.isBlank() ? 0 : Integer.parseInt(s.strip());
  }

  private static BigDecimal decimal(String s) {
    return s == null || s.isBlank() ? null : new BigDecimal(s.strip());
  }
}
