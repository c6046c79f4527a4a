package io.ottertrend.signals;

import static org.assertj.core.api.Assertions.assertThat;

import io.ottertrend.config.Setting;
import io.ottertrend.config.Settings;
import io.ottertrend.exchange.Exchange;
import io.ottertrend.memory.Memory;
import io.ottertrend.memory.SqliteMemory;
import io.ottertrend.registry.Registry;
import io.ottertrend.time.Clock;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Map;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.junit5.StartStop;
import okhttp3.OkHttpClient;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SignalsModuleTest {
  @TempDir Path dir;
  @StartStop final MockWebServer server = new MockWebServer();

  @Test
  void registersEveryNamedComponentAndAServiceThatSurvivesDeadSources() {
    // Every source points at a server that answers 503: the cycle still yields a recorded snapshot.
    for (int i = 0; i < 20; i++) {
      server.enqueue(new MockResponse.Builder().code(503).body("down").build());
    }
    String url = server.url("/").toString();
    Settings settings = Settings.defaults().with(Map.of(Setting.TRENDS_BASE_URL, url,
        Setting.CRYPTOCOMPARE_BASE_URL, url, Setting.NEWS_RSS_FEEDS, url + "feed"));
    try (Registry r = SignalsModule.register(Registry.create(settings))) {
      SqliteMemory memory = SqliteMemory.open(dir.resolve("m.db"));
      r.bindInstance(Clock.class, Clock.simulated(Instant.parse("2026-11-24T21:00:00Z")));
      r.bindInstance(OkHttpClient.class, new OkHttpClient());
      r.bindInstance(Memory.class, memory);
      r.bindInstance(Exchange.class, new FakeExchange().withSymbols("BTC"));

      assertThat(r.names(TrendsProvider.class)).contains("google", "exchange");
      assertThat(r.names(NewsProvider.class)).contains("cryptocompare", "rss");
      assertThat(r.names(SentimentAnalyzer.class)).contains("lexicon");
      assertThat(r.names(SocialProvider.class)).contains("none");
      assertThat(r.get(SentimentAnalyzer.class).name()).isEqualTo("lexicon");
      assertThat(r.get(SocialProvider.class).configured()).isFalse();

      TrendsSnapshot s = r.get(SignalsService.class).collect();
      assertThat(s.providers()).extracting(ProviderHealth::provider)
          .containsExactly("google", "exchange", "cryptocompare", "rss", "none");
      assertThat(s.provider("google").orElseThrow().available()).isFalse();
      assertThat(s.provider("cryptocompare").orElseThrow().available()).isFalse();
      assertThat(s.provider("rss").orElseThrow().available()).isFalse();
      assertThat(s.provider("exchange").orElseThrow().available()).isTrue();
      assertThat(new SignalsReplay(memory).at(s.at())).isPresent();
    }
  }
}
