package io.ottertrend.memory;

import java.util.List;

/**
 * The SQLite schema, as an ordered list of migrations. Migration {@code i} (1-based) brings a database from
 * {@code user_version = i - 1} to {@code i}. Never edit a released migration; append a new one.
 */
final class Schema {
  /** {@code PRAGMA application_id} of OtterTrend databases ("OTTR"). */
  static final int APPLICATION_ID = 0x4F545452;

  static final List<List<String>> MIGRATIONS = List.of(
      List.of(
          """
          CREATE TABLE runs (
            id INTEGER PRIMARY KEY,
            mode TEXT NOT NULL,
            market_source TEXT,
            brain TEXT,
            exchange TEXT,
            version TEXT,
            config_hash TEXT,
            seed INTEGER,
            started_at INTEGER NOT NULL,
            ended_at INTEGER NOT NULL DEFAULT 0,
            status TEXT NOT NULL DEFAULT 'RUNNING')""",
          """
          CREATE TABLE config (
            key TEXT PRIMARY KEY,
            value TEXT NOT NULL,
            updated_at INTEGER NOT NULL)""",
          """
          CREATE TABLE logs (
            id INTEGER PRIMARY KEY,
            run_id INTEGER REFERENCES runs(id),
            at INTEGER NOT NULL,
            level TEXT NOT NULL,
            source TEXT NOT NULL,
            message TEXT NOT NULL)""",
          """
          CREATE TABLE orders (
            client_order_id TEXT PRIMARY KEY,
            run_id INTEGER REFERENCES runs(id),
            exchange TEXT NOT NULL,
            symbol TEXT NOT NULL,
            side TEXT NOT NULL CHECK (side IN ('BUY','SELL')),
            type TEXT NOT NULL,
            quantity TEXT,
            quote_quantity TEXT,
            price TEXT,
            state TEXT NOT NULL
              CHECK (state IN ('NEW','SENT','UNKNOWN','OPEN','FILLED','CANCELED','REJECTED','NOT_SENT')),
            exchange_order_id TEXT,
            executed_qty TEXT NOT NULL DEFAULT '0',
            cumulative_quote TEXT NOT NULL DEFAULT '0',
            purpose TEXT NOT NULL,
            reason TEXT,
            decision_id INTEGER,
            created_at INTEGER NOT NULL,
            updated_at INTEGER NOT NULL,
            external INTEGER NOT NULL DEFAULT 0)""",
          "CREATE INDEX orders_state ON orders(state, created_at)",
          """
          CREATE TABLE fills (
            exchange TEXT NOT NULL,
            trade_id TEXT NOT NULL,
            run_id INTEGER REFERENCES runs(id),
            client_order_id TEXT,
            order_id TEXT,
            symbol TEXT NOT NULL,
            side TEXT NOT NULL,
            price TEXT NOT NULL,
            quantity TEXT NOT NULL,
            quote_quantity TEXT NOT NULL,
            commission TEXT NOT NULL,
            commission_asset TEXT NOT NULL,
            maker INTEGER NOT NULL,
            at INTEGER NOT NULL,
            PRIMARY KEY (exchange, trade_id))""",
          "CREATE INDEX fills_order ON fills(client_order_id)",
          "CREATE INDEX fills_symbol ON fills(exchange, symbol, at)",
          """
          CREATE TABLE trades (
            id INTEGER PRIMARY KEY,
            run_id INTEGER REFERENCES runs(id),
            exchange TEXT NOT NULL,
            symbol TEXT NOT NULL,
            quantity TEXT NOT NULL,
            entry_price TEXT NOT NULL,
            exit_price TEXT NOT NULL,
            opened_at INTEGER NOT NULL,
            closed_at INTEGER NOT NULL,
            pnl TEXT NOT NULL,
            fees TEXT NOT NULL,
            exit_reason TEXT NOT NULL)""",
          """
          CREATE TABLE positions (
            exchange TEXT NOT NULL,
            symbol TEXT NOT NULL,
            quantity TEXT NOT NULL,
            avg_entry TEXT NOT NULL,
            cost_basis TEXT NOT NULL,
            opened_at INTEGER NOT NULL,
            stop_loss TEXT,
            take_profit TEXT,
            exit_deadline INTEGER NOT NULL DEFAULT 0,
            dust INTEGER NOT NULL DEFAULT 0,
            updated_at INTEGER NOT NULL,
            PRIMARY KEY (exchange, symbol))""",
          """
          CREATE TABLE decisions (
            id INTEGER PRIMARY KEY,
            run_id INTEGER REFERENCES runs(id),
            at INTEGER NOT NULL,
            snapshot_hash TEXT,
            brain TEXT NOT NULL,
            thoughts TEXT,
            actions TEXT,
            dropped TEXT,
            prompt_tokens INTEGER NOT NULL DEFAULT 0,
            completion_tokens INTEGER NOT NULL DEFAULT 0,
            latency_ms INTEGER NOT NULL DEFAULT 0,
            outcome TEXT)""",
          """
          CREATE TABLE llm_calls (
            request_hash TEXT PRIMARY KEY,
            model TEXT,
            request TEXT NOT NULL,
            response TEXT NOT NULL,
            prompt_tokens INTEGER NOT NULL,
            completion_tokens INTEGER NOT NULL,
            latency_ms INTEGER NOT NULL,
            created_at INTEGER NOT NULL)""",
          """
          CREATE TABLE llm_usage (
            id INTEGER PRIMARY KEY,
            run_id INTEGER REFERENCES runs(id),
            at INTEGER NOT NULL,
            request_hash TEXT,
            cached INTEGER NOT NULL,
            prompt_tokens INTEGER NOT NULL,
            completion_tokens INTEGER NOT NULL)""",
          "CREATE INDEX llm_usage_at ON llm_usage(at)",
          """
          CREATE TABLE signals (
            id INTEGER PRIMARY KEY,
            at INTEGER NOT NULL,
            kind TEXT NOT NULL,
            source TEXT,
            payload TEXT NOT NULL)""",
          "CREATE INDEX signals_kind_at ON signals(kind, at)",
          """
          CREATE TABLE risk_events (
            id INTEGER PRIMARY KEY,
            run_id INTEGER REFERENCES runs(id),
            at INTEGER NOT NULL,
            verdict TEXT NOT NULL CHECK (verdict IN ('APPROVE','SHRINK','REJECT')),
            rule TEXT NOT NULL,
            reason TEXT,
            symbol TEXT,
            side TEXT,
            before_order TEXT,
            after_order TEXT,
            client_order_id TEXT)""",
          """
          CREATE TABLE equity (
            run_id INTEGER NOT NULL REFERENCES runs(id),
            at INTEGER NOT NULL,
            equity TEXT NOT NULL,
            cash TEXT NOT NULL,
            PRIMARY KEY (run_id, at))""",
          """
          CREATE TABLE state (
            key TEXT PRIMARY KEY,
            value TEXT NOT NULL,
            updated_at INTEGER NOT NULL)"""));

  static int latestVersion() {
    return MIGRATIONS.size();
  }

  private Schema() {}
}
