package io.ottertrend.memory;

import io.ottertrend.model.Fill;
import java.math.BigDecimal;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * Everything the agent remembers. The embedded default is {@link SqliteMemory}; {@link #inMemory()} keeps
 * everything in the heap instead; an embedding program may supply its own (e.g. a recording wrapper).
 *
 * <p><b>Thread-safety:</b> implementations are safe for concurrent use. <b>Durability:</b> a method that
 * returns has committed its write. <b>Errors:</b> {@link MemoryException}; a write that fails leaves nothing
 * half-written.
 */
public interface Memory extends AutoCloseable {

  /**
   * A new, empty memory held in the heap ({@link InMemoryMemory}): for backtests, tests and embedders who need
   * no file. It behaves as {@link SqliteMemory} does, but nothing survives {@link #close()}.
   *
   * <p><b>Thread-safety:</b> safe for concurrent use; a transaction is invisible to other threads until it
   * ends. <b>Errors:</b> its methods throw {@link MemoryException} as this interface states (CONFLICT for a
   * broken uniqueness rule, IO after {@link #close()}); a failed write or transaction leaves nothing
   * half-written.
   */
  static Memory inMemory() {
    return InMemoryMemory.create();
  }

  // --- runs -------------------------------------------------------------------------------------------

  /** Records the start of a run and returns its id. */
  long startRun(RunInfo info, long at);

  /** Marks a run finished with {@code status} (STOPPED, FAILED, INTERRUPTED, COMPLETED). */
  void finishRun(long runId, String status, long at);

  /** Most recent runs first. */
  List<RunRecord> recentRuns(int limit);

  Optional<RunRecord> run(long runId);

  // --- order intent journal ---------------------------------------------------------------------------

  /**
   * Journals a new order intent. Must be called before the request leaves the process.
   *
   * @throws MemoryException with kind CONFLICT when the client order id exists
   */
  void journal(JournaledOrder intent);

  /**
   * Updates an intent's state and fill progress. {@code null} arguments keep the stored value.
   *
   * @throws MemoryException when the id is unknown
   */
  void updateOrder(String clientOrderId, OrderState state, String exchangeOrderId, BigDecimal executedQty,
      BigDecimal cumulativeQuote, String reason, long at);

  /**
   * Records that {@code decisionId} caused the order: a tool-calling brain places orders while it decides, before
   * its decision is recorded, so they are journalled without one and linked once it is. An order already linked
   * keeps its decision.
   *
   * <p>The default does nothing, so a memory written before this method existed keeps such orders unlinked.
   *
   * @throws MemoryException when the id is unknown
   */
  default void linkDecision(String clientOrderId, long decisionId) {}

  Optional<JournaledOrder> order(String clientOrderId);

  /** Orders in any of {@code states}, oldest first. */
  List<JournaledOrder> orders(Collection<OrderState> states);

  /** Most recent orders first. */
  List<JournaledOrder> recentOrders(int limit);

  // --- fills ------------------------------------------------------------------------------------------

  /**
   * Records a fill once: returns false when the (exchange, trade id) pair was already recorded, so fills
   * replayed after a restart are never counted twice.
   */
  boolean recordFill(String exchange, Long runId, Fill fill);

  /** Fills on {@code exchange} (all symbols when {@code symbol} is null) at or after {@code since}, oldest first. */
  List<Fill> fills(String exchange, String symbol, long since);

  /** Fills of one of our orders, oldest first. */
  List<Fill> fillsForOrder(String clientOrderId);

  // --- trades, positions, equity ----------------------------------------------------------------------

  long recordTrade(TradeRecord trade);

  /** Closed trades, most recent first; all runs when {@code runId} is null. */
  List<TradeRecord> trades(Long runId, int limit);

  /** Inserts or replaces the managed position of (exchange, symbol). */
  void upsertPosition(PositionRecord position);

  void removePosition(String exchange, String symbol);

  List<PositionRecord> positions(String exchange);

  void recordEquity(EquityPoint point);

  /** Equity points of a run, oldest first. */
  List<EquityPoint> equity(long runId);

  // --- brain ------------------------------------------------------------------------------------------

  long recordDecision(DecisionRecord decision);

  /** Most recent decisions first. */
  List<DecisionRecord> recentDecisions(int limit);

  /** The replay cache entry for {@code requestHash}. */
  Optional<LlmCall> llmCall(String requestHash);

  /** Stores an LLM call in the replay cache (first write wins). */
  void recordLlmCall(LlmCall call);

  /** Records one use of the LLM (network or replay) for token accounting. */
  void recordLlmUsage(LlmUsage usage);

  /** Tokens spent over the network (not replays) at or after {@code since}; one run when {@code runId} set. */
  long llmTokensSpent(Long runId, long since);

  /** Every LLM usage record of a run, oldest first. */
  List<LlmUsage> llmUsage(long runId);

  // --- signals and risk ---------------------------------------------------------------------------------

  long recordSignals(SignalRecord record);

  /** The latest snapshot of {@code kind} recorded at or before {@code at}: never a later one. */
  Optional<SignalRecord> signalsAt(String kind, long at);

  /** Snapshots of {@code kind} in [{@code from}, {@code to}], oldest first. */
  List<SignalRecord> signals(String kind, long from, long to);

  long recordRiskEvent(RiskEvent event);

  /** Most recent first. */
  List<RiskEvent> recentRiskEvents(int limit);

  // --- logs, config, state ------------------------------------------------------------------------------

  void log(Long runId, long at, String level, String source, String message);

  /** Most recent first. */
  List<LogEntry> recentLogs(int limit);

  void putConfig(String key, String value, long at);

  Optional<String> config(String key);

  Map<String, String> allConfig();

  /** A small persistent value (counters, halts, day markers). */
  Optional<String> state(String key);

  void putState(String key, String value, long at);

  void deleteState(String key);

  /** Every state entry whose key starts with {@code prefix}. */
  Map<String, String> states(String prefix);

  /**
   * Atomically sets {@code key} to {@code newValue} when its current value equals {@code expected}
   * ({@code null} meaning absent). Used for exactly-once transitions such as the daily rollover.
   */
  boolean compareAndSetState(String key, String expected, String newValue, long at);

  /**
   * Runs {@code work} in one write transaction: either every write inside commits or none does.
   * Nested calls join the outer transaction.
   */
  <T> T inTransaction(Supplier<T> work);

  /** Where the data lives, for status output (a file path, or a description). */
  String location();

  @Override
  void close();
}
