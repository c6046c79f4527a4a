package io.ottertrend.net;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.ottertrend.config.Secret;
import io.ottertrend.net.HttpStackException.NotSentReason;
import io.ottertrend.testing.NoDelayServerSockets;
import java.io.IOException;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.SocketEffect;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class HttpStackTest {
  private final List<MockWebServer> servers = new ArrayList<>();
  private final List<HttpStack> stacks = new ArrayList<>();
  private MockWebServer a;
  private MockWebServer b;

  @BeforeEach
  void start() throws IOException {
    a = server();
    b = server();
  }

  @AfterEach
  void stop() {
    stacks.forEach(HttpStack::close);
    servers.forEach(MockWebServer::close);
  }

  private MockWebServer server() throws IOException {
    MockWebServer s = new MockWebServer();
    s.setServerSocketFactory(NoDelayServerSockets.FACTORY);
    s.start();
    servers.add(s);
    return s;
  }

  private static String base(MockWebServer s) {
    String u = s.url("/").toString();
    return u.substring(0, u.length() - 1);
  }

  private static int deadPort() throws IOException {
    try (ServerSocket s = new ServerSocket(0)) {
      return s.getLocalPort();
    }
  }

  private HttpStack.Builder builder(String... bases) {
    return HttpStack.builder().baseUrls(List.of(bases)).perAttemptTimeout(Duration.ofSeconds(2))
        .retryBackoff(Duration.ofMillis(1), Duration.ofMillis(5)).hedgeDelay(Duration.ZERO)
        .healthCheckInterval(Duration.ZERO);
  }

  private HttpStack stack(HttpStack.Builder builder) {
    HttpStack s = builder.build();
    stacks.add(s);
    return s;
  }

  private static MockResponse ok(String body) {
    return new MockResponse.Builder().code(200).body(body).build();
  }

  private static MockResponse status(int code) {
    return new MockResponse.Builder().code(code).body("{\"code\":" + code + ",\"msg\":\"x\"}").build();
  }

  private static ApiRequest read(String path) {
    return ApiRequest.marketData(path, "symbol=BTCUSDT", 1);
  }

  private static ApiRequest order() {
    return new ApiRequest("POST", "/api/v3/order", () -> "symbol=BTCUSDT&signature=abc", CallClass.ORDER,
        RatePool.UID, 1, Map.of("X-MEXC-APIKEY", "mx0key"));
  }

  @Test
  void readsAreRetriedOnServerErrorsAndResets() {
    a.enqueue(status(503));
    a.enqueue(new MockResponse.Builder().onResponseStart(new SocketEffect.CloseSocket()).build());
    a.enqueue(ok("{\"ok\":1}"));
    ApiResponse r = stack(builder(base(a))).execute(read("/api/v3/ticker/24hr"));
    assertThat(r.body()).isEqualTo("{\"ok\":1}");
    assertThat(a.getRequestCount()).isEqualTo(3);
  }

  @Test
  void businessErrorsAreAnswersNotRetries() {
    a.enqueue(status(400));
    ApiResponse r = stack(builder(base(a))).execute(read("/api/v3/depth"));
    assertThat(r.status()).isEqualTo(400);
    assertThat(r.isSuccessful()).isFalse();
    assertThat(a.getRequestCount()).isEqualTo(1);
  }

  @Test
  void orderPlacementIsNeverRetried() {
    HttpStack s = stack(builder(base(a), base(b)));
    a.enqueue(status(503));
    assertThatThrownBy(() -> s.execute(order())).isInstanceOfSatisfying(HttpStackException.ServerError.class,
        e -> assertThat(e.status()).isEqualTo(503));
    a.enqueue(new MockResponse.Builder().onResponseStart(new SocketEffect.CloseSocket()).build());
    assertThatThrownBy(() -> s.execute(order())).isInstanceOf(HttpStackException.MaybeSent.class);
    a.enqueue(new MockResponse.Builder().onResponseStart(SocketEffect.Stall.INSTANCE).build());
    HttpStack quick = stack(builder(base(a), base(b)).perAttemptTimeout(Duration.ofMillis(300)));
    assertThatThrownBy(() -> quick.execute(order())).isInstanceOf(HttpStackException.MaybeSent.class);
    assertThat(a.getRequestCount()).isEqualTo(3);
    assertThat(b.getRequestCount()).isZero(); // never failed over after it may have left
  }

  @Test
  void orderFailsOverOnlyWhenProvablyNotSent() throws IOException {
    b.enqueue(ok("{\"orderId\":\"1\"}"));
    HttpStack s = stack(builder("http://127.0.0.1:" + deadPort(), base(b)));
    assertThat(s.execute(order()).baseUrl()).isEqualTo(base(b));
    assertThat(b.getRequestCount()).isEqualTo(1);

    HttpStack alone = stack(builder("http://127.0.0.1:" + deadPort()));
    assertThatThrownBy(() -> alone.execute(order())).isInstanceOfSatisfying(HttpStackException.NotSent.class,
        e -> assertThat(e.reason()).isEqualTo(NotSentReason.CONNECT_FAILED));
  }

  @Test
  void readsFailOverToTheNextBaseUrl() throws IOException {
    b.enqueue(ok("[]"));
    HttpStack s = stack(builder("http://127.0.0.1:" + deadPort(), base(b)));
    assertThat(s.execute(read("/api/v3/klines")).baseUrl()).isEqualTo(base(b));
  }

  @Test
  void outlierIsEjectedAndHealthChecksBringItBack() {
    HttpStack s = stack(builder(base(a), base(b)).maxRetries(1).outlierEjection(2, Duration.ofMinutes(5))
        .circuitBreaker(50, Duration.ofMinutes(1)));
    for (int i = 0; i < 2; i++) {
      a.enqueue(status(502));
      b.enqueue(ok("{}"));
      assertThat(s.execute(read("/api/v3/ticker/price")).baseUrl()).isEqualTo(base(b));
    }
    assertThat(s.metrics().upstreams().get(0).ejected()).isTrue();
    b.enqueue(ok("{}"));
    s.execute(read("/api/v3/ticker/price"));
    assertThat(a.getRequestCount()).isEqualTo(2); // the ejected base URL got no more traffic
    a.enqueue(ok("{}")); // ping of a
    b.enqueue(ok("{}")); // ping of b
    s.checkHealthNow();
    HttpMetrics.Upstream ua = s.metrics().upstreams().get(0);
    assertThat(ua.ejected()).isFalse();
    assertThat(ua.lastHealthCheck()).isTrue();
    assertThat(ua.ejections()).isEqualTo(1);
  }

  @Test
  void backgroundHealthChecksPingEveryBaseUrl() throws Exception {
    for (int i = 0; i < 20; i++) {
      a.enqueue(ok("{}"));
    }
    HttpStack s = stack(builder(base(a), "http://127.0.0.1:" + deadPort())
        .healthCheckInterval(Duration.ofMillis(50)));
    var req = a.takeRequest(5, TimeUnit.SECONDS);
    assertThat(req).isNotNull();
    assertThat(req.getTarget()).isEqualTo("/api/v3/ping");
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
    while (s.metrics().upstreams().get(1).lastHealthCheck() == null && System.nanoTime() < deadline) {
      Thread.sleep(20);
    }
    assertThat(s.metrics().upstreams().get(1).lastHealthCheck()).isFalse();
  }

  @Test
  void slowMarketDataIsHedgedOnAnotherBaseUrl() throws InterruptedException {
    a.enqueue(new MockResponse.Builder().code(200).body("{\"from\":\"a\"}").headersDelay(1500, TimeUnit.MILLISECONDS)
        .build());
    b.enqueue(ok("{\"from\":\"b\"}"));
    HttpStack s = stack(builder(base(a), base(b)).hedgeDelay(Duration.ofMillis(100)));
    long t0 = System.nanoTime();
    ApiResponse r = s.execute(read("/api/v3/depth"));
    assertThat(r.body()).isEqualTo("{\"from\":\"b\"}");
    assertThat(Duration.ofNanos(System.nanoTime() - t0)).isLessThan(Duration.ofMillis(1400));
    assertThat(b.getRequestCount()).isEqualTo(1);
    Thread.sleep(300); // the loser is cancelled asynchronously
    assertThat(s.metrics().upstreams().get(0).failures()).isZero(); // a cancelled loser is not an outlier
    assertThat(s.metrics().upstreams().get(0).ejected()).isFalse();
  }

  @Test
  void fastMarketDataIsNotHedged() {
    a.enqueue(ok("{}"));
    HttpStack s = stack(builder(base(a), base(b)).hedgeDelay(Duration.ofMillis(500)));
    assertThat(s.execute(read("/api/v3/depth")).baseUrl()).isEqualTo(base(a));
    assertThat(b.getRequestCount()).isZero();
  }

  @Test
  void hedgeLoserFailingLetsTheOtherDecide() {
    a.enqueue(new MockResponse.Builder().code(200).body("{\"from\":\"a\"}").headersDelay(300, TimeUnit.MILLISECONDS)
        .build());
    b.enqueue(new MockResponse.Builder().onResponseStart(new SocketEffect.CloseSocket()).build());
    HttpStack s = stack(builder(base(a), base(b)).hedgeDelay(Duration.ofMillis(50)).maxRetries(0));
    assertThat(s.execute(read("/api/v3/depth")).body()).isEqualTo("{\"from\":\"a\"}");
  }

  @Test
  void circuitBreakerOpensPerEndpointGroup() {
    HttpStack s = stack(builder(base(a)).maxRetries(0).circuitBreaker(2, Duration.ofMinutes(1)));
    a.enqueue(status(500));
    a.enqueue(status(500));
    assertThatThrownBy(() -> s.execute(read("/api/v3/depth"))).isInstanceOf(HttpStackException.ServerError.class);
    assertThatThrownBy(() -> s.execute(read("/api/v3/depth"))).isInstanceOf(HttpStackException.ServerError.class);
    assertThatThrownBy(() -> s.execute(read("/api/v3/depth"))).isInstanceOfSatisfying(
        HttpStackException.NotSent.class, e -> assertThat(e.reason()).isEqualTo(NotSentReason.CIRCUIT_OPEN));
    assertThat(a.getRequestCount()).isEqualTo(2);
    assertThat(s.metrics().breakers()).anySatisfy(br -> {
      assertThat(br.group()).isEqualTo(CallClass.MARKET_DATA);
      assertThat(br.state()).isEqualTo("OPEN");
    });
    a.enqueue(ok("{}")); // other groups are unaffected
    assertThat(s.execute(order()).status()).isEqualTo(200);
  }

  @Test
  void rateLimitPausesThePoolAndLongRetryAfterIsNotWaitedOut() {
    HttpStack s = stack(builder(base(a)).maxRetryAfterWait(Duration.ofMillis(500)));
    a.enqueue(status(429).newBuilder().setHeader("Retry-After", "30").build());
    assertThatThrownBy(() -> s.execute(read("/api/v3/depth"))).isInstanceOfSatisfying(
        HttpStackException.TooManyRequests.class, e -> assertThat(e.retryAfter()).isEqualTo(Duration.ofSeconds(30)));
    assertThat(a.getRequestCount()).isEqualTo(1);
    assertThat(s.metrics().limiters()).anySatisfy(l -> {
      assertThat(l.pool()).isEqualTo(RatePool.IP);
      assertThat(l.pausedForMillis()).isPositive();
    });
    HttpStack impatient = stack(builder(base(a)).maxLimiterWait(Duration.ofMillis(50)));
    a.enqueue(status(429).newBuilder().setHeader("Retry-After", "30").build());
    assertThatThrownBy(() -> impatient.execute(read("/api/v3/depth")))
        .isInstanceOf(HttpStackException.TooManyRequests.class);
    assertThatThrownBy(() -> impatient.execute(read("/api/v3/depth"))).isInstanceOfSatisfying(
        HttpStackException.NotSent.class, e -> assertThat(e.reason()).isEqualTo(NotSentReason.RATE_LIMIT_WAIT));
  }

  @Test
  void banHaltsEverythingAndAlertsOnce() {
    List<String> alerts = new ArrayList<>();
    HttpStack s = stack(builder(base(a)).banAlert(alerts::add));
    a.enqueue(status(418).newBuilder().setHeader("Retry-After", "60").build());
    assertThatThrownBy(() -> s.execute(read("/api/v3/depth"))).isInstanceOf(HttpStackException.Banned.class);
    assertThatThrownBy(() -> s.execute(order())).isInstanceOf(HttpStackException.Banned.class);
    assertThat(a.getRequestCount()).isEqualTo(1);
    assertThat(alerts).hasSize(1);
    assertThat(s.isBanned()).isTrue();
  }

  @Test
  void metricsPerEndpoint() {
    HttpStack s = stack(builder(base(a)));
    for (int i = 0; i < 5; i++) {
      a.enqueue(ok("{}"));
      s.execute(read("/api/v3/ticker/bookTicker"));
    }
    a.enqueue(status(400));
    s.execute(read("/api/v3/ticker/bookTicker"));
    HttpMetrics.Endpoint e = s.metrics().endpoints().get(0);
    assertThat(e.endpoint()).isEqualTo("GET /api/v3/ticker/bookTicker");
    assertThat(e.requests()).isEqualTo(6);
    assertThat(e.errors()).isZero();
    assertThat(e.lastStatus()).isEqualTo(400);
    assertThat(e.p50Millis()).isPositive();
    assertThat(e.p99Millis()).isGreaterThanOrEqualTo(e.p50Millis());
    assertThat(s.metrics().limiters().get(0).acquired()).isEqualTo(6);
  }

  @Test
  void closedStackSendsNothing() {
    HttpStack s = stack(builder(base(a)));
    s.close();
    s.close();
    assertThatThrownBy(() -> s.execute(read("/x"))).isInstanceOfSatisfying(HttpStackException.NotSent.class,
        e -> assertThat(e.reason()).isEqualTo(NotSentReason.CLOSED));
  }

  @Test
  void exceptionMessagesAreRedacted() {
    a.enqueue(new MockResponse.Builder().code(503).body("echo signature=deadbeef mx0key").build());
    HttpStack s = stack(builder(base(a)).redactor(Redactor.of(Secret.of("mx0key"))));
    assertThatThrownBy(() -> s.execute(order())).satisfies(e -> {
      assertThat(e.getMessage()).doesNotContain("deadbeef").doesNotContain("mx0key").contains("signature=****");
    });
  }

  @Test
  void interceptorsSeeEveryAttempt() {
    List<String> seen = new ArrayList<>();
    HttpStack s = stack(builder(base(a)).addInterceptor(chain -> {
      seen.add(chain.request().url().encodedPath());
      return new okhttp3.Response.Builder().request(chain.request()).protocol(okhttp3.Protocol.HTTP_1_1).code(200)
          .message("OK").body(okhttp3.ResponseBody.create("{\"canned\":1}", null)).build();
    }));
    assertThat(s.execute(order()).body()).isEqualTo("{\"canned\":1}");
    assertThat(s.execute(read("/api/v3/depth")).status()).isEqualTo(200);
    assertThat(seen).containsExactly("/api/v3/order", "/api/v3/depth");
    assertThat(a.getRequestCount()).isZero();
  }

  @Test
  void builderRejectsNonsense() {
    assertThatThrownBy(() -> HttpStack.builder().baseUrls(List.of())).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> HttpStack.builder().perAttemptTimeout(Duration.ZERO))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> HttpStack.builder().baseUrls(List.of("ftp://x")).build())
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new ApiRequest("GET", "nope", null, CallClass.MARKET_DATA, RatePool.IP, 1, null))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> ApiRequest.marketData("/x", "", 0)).isInstanceOf(IllegalArgumentException.class);
    assertThat(HttpStack.retryAfter("abc", Duration.ofSeconds(2))).isEqualTo(Duration.ofSeconds(2));
    assertThat(HttpStack.retryAfter("-1", Duration.ofSeconds(2))).isEqualTo(Duration.ofSeconds(2));
    assertThat(HttpStack.retryAfter(" 7 ", Duration.ZERO)).isEqualTo(Duration.ofSeconds(7));
  }
}
