package io.ottertrend.signals.news;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class FeedDatesTest {

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', value = {
      "Mon, 14 Jul 2025 20:26:45 +0000|2025-07-14T20:26:45Z",
      "Mon, 14 Jul 2025 20:26:45 GMT|2025-07-14T20:26:45Z",
      "Mon,  4 Aug 2025 08:00:00 UT|2025-08-04T08:00:00Z",
      "Monday, 04 Aug 2025 08:00:00 EDT|2025-08-04T12:00:00Z",
      "4 Aug 2025 08:00 -0500|2025-08-04T13:00:00Z",
      "Mon, 04 Aug 25 08:00:00 PST|2025-08-04T16:00:00Z",
      "Tue, 05 Aug 2025 01:02:03 +05:30|2025-08-04T19:32:03Z",
      "Tue, 05 Aug 2025 01:02:03|2025-08-05T01:02:03Z",
      "Tue, 05 Aug 2025 01:02:03 Z|2025-08-05T01:02:03Z",
      "Tue, 05 Aug 2025 01:02:03 A|2025-08-05T01:02:03Z",
      "tue, 05 aug 2025 01:02:03 gmt|2025-08-05T01:02:03Z",
      "2025-08-05T01:02:03Z|2025-08-05T01:02:03Z",
      "2025-08-05T01:02:03.123+02:00|2025-08-04T23:02:03.123Z",
      "2025-08-05 01:02:03|2025-08-05T01:02:03Z",
      "2025-08-05T01:02:03+0200|2025-08-04T23:02:03Z",
      "2025-08-05|2025-08-05T00:00:00Z"})
  void readsRfc822AndIsoVariants(String text, String expected) {
    assertThat(FeedDates.parse(text)).hasValue(Instant.parse(expected).toEpochMilli());
  }

  @ParameterizedTest
  @ValueSource(strings = {"", "   ", "yesterday", "32 Foo 2025 99:99:99 +0000", "2025-13-45"})
  void unreadableDatesAreEmpty(String text) {
    assertThat(FeedDates.parse(text)).isEmpty();
  }

  @org.junit.jupiter.api.Test
  void nullIsEmpty() {
    assertThat(FeedDates.parse(null)).isEmpty();
  }
}
