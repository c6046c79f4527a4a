package io.ottertrend.memory;

import io.ottertrend.model.Fill;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Supplier;

/**
 * {@link Memory} held in the heap: the observable behaviour of {@link SqliteMemory} (ids, orderings, limits,
 * {@code null} handling, uniqueness, NOT NULL and run foreign-key rules, decimals as SQLite returns them)
 * without a file, for backtests, tests and embedders that need no persistence. Nothing survives
 * {@link #close()}.
 *
 * <p>Reads cost what they return: every query is answered from an index kept for it (orders by id, state and
 * creation; fills by exchange, symbol and order; rows by time), never by scanning unrelated rows. Results are
 * unmodifiable snapshots. Records are stored as the immutable records they are.
 *
 * <p><b>Thread-safety:</b> safe for concurrent use; one lock guards every method, and
 * {@link #inTransaction(Supplier)} holds it for the whole transaction, so no other thread sees a half-done
 * one. <b>Transactions:</b> every write is recorded in an undo log; when a transaction (or a single write)
 * fails, its writes are undone newest first. <b>Errors:</b> {@link MemoryException} with the kind
 * {@link SqliteMemory} reports: CONFLICT for a broken uniqueness, NOT NULL, CHECK or run-reference rule, IO
 * for an unknown order id and for any use after {@link #close()}.
 */
public final class InMemoryMemory implements Memory {
  private static final String DEFAULT_LOCATION = "in-memory";

  private final String location;
  private final ReentrantLock lock = new ReentrantLock();
  private final UndoLog undo = new UndoLog();
  /** Greater than zero while a write or transaction runs on the lock-holding thread. */
  private int writeDepth;
  private boolean closed;

  private final List<RunRecord> runs = new ArrayList<>();
  private final OrderJournal orders = new OrderJournal(undo);
  private final FillLedger fills = new FillLedger(undo);
  private final IdSequence tradeIds = new IdSequence(undo);
  private final TimeOrderedRows<TradeRecord> trades = new TimeOrderedRows<>(undo);
  private final Map<Long, TimeOrderedRows<TradeRecord>> tradesByRun = new HashMap<>();
  private final Map<String, Map<String, PositionRecord>> positions = new HashMap<>();
  /**
   * {@link #positions(String)}'s sorted answer per exchange, kept until a position of that exchange is written
   * or a write is undone: the agent asks several times a cycle and positions change only on fills.
   */
  private final Map<String, List<PositionRecord>> sortedPositions = new HashMap<>();
  /** Per run, one point per instant (the table's key is run and time): a later write at a time replaces it. */
  private final Map<Long, TimeOrderedRows<EquityPoint>> equity = new HashMap<>();
  private final IdSequence decisionIds = new IdSequence(undo);
  private final TimeOrderedRows<DecisionRecord> decisions = new TimeOrderedRows<>(undo);
  private final Map<String, LlmCall> llmCalls = new HashMap<>();
  private final IdSequence llmUsageIds = new IdSequence(undo);
  private final TimeOrderedRows<LlmUsage> llmUsage = new TimeOrderedRows<>(undo);
  private final Map<Long, TimeOrderedRows<LlmUsage>> llmUsageByRun = new HashMap<>();
  private final IdSequence signalIds = new IdSequence(undo);
  private final Map<String, TimeOrderedRows<SignalRecord>> signalsByKind = new HashMap<>();
  private final IdSequence riskEventIds = new IdSequence(undo);
  private final TimeOrderedRows<RiskEvent> riskEvents = new TimeOrderedRows<>(undo);
  private final IdSequence logIds = new IdSequence(undo);
  private final TimeOrderedRows<LogEntry> logs = new TimeOrderedRows<>(undo);
  private final KeyValueTable config = new KeyValueTable(undo);
  /**
   * SQLite lets a non-integer primary key be NULL, so {@code putConfig(null, ...)} stores a row that
   * {@link #allConfig()} lists first under a null key; kept here because the key tables never hold null.
   */
  private String nullKeyConfig;
  private final KeyValueTable state = new KeyValueTable(undo);

  private InMemoryMemory(String location) {
    this.location = location;
  }

  /** An empty memory whose {@link #location()} is {@code in-memory}. */
  public static InMemoryMemory create() {
    return new InMemoryMemory(DEFAULT_LOCATION);
  }

