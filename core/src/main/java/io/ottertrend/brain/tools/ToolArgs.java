package io.ottertrend.brain.tools;

import java.util.List;
import java.util.Map;

/** Validated, typed arguments of one tool call. Immutable. */
public record ToolArgs(Map<String, Object> values) {
  public ToolArgs {
    values = Map.copyOf(values);
  }

  public boolean has(String name) {
    return values.containsKey(name);
  }

  public String string(String name, String fallback) {
    return values.get(name) instanceof String s ? s : fallback;
  }

  /** A symbol argument (already checked against the allow-list). */
  public String symbol(String name) {
    return string(name, null);
  }

  public double number(String name, double fallback) {
    return values.get(name) instanceof Double d ? d : fallback;
  }

  public long integer(String name, long fallback) {
    return values.get(name) instanceof Long l ? l : fallback;
  }

  public boolean bool(String name, boolean fallback) {
    return values.get(name) instanceof Boolean b ? b : fallback;
  }

  public List<String> strings(String name) {
    if (values.get(name) instanceof List<?> l) {
      return l.stream().map(String::valueOf).toList();
    }
    return List.of();
  }
}
