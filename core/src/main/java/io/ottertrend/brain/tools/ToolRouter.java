package io.ottertrend.brain.tools;

import com.squareup.moshi.JsonAdapter;
import com.squareup.moshi.Moshi;
import io.ottertrend.brain.MarketSnapshot;
import io.ottertrend.brain.SymbolGuard;
import io.ottertrend.brain.Untrusted;
import io.ottertrend.llm.ToolCall;
import io.ottertrend.time.Clock;
import java.io.IOException;
import java.math.BigDecimal;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * Runs the model's tool calls: parses the raw argument string, refuses unknown tools, validates arguments
 * against the tool's {@link Params}, enforces the per-cycle call cap and per-tool rate limits, serves repeated
 * calls from a per-tool TTL cache (T4.4.1, T4.4.2), runs the tool, cleans every string of the result as
 * untrusted text and renders {@code {"ok":true,"result":...}} or {@code {"ok":false,"error":"..."}} for the
 * tool message. Every call, valid or not, counts against the cycle's cap.
 *
 * <p>Thread-safe: the cache and the rate windows are shared across cycles and synchronised; one
 * {@link Cycle} is used by one thread.
 */
public final class ToolRouter {
  private static final JsonAdapter<Object> JSON = new Moshi.Builder().build().adapter(Object.class);
  private static final int MAX_LIST = 50;
  private static final int MAX_TEXT = 300;

  private final ToolRegistry registry;
  private final Clock clock;
  private final Map<String, CacheEntry> cache = new HashMap<>();
  private final Map<String, Deque<Long>> calls = new HashMap<>();

  private record CacheEntry(long expiresAt, String content, Object value) {}

  public ToolRouter(ToolRegistry registry, Clock clock) {
    this.registry = Objects.requireNonNull(registry, "registry");
    this.clock = Objects.requireNonNull(clock, "clock");
  }

  public ToolRegistry registry() {
    return registry;
  }

  /**
   * The outcome of one call.
   *
   * @param tool the tool name as the model wrote it (cleaned)
   * @param ok true when the tool ran (or was served from the cache)
   * @param content the tool message content (JSON text)
   * @param error why it did not run, {@code null} when ok
   * @param cached true when served from the cache
   * @param value the raw result value (before rendering), {@code null} when not ok
   */
  public record Outcome(String tool, boolean ok, String content, String error, boolean cached, Object value) {}

  /** Starts a decision cycle over {@code snapshot} with at most {@code maxCalls} tool calls. */
  public Cycle cycle(MarketSnapshot snapshot, SymbolGuard guard, int maxCalls) {
    return new Cycle(snapshot, guard, maxCalls);
  }

  /** One decision cycle's tool calls. Not thread-safe. */
  public final class Cycle {
    private final Tool.Context context;
    private final int maxCalls;
    private int used;
    private final List<String> flags = new ArrayList<>();
    private final List<Tool.Acted> acted = new ArrayList<>();

    Cycle(MarketSnapshot snapshot, SymbolGuard guard, int maxCalls) {
      this.context = new Tool.Context(snapshot, guard, acted::add);
      this.maxCalls = maxCalls;
    }

    /** Actions handed to the gateway in this cycle, in order, with their results. */
    public List<Tool.Acted> acted() {
      return List.copyOf(acted);
    }

    public int used() {
      return used;
    }

    public boolean capReached() {
      return used >= maxCalls;
    }

    /** Suspicious content seen in tool results, refusals worth a look. */
    public List<String> flags() {
      return List.copyOf(flags);
    }

