package io.ottertrend.model;

import java.time.Duration;
import java.util.Locale;

/**
 * Kline intervals. {@link #wireName()} is MEXC's spelling ({@code 60m}, not {@code 1h}; capital {@code 1W}).
 * {@link #parse(String)} accepts both MEXC names and the common aliases users type.
 */
public enum Interval {
  M1("1m", Duration.ofMinutes(1)),
  M5("5m", Duration.ofMinutes(5)),
  M15("15m", Duration.ofMinutes(15)),
  M30("30m", Duration.ofMinutes(30)),
  H1("60m", Duration.ofHours(1)),
  H4("4h", Duration.ofHours(4)),
  D1("1d", Duration.ofDays(1)),
  W1("1W", Duration.ofDays(7)),
  MN1("1M", Duration.ofDays(30));

  private final String wireName;
  private final Duration duration;

  Interval(String wireName, Duration duration) {
    this.wireName = wireName;
    this.duration = duration;
  }

  /** The name MEXC expects in the {@code interval} parameter. */
  public String wireName() {
    return wireName;
  }

  /** Nominal length of one bar (a month counts as 30 days). */
  public Duration duration() {
    return duration;
  }

  public long millis() {
    return duration.toMillis();
  }

  /**
   * Parses {@code 1m 5m 15m 30m 60m 1h 4h 1d 1w 1W 1M} (case matters only for {@code 1M} vs {@code 1m}).
   *
   * @throws IllegalArgumentException naming the allowed values
   */
  public static Interval parse(String text) {
    if (text == null) {
      throw new IllegalArgumentException("interval is missing; use one of 1m 5m 15m 30m 60m 4h 1d 1W 1M");
    }
    String t = text.strip();
    if (t.equals("1M")) {
      return MN1;
    }
    return switch (t.toLowerCase(Locale.ROOT)) {
      case "1m", "1min", "min1" -> M1;
      case "5m", "5min", "min5" -> M5;
      case "15m", "15min", "min15" -> M15;
      case "30m", "30min", "min30" -> M30;
      case "60m", "1h", "min60" -> H1;
      case "4h", "240m", "hour4" -> H4;
      case "1d", "24h", "day1" -> D1;
      case "1w", "week1", "7d" -> W1;
      case "month1" -> MN1;
      default -> throw new IllegalArgumentException(
          "unknown interval '" + text + "'; use one of 1m 5m 15m 30m 60m 4h 1d 1W 1M");
    };
  }
}