  /**
   * An empty memory whose {@link #location()} is {@code location}, e.g. the backtest it belongs to.
   *
   * @throws NullPointerException when {@code location} is null
   */
  public static InMemoryMemory create(String location) {
    return new InMemoryMemory(Objects.requireNonNull(location, "location"));
  }

  // --- plumbing -----------------------------------------------------------------------------------------

  private <T> T read(Supplier<T> work) {
    lock.lock();
    try {
      requireOpen();
      return work.get();
    } finally {
      lock.unlock();
    }
  }

  /** Runs {@code work} as one undoable write, joining an outer transaction when one is running. */
  private <T> T write(Supplier<T> work) {
    lock.lock();
    try {
      requireOpen();
      return undoable(work);
    } finally {
      lock.unlock();
    }
  }

  private void write(Runnable work) {
    write(() -> {
      work.run();
      return null;
    });
  }

  /** Caller holds the lock. */
  private <T> T undoable(Supplier<T> work) {
    if (writeDepth > 0) {
      return work.get();
    }
    writeDepth++;
    try {
      T result = work.get();
      undo.commit();
      return result;
    } catch (Throwable failure) {
      undo.rollback();
      throw failure;
    } finally {
      writeDepth--;
    }
  }

  /**
   * Takes the lock for a read, which the caller releases in a {@code finally}. The hot methods lock like this
   * rather than through {@link #read(Supplier)}: a capturing lambda per call is an allocation through method
   * handles, and the per-cycle callers of a backtest spend most of a run in C1-compiled code, where that costs a
   * call into the VM.
   */
  private void lockOpen() {
    lock.lock();
    if (closed) {
      lock.unlock();
      requireOpen();
    }
  }

  /**
   * Takes the lock and opens a write, as {@link #write(Supplier)} does, for callers that spell the write out:
   * {@code boolean outer = beginWrite(); boolean done = false; try { ...; done = true; } finally {
   * endWrite(outer, done); }}.
   *
   * @return whether this write is the outermost one (then it commits or rolls back)
   */
  private boolean beginWrite() {
    lockOpen();
    return writeDepth++ == 0;
  }

  /** Ends a write opened by {@link #beginWrite()}: commits it when done, else undoes it; releases the lock. */
  private void endWrite(boolean outer, boolean done) {
    try {
      if (outer) {
        if (done) {
          undo.commit();
        } else {
          undo.rollback();
        }
      }
    } finally {
      writeDepth--;
      lock.unlock();
    }
  }

  private void requireOpen() {
    if (closed) {
      throw new MemoryException(MemoryException.Kind.IO, "memory " + location + " is closed", null);
    }
  }

  /** What SQLite's NOT NULL constraint reports. */
  private static void notNull(Object value, String column) {
    if (value == null) {
      throw conflict("NOT NULL constraint failed: " + column);
    }
  }

  /** What SQLite's {@code REFERENCES runs(id)} reports for a run that does not exist. */
  private void knownRun(Long runId) {
    if (runId != null && (runId < 1 || runId > runs.size())) {
      throw conflict("FOREIGN KEY constraint failed: no run " + runId);
    }
  }

  private static MemoryException conflict(String message) {
    return new MemoryException(MemoryException.Kind.CONFLICT, "cannot write: " + message, null);
  }

  /** The time-ordered rows of {@code key} in {@code index}, created when missing (an explicit get and put: no lambda). */
  private <K, T> TimeOrderedRows<T> rowsOf(Map<K, TimeOrderedRows<T>> index, K key) {
    TimeOrderedRows<T> rows = index.get(key);
    if (rows == null) {
      rows = new TimeOrderedRows<>(undo);
      index.put(key, rows);
    }
    return rows;
  }

  @Override
  public <T> T inTransaction(Supplier<T> work) {
    return write(work);
  }

  @Override
  public String location() {
    return location;
  }

  @Override
  public void close() {
    lock.lock();
    try {
      closed = true;
    } finally {
      lock.unlock();
    }
  }

  @Override
  public String toString() {
    return "InMemoryMemory[" + location + "]";
  }

  // --- runs ---------------------------------------------------------------------------------------------

  @Override
  public long startRun(RunInfo info, long at) {
    return write(() -> {
      notNull(info.mode(), "runs.mode");
      long id = runs.size() + 1L;
      runs.add(new RunRecord(id, info.mode(), info.marketSource(), info.brain(), info.exchange(), info.version(),
          info.configHash(), info.seed(), at, 0, "RUNNING"));
      undo.add(() -> runs.remove(runs.size() - 1));
      return id;
    });
  }

