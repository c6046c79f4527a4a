package io.ottertrend.signals.news;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoField;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.OptionalLong;

/**
 * Lenient feed dates: RFC 822/1123 in their real-world variants (with or without weekday, one- or two-digit
 * day, two- or four-digit year, seconds optional, numeric offsets, {@code GMT}/{@code UT}/{@code Z}, US zone
 * names, military letters) and ISO-8601 (offset, {@code Z}, no zone = UTC, date only).
 *
 * <p>Thread-safe: formatters are immutable.
 */
final class FeedDates {
  private static final Map<String, String> ZONES = Map.ofEntries(
      Map.entry("UT", "+0000"), Map.entry("UTC", "+0000"), Map.entry("GMT", "+0000"), Map.entry("Z", "+0000"),
      Map.entry("EST", "-0500"), Map.entry("EDT", "-0400"), Map.entry("CST", "-0600"), Map.entry("CDT", "-0500"),
      Map.entry("MST", "-0700"), Map.entry("MDT", "-0600"), Map.entry("PST", "-0800"), Map.entry("PDT", "-0700"),
      Map.entry("CET", "+0100"), Map.entry("CEST", "+0200"), Map.entry("BST", "+0100"), Map.entry("IST", "+0530"),
      Map.entry("JST", "+0900"), Map.entry("HKT", "+0800"), Map.entry("SGT", "+0800"), Map.entry("KST", "+0900"));

  private static final List<DateTimeFormatter> RFC = List.of(
      rfc("d MMM uuuu HH:mm[:ss] Z"),
      rfc("MMM d, uuuu HH:mm[:ss] Z"),
      rfc("d MMMM uuuu HH:mm[:ss] Z"));
  /** RFC 822 proper has two-digit years ("04 Aug 25"); read them as 20xx. */
  private static final DateTimeFormatter RFC822_SHORT_YEAR = new DateTimeFormatterBuilder().parseCaseInsensitive()
      .appendPattern("d MMM ").appendValueReduced(ChronoField.YEAR, 2, 2, 2000).appendPattern(" HH:mm[:ss] Z")
      .toFormatter(Locale.ENGLISH);
  private static final java.util.regex.Pattern SHORT_YEAR =
      java.util.regex.Pattern.compile("^\\d{1,2} [A-Za-z]{3} \\d{2} .*");

  private FeedDates() {}

  private static DateTimeFormatter rfc(String pattern) {
    return new DateTimeFormatterBuilder().parseCaseInsensitive().parseLenient().appendPattern(pattern)
        .toFormatter(Locale.ENGLISH);
  }

  /** Epoch ms of {@code text}, or empty when it cannot be read. */
  static OptionalLong parse(String text) {
    if (text == null) {
      return OptionalLong.empty();
    }
    String s = text.strip().replaceAll("\\s+", " ");
    if (s.isEmpty()) {
      return OptionalLong.empty();
    }
    if (Character.isDigit(s.charAt(0)) && s.length() >= 10 && s.charAt(4) == '-') {
      return iso(s);
    }
    // Drop the weekday ("Mon, " / "Monday, "), normalise the zone to a numeric offset.
    int comma = s.indexOf(',');
    if (comma > 0 && comma <= 10 && Character.isLetter(s.charAt(0)) && !Character.isDigit(s.charAt(comma - 1))) {
      s = s.substring(comma + 1).strip();
    }
    int sp = s.lastIndexOf(' ');
    if (sp > 0) {
      String zone = s.substring(sp + 1);
      String upper = zone.toUpperCase(Locale.ROOT);
      String mapped = ZONES.get(upper);
      if (mapped != null) {
        s = s.substring(0, sp) + " " + mapped;
      } else if (upper.length() == 1 && Character.isLetter(upper.charAt(0))) {
        s = s.substring(0, sp) + " +0000"; // military zones: treat as UTC (RFC 2822 says they are unreliable)
      } else if (zone.matches("[+-]\\d\\d:\\d\\d")) {
        s = s.substring(0, sp) + " " + zone.replace(":", "");
      } else if (!zone.matches("[+-]\\d{4}")) {
        s = s + " +0000"; // no zone at all: UTC
      }
    }
    List<DateTimeFormatter> shapes = SHORT_YEAR.matcher(s).matches() ? List.of(RFC822_SHORT_YEAR) : RFC;
    for (DateTimeFormatter f : shapes) {
      try {
        return OptionalLong.of(ZonedDateTime.parse(s, f).toInstant().toEpochMilli());
      } catch (DateTimeParseException e) {
        // try the next shape
      }
    }
    return OptionalLong.empty();
  }

  private static OptionalLong iso(String s) {
    String t = s.replace(' ', 'T');
    try {
      return OptionalLong.of(OffsetDateTime.parse(t).toInstant().toEpochMilli());
    } catch (DateTimeParseException e) {
      // fall through
    }
    try {
      return OptionalLong.of(Instant.parse(t).toEpochMilli());
    } catch (DateTimeParseException e) {
      // fall through
    }
    try {
      // "+0000" offsets without a colon
      DateTimeFormatter f = new DateTimeFormatterBuilder().append(DateTimeFormatter.ISO_LOCAL_DATE_TIME)
          .appendPattern("[XX][X]").toFormatter(Locale.ROOT);
      var parsed = f.parse(t);
      LocalDateTime ldt = LocalDateTime.from(parsed);
      ZoneOffset off = parsed.isSupported(ChronoField.OFFSET_SECONDS)
          ? ZoneOffset.ofTotalSeconds(parsed.get(ChronoField.OFFSET_SECONDS)) : ZoneOffset.UTC;
      return OptionalLong.of(ldt.toInstant(off).toEpochMilli());
    } catch (DateTimeParseException e) {
      // fall through
    }
    try {
      return OptionalLong.of(java.time.LocalDate.parse(t.substring(0, 10)).atStartOfDay(ZoneOffset.UTC)
          .toInstant().toEpochMilli());
    } catch (DateTimeParseException e) {
      return OptionalLong.empty();
    }
  }
}
