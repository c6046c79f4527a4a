package io.ottertrend.cli;

import com.squareup.moshi.JsonAdapter;
import com.squareup.moshi.Moshi;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * JSON output for {@code --json}: one object per command, stable field names, decimals as plain strings
 * (so scripts never see exponent notation or float rounding).
 */
public final class Json {
  private static final JsonAdapter<Object> ADAPTER = new Moshi.Builder().build().adapter(Object.class).indent("  ");

  private Json() {}

  /** Serialises maps, lists, strings, numbers, booleans and nulls; BigDecimal becomes a plain string. */
  public static String write(Object value) {
    return ADAPTER.serializeNulls().toJson(normalise(value));
  }

  private static final JsonAdapter<Object> COMPACT = new Moshi.Builder().build().adapter(Object.class);

  /** Like {@link #write(Object)} on one line, for JSON Lines output. */
  public static String line(Object value) {
    return COMPACT.serializeNulls().toJson(normalise(value));
  }

  private static Object normalise(Object v) {
    if (v instanceof BigDecimal d) {
      return d.stripTrailingZeros().toPlainString();
    }
    if (v instanceof Map<?, ?> m) {
      Map<String, Object> out = new LinkedHashMap<>();
      m.forEach((k, val) -> out.put(String.valueOf(k), normalise(val)));
      return out;
    }
    if (v instanceof List<?> l) {
      List<Object> out = new ArrayList<>(l.size());
      l.forEach(x -> out.add(normalise(x)));
      return out;
    }
    if (v instanceof Enum<?> e) {
      return e.name();
    }
    if (v instanceof Double d && (d.isNaN() || d.isInfinite())) {
      return null;
    }
    return v;
  }

  /** An insertion-ordered map builder for readable JSON. */
  public static Map<String, Object> object() {
    return new LinkedHashMap<>();
  }
}