  @Override
  public void finishRun(long runId, String status, long at) {
    write(() -> {
      if (runId < 1 || runId > runs.size()) {
        return; // an UPDATE that matches no row
      }
      notNull(status, "runs.status");
      int index = (int) (runId - 1);
      RunRecord old = runs.get(index);
      runs.set(index, new RunRecord(old.id(), old.mode(), old.marketSource(), old.brain(), old.exchange(),
          old.version(), old.configHash(), old.seed(), old.startedAt(), at, status));
      undo.add(() -> runs.set(index, old));
    });
  }

  @Override
  public List<RunRecord> recentRuns(int limit) {
    return read(() -> {
      List<RunRecord> out = new ArrayList<>();
      for (int i = runs.size() - 1; i >= 0 && (limit < 0 || out.size() < limit); i--) {
        out.add(runs.get(i));
      }
      return Collections.unmodifiableList(out);
    });
  }

  @Override
  public Optional<RunRecord> run(long runId) {
    return read(() -> runId < 1 || runId > runs.size() ? Optional.empty() : Optional.of(runs.get((int) (runId - 1))));
  }

  // --- orders -------------------------------------------------------------------------------------------

  @Override
  public void journal(JournaledOrder intent) {
    boolean outer = beginWrite();
    boolean done = false;
    try {
      if (orders.contains(intent.clientOrderId())) {
        throw conflict("UNIQUE constraint failed: orders.client_order_id " + intent.clientOrderId());
      }
      knownRun(intent.runId());
      orders.add(StoredDecimals.of(intent));
      done = true;
    } finally {
      endWrite(outer, done);
    }
  }

  @Override
  public void updateOrder(String clientOrderId, OrderState state, String exchangeOrderId, BigDecimal executedQty,
      BigDecimal cumulativeQuote, String reason, long at) {
    boolean found;
    boolean outer = beginWrite();
    boolean done = false;
    try {
      found = orders.update(clientOrderId, state, exchangeOrderId, StoredDecimals.of(executedQty),
          StoredDecimals.of(cumulativeQuote), reason, at);
      done = true;
    } finally {
      endWrite(outer, done);
    }
    if (!found) {
      throw new MemoryException(MemoryException.Kind.IO, "no journalled order " + clientOrderId, null);
    }
  }

  @Override
  public void linkDecision(String clientOrderId, long decisionId) {
    if (!write(() -> orders.linkDecision(clientOrderId, decisionId))) {
      throw new MemoryException(MemoryException.Kind.IO, "no journalled order " + clientOrderId, null);
    }
  }

  @Override
  public Optional<JournaledOrder> order(String clientOrderId) {
    lockOpen();
    try {
      return orders.get(clientOrderId);
    } finally {
      lock.unlock();
    }
  }

  @Override
  public List<JournaledOrder> orders(Collection<OrderState> states) {
    if (states.isEmpty()) {
      return List.of(); // answered without the lock, as SqliteMemory does
    }
    lockOpen();
    try {
      return orders.inStates(states);
    } finally {
      lock.unlock();
    }
  }

  @Override
  public List<JournaledOrder> recentOrders(int limit) {
    return read(() -> orders.newestFirst(limit));
  }

  // --- fills --------------------------------------------------------------------------------------------

  @Override
  public boolean recordFill(String exchange, Long runId, Fill fill) {
    boolean outer = beginWrite();
    boolean done = false;
    try {
      // INSERT OR IGNORE: a NOT NULL or primary key violation skips the row silently
      boolean added = exchange != null && !fills.contains(exchange, fill.tradeId());
      if (added) {
        knownRun(runId);
        fills.add(exchange, StoredDecimals.of(fill));
      }
      done = true;
      return added;
    } finally {
      endWrite(outer, done);
    }
  }

  @Override
  public List<Fill> fills(String exchange, String symbol, long since) {
    lockOpen();
    try {
      return fills.since(exchange, symbol, since);
    } finally {
      lock.unlock();
    }
  }

  @Override
  public List<Fill> fillsForOrder(String clientOrderId) {
    return read(() -> fills.forOrder(clientOrderId));
  }