    public Outcome call(ToolCall call) {
      String name = Untrusted.clean(call.name(), 64);
      if (used >= maxCalls) {
        return fail(name, "tool call cap of " + maxCalls + " per cycle reached; finish with your decision now");
      }
      used++;
      Tool tool = registry.get(call.name()).orElse(null);
      if (tool == null) {
        flags.add("unknown tool refused: " + name);
        return fail(name, "unknown tool '" + name + "'; available: " + String.join(", ", registry.names()));
      }
      Map<?, ?> raw;
      try {
        Object parsed = call.arguments().isBlank() ? Map.of() : JSON.fromJson(call.arguments());
        if (!(parsed instanceof Map<?, ?> m)) {
          return fail(name, "arguments must be a JSON object");
        }
        raw = m;
      } catch (IOException | RuntimeException e) {
        return fail(name, "arguments are not valid JSON");
      }
      ToolArgs args;
      try {
        args = tool.spec().params().validate(raw, context.symbols());
      } catch (IllegalArgumentException e) {
        if (e.getMessage() != null && e.getMessage().contains("look-alike")) {
          flags.add(name + ": " + e.getMessage());
        }
        return fail(name, "invalid arguments: " + e.getMessage());
      }
      Tool.Spec spec = tool.spec();
      String key = spec.name() + canonical(args.values());
      long now = clock.millis();
      if (!spec.cacheTtl().isZero()) {
        synchronized (cache) {
          CacheEntry hit = cache.get(key);
          if (hit != null && hit.expiresAt() > now) {
            return new Outcome(name, true, hit.content(), null, true, hit.value());
          }
        }
      }
      synchronized (calls) {
        Deque<Long> window = calls.computeIfAbsent(spec.name(), k -> new ArrayDeque<>());
        while (!window.isEmpty() && window.peekFirst() <= now - 60_000) {
          window.pollFirst();
        }
        if (window.size() >= spec.maxCallsPerMinute()) {
          return fail(name, "rate limit of " + spec.maxCallsPerMinute() + " calls per minute reached for " + name);
        }
        window.addLast(now);
      }
      Object value;
      try {
        value = tool.call(args, context);
      } catch (RuntimeException e) {
        return fail(name, "tool failed: " + e.getClass().getSimpleName()
            + (e.getMessage() == null ? "" : ": " + e.getMessage()));
      }
      Object clean = sanitize(value, name);
      Map<String, Object> body = new LinkedHashMap<>();
      body.put("ok", Boolean.TRUE);
      body.put("result", clean);
      String content = JSON.serializeNulls().toJson(body);
      if (!spec.cacheTtl().isZero()) {
        synchronized (cache) {
          cache.put(key, new CacheEntry(now + spec.cacheTtl().toMillis(), content, value));
        }
      }
      return new Outcome(name, true, content, null, false, value);
    }

    private Outcome fail(String name, String error) {
      String e = Untrusted.clean(error, 400);
      Map<String, Object> body = new LinkedHashMap<>();
      body.put("ok", Boolean.FALSE);
      body.put("error", e);
      return new Outcome(name, false, JSON.toJson(body), e, false, null);
    }

    private Object sanitize(Object v, String tool) {
      if (v == null || v instanceof Boolean) {
        return v;
      }
      if (v instanceof String s) {
        if (Untrusted.suspicious(s)) {
          flags.add("suspicious text in " + tool + " result: " + Untrusted.clean(s, 80));
        }
        return Untrusted.clean(s, MAX_TEXT);
      }
      if (v instanceof BigDecimal b) {
        return b.doubleValue();
      }
      if (v instanceof Number n) {
        double d = n.doubleValue();
        return Double.isFinite(d) ? (v instanceof Integer || v instanceof Long ? (Object) n.longValue() : d) : null;
      }
      if (v instanceof Enum<?> e) {
        return e.name();
      }
      if (v instanceof Map<?, ?> m) {
        Map<String, Object> out = new LinkedHashMap<>();
        // Unordered maps (Map.of, HashMap) are rendered in key order so that results are stable across runs.
        Iterable<? extends Map.Entry<?, ?>> entries = m instanceof LinkedHashMap<?, ?> || m instanceof java.util.SortedMap<?, ?>
            ? m.entrySet() : new TreeMap<Object, Object>(stringKeys(m)).entrySet();
        for (Map.Entry<?, ?> en : entries) {
          if (out.size() >= MAX_LIST) {
            break;
          }
          out.put(Untrusted.clean(String.valueOf(en.getKey()), 40), sanitize(en.getValue(), tool));
        }
        return out;
      }
      if (v instanceof List<?> l) {
        List<Object> out = new ArrayList<>();
        for (Object o : l.size() > MAX_LIST ? l.subList(0, MAX_LIST) : l) {
          out.add(sanitize(o, tool));
        }
        return out;
      }
      return sanitize(String.valueOf(v), tool);
    }
  }

  private static Map<Object, Object> stringKeys(Map<?, ?> m) {
    Map<Object, Object> out = new HashMap<>();
    m.forEach((k, x) -> out.put(String.valueOf(k), x));
    return out;
  }

  private static String canonical(Map<String, Object> args) {
    return new TreeMap<>(args).toString();
  }
}
