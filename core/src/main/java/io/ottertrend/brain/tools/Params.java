package io.ottertrend.brain.tools;

import io.ottertrend.brain.SymbolGuard;
import io.ottertrend.brain.Untrusted;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * A tool's parameters, declared once: the JSON Schema for the model ({@link #schema()}) and the validation of
 * the model's arguments ({@link #validate(Map, SymbolGuard)}) come from the same declaration, so they cannot
 * drift apart.
 *
 * <p>Build with {@link #object()} and the typed methods; then immutable in use (the builder methods must not be
 * called after the tool is registered). Thread-safe once built.
 */
public final class Params {
  enum Kind {
    STRING,
    SYMBOL,
    NUMBER,
    INTEGER,
    ENUM,
    BOOLEAN,
    STRING_LIST
  }

  record Param(String name, Kind kind, String description, boolean required, double min, double max,
      List<String> values) {}

  private final Map<String, Param> params = new LinkedHashMap<>();

  private Params() {}

  /** An object with no parameters yet. */
  public static Params object() {
    return new Params();
  }

  private Params add(Param p) {
    if (!p.name().matches("[a-z][a-z0-9_]{0,40}")) {
      throw new IllegalArgumentException("parameter names are snake_case: " + p.name());
    }
    if (params.putIfAbsent(p.name(), p) != null) {
      throw new IllegalArgumentException("duplicate parameter " + p.name());
    }
    return this;
  }

  /** Free text of at most {@code maxLength} characters (cleaned as untrusted text before use). */
  public Params string(String name, String description, boolean required, int maxLength) {
    return add(new Param(name, Kind.STRING, description, required, 0, maxLength, List.of()));
  }

  /** An exchange symbol, checked against the cycle's allow-list. */
  public Params symbol(String name, String description, boolean required) {
    return add(new Param(name, Kind.SYMBOL, description, required, 0, 0, List.of()));
  }

  /** A finite JSON number in [min, max] (a numeric string is refused). */
  public Params number(String name, String description, boolean required, double min, double max) {
    return add(new Param(name, Kind.NUMBER, description, required, min, max, List.of()));
  }

  /** A whole JSON number in [min, max]. */
  public Params integer(String name, String description, boolean required, long min, long max) {
    return add(new Param(name, Kind.INTEGER, description, required, min, max, List.of()));
  }

  /** One of {@code values} (matched ignoring case, returned as declared). */
  public Params enumOf(String name, String description, boolean required, String... values) {
    return add(new Param(name, Kind.ENUM, description, required, 0, 0, List.of(values)));
  }

  public Params bool(String name, String description, boolean required) {
    return add(new Param(name, Kind.BOOLEAN, description, required, 0, 0, List.of()));
  }

  /** Up to {@code maxItems} short strings. */
  public Params stringList(String name, String description, boolean required, int maxItems) {
    return add(new Param(name, Kind.STRING_LIST, description, required, 0, maxItems, List.of()));
  }

  /** The JSON Schema: {@code type:object}, typed properties, {@code required}, {@code additionalProperties:false}. */
  public Map<String, Object> schema() {
    Map<String, Object> props = new LinkedHashMap<>();
    List<Object> required = new ArrayList<>();
    for (Param p : params.values()) {
      Map<String, Object> s = new LinkedHashMap<>();
      switch (p.kind()) {
        case STRING -> {
          s.put("type", "string");
          s.put("maxLength", (long) p.max());
        }
        case SYMBOL -> s.put("type", "string");
        case NUMBER -> {
          s.put("type", "number");
          s.put("minimum", p.min());
          s.put("maximum", p.max());
        }
        case INTEGER -> {
          s.put("type", "integer");
          s.put("minimum", (long) p.min());
          s.put("maximum", (long) p.max());
        }
        case ENUM -> {
          s.put("type", "string");
          s.put("enum", p.values());
        }
        case BOOLEAN -> s.put("type", "boolean");
        case STRING_LIST -> {
          s.put("type", "array");
          s.put("items", Map.of("type", "string"));
          s.put("maxItems", (long) p.max());
        }
      }
      s.put("description", p.description());
      props.put(p.name(), s);
      if (p.required()) {
        required.add(p.name());
      }
    }
    Map<String, Object> schema = new LinkedHashMap<>();
    schema.put("type", "object");
    schema.put("properties", props);
    schema.put("required", required);
    schema.put("additionalProperties", Boolean.FALSE);
    return schema;
  }