  // --- trades, positions, equity ------------------------------------------------------------------------

  @Override
  public long recordTrade(TradeRecord trade) {
    boolean outer = beginWrite();
    boolean done = false;
    try {
      notNull(trade.exchange(), "trades.exchange");
      notNull(trade.symbol(), "trades.symbol");
      notNull(trade.quantity(), "trades.quantity");
      notNull(trade.entryPrice(), "trades.entry_price");
      notNull(trade.exitPrice(), "trades.exit_price");
      notNull(trade.pnl(), "trades.pnl");
      notNull(trade.fees(), "trades.fees");
      notNull(trade.exitReason(), "trades.exit_reason");
      knownRun(trade.runId());
      long id = tradeIds.next();
      TradeRecord stored = StoredDecimals.of(trade, id);
      TimeKey key = new TimeKey(stored.closedAt(), id);
      trades.insert(key, stored);
      if (stored.runId() != null) {
        rowsOf(tradesByRun, stored.runId()).insert(key, stored);
      }
      done = true;
      return id;
    } finally {
      endWrite(outer, done);
    }
  }

  @Override
  public List<TradeRecord> trades(Long runId, int limit) {
    lockOpen();
    try {
      TimeOrderedRows<TradeRecord> rows = runId == null ? trades : tradesByRun.get(runId);
      return rows == null ? List.of() : rows.newestFirst(limit);
    } finally {
      lock.unlock();
    }
  }

  @Override
  public void upsertPosition(PositionRecord position) {
    boolean outer = beginWrite();
    boolean done = false;
    try {
      notNull(position.exchange(), "positions.exchange");
      notNull(position.symbol(), "positions.symbol");
      notNull(position.quantity(), "positions.quantity");
      notNull(position.averageEntryPrice(), "positions.avg_entry");
      notNull(position.costBasis(), "positions.cost_basis");
      Map<String, PositionRecord> ofExchange = positions.get(position.exchange());
      if (ofExchange == null) {
        ofExchange = new HashMap<>();
        positions.put(position.exchange(), ofExchange);
      }
      PositionRecord old = ofExchange.put(position.symbol(), StoredDecimals.of(position));
      sortedPositions.remove(position.exchange());
      undo.add(new RestorePosition(ofExchange, position.exchange(), position.symbol(), old));
      done = true;
    } finally {
      endWrite(outer, done);
    }
  }

  /** Undoes a position write: puts back {@code old} (none: removes the symbol) and drops the sorted answer. */
  private final class RestorePosition implements Runnable {
    private final Map<String, PositionRecord> ofExchange;
    private final String exchange;
    private final String symbol;
    private final PositionRecord old;

    RestorePosition(Map<String, PositionRecord> ofExchange, String exchange, String symbol, PositionRecord old) {
      this.ofExchange = ofExchange;
      this.exchange = exchange;
      this.symbol = symbol;
      this.old = old;
    }

    @Override
    public void run() {
      sortedPositions.remove(exchange);
      if (old == null) {
        ofExchange.remove(symbol);
      } else {
        ofExchange.put(symbol, old);
      }
    }
  }

  @Override
  public void removePosition(String exchange, String symbol) {
    boolean outer = beginWrite();
    boolean done = false;
    try {
      Map<String, PositionRecord> ofExchange = positions.get(exchange);
      PositionRecord old = ofExchange == null ? null : ofExchange.remove(symbol);
      if (old != null) {
        sortedPositions.remove(exchange);
        undo.add(new RestorePosition(ofExchange, exchange, symbol, old));
      }
      done = true;
    } finally {
      endWrite(outer, done);
    }
  }

  @Override
  public List<PositionRecord> positions(String exchange) {
    lockOpen();
    try {
      List<PositionRecord> cached = sortedPositions.get(exchange);
      if (cached != null) {
        return cached;
      }
      Map<String, PositionRecord> ofExchange = positions.get(exchange);
      if (ofExchange == null || ofExchange.isEmpty()) {
        return List.of();
      }
      List<PositionRecord> out = new ArrayList<>(ofExchange.values());
      out.sort((a, b) -> {
        int byOpening = Long.compare(a.openedAt(), b.openedAt());
        return byOpening != 0 ? byOpening : CodePointOrder.INSTANCE.compare(a.symbol(), b.symbol());
      });
      List<PositionRecord> sorted = Collections.unmodifiableList(out);
      sortedPositions.put(exchange, sorted);
      return sorted;
    } finally {
      lock.unlock();
    }
  }

