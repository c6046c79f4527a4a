package io.ottertrend.brain;

import com.squareup.moshi.JsonAdapter;
import com.squareup.moshi.Moshi;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Actions and dropped proposals as JSON, for the decisions table and for displays. Stateless, thread-safe. */
public final class DecisionJson {
  private static final JsonAdapter<Object> JSON = new Moshi.Builder().build().adapter(Object.class);

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

  public static String actions(List<Action> actions) {
    List<Object> out = new ArrayList<>();
    for (Action a : actions) {
      out.add(toMap(a));
    }
    return JSON.toJson(out);
  }

  public static String dropped(List<Decision.Dropped> dropped) {
    List<Object> out = new ArrayList<>();
    for (Decision.Dropped d : dropped) {
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("proposal", d.proposal());
      m.put("reason", d.reason());
      out.add(m);
    }
    return JSON.toJson(out);
  }
}
