package io.ottertrend.memory;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Everything a {@link Memory} answers about a known set of keys, read through every read method, as one
 * comparable value: two memories with equal reads are indistinguishable to callers. Maps become entry lists
 * so their order counts too.
 *
 * @param runIds run ids to look up (unknown ones included)
 * @param orderIds client order ids to look up (an unknown one included)
 * @param exchanges exchanges to list fills and positions of
 * @param symbols symbols to filter fills by
 * @param times instants for {@code since}, {@code at} and range queries
 * @param kinds signal kinds
 * @param keys state and config keys
 * @param prefixes state prefixes ({@code ""} included)
 * @param hashes LLM request hashes
 */
record MemoryReads(List<Long> runIds, List<String> orderIds, List<String> exchanges, List<String> symbols,
    List<Long> times, List<String> kinds, List<String> keys, List<String> prefixes, List<String> hashes) {

  /** Reads everything about the probe keys, and every list in full. */
  Map<String, Object> of(Memory m) {
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("recentRuns", m.recentRuns(-1));
    out.put("recentRuns(2)", m.recentRuns(2));
    for (long run : runIds) {
      out.put("run " + run, m.run(run));
      out.put("trades run " + run, m.trades(run, -1));
      out.put("trades(2) run " + run, m.trades(run, 2));
      out.put("equity run " + run, m.equity(run));
      out.put("llmUsage run " + run, m.llmUsage(run));
      out.put("tokens run " + run, m.llmTokensSpent(run, 0));
    }
    for (String id : orderIds) {
      out.put("order " + id, m.order(id));
      out.put("fillsForOrder " + id, m.fillsForOrder(id));
    }
    for (OrderState state : OrderState.values()) {
      out.put("orders " + state, m.orders(List.of(state)));
    }
    out.put("orders live", m.orders(EnumSet.of(OrderState.NEW, OrderState.SENT, OrderState.UNKNOWN, OrderState.OPEN)));
    out.put("orders all", m.orders(EnumSet.allOf(OrderState.class)));
    out.put("recentOrders", m.recentOrders(-1));
    out.put("recentOrders(3)", m.recentOrders(3));
    for (String exchange : exchanges) {
      out.put("positions " + exchange, m.positions(exchange));
      for (long since : times) {
        out.put("fills " + exchange + " since " + since, m.fills(exchange, null, since));
        for (String symbol : symbols) {
          out.put("fills " + exchange + " " + symbol + " since " + since, m.fills(exchange, symbol, since));
        }
      }
    }
    out.put("trades", m.trades(null, -1));
    out.put("trades(3)", m.trades(null, 3));
    out.put("decisions", m.recentDecisions(-1));
    out.put("decisions(2)", m.recentDecisions(2));
    out.put("riskEvents", m.recentRiskEvents(-1));
    out.put("logs", m.recentLogs(-1));
    for (String hash : hashes) {
      out.put("llmCall " + hash, m.llmCall(hash));
    }
    for (long since : times) {
      out.put("tokens since " + since, m.llmTokensSpent(null, since));
      for (String kind : kinds) {
        out.put("signalsAt " + kind + " " + since, m.signalsAt(kind, since));
        out.put("signals " + kind + " from " + since, m.signals(kind, since, since + 5));
      }
    }
    for (String key : keys) {
      out.put("state " + key, m.state(key));
      out.put("config " + key, m.config(key));
    }
    for (String prefix : prefixes) {
      out.put("states " + prefix, new ArrayList<>(m.states(prefix).entrySet()));
    }
    out.put("allConfig", new ArrayList<>(m.allConfig().entrySet()));
    return out;
  }
}
