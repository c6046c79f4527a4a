package io.ottertrend.exchange.mexc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.ottertrend.exchange.ExchangeException;
import io.ottertrend.model.Order;
import io.ottertrend.model.OrderRef;
import io.ottertrend.model.OrderRequest;
import io.ottertrend.model.OrderStatus;
import io.ottertrend.model.Side;
import io.ottertrend.testing.ExchangeScenario;
import io.ottertrend.testing.FakeMexcServer;
import io.ottertrend.testing.FakeMexcServer.Fault;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.math.BigDecimal;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** MEXC-specific failures on the real HTTP path against {@link FakeMexcServer}. */
class MexcFaultTest {
  private static final String ORDER = "POST /api/v3/order";
  private FakeMexcServer fake;
  private MexcExchange ex;
  private final List<String> alerts = new ArrayList<>();

  @BeforeEach
  void start() {
    fake = FakeMexcServer.start(ExchangeScenario.standard());
    ex = fake.exchangeBuilder().httpTimeout(Duration.ofMillis(800))
        .httpStack(b -> b.hedgeDelay(Duration.ZERO).healthCheckInterval(Duration.ZERO)
            .retryBackoff(Duration.ofMillis(5), Duration.ofMillis(20)).maxRetryAfterWait(Duration.ofSeconds(2))
            .banAlert(alerts::add))
        .build();
    ex.symbolRules(); // warm the rules cache so that order tests count only order requests
  }

  @AfterEach
  void stop() {
    ex.close();
    fake.close();
  }

  private static OrderRequest btcBuy(String id) {
    return OrderRequest.limit("BTCUSDT", Side.BUY, new BigDecimal("0.001"), new BigDecimal("49000"), id);
  }

  @Test
  void unknownError503OnPlacementIsOutcomeUnknownNeverResentAndResolvedByQuery() {
    fake.failNext(ORDER, Fault.unknownError503(true));
    assertThatThrownBy(() -> ex.placeOrder(btcBuy("u503-1")))
        .isInstanceOfSatisfying(ExchangeException.OutcomeUnknown.class,
            e -> assertThat(e.clientOrderId()).isEqualTo("u503-1"));
    assertThat(fake.requestCount(ORDER)).isEqualTo(1);
    Order found = ex.queryOrder("BTCUSDT", OrderRef.clientId("u503-1")).orElseThrow();
    assertThat(found.status()).isEqualTo(OrderStatus.NEW);
    assertThat(fake.orderCount()).isEqualTo(1);
  }

  @Test
  void unknownError503WithoutExecutionResolvesToAbsent() {
    fake.failNext(ORDER, Fault.unknownError503(false));
    assertThatThrownBy(() -> ex.placeOrder(btcBuy("u503-2"))).isInstanceOf(ExchangeException.OutcomeUnknown.class);
    assertThat(fake.requestCount(ORDER)).isEqualTo(1);
    assertThat(ex.queryOrder("BTCUSDT", OrderRef.clientId("u503-2"))).isEmpty();
  }

  @Test
  void readTimeoutAfterTheOrderWasAcceptedLeavesExactlyOneOrder() {
    fake.failNext(ORDER, Fault.stallAfterExecute());
    long t0 = System.nanoTime();
    assertThatThrownBy(() -> ex.placeOrder(btcBuy("stall-1"))).isInstanceOf(ExchangeException.OutcomeUnknown.class);
    assertThat(Duration.ofNanos(System.nanoTime() - t0)).isLessThan(Duration.ofSeconds(5));
    assertThat(fake.requestCount(ORDER)).isEqualTo(1);
    assertThat(fake.orderCount()).isEqualTo(1);
    assertThat(ex.queryOrder("BTCUSDT", OrderRef.clientId("stall-1"))).isPresent();
    assertThat(ex.openOrders("BTCUSDT")).hasSize(1);
  }

