package io.ottertrend.alert;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.squareup.moshi.Moshi;
import io.ottertrend.config.Secret;
import io.ottertrend.config.Setting;
import io.ottertrend.config.Settings;
import io.ottertrend.time.Clock;
import io.ottertrend.time.SimulatedClock;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import mockwebserver3.junit5.StartStop;
import org.junit.jupiter.api.Test;

/** Each sink against a local HTTP server: payload shape, and no secret anywhere in what is sent. */
class AlertsTest {
  private static final String TOKEN = "123456:AAH-very-secret-bot-token";
  private static final String API_SECRET = "mexc-api-secret-0123456789";

  @StartStop
  final MockWebServer server = new MockWebServer();

  private final SimulatedClock clock = Clock.simulated(Instant.parse("2026-11-24T12:00:00Z"));

  @SuppressWarnings("unchecked")
  private static Map<String, Object> json(RecordedRequest r) throws IOException {
    return (Map<String, Object>) new Moshi.Builder().build().adapter(Object.class).fromJson(r.getBody().utf8());
  }

  private RecordedRequest take() throws InterruptedException {
    RecordedRequest r = server.takeRequest(10, TimeUnit.SECONDS);
    assertThat(r).as("no request reached the server").isNotNull();
    return r;
  }

  private void ok() {
    server.enqueue(new MockResponse.Builder().code(200).body("{\"ok\":true}").build());
  }

  @Test
  void telegramPostsChatIdAndTextToTheBotApiAndLeaksNoSecret() throws Exception {
    ok();
    String base = server.url("/").toString();
    try (Alerts alerts = Alerts.builder(clock)
        .sink(AlertSinks.telegram(base, Secret.of(TOKEN), "-100200300"))
        .secret(Secret.of(TOKEN)).secret(Secret.of(API_SECRET)).build()) {
      assertThat(alerts.halt("daily loss 51 reached 50; key " + API_SECRET + " token " + TOKEN)).isTrue();
      assertThat(alerts.flush(Duration.ofSeconds(10))).isTrue();
    }
    RecordedRequest r = take();
    assertThat(r.getMethod()).isEqualTo("POST");
    assertThat(r.getUrl().encodedPath()).isEqualTo("/bot" + TOKEN + "/sendMessage");
    assertThat(r.getHeaders().get("Content-Type")).startsWith("application/json");
    Map<String, Object> body = json(r);
    assertThat(body).containsEntry("chat_id", "-100200300");
    assertThat((String) body.get("text")).startsWith("[OtterTrend] HALT: trading halted: daily loss 51 reached 50");
    String raw = r.getBody().utf8();
    assertThat(raw).doesNotContain(TOKEN).doesNotContain(API_SECRET).contains(Secret.REDACTED);
  }

  @Test
  void discordPostsContentOnly() throws Exception {
    ok();
    Secret url = Secret.of(server.url("/api/webhooks/1/abc-secret-part").toString());
    try (Alerts alerts = Alerts.builder(clock).sink(AlertSinks.discord(url)).secret(url).build()) {
      alerts.ban("IP banned by MEXC for 120 s (HTTP 418); trading halted");
      alerts.flush(Duration.ofSeconds(10));
    }
    RecordedRequest r = take();
    assertThat(r.getUrl().encodedPath()).isEqualTo("/api/webhooks/1/abc-secret-part");
    Map<String, Object> body = json(r);
    assertThat(body).containsOnlyKeys("content");
    assertThat((String) body.get("content")).isEqualTo("[OtterTrend] BAN: IP banned by MEXC for 120 s (HTTP 418); "
        + "trading halted");
    assertThat(r.getBody().utf8()).doesNotContain("abc-secret-part");
  }

  @Test
  void discordContentIsCappedAtTwoThousandCharacters() throws Exception {
    ok();
    try (Alerts alerts = Alerts.builder(clock).sink(AlertSinks.discord(Secret.of(server.url("/h").toString())))
        .build()) {
      alerts.error("loop", "x".repeat(5000));
      alerts.flush(Duration.ofSeconds(10));
    }
    assertThat((String) json(take()).get("content")).hasSize(2000);
  }

  @Test
  void genericWebhookPostsKindSubjectMessageTimeAndText() throws Exception {
    ok();
    try (Alerts alerts = Alerts.builder(clock).sink(AlertSinks.webhook(Secret.of(server.url("/hook").toString())))
        .build()) {
      alerts.alert(AlertKind.RECONCILIATION_DRIFT, "BTCUSDT", "exchange holds 0.5, database 0.4");
      alerts.flush(Duration.ofSeconds(10));
    }
    Map<String, Object> body = json(take());
    assertThat(body).containsEntry("kind", "RECONCILIATION_DRIFT").containsEntry("subject", "BTCUSDT")
        .containsEntry("message", "exchange holds 0.5, database 0.4").containsEntry("at", "2026-11-24T12:00:00Z")
        .containsEntry("text", "[OtterTrend] RECONCILIATION_DRIFT BTCUSDT: exchange holds 0.5, database 0.4");
  }

