package io.ottertrend.signals.news;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.ottertrend.config.Secret;
import io.ottertrend.config.Setting;
import io.ottertrend.config.Settings;
import io.ottertrend.signals.Fixtures;
import io.ottertrend.signals.NewsItem;
import io.ottertrend.signals.ProviderHealth;
import io.ottertrend.signals.SignalException;
import io.ottertrend.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import mockwebserver3.junit5.StartStop;
import okhttp3.OkHttpClient;
import org.junit.jupiter.api.Test;

class CryptoCompareNewsProviderTest {
  @StartStop final MockWebServer server = new MockWebServer();
  private final Clock clock = Clock.simulated(Instant.parse("2026-11-24T21:00:00Z"));

  private CryptoCompareNewsProvider provider(String key) {
    Settings s = Settings.defaults().with(Map.of(Setting.CRYPTOCOMPARE_BASE_URL, server.url("/").toString(),
        Setting.CRYPTOCOMPARE_API_KEY, key));
    return CryptoCompareNewsProvider.create(s, clock, new OkHttpClient());
  }

  private void serve(int code, String fixture) {
    server.enqueue(new MockResponse.Builder().code(code).setHeader("Content-Type", "application/json; charset=UTF-8")
        .body(Fixtures.read("news/" + fixture)).build());
  }

  @Test
  void successParsesArticlesWithSecondsEntitiesAndTheTrailingSlash() throws Exception {
    serve(200, "cryptocompare-news.json");
    List<NewsItem> items = provider("").latest();

    RecordedRequest r = server.takeRequest();
    assertThat(r.getUrl().encodedPath()).isEqualTo("/data/v2/news/");
    assertThat(r.getUrl().queryParameter("lang")).isEqualTo("EN");
    assertThat(r.getUrl().queryParameter("api_key")).isNull();
    assertThat(items).hasSize(3);
    NewsItem first = items.getFirst();
    assertThat(first.title()).isEqualTo("Bitcoin Surges Past $100K as ETF Inflows Hit Record");
    assertThat(first.id()).startsWith("https://www.coindesk.com/markets/2026/11/24/");
    assertThat(first.source()).isEqualTo("CoinDesk");
    assertThat(first.publishedAt()).isEqualTo(1764017400_000L);
    assertThat(first.excerpt()).contains("Bitcoin\u2019s rally").contains("$1.2 billion & traders");
    assertThat(first.sentiment()).isNaN();
    // An empty guid falls back to the numeric id.
    assertThat(items.get(2).id()).isEqualTo("41872299");
    assertThat(items.get(1).excerpt()).contains("pool\u2026");
  }

  @Test
  void apiKeyGoesInTheQueryAndNeverIntoMessages() throws Exception {
    serve(200, "cryptocompare-ratelimit.json");
    CryptoCompareNewsProvider p = provider("sekrit-key-123");
    assertThatThrownBy(p::latest).isInstanceOf(SignalException.BadResponse.class)
        .hasMessageContaining("over your rate limit").hasMessageNotContaining("sekrit");
    assertThat(server.takeRequest().getUrl().queryParameter("api_key")).isEqualTo("sekrit-key-123");
    assertThat(p.health().lastError()).doesNotContain("sekrit");
  }

  @Test
  void errorEnvelopeOnHttp200IsAFailure() {
    serve(200, "cryptocompare-ratelimit.json");
    CryptoCompareNewsProvider p = provider("");
    assertThatThrownBy(p::latest).isInstanceOf(SignalException.BadResponse.class)
        .hasMessageContaining("Type 99").hasMessageContaining("over your rate limit");
    assertThat(p.health().status()).isEqualTo(ProviderHealth.Status.UNAVAILABLE);
  }

  @Test
  void pathErrorWithType0IsAFailure() {
    serve(200, "cryptocompare-nopath.json");
    assertThatThrownBy(provider("")::latest).isInstanceOf(SignalException.BadResponse.class)
        .hasMessageContaining("Path does not exist");
  }

  @Test
  void httpErrorsAndGarbageAreFailures() {
    server.enqueue(new MockResponse.Builder().code(502).body("<html>Bad gateway</html>").build());
    assertThatThrownBy(provider("")::latest).isInstanceOf(SignalException.BadResponse.class)
        .hasMessageContaining("HTTP 502");
    server.enqueue(new MockResponse.Builder().code(200).body("{\"Type\":100,").build());
    assertThatThrownBy(provider("")::latest).isInstanceOf(SignalException.BadResponse.class)
        .hasMessageContaining("not JSON");
  }

  @Test
  void successAfterFailureMarksTheProviderUp() {
    CryptoCompareNewsProvider p = provider("");
    serve(200, "cryptocompare-ratelimit.json");
    assertThatThrownBy(p::latest).isInstanceOf(SignalException.class);
    serve(200, "cryptocompare-news.json");
    assertThat(p.latest()).hasSize(3);
    assertThat(p.health().status()).isEqualTo(ProviderHealth.Status.UP);
    assertThat(p.name()).isEqualTo("cryptocompare");
  }

  @Test
  void badBaseUrlIsRejected() {
    assertThatThrownBy(() -> new CryptoCompareNewsProvider("ftp:/x", Secret.empty(), clock, new OkHttpClient()))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("CRYPTOCOMPARE_BASE_URL");
  }
}