  @Test
  void connectionResetOnPlacementIsOutcomeUnknownAndOnReadsIsRetried() {
    fake.failNext(ORDER, Fault.resetAfterExecute());
    assertThatThrownBy(() -> ex.placeOrder(btcBuy("reset-1"))).isInstanceOf(ExchangeException.OutcomeUnknown.class);
    assertThat(fake.requestCount(ORDER)).isEqualTo(1);
    assertThat(fake.orderCount()).isEqualTo(1);

    fake.failNext(ORDER, Fault.resetBeforeExecute());
    assertThatThrownBy(() -> ex.placeOrder(btcBuy("reset-2"))).isInstanceOf(ExchangeException.OutcomeUnknown.class);
    assertThat(fake.requestCount(ORDER)).isEqualTo(2);
    assertThat(ex.queryOrder("BTCUSDT", OrderRef.clientId("reset-2"))).isEmpty();

    fake.failNext("GET /api/v3/ticker/24hr", Fault.resetBeforeExecute());
    assertThat(ex.ticker("BTCUSDT").lastPrice()).isEqualByComparingTo("50000");
    assertThat(fake.requestCount("GET /api/v3/ticker/24hr")).isEqualTo(2);
  }

  @Test
  void malformedJsonIsOutcomeUnknownForOrdersAndUnavailableForReads() {
    fake.failNext(ORDER, Fault.malformedJson());
    assertThatThrownBy(() -> ex.placeOrder(btcBuy("bad-json"))).isInstanceOf(ExchangeException.OutcomeUnknown.class);
    assertThat(ex.queryOrder("BTCUSDT", OrderRef.clientId("bad-json"))).isPresent();
    fake.failNext("GET /api/v3/depth", Fault.malformedJson());
    assertThatThrownBy(() -> ex.orderBook("BTCUSDT", 5)).isInstanceOf(ExchangeException.Unavailable.class);
  }

  @Test
  void rateLimitThenBanOnReads() {
    fake.failNext("GET /api/v3/ticker/24hr", Fault.rateLimited(1));
    long t0 = System.nanoTime();
    assertThat(ex.ticker("BTCUSDT").symbol()).isEqualTo("BTCUSDT");
    assertThat(Duration.ofNanos(System.nanoTime() - t0)).isGreaterThanOrEqualTo(Duration.ofMillis(900));
    assertThat(fake.requestCount("GET /api/v3/ticker/24hr")).isEqualTo(2);

    fake.failNext("GET /api/v3/ticker/24hr", Fault.banned(120));
    assertThatThrownBy(() -> ex.ticker("BTCUSDT")).isInstanceOfSatisfying(ExchangeException.IpBanned.class,
        e -> assertThat(e.retryAfter()).isEqualTo(Duration.ofSeconds(120)));
    long before = fake.requests().size();
    assertThatThrownBy(() -> ex.ticker("BTCUSDT")).isInstanceOf(ExchangeException.IpBanned.class);
    assertThatThrownBy(() -> ex.placeOrder(btcBuy("banned-1"))).isInstanceOf(ExchangeException.IpBanned.class);
    assertThatThrownBy(() -> ex.balances()).isInstanceOf(ExchangeException.IpBanned.class);
    assertThat(fake.requests()).hasSize((int) before); // nothing sent while banned
    assertThat(alerts).hasSize(1);
    assertThat(alerts.get(0)).contains("418");
    assertThat(ex.httpMetrics().bannedForMillis()).isPositive();
  }

  @Test
  void rateLimitOnPlacementIsRateLimitedWithoutRetry() {
    fake.failNext(ORDER, Fault.rateLimited(3));
    assertThatThrownBy(() -> ex.placeOrder(btcBuy("rl-1"))).isInstanceOfSatisfying(
        ExchangeException.RateLimited.class, e -> assertThat(e.retryAfter()).isEqualTo(Duration.ofSeconds(3)));
    assertThat(fake.requestCount(ORDER)).isEqualTo(1);
    assertThat(fake.orderCount()).isZero();
  }

  @Test
  void wafBlockIsUnavailableForReadsAndUnknownForOrders() {
    fake.failNext("GET /api/v3/account", Fault.waf());
    fake.failNext("GET /api/v3/account", Fault.waf());
    fake.failNext("GET /api/v3/account", Fault.waf());
    assertThatThrownBy(() -> ex.balances()).isInstanceOf(ExchangeException.Unavailable.class);
    fake.failNext(ORDER, Fault.waf());
    assertThatThrownBy(() -> ex.placeOrder(btcBuy("waf-1"))).isInstanceOf(ExchangeException.OutcomeUnknown.class);
    assertThat(fake.requestCount(ORDER)).isEqualTo(1);
  }

