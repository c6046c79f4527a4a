package io.ottertrend.memory;

import io.ottertrend.model.Fill;
import io.ottertrend.model.OrderType;
import io.ottertrend.model.Side;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Types;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Supplier;
import org.sqlite.SQLiteConfig;
import org.sqlite.SQLiteErrorCode;

/**
 * {@link Memory} on one SQLite file.
 *
 * <p>Settings applied as driver properties (not init SQL, which sqlite-jdbc would apply only partly):
 * WAL journal, {@code synchronous=FULL} (a returned write survives power loss where storage honours fsync),
 * foreign keys on, a 10 s busy timeout. Writes run in {@code BEGIN IMMEDIATE} transactions so a writer never
 * fails half-way on a lock upgrade. Several processes may open the same file (e.g. {@code status} while
 * {@code paper} runs).
 *
 * <p>Opening is careful: a file that is not an OtterTrend database, or one written by a newer schema, is
 * refused with {@link MemoryException} before anything is changed (it is inspected read-only first).
 *
 * <p>Thread-safe: one connection guarded by a fair lock; {@link #inTransaction(Supplier)} holds it for the
 * whole transaction.
 */
public final class SqliteMemory implements Memory {
  private final Path file;
  private final Connection connection;
  private final ReentrantLock lock = new ReentrantLock(true);
  private int transactionDepth;
  private boolean closed;

  private SqliteMemory(Path file, Connection connection) {
    this.file = file;
    this.connection = connection;
  }

  /**
   * Opens (creating when absent) the database at {@code file} and migrates it to the current schema.
   *
   * @throws MemoryException NOT_OTTERTREND, NEWER_SCHEMA, NOT_WRITABLE or IO; the file is left unchanged
   */
  public static SqliteMemory open(Path file) {
    return open(file, true);
  }

  /**
   * Opens a scratch database for a backtest whose file is thrown away afterwards: the same schema and
   * behaviour, but {@code synchronous=OFF} (no fsync per write), because durability buys nothing there and
   * costs most of a simulated cycle. Never use it for paper or live trading.
   *
   * @throws MemoryException as {@link #open(Path)}
   */
  public static SqliteMemory openScratch(Path file) {
    return open(file, false);
  }

  private static SqliteMemory open(Path file, boolean durable) {
    Path absolute = file.toAbsolutePath();
    inspect(absolute);
    Path parent = absolute.getParent();
    try {
      if (parent != null) {
        Files.createDirectories(parent);
      }
    } catch (IOException e) {
      throw new MemoryException(MemoryException.Kind.NOT_WRITABLE,
          "cannot create folder " + parent + ": " + e.getMessage() + "; choose another --db path", e);
    }
    Connection c = null;
    try {
      SQLiteConfig config = new SQLiteConfig();
      config.setJournalMode(SQLiteConfig.JournalMode.WAL);
      config.setSynchronous(durable ? SQLiteConfig.SynchronousMode.FULL : SQLiteConfig.SynchronousMode.OFF);
      config.enforceForeignKeys(true);
      config.setBusyTimeout(10_000);
      Properties props = config.toProperties();
      c = DriverManager.getConnection("jdbc:sqlite:" + absolute, props);
      SqliteMemory memory = new SqliteMemory(absolute, c);
      memory.migrate();
      return memory;
    } catch (SQLException e) {
      closeQuietly(c);
      throw translate(e, "open " + absolute);
    }
  }