  @Test
  void rateLimitsPerKindAndSubjectOnTheClock() throws Exception {
    List<Alert> seen = new CopyOnWriteArrayList<>();
    try (Alerts alerts = Alerts.builder(clock).minInterval(Duration.ofMinutes(5)).sink(recording(seen)).build()) {
      assertThat(alerts.error("db", "one")).isTrue();
      assertThat(alerts.error("db", "two")).isFalse();
      assertThat(alerts.error("exchange", "three")).isTrue();
      assertThat(alerts.halt("four")).isTrue();
      clock.advance(Duration.ofMinutes(5));
      assertThat(alerts.error("db", "five")).isTrue();
      alerts.flush(Duration.ofSeconds(10));
    }
    assertThat(seen).extracting(Alert::message).containsExactly("one", "three", "trading halted: four", "five");
  }

  @Test
  void failingSinksNeverThrowIntoTheCallerAndOtherSinksStillDeliver() throws Exception {
    server.enqueue(new MockResponse.Builder().code(500).body("boom").build());
    List<Alert> seen = new CopyOnWriteArrayList<>();
    AlertSink throwing = new AlertSink() {
      @Override
      public String name() {
        return "throwing";
      }

      @Override
      public void send(Alert alert) {
        throw new IllegalStateException("sink down");
      }
    };
    try (Alerts alerts = Alerts.builder(clock).sink(throwing)
        .sink(AlertSinks.webhook(Secret.of(server.url("/hook").toString()))).sink(recording(seen)).build()) {
      assertThat(alerts.error("x", "still delivered")).isTrue();
      alerts.flush(Duration.ofSeconds(10));
      assertThat(alerts.failures()).isEqualTo(2);
      assertThat(alerts.dropped()).isZero();
    }
    assertThat(seen).hasSize(1);
    assertThat(take().getBody().utf8()).contains("still delivered");
  }

  @Test
  void unreachableEndpointFailsWithoutTheUrlInTheError() throws Exception {
    String url = server.url("/secret-path-xyz").toString();
    server.close();
    AlertSink sink = AlertSinks.webhook(Secret.of(url));
    assertThatThrownBy(() -> sink.send(new Alert(AlertKind.INFO, "", "hello", 0)))
        .isInstanceOf(IOException.class)
        .satisfies(e -> assertThat(e.getMessage()).doesNotContain("secret-path-xyz").contains("webhook"));
  }

  @Test
  void consoleSinkPrintsOneLine() {
    StringWriter text = new StringWriter();
    try (Alerts alerts = Alerts.builder(clock).sink(AlertSinks.console(new PrintWriter(text))).build()) {
      alerts.alert(AlertKind.INFO, null, "run started");
      alerts.flush(Duration.ofSeconds(10));
    }
    assertThat(text.toString()).isEqualTo("[OtterTrend] INFO: run started" + System.lineSeparator());
  }

  @Test
  void fromSettingsBuildsTheConfiguredSinksAndScrubsEverySecretSetting() throws Exception {
    ok();
    Settings settings = Settings.defaults().with(Map.of(
        Setting.TELEGRAM_BOT_TOKEN, TOKEN,
        Setting.TELEGRAM_CHAT_ID, "42",
        Setting.TELEGRAM_BASE_URL, server.url("/").toString(),
        Setting.MEXC_API_SECRET, API_SECRET,
        Setting.ALERT_MIN_INTERVAL, "0s"));
    StringWriter console = new StringWriter();
    try (Alerts alerts = Alerts.fromSettings(settings, clock, new PrintWriter(console))) {
      assertThat(alerts.sinkNames()).containsExactly("log", "console", "telegram");
      alerts.error("exchange", "signature for " + API_SECRET + " rejected");
      alerts.flush(Duration.ofSeconds(10));
    }
    assertThat(take().getBody().utf8()).doesNotContain(API_SECRET).contains("signature for ****");
    assertThat(console.toString()).doesNotContain(API_SECRET);
    assertThat(Alerts.fromSettings(Settings.defaults(), clock, null).sinkNames()).containsExactly("log");
  }

  @Test
  void noSinksMeansNothingIsSentAndNothingThrows() {
    try (Alerts none = Alerts.none()) {
      assertThat(none.alert(AlertKind.ERROR, "x", "y")).isFalse();
      assertThat(none.flush(Duration.ofMillis(1))).isTrue();
      assertThat(none.alert(null, null, null)).isFalse();
    }
    assertThatThrownBy(() -> AlertSinks.webhook(Secret.of("not a url"))).hasMessage("ALERT_WEBHOOK_URL is not an http(s) URL");
    assertThatThrownBy(() -> AlertSinks.telegram("http://x", Secret.empty(), "1"))
        .hasMessageContaining("TELEGRAM_BOT_TOKEN");
  }

  static AlertSink recording(List<Alert> into) {
    return new AlertSink() {
      @Override
      public String name() {
        return "recording";
      }

      @Override
      public void send(Alert alert) {
        into.add(alert);
      }
    };
  }
}