  /** Parameter names, declaration order. */
  public List<String> names() {
    return List.copyOf(params.keySet());
  }

  /**
   * Checks {@code args} against the declaration.
   *
   * @return the typed arguments
   * @throws IllegalArgumentException with one clear message on the first problem
   */
  public ToolArgs validate(Map<?, ?> args, SymbolGuard guard) {
    Map<String, Object> out = new LinkedHashMap<>();
    for (Object k : args.keySet()) {
      if (!params.containsKey(String.valueOf(k))) {
        throw new IllegalArgumentException("unexpected argument '" + Untrusted.clean(String.valueOf(k), 24) + "'");
      }
    }
    for (Param p : params.values()) {
      Object v = args.get(p.name());
      if (v == null) {
        if (p.required()) {
          throw new IllegalArgumentException("missing required argument '" + p.name() + "'");
        }
        continue;
      }
      out.put(p.name(), check(p, v, guard));
    }
    return new ToolArgs(out);
  }

  private static Object check(Param p, Object v, SymbolGuard guard) {
    String n = p.name();
    switch (p.kind()) {
      case STRING -> {
        if (!(v instanceof String s)) {
          throw new IllegalArgumentException(n + " must be a string");
        }
        return Untrusted.clean(s, (int) p.max());
      }
      case SYMBOL -> {
        SymbolGuard.Check c = guard.check(v);
        if (!c.ok()) {
          throw new IllegalArgumentException(n + ": " + c.refusal());
        }
        return c.symbol();
      }
      case NUMBER -> {
        if (!(v instanceof Number num) || !Double.isFinite(num.doubleValue())) {
          throw new IllegalArgumentException(n + " must be a finite number");
        }
        double d = num.doubleValue();
        if (d < p.min() || d > p.max()) {
          throw new IllegalArgumentException(n + " must be within " + p.min() + ".." + p.max() + ", got " + d);
        }
        return d;
      }
      case INTEGER -> {
        if (!(v instanceof Number num) || num.doubleValue() != Math.rint(num.doubleValue())) {
          throw new IllegalArgumentException(n + " must be a whole number");
        }
        double d = num.doubleValue();
        if (d < p.min() || d > p.max()) {
          throw new IllegalArgumentException(n + " must be within " + (long) p.min() + ".." + (long) p.max());
        }
        return (long) d;
      }
      case ENUM -> {
        if (v instanceof String s) {
          for (String allowed : p.values()) {
            if (allowed.equalsIgnoreCase(s.strip())) {
              return allowed;
            }
          }
        }
        throw new IllegalArgumentException(n + " must be one of " + p.values());
      }
      case BOOLEAN -> {
        if (!(v instanceof Boolean b)) {
          throw new IllegalArgumentException(n + " must be true or false");
        }
        return b;
      }
      case STRING_LIST -> {
        if (!(v instanceof List<?> l) || l.size() > p.max()) {
          throw new IllegalArgumentException(n + " must be a list of at most " + (long) p.max() + " strings");
        }
        List<String> out = new ArrayList<>();
        for (Object o : l) {
          if (!(o instanceof String s)) {
            throw new IllegalArgumentException(n + " must contain strings only");
          }
          out.add(Untrusted.clean(s, 64).toLowerCase(Locale.ROOT));
        }
        return List.copyOf(out);
      }
    }
    throw new IllegalStateException("unreachable");
  }
}
