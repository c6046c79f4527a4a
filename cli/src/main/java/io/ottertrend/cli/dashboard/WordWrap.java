package io.ottertrend.cli.dashboard;

import java.util.ArrayList;
import java.util.List;

/** Greedy word wrapping for panel text. Stateless and thread-safe. */
final class WordWrap {
  private WordWrap() {}

  /**
   * Wraps {@code text} to lines of at most {@code width} characters; words longer than a line are cut. Blank
   * lines between paragraphs are kept (one), runs of whitespace inside a paragraph become one space.
   */
  static List<String> wrap(String text, int width) {
    List<String> out = new ArrayList<>();
    if (text == null || width <= 0) {
      return out;
    }
    String[] paragraphs = text.strip().split("\\R\\s*\\R|\\R");
    for (String paragraph : paragraphs) {
      StringBuilder line = new StringBuilder();
      for (String word : paragraph.strip().split("\\s+")) {
        if (word.isEmpty()) {
          continue;
        }
        while (word.length() > width) {
          if (!line.isEmpty()) {
            out.add(line.toString());
            line.setLength(0);
          }
          out.add(word.substring(0, width));
          word = word.substring(width);
        }
        if (line.isEmpty()) {
          line.append(word);
        } else if (line.length() + 1 + word.length() <= width) {
          line.append(' ').append(word);
        } else {
          out.add(line.toString());
          line.setLength(0);
          line.append(word);
        }
      }
      if (!line.isEmpty()) {
        out.add(line.toString());
      }
    }
    return out;
  }

  /** {@code text} cut to {@code width} characters, ending with an ellipsis when cut. */
  static String truncate(String text, int width) {
    if (width <= 0) {
      return "";
    }
    return text.length() <= width ? text : text.substring(0, Math.max(0, width - 1)) + "…";
  }
}