  @Test
  void serverErrorOnReadsIsRetried() {
    fake.failNext("GET /api/v3/openOrders", Fault.unknownError503(false));
    assertThat(ex.openOrders(null)).isEmpty();
    assertThat(fake.requestCount("GET /api/v3/openOrders")).isEqualTo(2);
  }

  @Test
  void clockThreeSecondsAheadIsResyncedAndTheOrderSentOnceMore() {
    assertThat(ex.balances()).isNotEmpty(); // synced while clocks agree
    fake.clockOffset(Duration.ofSeconds(-3)); // the server is now 3 s behind: we are 3 s ahead
    ex.placeOrder(btcBuy("skew-1"));
    assertThat(fake.requestCount(ORDER)).isEqualTo(2); // rejected (700003), resynced, re-signed, accepted
    assertThat(fake.orderCount()).isEqualTo(1);
    assertThat(fake.requestCount("GET /api/v3/time")).isEqualTo(2);
    assertThat(ex.queryOrder("BTCUSDT", OrderRef.clientId("skew-1"))).isPresent();
  }

  @Test
  void persistentClockSkewIsResentOnlyOnce() {
    ex.balances();
    fake.failNext(ORDER, Fault.error(700003, "Timestamp for this request is outside of the recvWindow.", 400));
    fake.failNext(ORDER, Fault.error(700003, "Timestamp for this request is outside of the recvWindow.", 400));
    assertThatThrownBy(() -> ex.placeOrder(btcBuy("skew-2"))).isInstanceOf(ExchangeException.ClockSkew.class);
    assertThat(fake.requestCount(ORDER)).isEqualTo(2);
    assertThat(fake.orderCount()).isZero();
  }

  @Test
  void signedReadsAlsoResyncOnce() {
    ex.balances();
    fake.clockOffset(Duration.ofSeconds(-3));
    assertThat(ex.balances()).isNotEmpty();
    assertThat(fake.requestCount("GET /api/v3/account")).isEqualTo(3);
  }

  @Test
  void tinyPriceIsSentAsPlainText() {
    ex.placeOrder(OrderRequest.limit("MEMEUSDT", Side.BUY, new BigDecimal("1000000"), new BigDecimal("1.23E-6"),
        "tiny-1"));
    FakeMexcServer.Recorded post = fake.requests().stream().filter(r -> r.endpoint().equals(ORDER)).findFirst()
        .orElseThrow();
    assertThat(post.rawQuery()).contains("price=0.00000123").doesNotContain("E-").contains("quantity=1000000&")
        .contains("newClientOrderId=tiny-1").matches(".*&recvWindow=5000&timestamp=\\d+&signature=[0-9a-f]{64}$");
  }

  @Test
  void specialCharactersAreSignedExactlyAsSent() {
    io.ottertrend.net.HttpStack stack = io.ottertrend.net.HttpStack.builder().baseUrls(List.of(fake.baseUrl()))
        .healthCheckInterval(Duration.ZERO).build();
    MexcRestClient rest = new MexcRestClient(stack, io.ottertrend.config.Secret.of(FakeMexcServer.API_KEY),
        io.ottertrend.config.Secret.of(FakeMexcServer.API_SECRET), 5000, io.ottertrend.time.Clock.system());
    try (stack) {
      JsonValue v = rest.signed("GET", "/api/v3/openOrders",
          MexcParams.of().with("symbol", "BTCUSDT,ETHUSDT").with("note", "BEP20(BSC) a b+c é"),
          io.ottertrend.net.CallClass.ACCOUNT_READ, 3);
      assertThat(v.isArray()).isTrue(); // the fake verified the signature over the raw query
    }
    String raw = fake.requests().get(fake.requests().size() - 1).rawQuery();
    assertThat(raw).startsWith("symbol=BTCUSDT%2CETHUSDT&note=BEP20%28BSC%29%20a%20b%2Bc%20%C3%A9&recvWindow=5000");
  }

