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
    int precision = value.precision();
    if (precision > 18 && precision <= 38 && value.scale() > 0 && value.scale() <= 40) {
      // 19-38 digits: an unscaled value past a long (e.g. a quantity divided to 20 or 24 digits), which
      // toPlainString converts through BigInteger division; written from its two 64-bit words instead
      appendWide(sb, value);
      return;
    }
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

  private static final long BILLION = 1_000_000_000L;
  private static final long MASK32 = 0xFFFF_FFFFL;

  /**
   * {@link #appendPlain} of a value of 19 to 38 digits and a positive scale: the digits of its unscaled value
   * (below 2^127) found nine at a time by dividing its four 32-bit limbs by 10^9, then placed around the point,
   * trailing fraction zeros (and a bare point) left out.
   */
  private static void appendWide(StringBuilder sb, BigDecimal value) {
    java.math.BigInteger u = value.unscaledValue();
    if (u.signum() < 0) {
      sb.append('-');
      u = u.negate();
    }
    long lo = u.longValue();
    long hi = u.shiftRight(64).longValue();
    long l0 = hi >>> 32;
    long l1 = hi & MASK32;
    long l2 = lo >>> 32;
    long l3 = lo & MASK32;
    char[] digits = new char[45];
    int at = digits.length;
    while ((l0 | l1 | l2 | l3) != 0) {
      long rem = l0 % BILLION;
      l0 /= BILLION;
      long cur = rem << 32 | l1;
      l1 = cur / BILLION;
      cur = (cur % BILLION) << 32 | l2;
      l2 = cur / BILLION;
      cur = (cur % BILLION) << 32 | l3;
      l3 = cur / BILLION;
      int chunk = (int) (cur % BILLION);
      for (int k = 0; k < 9; k++) {
        digits[--at] = (char) ('0' + chunk % 10);
        chunk /= 10;
      }
    }
    while (at < digits.length - 1 && digits[at] == '0') {
      at++; // the leading zeros of the last chunk
    }
    int length = digits.length - at;
    int scale = value.scale();
    int end = digits.length;
    int stop = Math.max(at, digits.length - scale); // never strip integer digits
    while (end > stop && digits[end - 1] == '0') {
      end--; // trailing fraction zeros
    }
    int fraction = scale - (digits.length - end); // fraction digits left after stripping
    if (length <= scale) {
      // 0.000ddd: all digits are fraction digits
      if (fraction <= 0) {
        sb.append('0');
        return;
      }
      sb.append("0.");
      for (int z = scale - length; z > 0; z--) {
        sb.append('0');
      }
      sb.append(digits, at, end - at);
      return;
    }
    int point = digits.length - scale; // index of the first fraction digit
    sb.append(digits, at, point - at);
    if (end > point) {
      sb.append('.').append(digits, point, end - point);
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
