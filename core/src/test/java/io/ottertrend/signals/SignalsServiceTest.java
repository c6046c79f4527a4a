package io.ottertrend.signals;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.ottertrend.memory.SqliteMemory;
import io.ottertrend.signals.sentiment.LexiconSentimentAnalyzer;
import io.ottertrend.signals.social.UnconfiguredSocialProvider;
import io.ottertrend.time.Clock;
import io.ottertrend.time.SimulatedClock;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SignalsServiceTest {
  @TempDir Path dir;
  private final SimulatedClock clock = Clock.simulated(Instant.parse("2026-11-24T21:00:00Z"));
  private final FakeExchange exchange = new FakeExchange().withSymbols("BTC", "ETH", "PEPE", "ONE");
  private final CountDownLatch release = new CountDownLatch(1);
  private SqliteMemory memory;
  private StubProviders.Trends google;
  private StubProviders.Trends market;
  private StubProviders.News cryptocompare;
  private StubProviders.News rss;

  @BeforeEach
  void setUp() {
    memory = SqliteMemory.open(dir.resolve("signals.db"));
    long observed = clock.millis() - 600_000;
    google = new StubProviders.Trends("google", clock, () -> new TrendSignals("google", observed,
        List.of(KeywordSeries.of("memecoin", points(10, 20, 30, 40)), KeywordSeries.of("crypto airdrop",
            points(50, 40, 30, 20))), List.of(), List.of()));
    market = new StubProviders.Trends("exchange", clock, () -> new TrendSignals("exchange", clock.millis(),
        List.of(), List.of(new Listing("NEWUSDT", "NEW", clock.millis())),
        List.of(new Gainer("PEPEUSDT", 0.42, 900_000))));
    cryptocompare = new StubProviders.News("cryptocompare", clock, () -> List.of(
        NewsItem.raw("a", "Bitcoin surges as memecoin PEPE goes to the moon", "https://x/a", "CoinDesk",
            clock.millis() - 60_000, "BTC and $PEPE lead"),
        NewsItem.raw("b", "Airdrop farmers dump tokens, airdrop disappoints", "https://x/b", "Decrypt",
            clock.millis() - 120_000, "")));
    rss = new StubProviders.News("rss", clock, () -> List.of(
        NewsItem.raw("a2", "Bitcoin surges as memecoin PEPE goes to the moon!", "https://x/a", "coindesk",
            clock.millis() - 50_000, ""),
        NewsItem.raw("c", "Exchange hacked, ETH drained", "https://y/c", "cointelegraph",
            clock.millis() - 30_000, "")));
  }

  @AfterEach
  void tearDown() {
    release.countDown();
    memory.close();
  }

  private static List<TrendPoint> points(int... values) {
    List<TrendPoint> out = new java.util.ArrayList<>();
    for (int i = 0; i < values.length; i++) {
      out.add(new TrendPoint(i * 3_600_000L, values[i], false));
    }
    return out;
  }

  private SignalsService.Builder builder() {
    return SignalsService.builder(clock, new LexiconSentimentAnalyzer()).trends(google).trends(market)
        .news(cryptocompare).news(rss).social(new UnconfiguredSocialProvider()).memory(memory).exchange(exchange)
        .narratives(List.of("memecoin", "airdrop", "gaming")).timeout(Duration.ofSeconds(5));
  }

  @Test
  void snapshotCarriesEveryValueWithSourceTimestampAndStaleness() {
    try (SignalsService service = builder().build()) {
      TrendsSnapshot s = service.collect();
      assertThat(s.at()).isEqualTo(clock.millis());
      assertThat(s.keywords()).hasSize(2).allSatisfy(k -> {
        assertThat(k.source()).isEqualTo("google");
        assertThat(k.staleMillis()).isEqualTo(600_000);
      });
      assertThat(s.listings()).singleElement().satisfies(l -> assertThat(l.source()).isEqualTo("exchange"));
      assertThat(s.gainers()).singleElement().satisfies(g -> assertThat(g.value().symbol()).isEqualTo("PEPEUSDT"));
      // The same story from two sources (same link) is one headline; newest first.
      assertThat(s.headlines()).extracting(h -> h.value().id()).containsExactly("c", "a", "b");
      Sourced<NewsItem> btc = s.headlines().get(1);
      assertThat(btc.source()).isEqualTo("cryptocompare");
      assertThat(btc.value().source()).isEqualTo("CoinDesk");
      assertThat(s.headlines().getFirst().source()).isEqualTo("rss");
      assertThat(btc.value().symbols()).containsExactly("BTC", "PEPE");
      assertThat(btc.value().sentiment()).isPositive();
      assertThat(s.headlines().getFirst().value().symbols()).containsExactly("ETH");
      assertThat(s.headlines().getFirst().value().sentiment()).isNegative();
      assertThat(s.narratives()).extracting(n -> n.value().narrative()).containsExactly("memecoin", "airdrop", "gaming");
      NarrativeStrength meme = s.narratives().get(0).value();
      assertThat(meme.trendsSlope()).isCloseTo(10, within(1e-9));
      assertThat(meme.newsVolume()).isEqualTo(1);
      assertThat(meme.score()).isGreaterThan(s.narratives().get(1).value().score());
      assertThat(s.narratives().get(2).value().trendsSlope()).isNaN();
      assertThat(s.providers()).extracting(ProviderHealth::provider)
          .containsExactly("google", "exchange", "cryptocompare", "rss", "none");
      assertThat(s.provider("none").orElseThrow().status()).isEqualTo(ProviderHealth.Status.UNAVAILABLE);
      assertThat(s.provider("google").orElseThrow().status()).isEqualTo(ProviderHealth.Status.UP);
      assertThat(service.latest()).isEqualTo(s);
    }
  }

  @Test
  void failingProviderIsMarkedUnavailableSinceTheFirstFailureAndTheCycleGoesOn() {
    google.answer = () -> {
      throw new SignalException.RateLimited("HTTP 429 from Google", 0);
    };
    try (SignalsService service = builder().build()) {
      long first = clock.millis();
      TrendsSnapshot s = service.collect();
      ProviderHealth g = s.provider("google").orElseThrow();
      assertThat(g.status()).isEqualTo(ProviderHealth.Status.UNAVAILABLE);
      assertThat(g.since()).isEqualTo(first);
      assertThat(g.lastError()).contains("429");
      assertThat(s.keywords()).isEmpty();
      assertThat(s.headlines()).hasSize(3);
      assertThat(s.gainers()).hasSize(1);

      clock.advance(Duration.ofMinutes(1));
      TrendsSnapshot next = service.collect();
      assertThat(next.provider("google").orElseThrow().since()).isEqualTo(first);
      assertThat(next.provider("google").orElseThrow().describe())
          .contains("UNAVAILABLE since 2026-11-24T21:00:00Z");
    }
  }

  @Test
  void hungProviderTimesOutAndDoesNotStallTheCycle() {
    rss.answer = StubProviders.hang(release);
    try (SignalsService service = builder().timeout(Duration.ofMillis(300)).build()) {
      TrendsSnapshot s = service.collect();
      ProviderHealth r = s.provider("rss").orElseThrow();
      assertThat(r.status()).isEqualTo(ProviderHealth.Status.UNAVAILABLE);
      assertThat(r.lastError()).contains("no answer within 300 ms");
      assertThat(s.headlines()).extracting(h -> h.value().id()).containsExactly("a", "b");
      assertThat(s.keywords()).hasSize(2);
    }
  }

  @Test
  void circuitBreakerStopsCallingAProviderAfterRepeatedFailures() {
    cryptocompare.answer = () -> {
      throw new SignalException.BadResponse("error envelope");
    };
    try (SignalsService service = builder().circuitBreaker(2, Duration.ofHours(1)).build()) {
      service.collect();
      service.collect();
      assertThat(cryptocompare.calls).hasValue(2);
      TrendsSnapshot third = service.collect();
      assertThat(cryptocompare.calls).hasValue(2);
      assertThat(third.provider("cryptocompare").orElseThrow().lastError()).contains("circuit breaker open");
      assertThat(rss.calls).hasValue(3);
    }
  }

  @Test
  void degradedProviderStaysDegradedInTheSnapshot() {
    google.health.degraded("rate limited; serving data from an hour ago");
    try (SignalsService service = builder().build()) {
      ProviderHealth g = service.collect().provider("google").orElseThrow();
      assertThat(g.status()).isEqualTo(ProviderHealth.Status.DEGRADED);
      assertThat(g.lastError()).contains("serving data");
    }
  }

  @Test
  void everySnapshotIsRecordedAndExchangeFailureOnlyLosesTagging() {
    exchange.failure = FakeExchange.down();
    try (SignalsService service = builder().build()) {
      service.collect();
      clock.advance(Duration.ofMinutes(1));
      service.collect();
    }
    assertThat(memory.signals(TrendsSnapshot.KIND, 0, Long.MAX_VALUE)).hasSize(2)
        .allSatisfy(r -> assertThat(r.source()).isEqualTo("signals"));
    TrendsSnapshot stored = new SignalsReplay(memory).at(clock.millis()).orElseThrow();
    assertThat(stored.headlines()).allSatisfy(h -> assertThat(h.value().symbols()).isEmpty());
  }

  @Test
  void hungExchangeOnlyDelaysTaggingNotTheCycle() {
    exchange.gate = release;
    try (SignalsService service = builder().timeout(Duration.ofMillis(300)).build()) {
      TrendsSnapshot s = service.collect();
      assertThat(s.headlines()).hasSize(3).allSatisfy(h -> assertThat(h.value().symbols()).isEmpty());
      assertThat(s.keywords()).hasSize(2);
    }
  }

  @Test
  void headlinesAreCapped() {
    try (SignalsService service = builder().maxHeadlines(2).build()) {
      assertThat(service.collect().headlines()).hasSize(2);
    }
  }

  @Test
  void noProvidersStillGivesASnapshot() {
    try (SignalsService service = SignalsService.builder(clock, new LexiconSentimentAnalyzer())
        .settings(io.ottertrend.config.Settings.defaults()).build()) {
      TrendsSnapshot s = service.collect();
      assertThat(s.keywords()).isEmpty();
      assertThat(s.narratives()).hasSize(6);
      assertThat(s.providers()).isEmpty();
    }
  }
}
