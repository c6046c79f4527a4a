package io.ottertrend.agent;

import com.squareup.moshi.JsonAdapter;
import com.squareup.moshi.Moshi;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One-line JSON and one-line text renderings of {@link AgentEvent}s ({@code --json-events}, {@code --plain}).
 * Stateless and thread-safe. Decimals are plain strings; field names are stable.
 */
public final class AgentEvents {
  private static final JsonAdapter<Object> JSON = new Moshi.Builder().build().adapter(Object.class).serializeNulls();

  private AgentEvents() {}

  /** The event as one JSON object: {@code type}, {@code at} (ISO-8601) and the record's components. */
  public static String toJson(AgentEvent e) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("type", e.getClass().getSimpleName());
    m.put("at", Instant.ofEpochMilli(e.at()).toString());
    for (var c : e.getClass().getRecordComponents()) {
      if (c.getName().equals("at")) {
        continue;
      }
      try {
        m.put(c.getName(), normalise(c.getAccessor().invoke(e)));
      } catch (ReflectiveOperationException ex) {
        throw new IllegalStateException(ex);
      }
    }
    return JSON.toJson(m);
  }

  private static Object normalise(Object v) {
    if (v instanceof BigDecimal d) {
      return d.stripTrailingZeros().toPlainString();
    }
    if (v instanceof Double d && (d.isNaN() || d.isInfinite())) {
      return null;
    }
    if (v instanceof List<?> l) {
      List<Object> out = new ArrayList<>();
      l.forEach(x -> out.add(normalise(x)));
      return out;
    }
    if (v instanceof Record r) {
      Map<String, Object> m = new LinkedHashMap<>();
      for (var c : r.getClass().getRecordComponents()) {
        try {
          m.put(c.getName(), normalise(c.getAccessor().invoke(r)));
        } catch (ReflectiveOperationException ex) {
          throw new IllegalStateException(ex);
        }
      }
      return m;
    }
    return v;
  }

  /** A readable one-line summary for plain output. */
  public static String toLine(AgentEvent e) {
    String time = Instant.ofEpochMilli(e.at()).toString();
    return time + " " + switch (e) {
      case AgentEvent.CycleStarted c -> "cycle " + c.cycle() + " started";
      case AgentEvent.Thinking t -> "thinking (" + t.brain() + ")...";
      case AgentEvent.DecisionMade d -> "decision [" + d.brain() + ", " + d.outcome() + "] " + oneLine(d.thoughts(), 200)
          + (d.actions().isEmpty() ? "" : " -> " + String.join("; ", d.actions()))
          + (d.dropped().isEmpty() ? "" : " (dropped: " + String.join("; ", d.dropped()) + ")");
      case AgentEvent.RiskVerdict r -> "risk " + r.outcome() + " " + r.symbol() + " " + r.side() + " [" + r.rule() + "] "
          + r.reason();
      case AgentEvent.OrderUpdate o -> "order " + o.state() + " " + o.side() + " " + o.symbol() + " " + o.type()
          + size(o) + " (" + o.purpose() + ", " + o.clientOrderId() + ")" + (o.message() == null ? "" : " " + o.message());
      case AgentEvent.FillRecorded f -> "fill " + f.side() + " " + plain(f.quantity()) + " " + f.symbol() + " @ "
          + plain(f.price()) + " fee " + plain(f.commission()) + " " + f.commissionAsset();
      case AgentEvent.EquityUpdate q -> "equity " + plain(q.equity()) + " cash " + plain(q.cash()) + " positions "
          + q.openPositions() + "/" + q.maxOpenPositions() + " trades today " + q.tradesToday() + "/" + q.maxTrades()
          + " P&L today " + plain(q.pnlToday());
      case AgentEvent.Notice n -> n.level() + " " + n.message();
      case AgentEvent.CycleFinished c -> "cycle " + c.cycle() + " done in " + c.durationMillis() + " ms";
    };
  }

  private static String size(AgentEvent.OrderUpdate o) {
    if (o.quoteQuantity() != null) {
      return " " + plain(o.quoteQuantity()) + " quote";
    }
    return (o.quantity() == null ? "" : " " + plain(o.quantity())) + (o.price() == null ? "" : " @ " + plain(o.price()));
  }

  static String plain(BigDecimal d) {
    return d == null ? "-" : d.stripTrailingZeros().toPlainString();
  }

  static String oneLine(String s, int max) {
    if (s == null) {
      return "";
    }
    String t = s.replaceAll("\\s+", " ").strip();
    return t.length() <= max ? t : t.substring(0, max - 1) + "…";
  }
}
