package io.ottertrend.config;

import java.time.Duration;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Parses and prints durations as people write them: {@code 500ms}, {@code 60s}, {@code 5m}, {@code 2h}, {@code 1d}. */
public final class Durations {
  private static final Pattern PART = Pattern.compile("(\\d+(?:\\.\\d+)?)(ms|s|m|h|d)");

  private Durations() {}

  /**
   * Parses one or more {@code <number><unit>} parts ({@code 1h30m}); a bare number means seconds; ISO-8601
   * ({@code PT5M}) is accepted too.
   *
   * @throws IllegalArgumentException when the text is not a duration
   */
  public static Duration parse(String text) {
    String t = text.strip().toLowerCase(Locale.ROOT);
    if (t.isEmpty()) {
      throw new IllegalArgumentException("empty duration");
    }
    if (t.startsWith("pt") || t.startsWith("p")) {
      return Duration.parse(t.toUpperCase(Locale.ROOT));
    }
    if (t.matches("\\d+")) {
      return Duration.ofSeconds(Long.parseLong(t));
    }
    Matcher m = PART.matcher(t);
    int pos = 0;
    double totalMillis = 0;
    while (m.find()) {
      if (m.start() != pos) {
        throw new IllegalArgumentException("not a duration: " + text);
      }
      double n = Double.parseDouble(m.group(1));
      totalMillis += switch (m.group(2)) {
        case "ms" -> n;
        case "s" -> n * 1_000;
        case "m" -> n * 60_000;
        case "h" -> n * 3_600_000;
        default -> n * 86_400_000;
      };
      pos = m.end();
    }
    if (pos != t.length() || pos == 0) {
      throw new IllegalArgumentException("not a duration: " + text);
    }
    return Duration.ofMillis(Math.round(totalMillis));
  }

  /** Short form: {@code 1d}, {@code 2h}, {@code 5m}, {@code 60s}, {@code 500ms}, {@code 1h30m}. */
  public static String format(Duration d) {
    long ms = d.toMillis();
    if (ms == 0) {
      return "0s";
    }
    if (ms % 1000 != 0) {
      return ms + "ms";
    }
    long s = ms / 1000;
    StringBuilder out = new StringBuilder();
    long days = s / 86_400;
    s %= 86_400;
    long hours = s / 3_600;
    s %= 3_600;
    long minutes = s / 60;
    s %= 60;
    if (days > 0) out.append(days).append('d');
    if (hours > 0) out.append(hours).append('h');
    if (minutes > 0) out.append(minutes).append('m');
    if (s > 0) out.append(s).append('s');
    return out.toString();
  }
}
