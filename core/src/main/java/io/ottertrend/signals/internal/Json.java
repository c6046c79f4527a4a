package io.ottertrend.signals.internal;

import com.squareup.moshi.JsonAdapter;
import com.squareup.moshi.Moshi;
import io.ottertrend.signals.SignalException;
import java.io.IOException;
import java.util.List;
import java.util.Map;

/**
 * Lenient access to JSON documents decoded as maps and lists (numbers arrive as {@code Double}).
 *
 * <p>Thread-safe: the adapter is immutable.
 */
public final class Json {
  private static final JsonAdapter<Object> ADAPTER = new Moshi.Builder().build().adapter(Object.class);

  private Json() {}

  /** The shared generic adapter. */
  public static JsonAdapter<Object> adapter() {
    return ADAPTER;
  }

  /**
   * Parses a JSON object.
   *
   * @throws SignalException.BadResponse when the text is not a JSON object
   */
  public static Map<String, Object> object(String text, String what) {
    try {
      Object v = ADAPTER.fromJson(text);
      if (v instanceof Map<?, ?> m) {
        return cast(m);
      }
      throw new SignalException.BadResponse(what + ": expected a JSON object");
    } catch (IOException | RuntimeException e) {
      if (e instanceof SignalException se) {
        throw se;
      }
      throw new SignalException.BadResponse(what + ": not JSON (" + e.getClass().getSimpleName() + ")", e);
    }
  }

  /** A nested object, or an empty map. */
  public static Map<String, Object> obj(Map<String, Object> m, String key) {
    return m.get(key) instanceof Map<?, ?> v ? cast(v) : Map.of();
  }

  /** A nested list, or an empty list. */
  public static List<Object> list(Map<String, Object> m, String key) {
    return m.get(key) instanceof List<?> v ? castList(v) : List.of();
  }

  /** A string (numbers and booleans rendered as text), or {@code null}. */
  public static String str(Map<String, Object> m, String key) {
    Object v = m.get(key);
    if (v == null) {
      return null;
    }
    if (v instanceof Double d && d == Math.rint(d) && !Double.isInfinite(d)) {
      return Long.toString(d.longValue());
    }
    return v.toString();
  }

  /** A number given as a number or a numeric string, or {@code fallback}. */
  public static double num(Map<String, Object> m, String key, double fallback) {
    Object v = m.get(key);
    if (v instanceof Number n) {
      return n.doubleValue();
    }
    if (v instanceof String s) {
      try {
        return Double.parseDouble(s.strip());
      } catch (NumberFormatException e) {
        return fallback;
      }
    }
    return fallback;
  }

  @SuppressWarnings("unchecked")
  public static Map<String, Object> cast(Map<?, ?> m) {
    return (Map<String, Object>) m;
  }

  @SuppressWarnings("unchecked")
  private static List<Object> castList(List<?> l) {
    return (List<Object>) l;
  }
}
