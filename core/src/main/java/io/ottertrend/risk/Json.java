package io.ottertrend.risk;

import io.ottertrend.model.Decimals;
import java.math.BigDecimal;

/** Tiny JSON writer for risk events: fields are few and flat, so a builder beats a reflective adapter. */
final class Json {
  private Json() {}

  static void field(StringBuilder sb, String name, String value) {
    sb.append('"').append(name).append("\":");
    if (value == null) {
      sb.append("null");
    } else {
      quote(sb, value);
    }
    sb.append(',');
  }

  static void number(StringBuilder sb, String name, BigDecimal value) {
    sb.append('"').append(name).append("\":");
    if (value == null) {
      sb.append("null");
    } else if (value.scale() > 40 || value.precision() - value.scale() > 40) {
      sb.append(value.toString()); // exponent notation, still a JSON number, never a billion digits
    } else {
      appendPlain(sb, value);
    }
    sb.append(',');
  }

  /**
   * Appends {@link Decimals#plain} text of {@code value} (no exponent, no trailing zeros) by trimming
   * {@code toPlainString}'s zeros as text: {@code stripTrailingZeros} divides the unscaled value by ten once per
   * zero, which is BigInteger division for the 24-digit quantities of normalised orders, for every event.
   */
  static void appendPlain(StringBuilder sb, BigDecimal value) {
    sb.append(value.toPlainString());
    if (value.scale() > 0) { // then the text has a '.', so the loop stops there at the latest
      int end = sb.length();
      while (sb.charAt(end - 1) == '0') {
        end--;
      }
      if (sb.charAt(end - 1) == '.') {
        end--;
      }
      sb.setLength(end);
    }
  }

  static void quote(StringBuilder sb, String value) {
    sb.append('"');
    int n = Math.min(value.length(), 200);
    int run = 0; // start of the characters that need no escape, appended together
    for (int i = 0; i < n; i++) {
      char c = value.charAt(i);
      if (c >= 0x20 && c < 0x7f && c != '"' && c != '\\') {
        continue;
      }
      sb.append(value, run, i);
      run = i + 1;
      switch (c) {
        case '"' -> sb.append("\\\"");
        case '\\' -> sb.append("\\\\");
        case '\n' -> sb.append("\\n");
        case '\r' -> sb.append("\\r");
        case '\t' -> sb.append("\\t");
        default -> {
          if (c < 0x20 || c >= 0x7f) {
            sb.append(String.format("\\u%04x", (int) c));
          } else {
            sb.append(c);
          }
        }
      }
    }
    sb.append(value, run, n).append('"');
  }
}
