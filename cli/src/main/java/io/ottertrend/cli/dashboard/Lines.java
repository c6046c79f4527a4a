package io.ottertrend.cli.dashboard;

import java.util.ArrayList;
import java.util.List;
import org.jline.utils.AttributedString;
import org.jline.utils.AttributedStringBuilder;
import org.jline.utils.AttributedStyle;

/** Small helpers over {@link AttributedString}s. Stateless and thread-safe. */
final class Lines {
  private Lines() {}

  /** {@code s} cut or padded with spaces to exactly {@code width} columns. */
  static AttributedString fit(AttributedString s, int width) {
    if (width <= 0) {
      return AttributedString.EMPTY;
    }
    int len = s.columnLength();
    if (len > width) {
      return s.columnSubSequence(0, width);
    }
    if (len == width) {
      return s;
    }
    return new AttributedStringBuilder().append(s).append(" ".repeat(width - len)).toAttributedString();
  }

  /** One styled string. */
  static AttributedString styled(String text, AttributedStyle style) {
    return new AttributedString(text, style);
  }

  /** Lines side by side: {@code left} and {@code right} are padded to the same number of rows. */
  static List<AttributedString> beside(List<AttributedString> left, int leftWidth, List<AttributedString> right,
      int rightWidth) {
    int rows = Math.max(left.size(), right.size());
    List<AttributedString> out = new ArrayList<>(rows);
    for (int i = 0; i < rows; i++) {
      AttributedString l = i < left.size() ? left.get(i) : AttributedString.EMPTY;
      AttributedString r = i < right.size() ? right.get(i) : AttributedString.EMPTY;
      out.add(new AttributedStringBuilder().append(fit(l, leftWidth)).append(fit(r, rightWidth)).toAttributedString());
    }
    return out;
  }
}
