package io.ottertrend.exchange.paper;

/**
 * A minimal JSON object writer for the paper account's stored state: objects whose values are strings or nested
 * objects, nothing else. It writes what Moshi wrote for the same maps (same field order, same escaping of
 * quotes, backslashes and control characters), without building a map per write: the account is rewritten on
 * every order change, which made the general-purpose serialiser a measurable share of a backtest.
 *
 * <p>Not thread-safe: one instance builds one text.
 */
final class JsonText {
  private final StringBuilder out;
  /** True right after an opening brace: the next member needs no comma. */
  private boolean first = true;

  JsonText(int capacity) {
    out = new StringBuilder(capacity);
  }

  JsonText open() {
    out.append('{');
    first = true;
    return this;
  }

  JsonText close() {
    out.append('}');
    first = false;
    return this;
  }

  /** Writes the name of a member whose value (an object) follows. */
  JsonText name(String name) {
    if (!first) {
      out.append(',');
    }
    string(name);
    out.append(':');
    first = true;
    return this;
  }

  /** Writes a member with a string value. */
  JsonText member(String name, String value) {
    name(name);
    string(value);
    first = false;
    return this;
  }

  private void string(String s) {
    out.append('"');
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      switch (c) {
        case '"' -> out.append("\\\"");
        case '\\' -> out.append("\\\\");
        case '\n' -> out.append("\\n");
        case '\r' -> out.append("\\r");
        case '\t' -> out.append("\\t");
        case '\b' -> out.append("\\b");
        case '\f' -> out.append("\\f");
        case '\u2028' -> out.append("\\u2028");
        case '\u2029' -> out.append("\\u2029");
        default -> {
          if (c < 0x20) {
            unicodeEscape(c);
          } else {
            out.append(c);
          }
        }
      }
    }
    out.append('"');
  }

  private void unicodeEscape(char c) {
    out.append("\\u00");
    out.append(Character.forDigit(c >> 4, 16));
    out.append(Character.forDigit(c & 0xF, 16));
  }

  @Override
  public String toString() {
    return out.toString();
  }
}
