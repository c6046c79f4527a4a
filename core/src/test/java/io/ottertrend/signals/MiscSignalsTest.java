package io.ottertrend.signals;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.ottertrend.signals.internal.HtmlText;
import io.ottertrend.signals.social.UnconfiguredSocialProvider;
import io.ottertrend.time.Clock;
import io.ottertrend.time.SimulatedClock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class MiscSignalsTest {
  private final SimulatedClock clock = Clock.simulated(Instant.parse("2026-11-24T21:00:00Z"));

  @Test
  void socialProviderSaysNotConfiguredAndInventsNothing() {
    UnconfiguredSocialProvider p = new UnconfiguredSocialProvider();
    assertThat(p.configured()).isFalse();
    assertThat(p.name()).isEqualTo("none");
    assertThat(p.health().status()).isEqualTo(ProviderHealth.Status.UNAVAILABLE);
    assertThat(p.health().lastError()).contains("V2");
    assertThatThrownBy(() -> p.mentions(List.of("memecoin"))).isInstanceOf(SignalException.NotConfigured.class);
  }

  @Test
  void healthKeepsTheStartOfAnOutageAndResetsOnRecovery() {
    HealthTracker h = new HealthTracker("x", clock);
    assertThat(h.health().since()).isZero();
    h.unavailable("boom\nsecond line");
    long start = clock.millis();
    clock.advance(Duration.ofMinutes(3));
    h.unavailable("boom again");
    assertThat(h.health().since()).isEqualTo(start);
    assertThat(h.health().lastError()).isEqualTo("boom again");
    assertThat(h.health().checkedAt()).isEqualTo(clock.millis());
    h.up();
    assertThat(h.health().since()).isEqualTo(clock.millis());
    assertThat(h.health().describe()).isEqualTo("x: UP");
    h.degraded("stale");
    assertThat(h.health().describe()).startsWith("x: DEGRADED since ").endsWith("(stale)");
    assertThat(HealthTracker.oneLine("a\nb")).isEqualTo("a");
    assertThat(HealthTracker.oneLine("y".repeat(300))).hasSize(200).endsWith("...");
    assertThat(HealthTracker.oneLine(null)).isNull();
  }

  @Test
  void htmlBecomesPlainText() {
    assertThat(HtmlText.plain("<p>Bitcoin&#8217;s <b>rally</b> &amp; ETH&#x2019;s</p><script>x()</script>"))
        .isEqualTo("Bitcoin\u2019s rally & ETH\u2019s");
    assertThat(HtmlText.plain("a &amp;#8217; b &unknown; &nbsp;c &#99999999;")).isEqualTo("a \u2019 b &unknown; c &#99999999;");
    assertThat(HtmlText.plain(null)).isEmpty();
    assertThat(HtmlText.excerpt("one two three four", 9)).isEqualTo("one two\u2026");
    assertThat(HtmlText.excerpt("short", 9)).isEqualTo("short");
  }

  @Test
  void keywordSeriesSlopeIgnoresPartialBuckets() {
    KeywordSeries s = KeywordSeries.of("k", List.of(new TrendPoint(0, 10, false), new TrendPoint(1, 20, false),
        new TrendPoint(2, 0, true)));
    assertThat(s.slope()).isEqualTo(10);
    assertThat(s.latest()).isEqualTo(20);
    assertThat(KeywordSeries.of("k", List.of(new TrendPoint(0, 7, true))).latest()).isEqualTo(7);
    assertThat(KeywordSeries.of("k", List.of()).latest()).isZero();
    assertThat(KeywordSeries.slopeOf(List.of(new TrendPoint(0, 5, false)))).isZero();
  }

  @Test
  void newsItemsCapExcerptsAndDefaultNulls() {
    NewsItem n = new NewsItem(null, "t".repeat(1000), null, null, 0, "z".repeat(1000), null, 0);
    assertThat(n.excerpt()).hasSize(NewsItem.MAX_EXCERPT);
    assertThat(n.title()).hasSize(NewsItem.MAX_TITLE);
    assertThat(n.id()).isEmpty();
    assertThat(n.symbols()).isEmpty();
    assertThat(SentimentScore.labelOf(0.05)).isEqualTo(SentimentScore.Label.POSITIVE);
    assertThat(SentimentScore.labelOf(-0.05)).isEqualTo(SentimentScore.Label.NEGATIVE);
    assertThat(SentimentScore.labelOf(0.01)).isEqualTo(SentimentScore.Label.NEUTRAL);
    assertThat(Sourced.of("v", "s", 10, 5).staleMillis()).isZero();
  }

  @Test
  void signalExceptionsCarryTheirFacts() {
    assertThat(new SignalException.RateLimited("slow", 42).retryAtMillis()).isEqualTo(42);
    assertThat(new SignalException.BadResponse("bad", new RuntimeException("x"))).hasMessage("bad");
  }
}
