package io.ottertrend.cli.dashboard;

/** Unicode block sparklines ({@code ▁▂▃▄▅▆▇█}). Stateless and thread-safe. */
final class Sparkline {
  private static final char[] BLOCKS = {'▁', '▂', '▃', '▄', '▅', '▆', '▇', '█'};

  private Sparkline() {}

  /**
   * The last {@code width} values scaled between their own minimum and maximum; a flat series is a flat low line
   * (no movement is not a signal). NaN values are drawn as spaces.
   */
  static String of(double[] values, int width) {
    if (width <= 0 || values.length == 0) {
      return "";
    }
    int from = Math.max(0, values.length - width);
    double min = Double.POSITIVE_INFINITY;
    double max = Double.NEGATIVE_INFINITY;
    for (int i = from; i < values.length; i++) {
      if (!Double.isNaN(values[i])) {
        min = Math.min(min, values[i]);
        max = Math.max(max, values[i]);
      }
    }
    StringBuilder sb = new StringBuilder(values.length - from);
    for (int i = from; i < values.length; i++) {
      double v = values[i];
      if (Double.isNaN(v)) {
        sb.append(' ');
      } else if (max - min <= 0) {
        sb.append(BLOCKS[0]);
      } else {
        int level = (int) Math.round((v - min) / (max - min) * (BLOCKS.length - 1));
        sb.append(BLOCKS[Math.max(0, Math.min(BLOCKS.length - 1, level))]);
      }
    }
    return sb.toString();
  }
}