  @Override
  public void recordEquity(EquityPoint point) {
    boolean outer = beginWrite();
    boolean done = false;
    try {
      notNull(point.equity(), "equity.equity");
      notNull(point.cash(), "equity.cash");
      knownRun(point.runId());
      rowsOf(equity, point.runId()).put(new TimeKey(point.at(), 0), StoredDecimals.of(point));
      done = true;
    } finally {
      endWrite(outer, done);
    }
  }

  @Override
  public List<EquityPoint> equity(long runId) {
    return read(() -> {
      TimeOrderedRows<EquityPoint> ofRun = equity.get(runId);
      return ofRun == null ? List.of() : ofRun.since(Long.MIN_VALUE);
    });
  }

  // --- brain --------------------------------------------------------------------------------------------

  @Override
  public long recordDecision(DecisionRecord d) {
    boolean outer = beginWrite();
    boolean done = false;
    try {
      notNull(d.brain(), "decisions.brain");
      knownRun(d.runId());
      long id = decisionIds.next();
      decisions.insert(new TimeKey(d.at(), id), new DecisionRecord(id, d.runId(), d.at(), d.snapshotHash(),
          d.brain(), d.thoughts(), d.actionsJson(), d.droppedJson(), d.promptTokens(), d.completionTokens(),
          d.latencyMs(), d.outcome()));
      done = true;
      return id;
    } finally {
      endWrite(outer, done);
    }
  }

  @Override
  public List<DecisionRecord> recentDecisions(int limit) {
    return read(() -> decisions.newestFirst(limit));
  }

  @Override
  public Optional<LlmCall> llmCall(String requestHash) {
    return read(() -> Optional.ofNullable(requestHash == null ? null : llmCalls.get(requestHash)));
  }

  @Override
  public void recordLlmCall(LlmCall call) {
    write(() -> {
      // INSERT OR IGNORE: the first write wins and a row breaking NOT NULL is skipped; a NULL key would be
      // stored by SQLite but can never be looked up, so it is not kept
      if (call.requestHash() == null || call.requestJson() == null || call.responseJson() == null
          || llmCalls.containsKey(call.requestHash())) {
        return;
      }
      llmCalls.put(call.requestHash(), call);
      undo.add(() -> llmCalls.remove(call.requestHash()));
    });
  }

  @Override
  public void recordLlmUsage(LlmUsage usage) {
    write(() -> {
      knownRun(usage.runId());
      TimeKey key = new TimeKey(usage.at(), llmUsageIds.next());
      llmUsage.insert(key, usage);
      if (usage.runId() != null) {
        rowsOf(llmUsageByRun, usage.runId()).insert(key, usage);
      }
    });
  }

  @Override
  public long llmTokensSpent(Long runId, long since) {
    lockOpen();
    try {
      TimeOrderedRows<LlmUsage> rows = runId == null ? llmUsage : llmUsageByRun.get(runId);
      long sum = 0;
      if (rows != null && !rows.isEmpty()) {
        for (LlmUsage usage : rows.viewSince(since)) {
          if (!usage.cached()) {
            sum += usage.promptTokens() + usage.completionTokens();
          }
        }
      }
      return sum;
    } finally {
      lock.unlock();
    }
  }

  @Override
  public List<LlmUsage> llmUsage(long runId) {
    return read(() -> {
      TimeOrderedRows<LlmUsage> rows = llmUsageByRun.get(runId);
      return rows == null ? List.of() : rows.since(Long.MIN_VALUE);
    });
  }

  // --- signals and risk ---------------------------------------------------------------------------------

  @Override
  public long recordSignals(SignalRecord record) {
    return write(() -> {
      notNull(record.kind(), "signals.kind");
      notNull(record.payloadJson(), "signals.payload");
      long id = signalIds.next();
      rowsOf(signalsByKind, record.kind()).insert(new TimeKey(record.at(), id),
          new SignalRecord(id, record.at(), record.kind(), record.source(), record.payloadJson()));
      return id;
    });
  }

  @Override
  public Optional<SignalRecord> signalsAt(String kind, long at) {
    return read(() -> {
      TimeOrderedRows<SignalRecord> rows = signalsByKind.get(kind);
      return Optional.ofNullable(rows == null ? null : rows.latestAtOrBefore(at));
    });
  }