  @Test
  void connectionRefusedBeforeSendingIsUnavailable() throws Exception {
    int port;
    try (ServerSocket s = new ServerSocket(0)) {
      port = s.getLocalPort();
    }
    try (MexcExchange dead = MexcExchange.builder().baseUrl("http://127.0.0.1:" + port)
        .apiKey(io.ottertrend.config.Secret.of(FakeMexcServer.API_KEY))
        .apiSecret(io.ottertrend.config.Secret.of(FakeMexcServer.API_SECRET))
        .httpStack(b -> b.maxRetries(0).healthCheckInterval(Duration.ZERO)).build()) {
      assertThatThrownBy(() -> dead.serverTime()).isInstanceOf(ExchangeException.Unavailable.class);
    }
  }

  @Test
  void orderWithoutKeysIsRefusedLocally() {
    try (MexcExchange anon = MexcExchange.builder().baseUrl(fake.baseUrl())
        .httpStack(b -> b.healthCheckInterval(Duration.ZERO)).build()) {
      assertThatThrownBy(() -> anon.placeOrder(btcBuy("nokey-1"))).isInstanceOf(ExchangeException.AuthFailed.class);
      assertThat(fake.requestCount(ORDER)).isZero();
    }
  }

  static Stream<Integer> orderErrorCodes() {
    return Stream.of(10007, 30018, 30019, 30051, 10101, 30004, 30005, 30002, 30003, 10095, 10096, 10097, 10102, 30010,
        30016, 30000, 30001, 30041, 30020, 30027, 30028, 30029, -1121, 700002, 700006, 33333, 26);
  }

  @ParameterizedTest(name = "order rejected with {0}")
  @MethodSource("orderErrorCodes")
  void everyPlacementErrorCodeMapsThroughTheWire(int code) {
    fake.failNext(ORDER, Fault.error(code, "text " + code, 400));
    ExchangeException expected = MexcErrors.map(code, "x");
    assertThatThrownBy(() -> ex.placeOrder(btcBuy("code-" + Math.abs(code)))).isInstanceOf(expected.getClass());
    assertThat(fake.requestCount(ORDER)).isEqualTo(1);
  }

  @Test
  void cancelOfAnUnknownOrderAndQueriesOfUnknownOrders() {
    fake.failNext("DELETE /api/v3/order", Fault.error(30026, "invalid order ids", 400));
    assertThatThrownBy(() -> ex.cancelOrder("BTCUSDT", OrderRef.exchangeId("x"))).isInstanceOf(
        ExchangeException.UnknownOrder.class);
  }

  @Test
  void signaturesKeysAndSecretsNeverReachLogsOrExceptionMessages() {
    PrintStream original = System.err;
    ByteArrayOutputStream captured = new ByteArrayOutputStream();
    List<Throwable> thrown = new ArrayList<>();
    System.setErr(new PrintStream(captured, true, StandardCharsets.UTF_8));
    try {
      ex.balances();
      fake.failNext(ORDER, Fault.stallAfterExecute());
      fake.failNext(ORDER, Fault.unknownError503(false));
      fake.failNext(ORDER, Fault.resetBeforeExecute());
      fake.failNext("GET /api/v3/account", Fault.error(700002, "Signature for this request is not valid.", 400));
      for (int i = 0; i < 3; i++) {
        try {
          ex.placeOrder(btcBuy("leak-" + i));
        } catch (ExchangeException e) {
          thrown.add(e);
        }
      }
      try {
        ex.balances();
      } catch (ExchangeException e) {
        thrown.add(e);
      }
    } finally {
      System.setErr(original);
    }
    assertThat(thrown).hasSize(4);
    StringBuilder all = new StringBuilder(captured.toString(StandardCharsets.UTF_8));
    for (Throwable t : thrown) {
      for (Throwable c = t; c != null; c = c.getCause()) {
        all.append('\n').append(c);
      }
    }
    String text = all.toString();
    assertThat(text).contains("signature=****"); // the DEBUG lines were there and redacted
    assertThat(text).doesNotContainPattern("signature=[0-9a-f]{8}");
    assertThat(text).doesNotContain(FakeMexcServer.API_KEY).doesNotContain(FakeMexcServer.API_SECRET);
    for (FakeMexcServer.Recorded r : fake.requests()) {
      int s = r.rawQuery().indexOf("signature=");
      if (s >= 0) {
        assertThat(text).doesNotContain(r.rawQuery().substring(s + 10));
      }
    }
  }
}
