package io.ottertrend.risk;

import io.ottertrend.memory.DecisionRecord;
import io.ottertrend.memory.EquityPoint;
import io.ottertrend.memory.JournaledOrder;
import io.ottertrend.memory.LlmCall;
import io.ottertrend.memory.LlmUsage;
import io.ottertrend.memory.LogEntry;
import io.ottertrend.memory.Memory;
import io.ottertrend.memory.MemoryException;
import io.ottertrend.memory.OrderState;
import io.ottertrend.memory.PositionRecord;
import io.ottertrend.memory.RiskEvent;
import io.ottertrend.memory.RunInfo;
import io.ottertrend.memory.RunRecord;
import io.ottertrend.memory.SignalRecord;
import io.ottertrend.memory.TradeRecord;
import io.ottertrend.model.Fill;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.Supplier;

/**
 * A transactional in-memory stand-in for the parts of {@link Memory} the risk engine uses, so the 100k-proposal
 * property test runs in seconds (SQLite with {@code synchronous=FULL} fsyncs every verdict). Real-file behaviour
 * (restart, rollover, halt) is tested on {@code SqliteMemory}. Methods the engine never calls throw.
 */
class InMemoryMemory implements Memory {
  private TreeMap<String, String> state = new TreeMap<>();
  private final List<TradeRecord> trades = new ArrayList<>();
  private final List<RiskEvent> recentEvents = new ArrayList<>();
  private long events;
  private int depth;
  volatile boolean failWrites;

  @Override
  public synchronized <T> T inTransaction(Supplier<T> work) {
    if (depth > 0) {
      return work.get();
    }
    TreeMap<String, String> saved = new TreeMap<>(state);
    int savedTrades = trades.size();
    long savedEvents = events;
    depth++;
    try {
      return work.get();
    } catch (RuntimeException e) {
      state = saved;
      while (trades.size() > savedTrades) {
        trades.remove(trades.size() - 1);
      }
      events = savedEvents;
      throw e;
    } finally {
      depth--;
    }
  }

  private void writable() {
    if (failWrites) {
      throw new MemoryException(MemoryException.Kind.NOT_WRITABLE, "disk full (simulated)", null);
    }
  }

  @Override
  public synchronized Optional<String> state(String key) {
    return Optional.ofNullable(state.get(key));
  }

  @Override
  public synchronized void putState(String key, String value, long at) {
    writable();
    state.put(key, value);
  }

  @Override
  public synchronized void deleteState(String key) {
    writable();
    state.remove(key);
  }

  @Override
  public synchronized Map<String, String> states(String prefix) {
    Map<String, String> out = new TreeMap<>();
    state.forEach((k, v) -> {
      if (k.startsWith(prefix)) {
        out.put(k, v);
      }
    });
    return out;
  }

  @Override
  public synchronized boolean compareAndSetState(String key, String expected, String newValue, long at) {
    writable();
    if (!Objects.equals(state.get(key), expected)) {
      return false;
    }
    state.put(key, newValue);
    return true;
  }

  @Override
  public synchronized long recordRiskEvent(RiskEvent e) {
    writable();
    events++;
    recentEvents.add(e);
    if (recentEvents.size() > 1000) {
      recentEvents.subList(0, 500).clear();
    }
    return events;
  }

  @Override
  public synchronized List<RiskEvent> recentRiskEvents(int limit) {
    List<RiskEvent> copy = new ArrayList<>(recentEvents);
    java.util.Collections.reverse(copy);
    return copy.subList(0, Math.min(limit, copy.size()));
  }

  synchronized long eventCount() {
    return events;
  }

  @Override
  public synchronized long recordTrade(TradeRecord t) {
    writable();
    trades.add(t);
    return trades.size();
  }

  @Override
  public synchronized List<TradeRecord> trades(Long runId, int limit) {
    return trades.stream().sorted(Comparator.comparingLong(TradeRecord::closedAt).reversed()).limit(limit).toList();
  }

  @Override
  public String location() {
    return "memory";
  }

  @Override
  public void close() {}

  // --- not used by the risk engine ---------------------------------------------------------------------

  private static UnsupportedOperationException unused() {
    return new UnsupportedOperationException("not used by the risk engine");
  }

  @Override public long startRun(RunInfo info, long at) { throw unused(); }
  @Override public void finishRun(long runId, String status, long at) { throw unused(); }
  @Override public List<RunRecord> recentRuns(int limit) { throw unused(); }
  @Override public Optional<RunRecord> run(long runId) { throw unused(); }
  @Override public void journal(JournaledOrder intent) { throw unused(); }
  @Override public void updateOrder(String c, OrderState s, String e, BigDecimal q, BigDecimal cq, String r, long at) {
    throw unused();
  }
  @Override public Optional<JournaledOrder> order(String clientOrderId) { throw unused(); }
  @Override public List<JournaledOrder> orders(Collection<OrderState> states) { throw unused(); }
  @Override public List<JournaledOrder> recentOrders(int limit) { throw unused(); }
  @Override public boolean recordFill(String exchange, Long runId, Fill fill) { throw unused(); }
  @Override public List<Fill> fills(String exchange, String symbol, long since) { throw unused(); }
  @Override public List<Fill> fillsForOrder(String clientOrderId) { throw unused(); }
  @Override public void upsertPosition(PositionRecord position) { throw unused(); }
  @Override public void removePosition(String exchange, String symbol) { throw unused(); }
  @Override public List<PositionRecord> positions(String exchange) { throw unused(); }
  @Override public void recordEquity(EquityPoint point) { throw unused(); }
  @Override public List<EquityPoint> equity(long runId) { throw unused(); }
  @Override public long recordDecision(DecisionRecord decision) { throw unused(); }
  @Override public List<DecisionRecord> recentDecisions(int limit) { throw unused(); }
  @Override public Optional<LlmCall> llmCall(String requestHash) { throw unused(); }
  @Override public void recordLlmCall(LlmCall call) { throw unused(); }
  @Override public void recordLlmUsage(LlmUsage usage) { throw unused(); }
  @Override public long llmTokensSpent(Long runId, long since) { throw unused(); }
  @Override public List<LlmUsage> llmUsage(long runId) { throw unused(); }
  @Override public long recordSignals(SignalRecord record) { throw unused(); }
  @Override public Optional<SignalRecord> signalsAt(String kind, long at) { throw unused(); }
  @Override public List<SignalRecord> signals(String kind, long from, long to) { throw unused(); }
  @Override public void log(Long runId, long at, String level, String source, String message) { throw unused(); }
  @Override public List<LogEntry> recentLogs(int limit) { throw unused(); }
  @Override public void putConfig(String key, String value, long at) { throw unused(); }
  @Override public Optional<String> config(String key) { throw unused(); }
  @Override public Map<String, String> allConfig() { throw unused(); }
}
