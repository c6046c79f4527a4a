package io.ottertrend.signals.trends;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.ottertrend.config.Setting;
import io.ottertrend.config.Settings;
import io.ottertrend.signals.KeywordSeries;
import io.ottertrend.signals.ProviderHealth;
import io.ottertrend.signals.SignalException;
import io.ottertrend.signals.TrendSignals;
import io.ottertrend.time.Clock;
import io.ottertrend.time.SimulatedClock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import mockwebserver3.MockWebServer;
import mockwebserver3.junit5.StartStop;
import okhttp3.OkHttpClient;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class GoogleTrendsProviderTest {
  @StartStop final MockWebServer server = new MockWebServer();
  private final FakeTrendsServer google = new FakeTrendsServer();
  private final SimulatedClock clock = Clock.simulated(Instant.parse("2026-11-24T21:00:00Z"));
  private GoogleTrendsProvider provider;

  @BeforeEach
  void setUp() {
    server.setDispatcher(google);
    Settings settings = Settings.defaults().with(Map.of(
        Setting.TRENDS_BASE_URL, server.url("/").toString(),
        Setting.TRENDS_CACHE_TTL, "2h"));
    provider = GoogleTrendsProvider.create(settings, clock, new OkHttpClient());
  }

  @Test
  void happyPathFollowsCookieThenTokenThenMultiline() {
    TrendSignals s = provider.fetch();

    assertThat(google.cookieCalls).hasValue(1);
    assertThat(google.exploreCalls).hasValue(1);
    assertThat(google.multilineCalls).hasValue(1);
    assertThat(google.lastKeywords).containsExactly("socialfi", "crypto airdrop", "memecoin");
    assertThat(google.lastTime).isEqualTo("now 7-d");
    assertThat(s.source()).isEqualTo("google");
    assertThat(s.observedAt()).isEqualTo(clock.millis());
    assertThat(s.series()).extracting(KeywordSeries::keyword)
        .containsExactly("socialfi", "crypto airdrop", "memecoin");
    KeywordSeries socialfi = s.series().getFirst();
    assertThat(socialfi.points()).hasSize(10);
    assertThat(socialfi.points().getFirst().time()).isEqualTo(1763413200_000L);
    assertThat(socialfi.points().getFirst().value()).isEqualTo(20);
    assertThat(socialfi.points().getLast().partial()).isTrue();
    assertThat(socialfi.points().subList(0, 9)).noneMatch(p -> p.partial());
    // The partial last bucket (12) is ignored: the complete ones climb ~2.6 points per bucket.
    assertThat(socialfi.slope()).isBetween(2.4, 2.8);
    assertThat(socialfi.latest()).isEqualTo(41);
    assertThat(s.series().get(2).slope()).isGreaterThan(5);
    assertThat(provider.health().status()).isEqualTo(ProviderHealth.Status.UP);
  }

  @Test
  void answersAreCachedForTheTtlAndTokensAreFetchedFreshPerQuery() {
    provider.fetch();
    clock.advance(Duration.ofMinutes(119));
    provider.fetch();
    assertThat(google.exploreCalls).hasValue(1);
    clock.advance(Duration.ofMinutes(2));
    TrendSignals again = provider.fetch();
    // A second explore call (fresh token), the cookie reused, the multiline accepted the new token.
    assertThat(google.cookieCalls).hasValue(1);
    assertThat(google.exploreCalls).hasValue(2);
    assertThat(google.multilineCalls).hasValue(2);
    assertThat(again.observedAt()).isEqualTo(clock.millis());
  }

  @Test
  void a429StormBacksOffAtLeastSixtySecondsExponentiallyWithoutRequestsInBetween() {
    google.tooManyRequests = true;
    long start = clock.millis();
    assertThatThrownBy(provider::fetch).isInstanceOf(SignalException.RateLimited.class)
        .hasMessageContaining("429");
    int afterFirst = server.getRequestCount();
    assertThat(afterFirst).isEqualTo(1); // the cookie page already said 429: nothing else was sent
    assertThat(provider.backoffUntil()).isEqualTo(start + 60_000);
    assertThat(provider.health().status()).isEqualTo(ProviderHealth.Status.UNAVAILABLE);
    assertThat(provider.health().since()).isEqualTo(start);

    clock.advance(Duration.ofSeconds(59));
    SignalException.RateLimited during = org.junit.jupiter.api.Assertions.assertThrows(
        SignalException.RateLimited.class, provider::fetch);
    assertThat(during.retryAtMillis()).isEqualTo(start + 60_000);
    assertThat(server.getRequestCount()).isEqualTo(afterFirst);

    clock.advance(Duration.ofSeconds(1));
    assertThatThrownBy(provider::fetch).isInstanceOf(SignalException.RateLimited.class);
    assertThat(server.getRequestCount()).isEqualTo(afterFirst + 1);
    assertThat(provider.backoffUntil()).isEqualTo(clock.millis() + 120_000);

    clock.advance(Duration.ofSeconds(119));
    assertThatThrownBy(provider::fetch).isInstanceOf(SignalException.RateLimited.class);
    assertThat(server.getRequestCount()).isEqualTo(afterFirst + 1);
    clock.advance(Duration.ofSeconds(1));
    assertThatThrownBy(provider::fetch).isInstanceOf(SignalException.RateLimited.class);
    assertThat(provider.backoffUntil()).isEqualTo(clock.millis() + 240_000);
    assertThat(provider.health().since()).isEqualTo(start);

    // Service returns: one success resets the back-off.
    google.tooManyRequests = false;
    clock.advance(Duration.ofSeconds(240));
    assertThat(provider.fetch().series()).hasSize(3);
    assertThat(provider.backoffUntil()).isZero();
    assertThat(provider.health().status()).isEqualTo(ProviderHealth.Status.UP);
  }

  @Test
  void duringBackOffTheLastGoodAnswerIsServedAsDegraded() {
    TrendSignals good = provider.fetch();
    clock.advance(Duration.ofHours(3));
    google.tooManyRequests = true;
    TrendSignals stale = provider.fetch();
    assertThat(stale).isSameAs(good);
    assertThat(stale.observedAt()).isLessThan(clock.millis());
    assertThat(provider.health().status()).isEqualTo(ProviderHealth.Status.DEGRADED);
    assertThat(provider.health().lastError()).contains("429");
    int count = server.getRequestCount();
    clock.advance(Duration.ofSeconds(30));
    assertThat(provider.fetch()).isSameAs(good);
    assertThat(server.getRequestCount()).isEqualTo(count);
  }

  @Test
  void badPrefixOrBadJsonIsABadResponse() {
    google.exploreBody = ")]}'\nthis is not json";
    assertThatThrownBy(provider::fetch).isInstanceOf(SignalException.BadResponse.class)
        .hasMessageContaining("trends explore");
    google.exploreBody = ")]}'\n{\"widgets\":[{\"id\":\"TIMESERIES\",\"request\":{}, \"token\": ";
    assertThatThrownBy(provider::fetch).isInstanceOf(SignalException.BadResponse.class)
        .hasMessageContaining("malformed");
    google.exploreBody = ")]}'\n{\"widgets\":[{\"id\":\"GEO_MAP\",\"token\":\"x\",\"request\":{}}]}";
    assertThatThrownBy(provider::fetch).isInstanceOf(SignalException.BadResponse.class)
        .hasMessageContaining("no TIMESERIES");
    assertThat(provider.health().status()).isEqualTo(ProviderHealth.Status.UNAVAILABLE);
  }

  @Test
  void badMultilineJsonIsABadResponse() {
    google.multilineBody = ")]}',\n{\"default\":{\"timelineData\":[{\"time\":\"soon\",\"value\":[1]}]}}";
    assertThatThrownBy(provider::fetch).isInstanceOf(SignalException.BadResponse.class)
        .hasMessageContaining("bad time");
    google.multilineBody = ")]}',\n[1,2]";
    assertThatThrownBy(provider::fetch).isInstanceOf(SignalException.BadResponse.class);
  }

  @Test
  void emptyTimelineMeansNoDataNotAnError() {
    google.multilineBody = io.ottertrend.signals.Fixtures.read("trends/multiline-empty.json");
    TrendSignals s = provider.fetch();
    assertThat(s.series()).allSatisfy(k -> {
      assertThat(k.points()).isEmpty();
      assertThat(k.slope()).isZero();
    });
  }

  @Test
  void prefixIsSkippedUpToTheFirstBrace() {
    assertThat(GoogleTrendsProvider.stripPrefix(")]}',\n{\"a\":1}", "x")).isEqualTo("{\"a\":1}");
    assertThat(GoogleTrendsProvider.stripPrefix(")]}'\n{\"a\":1}", "x")).isEqualTo("{\"a\":1}");
    assertThatThrownBy(() -> GoogleTrendsProvider.stripPrefix(")]}'", "x"))
        .isInstanceOf(SignalException.BadResponse.class);
  }

  @Test
  void keywordsAreLimitedToFive() {
    assertThatThrownBy(() -> new GoogleTrendsProvider(server.url("/").toString(),
        List.of("a", "b", "c", "d", "e", "f"), "", "now 7-d", Duration.ofHours(1), clock, new OkHttpClient()))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("1 to 5");
    assertThatThrownBy(() -> new GoogleTrendsProvider("not a url", List.of("a"), "", "now 7-d",
        Duration.ofHours(1), clock, new OkHttpClient())).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void timeframesAreTheFormsGoogleAccepts() {
    for (String ok : List.of("today 5-y", "today 12-m", "today 3-m", "today 1-m", "now 7-d", "now 1-d", "now 4-H",
        "now 1-H", "all", "2026-01-01 2026-02-01", "2026-01-01T00 2026-01-02T12")) {
      assertThat(new GoogleTrendsProvider(server.url("/").toString(), List.of("a"), "", ok, Duration.ofHours(1),
          clock, new OkHttpClient()).name()).isEqualTo("google");
    }
    for (String bad : List.of("today 2-m", "now 3-d", "yesterday", "")) {
      assertThatThrownBy(() -> new GoogleTrendsProvider(server.url("/").toString(), List.of("a"), "", bad,
          Duration.ofHours(1), clock, new OkHttpClient())).isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("TRENDS_TIMEFRAME");
    }
  }

  @Test
  void unreachableServerIsUnavailable() throws Exception {
    String url = server.url("/").toString();
    server.close();
    GoogleTrendsProvider p = new GoogleTrendsProvider(url, List.of("memecoin"), "US", "today 1-m",
        Duration.ofHours(1), clock, new OkHttpClient());
    assertThatThrownBy(p::fetch).isInstanceOf(SignalException.Unavailable.class);
    assertThat(p.health().describe()).contains("UNAVAILABLE since 2026-11-24T21:00:00Z");
  }
}
