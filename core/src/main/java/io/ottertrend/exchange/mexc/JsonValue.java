package io.ottertrend.exchange.mexc;

import com.squareup.moshi.JsonDataException;
import com.squareup.moshi.JsonEncodingException;
import com.squareup.moshi.JsonReader;
import java.io.IOException;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import okio.Buffer;

/**
 * A lenient, immutable JSON tree for exchange responses. Numbers keep their literal text, so a field may arrive as
 * a JSON number or a JSON string ({@code 1707671871000} or {@code "1707671871000"}) and read the same; empty
 * strings, {@code null} and absent fields all read as missing. Thread-safe.
 */
public final class JsonValue {
  /** Node kinds. */
  public enum Kind { OBJECT, ARRAY, STRING, NUMBER, BOOLEAN, NULL, MISSING }

  private static final JsonValue NULL = new JsonValue(Kind.NULL, null);
  private static final JsonValue MISSING = new JsonValue(Kind.MISSING, null);

  private final Kind kind;
  private final Object value;

  private JsonValue(Kind kind, Object value) {
    this.kind = kind;
    this.value = value;
  }

  /**
   * Parses {@code text}.
   *
   * @throws MalformedResponseException when it is not one well-formed JSON value
   */
  public static JsonValue parse(String text) {
    if (text == null || text.isBlank()) {
      throw new MalformedResponseException("empty response body");
    }
    try (JsonReader reader = JsonReader.of(new Buffer().writeUtf8(text))) {
      JsonValue v = read(reader);
      if (reader.peek() != JsonReader.Token.END_DOCUMENT) {
        throw new MalformedResponseException("trailing data after the JSON value");
      }
      return v;
    } catch (IOException | JsonDataException | IllegalStateException e) {
      throw new MalformedResponseException("malformed JSON: " + e.getMessage());
    }
  }

  private static JsonValue read(JsonReader r) throws IOException {
    switch (r.peek()) {
      case BEGIN_OBJECT -> {
        Map<String, JsonValue> m = new LinkedHashMap<>();
        r.beginObject();
        while (r.hasNext()) {
          m.put(r.nextName(), read(r));
        }
        r.endObject();
        return new JsonValue(Kind.OBJECT, Collections.unmodifiableMap(m));
      }
      case BEGIN_ARRAY -> {
        List<JsonValue> l = new ArrayList<>();
        r.beginArray();
        while (r.hasNext()) {
          l.add(read(r));
        }
        r.endArray();
        return new JsonValue(Kind.ARRAY, Collections.unmodifiableList(l));
      }
      case STRING -> {
        return new JsonValue(Kind.STRING, r.nextString());
      }
      case NUMBER -> {
        return new JsonValue(Kind.NUMBER, r.nextString());
      }
      case BOOLEAN -> {
        return new JsonValue(Kind.BOOLEAN, r.nextBoolean());
      }
      case NULL -> {
        r.nextNull();
        return NULL;
      }
      default -> throw new JsonEncodingException("unexpected token " + r.peek());
    }
  }

  public Kind kind() {
    return kind;
  }

  public boolean isObject() {
    return kind == Kind.OBJECT;
  }

  public boolean isArray() {
    return kind == Kind.ARRAY;
  }

  /** True for JSON null, an absent field and an empty or blank string. */
  public boolean isMissing() {
    return kind == Kind.NULL || kind == Kind.MISSING || kind == Kind.STRING && ((String) value).isBlank();
  }

  /** True when this object has a field {@code name} (even if null). */
  public boolean has(String name) {
    return kind == Kind.OBJECT && asMap().containsKey(name);
  }

  /** The field {@code name}; a missing node (never {@code null}) when absent or when this is not an object. */
  public JsonValue get(String name) {
    if (kind != Kind.OBJECT) {
      return MISSING;
    }
    JsonValue v = asMap().get(name);
    return v == null ? MISSING : v;
  }

  /** Element {@code i} of an array; a missing node when out of range or not an array. */
  public JsonValue at(int i) {
    if (kind != Kind.ARRAY) {
      return MISSING;
    }
    List<JsonValue> l = asList();
    return i >= 0 && i < l.size() ? l.get(i) : MISSING;
  }

  /** Elements of an array (empty for anything else). */
  public List<JsonValue> elements() {
    return kind == Kind.ARRAY ? asList() : List.of();
  }

  /** Number of array elements or object fields. */
  public int size() {
    return switch (kind) {
      case ARRAY -> asList().size();
      case OBJECT -> asMap().size();
      default -> 0;
    };
  }

  @SuppressWarnings("unchecked")
  private Map<String, JsonValue> asMap() {
    return (Map<String, JsonValue>) value;
  }

  @SuppressWarnings("unchecked")
  private List<JsonValue> asList() {
    return (List<JsonValue>) value;
  }

  /** Text of a string, number or boolean; {@code null} when missing. */
  public String text() {
    return switch (kind) {
      case STRING -> isMissing() ? null : ((String) value).strip();
      case NUMBER, BOOLEAN -> String.valueOf(value);
      default -> null;
    };
  }

  /** Text, or {@code fallback} when missing. */
  public String textOr(String fallback) {
    String t = text();
    return t == null ? fallback : t;
  }

  /**
   * The value as a decimal, or {@code null} when missing.
   *
   * @throws MalformedResponseException when present but not a number
   */
  public BigDecimal decimal() {
    String t = text();
    if (t == null || t.equalsIgnoreCase("null")) {
      return null;
    }
    try {
      return new BigDecimal(t);
    } catch (NumberFormatException e) {
      throw new MalformedResponseException("not a number: '" + abbreviate(t) + "'");
    }
  }

  /** The value as a decimal, or {@code fallback} when missing. */
  public BigDecimal decimalOr(BigDecimal fallback) {
    BigDecimal d = decimal();
    return d == null ? fallback : d;
  }

  /** The value as a long (number or numeric string), or {@code fallback} when missing. */
  public long longOr(long fallback) {
    BigDecimal d = decimal();
    return d == null ? fallback : d.longValue();
  }

  /** The value as an int, or {@code fallback} when missing. */
  public int intOr(int fallback) {
    BigDecimal d = decimal();
    return d == null ? fallback : d.intValue();
  }

  /** A boolean ({@code true}/{@code "true"}), or {@code fallback} when missing. */
  public boolean boolOr(boolean fallback) {
    String t = text();
    return t == null ? fallback : Boolean.parseBoolean(t);
  }

  /** The strings of an array of strings. */
  public List<String> strings() {
    List<String> out = new ArrayList<>();
    for (JsonValue v : elements()) {
      String t = v.text();
      if (t != null) {
        out.add(t);
      }
    }
    return out;
  }

  static String abbreviate(String s) {
    return s.length() <= 60 ? s : s.substring(0, 60) + "…";
  }

  @Override
  public String toString() {
    return kind + (value == null ? "" : ":" + abbreviate(String.valueOf(value)));
  }
}