  /** Inspects an existing file read-only; refuses foreign or newer databases without touching them. */
  private static void inspect(Path file) {
    try {
      if (!Files.exists(file) || Files.size(file) == 0) {
        return;
      }
    } catch (IOException e) {
      throw new MemoryException(MemoryException.Kind.IO, "cannot read " + file + ": " + e.getMessage(), e);
    }
    SQLiteConfig config = new SQLiteConfig();
    config.setReadOnly(true);
    try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + file, config.toProperties());
        Statement st = c.createStatement()) {
      int appId = intPragma(st, "application_id");
      int version = intPragma(st, "user_version");
      int objects;
      try (ResultSet rs = st.executeQuery("SELECT count(*) FROM sqlite_master")) {
        objects = rs.next() ? rs.getInt(1) : 0;
      }
      if (appId != Schema.APPLICATION_ID && (appId != 0 || objects > 0)) {
        throw new MemoryException(MemoryException.Kind.NOT_OTTERTREND,
            file + " is not an OtterTrend database (another application's SQLite file); choose another --db path",
            null);
      }
      if (version > Schema.latestVersion()) {
        throw new MemoryException(MemoryException.Kind.NEWER_SCHEMA,
            file + " was written by a newer OtterTrend (schema " + version + ", this version knows "
                + Schema.latestVersion() + "); upgrade OtterTrend or choose another --db path", null);
      }
    } catch (SQLException e) {
      if (e.getErrorCode() == SQLiteErrorCode.SQLITE_NOTADB.code
          || String.valueOf(e.getMessage()).contains("not a database")) {
        throw new MemoryException(MemoryException.Kind.NOT_OTTERTREND,
            file + " is not an OtterTrend database (not an SQLite file); choose another --db path", e);
      }
      throw translate(e, "inspect " + file);
    }
  }

  private static int intPragma(Statement st, String name) throws SQLException {
    try (ResultSet rs = st.executeQuery("PRAGMA " + name)) {
      return rs.next() ? rs.getInt(1) : 0;
    }
  }

  private void migrate() throws SQLException {
    try (Statement st = connection.createStatement()) {
      int version = intPragma(st, "user_version");
      if (version > Schema.latestVersion()) {
        throw new MemoryException(MemoryException.Kind.NEWER_SCHEMA,
            file + " was written by a newer OtterTrend (schema " + version + "); upgrade OtterTrend", null);
      }
      for (int v = version; v < Schema.latestVersion(); v++) {
        st.execute("BEGIN IMMEDIATE");
        try {
          for (String sql : Schema.MIGRATIONS.get(v)) {
            st.execute(sql);
          }
          st.execute("PRAGMA application_id = " + Schema.APPLICATION_ID);
          st.execute("PRAGMA user_version = " + (v + 1));
          st.execute("COMMIT");
        } catch (SQLException e) {
          st.execute("ROLLBACK");
          throw e;
        }
      }
    }
  }

  /** Schema version of the open database. */
  public int schemaVersion() {
    return withLock(() -> {
      try (Statement st = connection.createStatement()) {
        return intPragma(st, "user_version");
      }
    });
  }

  /** Runs {@code PRAGMA integrity_check}; returns "ok" when the file is sound. */
  public String integrityCheck() {
    return withLock(() -> {
      try (Statement st = connection.createStatement(); ResultSet rs = st.executeQuery("PRAGMA integrity_check")) {
        return rs.next() ? rs.getString(1) : "no answer";
      }
    });
  }

  @Override
  public String location() {
    return file.toString();
  }

  // --- plumbing -----------------------------------------------------------------------------------------

  @FunctionalInterface
  private interface SqlWork<T> {
    T run() throws SQLException;
  }

  private <T> T withLock(SqlWork<T> work) {
    lock.lock();
    try {
      if (closed) {
        throw new MemoryException(MemoryException.Kind.IO, "memory " + file + " is closed", null);
      }
      return work.run();
    } catch (SQLException e) {
      throw translate(e, "query " + file);
    } finally {
      lock.unlock();
    }
  }

  /** Runs {@code work} inside a write transaction (joining an outer one). */
  private <T> T write(SqlWork<T> work) {
    lock.lock();
    try {
      if (closed) {
        throw new MemoryException(MemoryException.Kind.IO, "memory " + file + " is closed", null);
      }
      if (transactionDepth > 0) {
        return work.run();
      }
      try (Statement st = connection.createStatement()) {
        st.execute("BEGIN IMMEDIATE");
        try {
          T result = work.run();
          st.execute("COMMIT");
          return result;
        } catch (Throwable e) {
          // Errors too: a transaction left open would make every later BEGIN fail for the life of the process.
          rollback(st, e);
          throw e;
        }
      }
    } catch (SQLException e) {
      throw translate(e, "write " + file);
    } finally {
      lock.unlock();
    }
  }

  @Override
  public <T> T inTransaction(Supplier<T> work) {
    lock.lock();
    try {
      if (transactionDepth > 0) {
        return work.get();
      }
      try (Statement st = connection.createStatement()) {
        st.execute("BEGIN IMMEDIATE");
        transactionDepth++;
        try {
          T result = work.get();
          st.execute("COMMIT");
          return result;
        } catch (Throwable e) {
          rollback(st, e);
          throw e;
        } finally {
          transactionDepth--;
        }
      }
    } catch (SQLException e) {
      throw translate(e, "transaction on " + file);
    } finally {
      lock.unlock();
    }
  }

  /** Rolls back the open transaction after {@code failure}; a rollback that fails too is attached to it. */
  private static void rollback(Statement st, Throwable failure) {
    try {
      st.execute("ROLLBACK");
    } catch (SQLException rollback) {
      failure.addSuppressed(rollback);
    }
  }

  private static MemoryException translate(SQLException e, String what) {
    String msg = String.valueOf(e.getMessage());
    int code = e.getErrorCode() & 0xff;
    if (code == SQLiteErrorCode.SQLITE_READONLY.code || code == SQLiteErrorCode.SQLITE_FULL.code
        || code == SQLiteErrorCode.SQLITE_CANTOPEN.code || code == SQLiteErrorCode.SQLITE_IOERR.code
        || code == SQLiteErrorCode.SQLITE_PERM.code) {
      return new MemoryException(MemoryException.Kind.NOT_WRITABLE,
          "cannot " + what + ": " + msg + "; check that the file and folder are writable and the disk is not full",
          e);
    }
    if (code == SQLiteErrorCode.SQLITE_CONSTRAINT.code) {
      return new MemoryException(MemoryException.Kind.CONFLICT, "cannot " + what + ": " + msg, e);
    }
    if (code == SQLiteErrorCode.SQLITE_NOTADB.code) {
      return new MemoryException(MemoryException.Kind.NOT_OTTERTREND, what + ": not an OtterTrend database", e);
    }
    return new MemoryException(MemoryException.Kind.IO, "cannot " + what + ": " + msg, e);
  }

  private int update(String sql, Object... args) throws SQLException {
    try (PreparedStatement ps = connection.prepareStatement(sql)) {
      bind(ps, args);
      return ps.executeUpdate();
    }
  }

  private long insert(String sql, Object... args) throws SQLException {
    try (PreparedStatement ps = connection.prepareStatement(sql)) {
      bind(ps, args);
      ps.executeUpdate();
    }
    try (Statement st = connection.createStatement(); ResultSet rs = st.executeQuery("SELECT last_insert_rowid()")) {
      return rs.next() ? rs.getLong(1) : 0;
    }
  }

  @FunctionalInterface
  private interface RowMapper<T> {
    T map(ResultSet rs) throws SQLException;
  }

  private <T> List<T> query(String sql, RowMapper<T> mapper, Object... args) throws SQLException {
    try (PreparedStatement ps = connection.prepareStatement(sql)) {
      bind(ps, args);
      try (ResultSet rs = ps.executeQuery()) {
        List<T> out = new ArrayList<>();
        while (rs.next()) {
          out.add(mapper.map(rs));
        }
        return out;
      }
    }
  }

  private static void bind(PreparedStatement ps, Object... args) throws SQLException {
    for (int i = 0; i < args.length; i++) {
      Object a = args[i];
      switch (a) {
        case null -> ps.setNull(i + 1, Types.NULL);
        case BigDecimal d -> ps.setString(i + 1, d.toPlainString());
        case Boolean b -> ps.setInt(i + 1, b ? 1 : 0);
        case Enum<?> en -> ps.setString(i + 1, en.name());
        case Long l -> ps.setLong(i + 1, l);
        case Integer n -> ps.setInt(i + 1, n);
        default -> ps.setString(i + 1, a.toString());
      }
    }
  }

  private static BigDecimal dec(ResultSet rs, String col) throws SQLException {
    String s = rs.getString(col);
    return s == null ? null : new BigDecimal(s);
  }

  private static Long nullableLong(ResultSet rs, String col) throws SQLException {
    long v = rs.getLong(col);
    return rs.wasNull() ? null : v;
  }

  // --- runs ---------------------------------------------------------------------------------------------

  @Override
  public long startRun(RunInfo info, long at) {
    return write(() -> insert(
        "INSERT INTO runs(mode, market_source, brain, exchange, version, config_hash, seed, started_at) "
            + "VALUES (?,?,?,?,?,?,?,?)",
        info.mode(), info.marketSource(), info.brain(), info.exchange(), info.version(), info.configHash(),
        info.seed(), at));
  }

  @Override
  public void finishRun(long runId, String status, long at) {
    write(() -> update("UPDATE runs SET status = ?, ended_at = ? WHERE id = ?", status, at, runId));
  }

  private static RunRecord runRow(ResultSet rs) throws SQLException {
    return new RunRecord(rs.getLong("id"), rs.getString("mode"), rs.getString("market_source"),
        rs.getString("brain"), rs.getString("exchange"), rs.getString("version"), rs.getString("config_hash"),
        nullableLong(rs, "seed"), rs.getLong("started_at"), rs.getLong("ended_at"), rs.getString("status"));
  }

  @Override
  public List<RunRecord> recentRuns(int limit) {
    return withLock(() -> query("SELECT * FROM runs ORDER BY id DESC LIMIT ?", SqliteMemory::runRow, limit));
  }

  @Override
  public Optional<RunRecord> run(long runId) {
    return withLock(() -> query("SELECT * FROM runs WHERE id = ?", SqliteMemory::runRow, runId))
        .stream().findFirst();
  }

  // --- orders -------------------------------------------------------------------------------------------

  @Override
  public void journal(JournaledOrder o) {
    write(() -> update(
        "INSERT INTO orders(client_order_id, run_id, exchange, symbol, side, type, quantity, quote_quantity, price, "
            + "state, exchange_order_id, executed_qty, cumulative_quote, purpose, reason, decision_id, created_at, "
            + "updated_at, external) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)",
        o.clientOrderId(), o.runId(), o.exchange(), o.symbol(), o.side(), o.type(), o.quantity(), o.quoteQuantity(),
        o.price(), o.state(), o.exchangeOrderId(), o.executedQty(), o.cumulativeQuote(), o.purpose(), o.reason(),
        o.decisionId(), o.createdAt(), o.updatedAt(), o.external()));
  }

  @Override
  public void updateOrder(String clientOrderId, OrderState state, String exchangeOrderId, BigDecimal executedQty,
      BigDecimal cumulativeQuote, String reason, long at) {
    int n = write(() -> update(
        "UPDATE orders SET state = coalesce(?, state), exchange_order_id = coalesce(?, exchange_order_id), "
            + "executed_qty = coalesce(?, executed_qty), cumulative_quote = coalesce(?, cumulative_quote), "
            + "reason = coalesce(?, reason), updated_at = ? WHERE client_order_id = ?",
        state, exchangeOrderId, executedQty, cumulativeQuote, reason, at, clientOrderId));
    if (n == 0) {
      throw new MemoryException(MemoryException.Kind.IO, "no journalled order " + clientOrderId, null);
    }
  }

  @Override
  public void linkDecision(String clientOrderId, long decisionId) {
    int n = write(() -> update("UPDATE orders SET decision_id = coalesce(decision_id, ?) WHERE client_order_id = ?",
        decisionId, clientOrderId));
    if (n == 0) {
      throw new MemoryException(MemoryException.Kind.IO, "no journalled order " + clientOrderId, null);
    }
  }

  private static JournaledOrder orderRow(ResultSet rs) throws SQLException {
    return new JournaledOrder(rs.getString("client_order_id"), nullableLong(rs, "run_id"), rs.getString("exchange"),
        rs.getString("symbol"), Side.valueOf(rs.getString("side")), OrderType.valueOf(rs.getString("type")),
        dec(rs, "quantity"), dec(rs, "quote_quantity"), dec(rs, "price"), OrderState.valueOf(rs.getString("state")),
        rs.getString("exchange_order_id"), dec(rs, "executed_qty"), dec(rs, "cumulative_quote"),
        rs.getString("purpose"), rs.getString("reason"), nullableLong(rs, "decision_id"), rs.getLong("created_at"),
        rs.getLong("updated_at"), rs.getInt("external") != 0);
  }

  @Override
  public Optional<JournaledOrder> order(String clientOrderId) {
    return withLock(() -> query("SELECT * FROM orders WHERE client_order_id = ?", SqliteMemory::orderRow,
        clientOrderId)).stream().findFirst();
  }

  @Override
  public List<JournaledOrder> orders(Collection<OrderState> states) {
    if (states.isEmpty()) {
      return List.of();
    }
    String marks = String.join(",", java.util.Collections.nCopies(states.size(), "?"));
    return withLock(() -> query("SELECT * FROM orders WHERE state IN (" + marks + ") ORDER BY created_at, rowid",
        SqliteMemory::orderRow, states.toArray()));
  }

  @Override
  public List<JournaledOrder> recentOrders(int limit) {
    return withLock(() -> query("SELECT * FROM orders ORDER BY created_at DESC, rowid DESC LIMIT ?",
        SqliteMemory::orderRow, limit));
  }

  // --- fills --------------------------------------------------------------------------------------------

  @Override
  public boolean recordFill(String exchange, Long runId, Fill f) {
    return write(() -> update(
        "INSERT OR IGNORE INTO fills(exchange, trade_id, run_id, client_order_id, order_id, symbol, side, price, "
            + "quantity, quote_quantity, commission, commission_asset, maker, at) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?)",
        exchange, f.tradeId(), runId, f.clientOrderId(), f.orderId(), f.symbol(), f.side(), f.price(), f.quantity(),
        f.quoteQuantity(), f.commission(), f.commissionAsset(), f.maker(), f.time()) > 0);
  }

  private static Fill fillRow(ResultSet rs) throws SQLException {
    return new Fill(rs.getString("symbol"), rs.getString("trade_id"), rs.getString("order_id"),
        rs.getString("client_order_id"), Side.valueOf(rs.getString("side")), dec(rs, "price"), dec(rs, "quantity"),
        dec(rs, "quote_quantity"), dec(rs, "commission"), rs.getString("commission_asset"), rs.getInt("maker") != 0,
        rs.getLong("at"));
  }

  @Override
  public List<Fill> fills(String exchange, String symbol, long since) {
    return withLock(() -> symbol == null
        ? query("SELECT * FROM fills WHERE exchange = ? AND at >= ? ORDER BY at, rowid", SqliteMemory::fillRow,
            exchange, since)
        : query("SELECT * FROM fills WHERE exchange = ? AND symbol = ? AND at >= ? ORDER BY at, rowid",
            SqliteMemory::fillRow, exchange, symbol, since));
  }

  @Override
  public List<Fill> fillsForOrder(String clientOrderId) {
    return withLock(() -> query("SELECT * FROM fills WHERE client_order_id = ? ORDER BY at, rowid",
        SqliteMemory::fillRow, clientOrderId));
  }

  // --- trades, positions, equity ------------------------------------------------------------------------

  @Override
  public long recordTrade(TradeRecord t) {
    return write(() -> insert(
        "INSERT INTO trades(run_id, exchange, symbol, quantity, entry_price, exit_price, opened_at, closed_at, pnl, "
            + "fees, exit_reason) VALUES (?,?,?,?,?,?,?,?,?,?,?)",
        t.runId(), t.exchange(), t.symbol(), t.quantity(), t.entryPrice(), t.exitPrice(), t.openedAt(),
        t.closedAt(), t.pnl(), t.fees(), t.exitReason()));
  }

  @Override
  public List<TradeRecord> trades(Long runId, int limit) {
    RowMapper<TradeRecord> m = rs -> new TradeRecord(rs.getLong("id"), nullableLong(rs, "run_id"),
        rs.getString("exchange"), rs.getString("symbol"), dec(rs, "quantity"), dec(rs, "entry_price"),
        dec(rs, "exit_price"), rs.getLong("opened_at"), rs.getLong("closed_at"), dec(rs, "pnl"), dec(rs, "fees"),
        rs.getString("exit_reason"));
    return withLock(() -> runId == null
        ? query("SELECT * FROM trades ORDER BY closed_at DESC, id DESC LIMIT ?", m, limit)
        : query("SELECT * FROM trades WHERE run_id = ? ORDER BY closed_at DESC, id DESC LIMIT ?", m, runId, limit));
  }

  @Override
  public void upsertPosition(PositionRecord p) {
    write(() -> update(
        "INSERT OR REPLACE INTO positions(exchange, symbol, quantity, avg_entry, cost_basis, opened_at, stop_loss, "
            + "take_profit, exit_deadline, dust, updated_at) VALUES (?,?,?,?,?,?,?,?,?,?,?)",
        p.exchange(), p.symbol(), p.quantity(), p.averageEntryPrice(), p.costBasis(), p.openedAt(), p.stopLoss(),
        p.takeProfit(), p.exitDeadline(), p.dust(), p.updatedAt()));
  }

  @Override
  public void removePosition(String exchange, String symbol) {
    write(() -> update("DELETE FROM positions WHERE exchange = ? AND symbol = ?", exchange, symbol));
  }

  @Override
  public List<PositionRecord> positions(String exchange) {
    return withLock(() -> query("SELECT * FROM positions WHERE exchange = ? ORDER BY opened_at, symbol",
        rs -> new PositionRecord(rs.getString("exchange"), rs.getString("symbol"), dec(rs, "quantity"),
            dec(rs, "avg_entry"), dec(rs, "cost_basis"), rs.getLong("opened_at"), dec(rs, "stop_loss"),
            dec(rs, "take_profit"), rs.getLong("exit_deadline"), rs.getInt("dust") != 0, rs.getLong("updated_at")),
        exchange));
  }

  @Override
  public void recordEquity(EquityPoint p) {
    write(() -> update("INSERT OR REPLACE INTO equity(run_id, at, equity, cash) VALUES (?,?,?,?)", p.runId(),
        p.at(), p.equity(), p.cash()));
  }

  @Override
  public List<EquityPoint> equity(long runId) {
    return withLock(() -> query("SELECT * FROM equity WHERE run_id = ? ORDER BY at",
        rs -> new EquityPoint(rs.getLong("run_id"), rs.getLong("at"), dec(rs, "equity"), dec(rs, "cash")), runId));
  }

  // --- brain --------------------------------------------------------------------------------------------

  @Override
  public long recordDecision(DecisionRecord d) {
    return write(() -> insert(
        "INSERT INTO decisions(run_id, at, snapshot_hash, brain, thoughts, actions, dropped, prompt_tokens, "
            + "completion_tokens, latency_ms, outcome) VALUES (?,?,?,?,?,?,?,?,?,?,?)",
        d.runId(), d.at(), d.snapshotHash(), d.brain(), d.thoughts(), d.actionsJson(), d.droppedJson(),
        d.promptTokens(), d.completionTokens(), d.latencyMs(), d.outcome()));
  }

  @Override
  public List<DecisionRecord> recentDecisions(int limit) {
    return withLock(() -> query("SELECT * FROM decisions ORDER BY at DESC, id DESC LIMIT ?",
        rs -> new DecisionRecord(rs.getLong("id"), nullableLong(rs, "run_id"), rs.getLong("at"),
            rs.getString("snapshot_hash"), rs.getString("brain"), rs.getString("thoughts"), rs.getString("actions"),
            rs.getString("dropped"), rs.getLong("prompt_tokens"), rs.getLong("completion_tokens"),
            rs.getLong("latency_ms"), rs.getString("outcome")),
        limit));
  }

  @Override
  public Optional<LlmCall> llmCall(String requestHash) {
    return withLock(() -> query("SELECT * FROM llm_calls WHERE request_hash = ?",
        rs -> new LlmCall(rs.getString("request_hash"), rs.getString("model"), rs.getString("request"),
            rs.getString("response"), rs.getLong("prompt_tokens"), rs.getLong("completion_tokens"),
            rs.getLong("latency_ms"), rs.getLong("created_at")),
        requestHash)).stream().findFirst();
  }

  @Override
  public void recordLlmCall(LlmCall c) {
    write(() -> update(
        "INSERT OR IGNORE INTO llm_calls(request_hash, model, request, response, prompt_tokens, completion_tokens, "
            + "latency_ms, created_at) VALUES (?,?,?,?,?,?,?,?)",
        c.requestHash(), c.model(), c.requestJson(), c.responseJson(), c.promptTokens(), c.completionTokens(),
        c.latencyMs(), c.createdAt()));
  }

  @Override
  public void recordLlmUsage(LlmUsage u) {
    write(() -> update(
        "INSERT INTO llm_usage(run_id, at, request_hash, cached, prompt_tokens, completion_tokens) VALUES (?,?,?,?,?,?)",
        u.runId(), u.at(), u.requestHash(), u.cached(), u.promptTokens(), u.completionTokens()));
  }

  @Override
  public long llmTokensSpent(Long runId, long since) {
    return withLock(() -> {
      List<Long> r = runId == null
          ? query("SELECT coalesce(sum(prompt_tokens + completion_tokens), 0) FROM llm_usage WHERE cached = 0 "
              + "AND at >= ?", rs -> rs.getLong(1), since)
          : query("SELECT coalesce(sum(prompt_tokens + completion_tokens), 0) FROM llm_usage WHERE cached = 0 "
              + "AND at >= ? AND run_id = ?", rs -> rs.getLong(1), since, runId);
      return r.get(0);
    });
  }

  @Override
  public List<LlmUsage> llmUsage(long runId) {
    return withLock(() -> query("SELECT * FROM llm_usage WHERE run_id = ? ORDER BY at, id",
        rs -> new LlmUsage(nullableLong(rs, "run_id"), rs.getLong("at"), rs.getString("request_hash"),
            rs.getInt("cached") != 0, rs.getLong("prompt_tokens"), rs.getLong("completion_tokens")),
        runId));
  }

  // --- signals and risk ---------------------------------------------------------------------------------

  @Override
  public long recordSignals(SignalRecord r) {
    return write(() -> insert("INSERT INTO signals(at, kind, source, payload) VALUES (?,?,?,?)", r.at(), r.kind(),
        r.source(), r.payloadJson()));
  }

  private static SignalRecord signalRow(ResultSet rs) throws SQLException {
    return new SignalRecord(rs.getLong("id"), rs.getLong("at"), rs.getString("kind"), rs.getString("source"),
        rs.getString("payload"));
  }

  @Override
  public Optional<SignalRecord> signalsAt(String kind, long at) {
    return withLock(() -> query(
        "SELECT * FROM signals WHERE kind = ? AND at <= ? ORDER BY at DESC, id DESC LIMIT 1",
        SqliteMemory::signalRow, kind, at)).stream().findFirst();
  }

  @Override
  public List<SignalRecord> signals(String kind, long from, long to) {
    return withLock(() -> query("SELECT * FROM signals WHERE kind = ? AND at >= ? AND at <= ? ORDER BY at, id",
        SqliteMemory::signalRow, kind, from, to));
  }

  @Override
  public long recordRiskEvent(RiskEvent e) {
    return write(() -> insert(
        "INSERT INTO risk_events(run_id, at, verdict, rule, reason, symbol, side, before_order, after_order, "
            + "client_order_id) VALUES (?,?,?,?,?,?,?,?,?,?)",
        e.runId(), e.at(), e.verdict(), e.rule(), e.reason(), e.symbol(), e.side(), e.beforeJson(), e.afterJson(),
        e.clientOrderId()));
  }

  @Override
  public List<RiskEvent> recentRiskEvents(int limit) {
    return withLock(() -> query("SELECT * FROM risk_events ORDER BY at DESC, id DESC LIMIT ?",
        rs -> new RiskEvent(rs.getLong("id"), nullableLong(rs, "run_id"), rs.getLong("at"), rs.getString("verdict"),
            rs.getString("rule"), rs.getString("reason"), rs.getString("symbol"), rs.getString("side"),
            rs.getString("before_order"), rs.getString("after_order"), rs.getString("client_order_id")),
        limit));
  }

  // --- logs, config, state ------------------------------------------------------------------------------

  @Override
  public void log(Long runId, long at, String level, String source, String message) {
    write(() -> update("INSERT INTO logs(run_id, at, level, source, message) VALUES (?,?,?,?,?)", runId, at, level,
        source, message));
  }

  @Override
  public List<LogEntry> recentLogs(int limit) {
    return withLock(() -> query("SELECT * FROM logs ORDER BY at DESC, id DESC LIMIT ?",
        rs -> new LogEntry(rs.getLong("id"), nullableLong(rs, "run_id"), rs.getLong("at"), rs.getString("level"),
            rs.getString("source"), rs.getString("message")),
        limit));
  }

  @Override
  public void putConfig(String key, String value, long at) {
    write(() -> update("INSERT OR REPLACE INTO config(key, value, updated_at) VALUES (?,?,?)", key, value, at));
  }

  @Override
  public Optional<String> config(String key) {
    return withLock(() -> query("SELECT value FROM config WHERE key = ?", rs -> rs.getString(1), key))
        .stream().findFirst();
  }

  @Override
  public Map<String, String> allConfig() {
    return withLock(() -> {
      Map<String, String> out = new LinkedHashMap<>();
      for (String[] kv : query("SELECT key, value FROM config ORDER BY key",
          rs -> new String[] {rs.getString(1), rs.getString(2)})) {
        out.put(kv[0], kv[1]);
      }
      return out;
    });
  }

  @Override
  public Optional<String> state(String key) {
    return withLock(() -> query("SELECT value FROM state WHERE key = ?", rs -> rs.getString(1), key))
        .stream().findFirst();
  }

  @Override
  public void putState(String key, String value, long at) {
    write(() -> update("INSERT OR REPLACE INTO state(key, value, updated_at) VALUES (?,?,?)", key, value, at));
  }

  @Override
  public void deleteState(String key) {
    write(() -> update("DELETE FROM state WHERE key = ?", key));
  }

  @Override
  public Map<String, String> states(String prefix) {
    return withLock(() -> {
      Map<String, String> out = new LinkedHashMap<>();
      for (String[] kv : query("SELECT key, value FROM state WHERE substr(key, 1, ?) = ? ORDER BY key",
          rs -> new String[] {rs.getString(1), rs.getString(2)}, prefix.length(), prefix)) {
        out.put(kv[0], kv[1]);
      }
      return out;
    });
  }

  @Override
  public boolean compareAndSetState(String key, String expected, String newValue, long at) {
    return write(() -> {
      List<String> current = query("SELECT value FROM state WHERE key = ?", rs -> rs.getString(1), key);
      String value = current.isEmpty() ? null : current.get(0);
      if (!java.util.Objects.equals(value, expected)) {
        return false;
      }
      update("INSERT OR REPLACE INTO state(key, value, updated_at) VALUES (?,?,?)", key, newValue, at);
      return true;
    });
  }

  @Override
  public void close() {
    lock.lock();
    try {
      if (!closed) {
        closed = true;
        closeQuietly(connection);
      }
    } finally {
      lock.unlock();
    }
  }

  private static void closeQuietly(Connection c) {
    if (c != null) {
      try {
        c.close();
      } catch (SQLException ignored) {
        // closing after a failure: the original error is what matters
      }
    }
  }

  @Override
  public String toString() {
    return "SqliteMemory[" + file + "]";
  }
}
