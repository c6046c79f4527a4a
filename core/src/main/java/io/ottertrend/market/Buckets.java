package io.ottertrend.market;

import io.ottertrend.model.Interval;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;

/**
 * Kline bucket arithmetic in UTC: minute to day bars align on the epoch, weekly bars start on Monday
 * 00:00 UTC and monthly bars on the first day of the calendar month (as MEXC keys them). Stateless.
 */
public final class Buckets {
  private static final long DAY = 86_400_000L;
  /** 1970-01-01 was a Thursday; Monday 1970-01-05 is four days later. */
  private static final long MONDAY_OFFSET = 4 * DAY;

  private Buckets() {}

  /** Open time of the bar of {@code interval} that contains {@code t}. */
  public static long start(Interval interval, long t) {
    return switch (interval) {
      case W1 -> Math.floorDiv(t - MONDAY_OFFSET, 7 * DAY) * 7 * DAY + MONDAY_OFFSET;
      case MN1 -> {
        LocalDate d = LocalDate.ofInstant(Instant.ofEpochMilli(t), ZoneOffset.UTC).withDayOfMonth(1);
        yield d.atStartOfDay(ZoneOffset.UTC).toInstant().toEpochMilli();
      }
      default -> Math.floorDiv(t, interval.millis()) * interval.millis();
    };
  }

  /** Open time of the bar after the one opening at {@code start}. */
  public static long next(Interval interval, long start) {
    if (interval == Interval.MN1) {
      LocalDate d = LocalDate.ofInstant(Instant.ofEpochMilli(start), ZoneOffset.UTC).plusMonths(1);
      return d.atStartOfDay(ZoneOffset.UTC).toInstant().toEpochMilli();
    }
    return start + interval.millis();
  }

  /** Open time of the bar before the one opening at {@code start}. */
  public static long previous(Interval interval, long start) {
    if (interval == Interval.MN1) {
      LocalDate d = LocalDate.ofInstant(Instant.ofEpochMilli(start), ZoneOffset.UTC).minusMonths(1);
      return d.atStartOfDay(ZoneOffset.UTC).toInstant().toEpochMilli();
    }
    return start - interval.millis();
  }

  /** Open time of the first bar opening at or after {@code t}. */
  public static long ceil(Interval interval, long t) {
    long s = start(interval, t);
    return s == t ? s : next(interval, s);
  }
}
