package io.ottertrend.brain;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Actions and dropped proposals as JSON, for the decisions table and for displays. Stateless, thread-safe. */
public final class DecisionJson {

  private DecisionJson() {}

  /** An action in the JSON-actions contract's shape. */
  public static Map<String, Object> toMap(Action a) {
    Map<String, Object> m = new LinkedHashMap<>();
    switch (a) {
      case Action.Open o -> {
        m.put("type", "OPEN");
        m.put("symbol", o.symbol());
        m.put("side", o.side().name());
        m.put("size_pct_equity", o.sizePctEquity().toPlainString());
        m.put("order_type", o.orderType().name());
        if (o.limitPrice() != null) {
          m.put("limit_price", o.limitPrice().toPlainString());
        }
        if (o.stopLoss() != null) {
          m.put("stop_loss", o.stopLoss().toPlainString());
        }
        if (o.takeProfit() != null) {
          m.put("take_profit", o.takeProfit().toPlainString());
        }
        m.put("reason", o.reason());
      }
      case Action.Close c -> {
        m.put("type", "CLOSE");
        m.put("symbol", c.symbol());
        m.put("fraction", c.fraction().toPlainString());
        m.put("reason", c.reason());
      }
    }
    return m;
  }

  /**
   * {@link #toMap} of every action as a JSON array, exactly as Moshi writes those maps (same field order, same
   * escapes, null values left out), written straight to text: every acting decision of a backtest is journalled
   * with it, and the reflective adapter cost more than the rules that made the decision.
   */
  public static String actions(List<Action> actions) {
    if (actions.isEmpty()) {
      return "[]";
    }
    StringBuilder sb = new StringBuilder(200 * actions.size());
    sb.append('[');
    for (Action a : actions) {
      if (sb.length() > 1) {
        sb.append(',');
      }
      sb.append('{');
      switch (a) {
        case Action.Open o -> {
          field(sb, "type", "OPEN");
          field(sb, "symbol", o.symbol());
          field(sb, "side", o.side().name());
          field(sb, "size_pct_equity", o.sizePctEquity().toPlainString());
          field(sb, "order_type", o.orderType().name());
          field(sb, "limit_price", o.limitPrice() == null ? null : o.limitPrice().toPlainString());
          field(sb, "stop_loss", o.stopLoss() == null ? null : o.stopLoss().toPlainString());
          field(sb, "take_profit", o.takeProfit() == null ? null : o.takeProfit().toPlainString());
          field(sb, "reason", o.reason());
        }
        case Action.Close c -> {
          field(sb, "type", "CLOSE");
          field(sb, "symbol", c.symbol());
          field(sb, "fraction", c.fraction().toPlainString());
          field(sb, "reason", c.reason());
        }
      }
      sb.append('}');
    }
    return sb.append(']').toString();
  }

  /** Dropped proposals as a JSON array of {@code {"proposal", "reason"}}, as Moshi writes them. */
  public static String dropped(List<Decision.Dropped> dropped) {
    if (dropped.isEmpty()) {
      return "[]";
    }
    StringBuilder sb = new StringBuilder(100 * dropped.size());
    sb.append('[');
    for (Decision.Dropped d : dropped) {
      if (sb.length() > 1) {
        sb.append(',');
      }
      sb.append('{');
      field(sb, "proposal", d.proposal());
      field(sb, "reason", d.reason());
      sb.append('}');
    }
    return sb.append(']').toString();
  }

  /** One {@code "name":"value"} member after any earlier one; nothing for a null value (Moshi's default). */
  private static void field(StringBuilder sb, String name, String value) {
    if (value == null) {
      return;
    }
    if (sb.charAt(sb.length() - 1) != '{') {
      sb.append(',');
    }
    sb.append('"').append(name).append("\":");
    string(sb, value);
  }

  /**
   * A JSON string as Moshi's UTF-8 writer gives it back: {@code "} and {@code \\} escaped, control characters as
   * {@code \t \b \n \r \f} or {@code \\u00XX}, U+2028 and U+2029 as {@code \\u2028}/{@code \\u2029}, and a
   * surrogate without its pair as {@code ?} (okio's UTF-8 encoder writes one in its place).
   */
  static void string(StringBuilder sb, String value) {
    sb.append('"');
    int n = value.length();
    int run = 0; // start of the characters that need no escape, appended together
    for (int i = 0; i < n; i++) {
      char c = value.charAt(i);
      if (c >= 0x20 && c != '"' && c != '\\' && c != '\u2028' && c != '\u2029' && !Character.isSurrogate(c)) {
        continue;
      }
      sb.append(value, run, i);
      run = i + 1;
      switch (c) {
        case '"' -> sb.append("\\\"");
        case '\\' -> sb.append("\\\\");
        case '\t' -> sb.append("\\t");
        case '\b' -> sb.append("\\b");
        case '\n' -> sb.append("\\n");
        case '\r' -> sb.append("\\r");
        case '\f' -> sb.append("\\f");
        default -> {
          if (Character.isHighSurrogate(c) && i + 1 < n && Character.isLowSurrogate(value.charAt(i + 1))) {
            sb.append(c).append(value.charAt(++i));
            run = i + 1;
          } else if (Character.isSurrogate(c)) {
            sb.append('?');
          } else {
            sb.append("\\u").append(HEX[c >> 12 & 15]).append(HEX[c >> 8 & 15]).append(HEX[c >> 4 & 15])
                .append(HEX[c & 15]);
          }
        }
      }
    }
    sb.append(value, run, n).append('"');
  }

  private static final char[] HEX = "0123456789abcdef".toCharArray();
}