  @Override
  public List<SignalRecord> signals(String kind, long from, long to) {
    return read(() -> {
      TimeOrderedRows<SignalRecord> rows = signalsByKind.get(kind);
      return rows == null ? List.of() : rows.between(from, to);
    });
  }

  private static boolean isVerdict(String verdict) {
    return verdict.equals("APPROVE") || verdict.equals("SHRINK") || verdict.equals("REJECT");
  }

  @Override
  public long recordRiskEvent(RiskEvent e) {
    boolean outer = beginWrite();
    boolean done = false;
    try {
      notNull(e.verdict(), "risk_events.verdict");
      notNull(e.rule(), "risk_events.rule");
      if (!isVerdict(e.verdict())) {
        throw conflict("CHECK constraint failed: verdict " + e.verdict() + " is not APPROVE, SHRINK or REJECT");
      }
      knownRun(e.runId());
      long id = riskEventIds.next();
      riskEvents.insert(new TimeKey(e.at(), id), new RiskEvent(id, e.runId(), e.at(), e.verdict(), e.rule(),
          e.reason(), e.symbol(), e.side(), e.beforeJson(), e.afterJson(), e.clientOrderId()));
      done = true;
      return id;
    } finally {
      endWrite(outer, done);
    }
  }

  @Override
  public List<RiskEvent> recentRiskEvents(int limit) {
    return read(() -> riskEvents.newestFirst(limit));
  }

  // --- logs, config, state ------------------------------------------------------------------------------

  @Override
  public void log(Long runId, long at, String level, String source, String message) {
    write(() -> {
      notNull(level, "logs.level");
      notNull(source, "logs.source");
      notNull(message, "logs.message");
      knownRun(runId);
      long id = logIds.next();
      logs.insert(new TimeKey(at, id), new LogEntry(id, runId, at, level, source, message));
    });
  }

  @Override
  public List<LogEntry> recentLogs(int limit) {
    return read(() -> logs.newestFirst(limit));
  }

  @Override
  public void putConfig(String key, String value, long at) {
    write(() -> {
      notNull(value, "config.value");
      if (key != null) {
        config.put(key, value);
        return;
      }
      String old = nullKeyConfig;
      nullKeyConfig = value;
      undo.add(() -> nullKeyConfig = old);
    });
  }

  @Override
  public Optional<String> config(String key) {
    return read(() -> Optional.ofNullable(key == null ? null : config.get(key)));
  }

  @Override
  public Map<String, String> allConfig() {
    return read(() -> {
      if (nullKeyConfig == null) {
        return config.withPrefix("");
      }
      Map<String, String> out = new LinkedHashMap<>();
      out.put(null, nullKeyConfig); // SQLite sorts NULL first
      out.putAll(config.withPrefix(""));
      return Collections.unmodifiableMap(out);
    });
  }

  @Override
  public Optional<String> state(String key) {
    lockOpen();
    try {
      return Optional.ofNullable(key == null ? null : state.get(key));
    } finally {
      lock.unlock();
    }
  }

  @Override
  public void putState(String key, String value, long at) {
    boolean outer = beginWrite();
    boolean done = false;
    try {
      notNull(value, "state.value");
      if (key != null) { // a NULL key row is stored by SQLite but no state query can see it
        state.put(key, value);
      }
      done = true;
    } finally {
      endWrite(outer, done);
    }
  }

  @Override
  public void deleteState(String key) {
    boolean outer = beginWrite();
    boolean done = false;
    try {
      if (key != null) {
        state.delete(key);
      }
      done = true;
    } finally {
      endWrite(outer, done);
    }
  }

  @Override
  public Map<String, String> states(String prefix) {
    Objects.requireNonNull(prefix, "prefix");
    lockOpen();
    try {
      return state.withPrefix(prefix);
    } finally {
      lock.unlock();
    }
  }

  @Override
  public boolean compareAndSetState(String key, String expected, String newValue, long at) {
    boolean outer = beginWrite();
    boolean done = false;
    try {
      String current = key == null ? null : state.get(key);
      boolean set = Objects.equals(current, expected);
      if (set) {
        notNull(newValue, "state.value");
        if (key != null) {
          state.put(key, newValue);
        }
      }
      done = true;
      return set;
    } finally {
      endWrite(outer, done);
    }
  }
}
