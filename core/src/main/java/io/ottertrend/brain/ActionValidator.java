package io.ottertrend.brain;

import io.ottertrend.model.OrderType;
import io.ottertrend.model.Side;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Strict validation of actions proposed by a model (JSON-actions output or {@code place_order} /
 * {@code close_position} tool arguments). Model output is treated as a user's input: every field is checked,
 * anything doubtful is dropped with a recorded reason, and nothing is repaired except a size above the
 * per-order limit, which is cut to the limit (the risk engine cuts further).
 *
 * <p>Rules: the object must be a JSON object with only known fields; {@code type} OPEN or CLOSE; the symbol
 * passes the {@link SymbolGuard}; OPEN needs {@code size_pct_equity} as a JSON number (not a string), finite,
 * in (0, 1] (larger values look like percent or base units: the Lobstar error) and is capped at
 * {@code maxTradePctEquity}; side BUY (spot); order type LIMIT, LIMIT_MAKER or MARKET; prices positive and a
 * limit price within 50 % of the last price; stop below and target above the entry; CLOSE needs a held symbol
 * and a fraction in (0, 1]; at most one action per symbol and {@link #MAX_ACTIONS} per decision.
 *
 * <p>Immutable and thread-safe.
 */
public final class ActionValidator {
  /** Most actions accepted from one decision. */
  public static final int MAX_ACTIONS = 8;

  private static final Set<String> OPEN_FIELDS = Set.of("type", "symbol", "side", "size_pct_equity", "order_type",
      "limit_price", "stop_loss", "take_profit", "reason");
  private static final Set<String> CLOSE_FIELDS = Set.of("type", "symbol", "fraction", "reason");

  private final MarketSnapshot snapshot;
  private final SymbolGuard guard;
  private final BigDecimal maxSize;

  /** Validates against {@code snapshot}'s limits, positions and prices, with {@code guard}'s allow-list. */
  public ActionValidator(MarketSnapshot snapshot, SymbolGuard guard) {
    this.snapshot = snapshot;
    this.guard = guard;
    double m = snapshot.risk().maxTradePctEquity();
    this.maxSize = BigDecimal.valueOf(Double.isFinite(m) && m > 0 ? Math.min(m, 1) : 0.01);
  }

  /** The outcome of validating one proposal: an action, or a drop. */
  public record Result(Action action, Decision.Dropped dropped, String note) {
    public boolean ok() {
      return action != null;
    }
  }

  /** Validates a list of proposals (the {@code actions} array). */
  public List<Result> validateAll(Object actions) {
    List<Result> out = new ArrayList<>();
    if (actions == null) {
      return out;
    }
    if (!(actions instanceof List<?> list)) {
      out.add(drop(actions, "actions is not an array"));
      return out;
    }
    Set<String> seen = new HashSet<>();
    int accepted = 0;
    for (Object o : list) {
      Result r = validate(o);
      if (r.ok()) {
        if (!seen.add(r.action().symbol())) {
          r = drop(o, "second action on " + r.action().symbol() + " in one decision");
        } else if (accepted >= MAX_ACTIONS) {
          r = drop(o, "more than " + MAX_ACTIONS + " actions in one decision");
        } else {
          accepted++;
        }
      }
      out.add(r);
    }
    return out;
  }

  /** Validates one proposal. */
  public Result validate(Object proposal) {
    if (!(proposal instanceof Map<?, ?> m)) {
      return drop(proposal, "action is not a JSON object");
    }
    String type = m.get("type") instanceof String t ? t.strip().toUpperCase(Locale.ROOT) : "";
    return switch (type) {
      case "OPEN", "BUY" -> open(m);
      case "CLOSE", "SELL" -> close(m);
      default -> drop(m, "unknown action type (expected OPEN or CLOSE)");
    };
  }

  /** Validates an OPEN given as fields (tool arguments), whatever their {@code type}. */
  public Result open(Map<?, ?> m) {
    for (Object k : m.keySet()) {
      if (!OPEN_FIELDS.contains(String.valueOf(k))) {
        return drop(m, "unexpected field '" + Untrusted.clean(String.valueOf(k), 24) + "'");
      }
    }
    SymbolGuard.Check sym = guard.check(m.get("symbol"));
    if (!sym.ok()) {
      return drop(m, sym.refusal());
    }
    Side side = Side.BUY;
    if (m.containsKey("side")) {
      if (!(m.get("side") instanceof String s) || !s.strip().equalsIgnoreCase("BUY")) {
        return drop(m, "side must be BUY (spot: no short positions; exit with CLOSE)");
      }
    }
    if (!m.containsKey("size_pct_equity")) {
      return drop(m, "missing size_pct_equity");
    }
    BigDecimal size = number(m.get("size_pct_equity"));
    if (size == null) {
      return drop(m, "size_pct_equity is not a finite number");
    }
    if (size.signum() <= 0) {
      return drop(m, "size_pct_equity must be > 0");
    }
    if (size.compareTo(BigDecimal.ONE) > 0) {
      return drop(m, "size_pct_equity " + size.toPlainString()
          + " is above 1: a fraction of equity is expected (0.02 = 2 %)");
    }
    String note = null;
    if (size.compareTo(maxSize) > 0) {
      note = "size_pct_equity " + size.toPlainString() + " capped at " + maxSize.toPlainString();
      size = maxSize;
    }
    size = size.setScale(6, RoundingMode.DOWN).stripTrailingZeros();
    if (size.signum() <= 0) {
      return drop(m, "size_pct_equity rounds to 0");
    }
    OrderType orderType = OrderType.LIMIT;
    if (m.containsKey("order_type")) {
      String t = m.get("order_type") instanceof String s ? s.strip().toUpperCase(Locale.ROOT) : "";
      switch (t) {
        case "LIMIT" -> orderType = OrderType.LIMIT;
        case "LIMIT_MAKER" -> orderType = OrderType.LIMIT_MAKER;
        case "MARKET" -> orderType = OrderType.MARKET;
        default -> {
          return drop(m, "order_type must be LIMIT, LIMIT_MAKER or MARKET");
        }
      }
    }
    BigDecimal limit = optionalPrice(m, "limit_price");
    BigDecimal stop = optionalPrice(m, "stop_loss");
    BigDecimal target = optionalPrice(m, "take_profit");
    if (limit == BAD || stop == BAD || target == BAD) {
      return drop(m, "prices must be positive finite numbers");
    }
    double last = snapshot.symbol(sym.symbol()).map(MarketSnapshot.SymbolView::lastPrice).orElse(Double.NaN);
    if (limit != null && orderType == OrderType.MARKET) {
      limit = null;
    }
    if (limit != null && Double.isFinite(last) && last > 0) {
      double ratio = limit.doubleValue() / last;
      if (ratio < 0.5 || ratio > 1.5) {
        return drop(m, "limit_price " + limit.toPlainString() + " is more than 50 % away from the last price");
      }
    }
    double entry = limit != null ? limit.doubleValue() : last;
    if (stop != null && Double.isFinite(entry) && stop.doubleValue() >= entry) {
      return drop(m, "stop_loss must be below the entry price");
    }
    if (target != null && Double.isFinite(entry) && target.doubleValue() <= entry) {
      return drop(m, "take_profit must be above the entry price");
    }
    Object reason = m.get("reason");
    if (reason != null && !(reason instanceof String)) {
      return drop(m, "reason must be text");
    }
    return new Result(new Action.Open(sym.symbol(), side, size, orderType, limit, stop, target,
        Untrusted.clean((String) reason, 240)), null, note);
  }

  /** Validates a CLOSE given as fields. */
  public Result close(Map<?, ?> m) {
    for (Object k : m.keySet()) {
      if (!CLOSE_FIELDS.contains(String.valueOf(k))) {
        return drop(m, "unexpected field '" + Untrusted.clean(String.valueOf(k), 24) + "'");
      }
    }
    SymbolGuard.Check sym = guard.check(m.get("symbol"));
    if (!sym.ok()) {
      return drop(m, sym.refusal());
    }
    if (snapshot.position(sym.symbol()).isEmpty()) {
      return drop(m, "no open position in " + sym.symbol());
    }
    BigDecimal fraction = BigDecimal.ONE;
    if (m.containsKey("fraction")) {
      fraction = number(m.get("fraction"));
      if (fraction == null || fraction.signum() <= 0 || fraction.compareTo(BigDecimal.ONE) > 0) {
        return drop(m, "fraction must be a number in (0, 1]");
      }
    }
    Object reason = m.get("reason");
    if (reason != null && !(reason instanceof String)) {
      return drop(m, "reason must be text");
    }
    return new Result(new Action.Close(sym.symbol(), fraction, Untrusted.clean((String) reason, 240)), null, null);
  }

  private static final BigDecimal BAD = new BigDecimal("-1");

  private static BigDecimal optionalPrice(Map<?, ?> m, String key) {
    Object v = m.get(key);
    if (v == null) {
      return null;
    }
    BigDecimal p = number(v);
    return p == null || p.signum() <= 0 ? BAD : p;
  }

  /** A JSON number as a decimal; strings, NaN and infinities give null. */
  static BigDecimal number(Object v) {
    if (v instanceof Double d) {
      return Double.isFinite(d) ? BigDecimal.valueOf(d).stripTrailingZeros() : null;
    }
    if (v instanceof Float f) {
      return Float.isFinite(f) ? BigDecimal.valueOf(f.doubleValue()) : null;
    }
    if (v instanceof Integer || v instanceof Long) {
      return BigDecimal.valueOf(((Number) v).longValue());
    }
    if (v instanceof BigDecimal b) {
      return b;
    }
    return null;
  }

  private static Result drop(Object proposal, String reason) {
    return new Result(null, new Decision.Dropped(render(proposal), reason), null);
  }

  /** A short cleaned rendering of a proposal for the record. */
  static String render(Object proposal) {
    return Untrusted.clean(String.valueOf(proposal), 200);
  }
}
