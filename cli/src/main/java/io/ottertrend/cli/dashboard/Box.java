package io.ottertrend.cli.dashboard;

import java.util.ArrayList;
import java.util.List;
import org.jline.utils.AttributedString;
import org.jline.utils.AttributedStringBuilder;
import org.jline.utils.AttributedStyle;

/** A titled panel with rounded borders, drawn to an exact size. Stateless and thread-safe. */
final class Box {
  static final AttributedStyle BORDER = AttributedStyle.DEFAULT.foreground(AttributedStyle.BLUE);
  static final AttributedStyle TITLE = AttributedStyle.BOLD.foreground(AttributedStyle.CYAN);

  private Box() {}

  /** Columns left for content inside a box of {@code width}: one border and one space on each side. */
  static int innerWidth(int width) {
    return Math.max(0, width - 4);
  }

  /** Rows left for content inside a box of {@code height}. */
  static int innerHeight(int height) {
    return Math.max(0, height - 2);
  }

  /**
   * Exactly {@code height} lines of exactly {@code width} columns; content beyond the inner area is cut, missing
   * content is blank. Degenerate sizes give fewer borders rather than an exception.
   */
  static List<AttributedString> draw(String title, List<AttributedString> content, int width, int height) {
    List<AttributedString> out = new ArrayList<>(Math.max(0, height));
    if (width <= 0 || height <= 0) {
      return out;
    }
    if (width < 4) {
      for (int i = 0; i < height; i++) {
        out.add(Lines.fit(AttributedString.EMPTY, width));
      }
      return out;
    }
    AttributedStringBuilder top = new AttributedStringBuilder().style(BORDER).append("╭─");
    String label = WordWrap.truncate(" " + title + " ", width - 4);
    top.style(TITLE).append(label).style(BORDER);
    top.append("─".repeat(Math.max(0, width - 3 - label.length()))).append("╮");
    out.add(Lines.fit(top.toAttributedString(), width));
    int inner = innerWidth(width);
    for (int row = 0; row < height - 2; row++) {
      AttributedString body = row < content.size() ? content.get(row) : AttributedString.EMPTY;
      AttributedStringBuilder line = new AttributedStringBuilder().style(BORDER).append("│ ")
          .style(AttributedStyle.DEFAULT).append(Lines.fit(body, inner)).style(BORDER).append(" │");
      out.add(line.toAttributedString());
    }
    if (height >= 2) {
      out.add(new AttributedStringBuilder().style(BORDER).append("╰").append("─".repeat(width - 2)).append("╯")
          .toAttributedString());
    }
    return out;
  }
}
