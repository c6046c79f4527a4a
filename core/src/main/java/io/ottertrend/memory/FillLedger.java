package io.ottertrend.memory;

import io.ottertrend.model.Fill;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * The fills of {@link InMemoryMemory}: deduplicated on (exchange, trade id) like the SQLite primary key, and
 * indexed by exchange, by (exchange, symbol) and by client order id, each in SQLite's order ({@code at}, then
 * insertion), so a query costs O(log n + matches). Not thread-safe: used only under {@link InMemoryMemory}'s
 * lock.
 */
final class FillLedger {
  /**
   * A name within an exchange: (exchange, trade id) for the deduplication, (exchange, symbol) for the index.
   * Equality and hash written out: a record's generated ones run through method handles, which cost a call into the
   * VM in C1-compiled code, where a backtest's per-cycle callers spend most of a run.
   */
  private record ExchangeKey(String exchange, String name) {
    @Override
    public boolean equals(Object o) {
      return o instanceof ExchangeKey k && Objects.equals(exchange, k.exchange) && Objects.equals(name, k.name);
    }

    @Override
    public int hashCode() {
      return 31 * Objects.hashCode(exchange) + Objects.hashCode(name);
    }
  }

  private final UndoLog undo;
  private final IdSequence rowids;
  private final Set<ExchangeKey> recorded = new HashSet<>();
  private final Map<String, TimeOrderedRows<Fill>> byExchange = new HashMap<>();
  private final Map<ExchangeKey, TimeOrderedRows<Fill>> bySymbol = new HashMap<>();
  private final Map<String, TimeOrderedRows<Fill>> byClientOrder = new HashMap<>();

  FillLedger(UndoLog undo) {
    this.undo = undo;
    this.rowids = new IdSequence(undo);
  }

  boolean contains(String exchange, String tradeId) {
    return recorded.contains(new ExchangeKey(exchange, tradeId));
  }

  /** Adds a fill whose (exchange, trade id) is not recorded yet (the caller checked). */
  void add(String exchange, Fill fill) {
    ExchangeKey id = new ExchangeKey(exchange, fill.tradeId());
    recorded.add(id);
    undo.add(new Runnable() { // a class, not a lambda: see InMemoryMemory#lockOpen
      @Override
      public void run() {
        recorded.remove(id);
      }
    });
    TimeKey key = new TimeKey(fill.time(), rowids.next());
    rows(byExchange, exchange).insert(key, fill);
    rows(bySymbol, new ExchangeKey(exchange, fill.symbol())).insert(key, fill);
    if (fill.clientOrderId() != null) {
      rows(byClientOrder, fill.clientOrderId()).insert(key, fill);
    }
  }

  /** An index's rows for {@code key}; an empty one left behind by a rollback is harmless. */
  private <K> TimeOrderedRows<Fill> rows(Map<K, TimeOrderedRows<Fill>> index, K key) {
    TimeOrderedRows<Fill> rows = index.get(key);
    if (rows == null) {
      rows = new TimeOrderedRows<>(undo);
      index.put(key, rows);
    }
    return rows;
  }

  /** Fills on {@code exchange} (all symbols when {@code symbol} is null) at or after {@code since}. */
  List<Fill> since(String exchange, String symbol, long since) {
    TimeOrderedRows<Fill> rows = symbol == null ? byExchange.get(exchange)
        : bySymbol.get(new ExchangeKey(exchange, symbol));
    return rows == null ? List.of() : rows.since(since);
  }

  List<Fill> forOrder(String clientOrderId) {
    TimeOrderedRows<Fill> rows = clientOrderId == null ? null : byClientOrder.get(clientOrderId);
    return rows == null ? List.of() : rows.since(Long.MIN_VALUE);
  }
}
