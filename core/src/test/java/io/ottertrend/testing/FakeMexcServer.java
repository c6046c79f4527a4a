package io.ottertrend.testing;

import io.ottertrend.config.Secret;
import io.ottertrend.exchange.mexc.MexcExchange;
import io.ottertrend.exchange.mexc.MexcSigner;
import io.ottertrend.model.BookLevel;
import io.ottertrend.model.Candle;
import io.ottertrend.model.Decimals;
import io.ottertrend.model.OrderType;
import io.ottertrend.model.Side;
import io.ottertrend.model.SymbolRules;
import io.ottertrend.model.SymbolStatus;
import io.ottertrend.testing.ExchangeScenario.SymbolSpec;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.LongSupplier;
import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import mockwebserver3.SocketEffect;

/**
 * A stateful MEXC spot v3 server on loopback (a mockwebserver3 {@link Dispatcher}) that speaks the protocol as the
 * protocol reference §1.12 describes it, for tests of anything that talks to MEXC.
 *
 * <ul>
 *   <li>Signed endpoints verify the {@code X-MEXC-APIKEY} header ({@code 10072}), the HMAC-SHA256 over the raw query
 *       string up to {@code &signature=} plus the raw body, lowercase hex ({@code 700002}; missing: {@code 700004}),
 *       and the timing rule {@code timestamp < now + 1000 && now - timestamp <= recvWindow} ({@code 700003};
 *       {@code recvWindow > 60000}: {@code 700005}).
 *   <li>Answers look like the real ones: string decimals, {@code priceChangePercent} as a fraction, {@code count}
 *       null, 8-element klines with numeric times, {@code status:"1"} and integer {@code tradeSideType},
 *       {@code defaultSymbols} wrapped as {@code {"data":[…],"code":0,"msg":"success","timestamp":…}}, order ACKs
 *       without a status, MARKET orders with {@code timeInForce:null}, {@code myTrades} times as strings and
 *       {@code clientOrderId:null}.
 *   <li>A small matching model (see {@link ExchangeScenario}) fills orders against the scenario's book, rests the
 *       rest, and keeps balances, open orders and trades consistent for {@code GET /api/v3/order},
 *       {@code openOrders}, {@code myTrades} and {@code account}. Duplicate client order ids are refused
 *       ({@code 33333}).
 *   <li>Scriptable faults per endpoint ({@link #failNext(String, Fault)}): 429 with {@code Retry-After}, 418, 403
 *       WAF page, 503 "Unknown error" (with or without executing), a stall after accepting an order (the client
 *       times out but the order exists), connection reset before or after executing, malformed JSON, any MEXC error
 *       code; and a server clock offset ({@link #clockOffset(Duration)}).
 * </ul>
 *
 * <p>Thread-safe: requests are handled one at a time under the server's monitor.
 */
public final class FakeMexcServer extends Dispatcher implements AutoCloseable {
  /** The API key the server accepts. */
  public static final String API_KEY = "mx0vglFAKEKEY-for-tests";
  /** The secret the server verifies signatures with. */
  public static final String API_SECRET = "fake-mexc-secret-0f1e2d3c4b5a";

  private final MockWebServer server = new MockWebServer();
  private final Map<String, SymbolSpec> specs = new LinkedHashMap<>();
  private final Map<String, List<BookLevel>> bids = new HashMap<>();
  private final Map<String, List<BookLevel>> asks = new HashMap<>();
  private final Map<String, BigDecimal[]> balances = new LinkedHashMap<>();
  private final Map<String, FakeOrder> orders = new LinkedHashMap<>();
  private final List<FakeTrade> trades = new ArrayList<>();
  private final Map<String, Deque<Fault>> faults = new HashMap<>();
  private final List<Recorded> requests = new CopyOnWriteArrayList<>();
  private final LongSupplier realTime;
  private long offsetMs;
  private long nextOrderId = 385_413_065_019_117_569L;
  private long nextTradeId = 1;

  /** One request as it arrived. */
  public record Recorded(String method, String path, String rawQuery, String apiKeyHeader) {
    public String endpoint() {
      return method + " " + path;
    }
  }

  /** What to do instead of (or after) handling a request normally. */
  public enum FaultKind {
    /** HTTP 429 with {@code Retry-After: seconds}; nothing executed. */
    RATE_LIMIT_429,
    /** HTTP 418 (IP ban) with {@code Retry-After: seconds}; nothing executed. */
    BAN_418,
    /** HTTP 403 with an HTML WAF page; nothing executed. */
    WAF_403,
    /** HTTP 503 "Unknown error, please check your request or try again later."; executes first when asked. */
    UNKNOWN_ERROR_503,
    /** Executes, then never answers (the client's read times out; the order exists). */
    STALL_AFTER_EXECUTE,
    /** Executes, then closes the connection without an answer. */
    RESET_AFTER_EXECUTE,
    /** Closes the connection without executing. */
    RESET_BEFORE_EXECUTE,
    /** Executes, then answers 200 with truncated JSON. */
    MALFORMED_JSON,
    /** Answers a MEXC error body with the given code, message and HTTP status; nothing executed. */
    ERROR_CODE
  }

  /**
   * A scripted fault.
   *
   * @param kind what happens
   * @param seconds {@code Retry-After} for 429/418
   * @param execute whether a 503 executes the request first
   * @param code MEXC code for {@link FaultKind#ERROR_CODE}
   * @param msg MEXC message for {@link FaultKind#ERROR_CODE}
   * @param httpStatus HTTP status for {@link FaultKind#ERROR_CODE}
   */
  public record Fault(FaultKind kind, int seconds, boolean execute, int code, String msg, int httpStatus) {
    public static Fault rateLimited(int retryAfterSeconds) {
      return new Fault(FaultKind.RATE_LIMIT_429, retryAfterSeconds, false, 429, "Too Many Requests", 429);
    }

    public static Fault banned(int retryAfterSeconds) {
      return new Fault(FaultKind.BAN_418, retryAfterSeconds, false, 0, "", 418);
    }

    public static Fault waf() {
      return new Fault(FaultKind.WAF_403, 0, false, 0, "", 403);
    }

    public static Fault unknownError503(boolean executed) {
      return new Fault(FaultKind.UNKNOWN_ERROR_503, 0, executed, 0, "", 503);
    }

    public static Fault stallAfterExecute() {
      return new Fault(FaultKind.STALL_AFTER_EXECUTE, 0, true, 0, "", 0);
    }

    public static Fault resetAfterExecute() {
      return new Fault(FaultKind.RESET_AFTER_EXECUTE, 0, true, 0, "", 0);
    }

    public static Fault resetBeforeExecute() {
      return new Fault(FaultKind.RESET_BEFORE_EXECUTE, 0, false, 0, "", 0);
    }

    public static Fault malformedJson() {
      return new Fault(FaultKind.MALFORMED_JSON, 0, true, 0, "", 200);
    }

    public static Fault error(int code, String msg, int httpStatus) {
      return new Fault(FaultKind.ERROR_CODE, 0, false, code, msg, httpStatus);
    }
  }

  private FakeMexcServer(ExchangeScenario scenario, LongSupplier realTime) {
    this.realTime = realTime;
    for (SymbolSpec s : scenario.symbols()) {
      addSymbol(s);
    }
    scenario.balances().forEach((a, v) -> balances.put(a, new BigDecimal[] {v, BigDecimal.ZERO}));
  }

  /** Starts a server for {@code scenario} on a loopback port. */
  public static FakeMexcServer start(ExchangeScenario scenario) {
    FakeMexcServer f = new FakeMexcServer(scenario, System::currentTimeMillis);
    f.server.setDispatcher(f);
    f.server.setServerSocketFactory(NoDelayServerSockets.FACTORY);
    try {
      f.server.start();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return f;
  }

  /** Base URL, e.g. {@code http://127.0.0.1:51234} (no trailing slash). */
  public String baseUrl() {
    String u = server.url("/").toString();
    return u.substring(0, u.length() - 1);
  }

  /**
   * A {@link MexcExchange} builder pointed at this server with its key and secret, a 2 s per-attempt timeout,
   * no hedging, quick retries and no background health checks (callers may override any of it).
   */
  public MexcExchange.Builder exchangeBuilder() {
    return MexcExchange.builder().baseUrl(baseUrl()).apiKey(Secret.of(API_KEY)).apiSecret(Secret.of(API_SECRET))
        .httpTimeout(Duration.ofSeconds(2))
        .httpStack(b -> b.hedgeDelay(Duration.ZERO).healthCheckInterval(Duration.ZERO)
            .retryBackoff(Duration.ofMillis(5), Duration.ofMillis(20)).maxRetryAfterWait(Duration.ofSeconds(2)));
  }

  /** Scripts {@code fault} for the next request to {@code endpoint} ({@code "POST /api/v3/order"}). */
  public synchronized FakeMexcServer failNext(String endpoint, Fault fault) {
    faults.computeIfAbsent(endpoint, k -> new ArrayDeque<>()).add(fault);
    return this;
  }

  /** Moves the server's clock by {@code offset} relative to real time (negative: the server is behind). */
  public synchronized FakeMexcServer clockOffset(Duration offset) {
    this.offsetMs = offset.toMillis();
    return this;
  }

  /** Lists (or replaces) a symbol, e.g. a new listing. */
  public synchronized FakeMexcServer addSymbol(SymbolSpec s) {
    specs.put(s.symbol(), s);
    bids.put(s.symbol(), new ArrayList<>(s.bids()));
    asks.put(s.symbol(), new ArrayList<>(s.asks()));
    return this;
  }

  /** Every request received so far, in order. */
  public List<Recorded> requests() {
    return List.copyOf(requests);
  }

  /** Requests received for {@code endpoint} ({@code "POST /api/v3/order"}). */
  public long requestCount(String endpoint) {
    return requests.stream().filter(r -> r.endpoint().equals(endpoint)).count();
  }

  /** Number of orders the server holds (placed by any request that executed). */
  public synchronized int orderCount() {
    return orders.size();
  }

  /** Free and locked balance of {@code asset}. */
  public synchronized BigDecimal[] balance(String asset) {
    BigDecimal[] b = balances.getOrDefault(asset, new BigDecimal[] {BigDecimal.ZERO, BigDecimal.ZERO});
    return new BigDecimal[] {b[0], b[1]};
  }

  private long now() {
    return realTime.getAsLong() + offsetMs;
  }

  @Override
  public void close() {
    server.close();
  }

  // --- dispatch -----------------------------------------------------------------------------------------------

  @Override
  public synchronized MockResponse dispatch(RecordedRequest request) {
    String target = request.getTarget();
    int q = target.indexOf('?');
    String path = q < 0 ? target : target.substring(0, q);
    String rawQuery = q < 0 ? "" : target.substring(q + 1);
    String method = request.getMethod();
    String endpoint = method + " " + path;
    requests.add(new Recorded(method, path, rawQuery, request.getHeaders().get("X-MEXC-APIKEY")));
    Deque<Fault> queue = faults.get(endpoint);
    Fault fault = queue == null ? null : queue.poll();
    if (fault != null) {
      switch (fault.kind()) {
        case RATE_LIMIT_429 -> {
          return json(429, "{\"code\":429,\"msg\":\"Too Many Requests\"}").newBuilder()
              .setHeader("Retry-After", fault.seconds()).build();
        }
        case BAN_418 -> {
          return json(418, "{\"code\":418,\"msg\":\"IP banned\"}").newBuilder()
              .setHeader("Retry-After", fault.seconds()).build();
        }
        case WAF_403 -> {
          return new MockResponse.Builder().code(403).setHeader("Content-Type", "text/html")
              .body("<html><body>403 Forbidden</body></html>").build();
        }
        case ERROR_CODE -> {
          return error(fault.httpStatus(), fault.code(), fault.msg());
        }
        case RESET_BEFORE_EXECUTE -> {
          return new MockResponse.Builder().onResponseStart(new SocketEffect.CloseSocket()).build();
        }
        case UNKNOWN_ERROR_503 -> {
          if (!fault.execute()) {
            return unknownError();
          }
        }
        default -> { }
      }
    }
    MockResponse normal = handle(method, path, rawQuery, request);
    if (fault == null) {
      return normal;
    }
    return switch (fault.kind()) {
      case UNKNOWN_ERROR_503 -> unknownError();
      case STALL_AFTER_EXECUTE -> new MockResponse.Builder().onResponseStart(SocketEffect.Stall.INSTANCE).build();
      case RESET_AFTER_EXECUTE -> new MockResponse.Builder().onResponseStart(new SocketEffect.CloseSocket()).build();
      case MALFORMED_JSON -> json(200, "{\"symbol\":\"BTCUSDT\",\"orderId\":\"C02__");
      default -> normal;
    };
  }

  private static MockResponse unknownError() {
    return json(503, "{\"code\":500,\"msg\":\"Unknown error, please check your request or try again later.\"}");
  }

  private MockResponse handle(String method, String path, String rawQuery, RecordedRequest request) {
    Map<String, String> p = params(rawQuery);
    try {
      switch (method + " " + path) {
        case "GET /api/v3/ping" -> { return json(200, "{}"); }
        case "GET /api/v3/time" -> { return json(200, "{\"serverTime\":" + now() + "}"); }
        case "GET /api/v3/defaultSymbols" -> { return defaultSymbols(); }
        case "GET /api/v3/exchangeInfo" -> { return exchangeInfo(p); }
        case "GET /api/v3/ticker/24hr" -> { return ticker24(p); }
        case "GET /api/v3/ticker/bookTicker" -> { return bookTicker(p); }
        case "GET /api/v3/depth" -> { return depth(p); }
        case "GET /api/v3/klines" -> { return klines(p); }
        case "GET /api/v3/trades" -> { return publicTrades(p); }
        default -> { }
      }
      MockResponse authError = verify(request, rawQuery, p);
      if (authError != null) {
        return authError;
      }
      return switch (method + " " + path) {
        case "GET /api/v3/account" -> account();
        case "POST /api/v3/order" -> placeOrder(p);
        case "GET /api/v3/order" -> queryOrder(p);
        case "DELETE /api/v3/order" -> cancelOrder(p);
        case "GET /api/v3/openOrders" -> openOrders(p);
        case "GET /api/v3/myTrades" -> myTrades(p);
        default -> error(404, -1, "Not Found");
      };
    } catch (NumberFormatException e) {
      return error(400, 33333, "param is error");
    }
  }

  private MockResponse verify(RecordedRequest request, String rawQuery, Map<String, String> p) {
    String key = request.getHeaders().get("X-MEXC-APIKEY");
    if (key == null || key.isEmpty()) {
      return error(400, 400, "api key required");
    }
    if (!key.equals(API_KEY)) {
      return error(400, 10072, "Api key info invalid");
    }
    int s = rawQuery.lastIndexOf("&signature=");
    if (s < 0 && !rawQuery.startsWith("signature=")) {
      return error(400, 700004, "Mandatory parameter 'signature' was not sent, was empty/null, or malformed.");
    }
    String signed = s < 0 ? "" : rawQuery.substring(0, s);
    String body = request.getBody() == null ? "" : request.getBody().utf8();
    String expected = MexcSigner.sign(API_SECRET, signed + body);
    if (!expected.equals(p.get("signature"))) {
      return error(400, 700002, "Signature for this request is not valid.");
    }
    long recvWindow = p.containsKey("recvWindow") ? Long.parseLong(p.get("recvWindow")) : 5000;
    if (recvWindow > 60_000) {
      return error(400, 700005, "recvWindow must less than 60000");
    }
    if (!p.containsKey("timestamp")) {
      return error(400, 700004, "Mandatory parameter 'timestamp' was not sent, was empty/null, or malformed.");
    }
    long ts = Long.parseLong(p.get("timestamp"));
    long now = now();
    if (!(ts < now + 1000 && now - ts <= recvWindow)) {
      return error(400, 700003, "Timestamp for this request is outside of the recvWindow.");
    }
    return null;
  }

  // --- public endpoints ---------------------------------------------------------------------------------------

  private MockResponse defaultSymbols() {
    StringBuilder sb = new StringBuilder("{\"data\":[");
    String sep = "";
    for (SymbolSpec s : specs.values()) {
      if (s.rules().apiTradable()) {
        sb.append(sep).append(str(s.symbol()));
        sep = ",";
      }
    }
    return json(200, sb.append("],\"code\":0,\"msg\":\"success\",\"timestamp\":").append(now()).append('}').toString());
  }

  private MockResponse exchangeInfo(Map<String, String> p) {
    StringBuilder sb = new StringBuilder("{\"timezone\":\"CST\",\"serverTime\":").append(now())
        .append(",\"rateLimits\":[],\"exchangeFilters\":[],\"symbols\":[");
    String sep = "";
    for (SymbolSpec s : specs.values()) {
      if (p.containsKey("symbol") && !p.get("symbol").equals(s.symbol())) {
        continue;
      }
      SymbolRules r = s.rules();
      sb.append(sep);
      sep = ",";
      StringBuilder types = new StringBuilder();
      for (OrderType t : List.of(OrderType.LIMIT, OrderType.MARKET, OrderType.LIMIT_MAKER)) {
        if (r.orderTypes().contains(t)) {
          types.append(types.isEmpty() ? "" : ",").append(str(t.name()));
        }
      }
      String status = switch (r.status()) {
        case TRADING -> "1";
        case PAUSED -> "2";
        case OFFLINE -> "3";
      };
      int sides = switch (r.sides()) {
        case BOTH -> 1;
        case BUY_ONLY -> 2;
        case SELL_ONLY -> 3;
        case NONE -> 4;
      };
      sb.append("{\"symbol\":").append(str(s.symbol())).append(",\"status\":").append(str(status))
          .append(",\"baseAsset\":").append(str(r.baseAsset())).append(",\"baseAssetPrecision\":")
          .append(r.quantityDecimals()).append(",\"quoteAsset\":").append(str(r.quoteAsset()))
          .append(",\"quotePrecision\":").append(r.priceDecimals()).append(",\"quoteAssetPrecision\":")
          .append(r.priceDecimals()).append(",\"baseCommissionPrecision\":").append(r.quantityDecimals())
          .append(",\"quoteCommissionPrecision\":").append(r.priceDecimals()).append(",\"orderTypes\":[")
          .append(types).append("],\"isSpotTradingAllowed\":true,\"isMarginTradingAllowed\":false")
          .append(",\"quoteAmountPrecision\":").append(str(plain(r.minNotional())))
          .append(",\"baseSizePrecision\":").append(str(plain(r.minQuantity())))
          .append(",\"permissions\":[\"SPOT\"],\"filters\":[],\"maxQuoteAmount\":")
          .append(str(r.maxNotional() == null ? "2000000" : plain(r.maxNotional())))
          .append(",\"makerCommission\":").append(str(plain(r.makerFee())))
          .append(",\"takerCommission\":").append(str(plain(r.takerFee())))
          .append(",\"quoteAmountPrecisionMarket\":").append(str(plain(r.minNotional())))
          .append(",\"maxQuoteAmountMarket\":\"100000\",\"fullName\":").append(str(r.baseAsset()))
          .append(",\"tradeSideType\":").append(sides).append('}');
    }
    return json(200, sb.append("]}").toString());
  }

  private MockResponse ticker24(Map<String, String> p) {
    if (p.containsKey("symbol")) {
      SymbolSpec s = specs.get(p.get("symbol"));
      return s == null ? invalidSymbol() : json(200, tickerJson(s));
    }
    StringBuilder sb = new StringBuilder("[");
    String sep = "";
    for (SymbolSpec s : specs.values()) {
      sb.append(sep).append(tickerJson(s));
      sep = ",";
    }
    return json(200, sb.append(']').toString());
  }

  private String tickerJson(SymbolSpec s) {
    List<BookLevel> b = bids.get(s.symbol());
    List<BookLevel> a = asks.get(s.symbol());
    BigDecimal change = s.lastPrice().subtract(s.openPrice());
    String pct = s.openPrice().signum() == 0 ? "0"
        : plain(change.divide(s.openPrice(), 4, RoundingMode.HALF_EVEN));
    BigDecimal vol = s.lastPrice().signum() == 0 ? BigDecimal.ZERO
        : s.quoteVolume().divide(s.lastPrice(), 6, RoundingMode.HALF_EVEN);
    long now = now();
    return "{\"symbol\":" + str(s.symbol()) + ",\"priceChange\":" + str(plain(change)) + ",\"priceChangePercent\":"
        + str(pct) + ",\"prevClosePrice\":" + str(plain(s.openPrice())) + ",\"lastPrice\":"
        + str(plain(s.lastPrice())) + ",\"bidPrice\":" + str(b.isEmpty() ? "" : plain(b.get(0).price()))
        + ",\"bidQty\":" + str(b.isEmpty() ? "" : plain(b.get(0).quantity())) + ",\"askPrice\":"
        + str(a.isEmpty() ? "" : plain(a.get(0).price())) + ",\"askQty\":"
        + str(a.isEmpty() ? "" : plain(a.get(0).quantity())) + ",\"openPrice\":" + str(plain(s.openPrice()))
        + ",\"highPrice\":" + str(plain(s.lastPrice().max(s.openPrice()))) + ",\"lowPrice\":"
        + str(plain(s.lastPrice().min(s.openPrice()))) + ",\"volume\":" + str(plain(vol)) + ",\"quoteVolume\":"
        + str(plain(s.quoteVolume())) + ",\"openTime\":" + (now - 86_400_000L) + ",\"closeTime\":" + now
        + ",\"count\":null}";
  }

  private MockResponse bookTicker(Map<String, String> p) {
    SymbolSpec s = specs.get(p.get("symbol"));
    if (s == null) {
      return invalidSymbol();
    }
    List<BookLevel> b = bids.get(s.symbol());
    List<BookLevel> a = asks.get(s.symbol());
    return json(200, "{\"symbol\":" + str(s.symbol()) + ",\"bidPrice\":"
        + str(b.isEmpty() ? "" : plain(b.get(0).price())) + ",\"bidQty\":"
        + str(b.isEmpty() ? "" : plain(b.get(0).quantity())) + ",\"askPrice\":"
        + str(a.isEmpty() ? "" : plain(a.get(0).price())) + ",\"askQty\":"
        + str(a.isEmpty() ? "" : plain(a.get(0).quantity())) + "}");
  }

  private MockResponse depth(Map<String, String> p) {
    SymbolSpec s = specs.get(p.get("symbol"));
    if (s == null) {
      return invalidSymbol();
    }
    int limit = p.containsKey("limit") ? Integer.parseInt(p.get("limit")) : 100;
    return json(200, "{\"lastUpdateId\":\"" + (1_000_000 + requests.size()) + "\",\"bids\":"
        + levels(bids.get(s.symbol()), limit) + ",\"asks\":" + levels(asks.get(s.symbol()), limit)
        + ",\"timestamp\":" + now() + "}");
  }

  private static String levels(List<BookLevel> l, int limit) {
    StringBuilder sb = new StringBuilder("[");
    for (int i = 0; i < Math.min(limit, l.size()); i++) {
      sb.append(i == 0 ? "" : ",").append('[').append(str(plain(l.get(i).price()))).append(',')
          .append(str(plain(l.get(i).quantity()))).append(']');
    }
    return sb.append(']').toString();
  }

  private MockResponse klines(Map<String, String> p) {
    SymbolSpec s = specs.get(p.get("symbol"));
    if (s == null) {
      return invalidSymbol();
    }
    String interval = p.getOrDefault("interval", "");
    if (!List.of("1m", "5m", "15m", "30m", "60m", "4h", "1d", "1W", "1M").contains(interval)) {
      return error(400, -1121, "Invalid interval.");
    }
    long start = p.containsKey("startTime") ? Long.parseLong(p.get("startTime")) : Long.MIN_VALUE;
    long end = p.containsKey("endTime") ? Long.parseLong(p.get("endTime")) : Long.MAX_VALUE;
    int limit = p.containsKey("limit") ? Integer.parseInt(p.get("limit")) : 500;
    List<Candle> sel = new ArrayList<>();
    for (Candle c : s.klines()) {
      if (c.openTime() >= start && c.openTime() <= end) {
        sel.add(c);
      }
    }
    if (start == Long.MIN_VALUE && sel.size() > limit) {
      sel = sel.subList(sel.size() - limit, sel.size());
    } else if (sel.size() > limit) {
      sel = sel.subList(0, limit);
    }
    StringBuilder sb = new StringBuilder("[");
    for (int i = 0; i < sel.size(); i++) {
      Candle c = sel.get(i);
      sb.append(i == 0 ? "" : ",").append('[').append(c.openTime()).append(',').append(str(num(c.open())))
          .append(',').append(str(num(c.high()))).append(',').append(str(num(c.low()))).append(',')
          .append(str(num(c.close()))).append(',').append(str(num(c.volume()))).append(',').append(c.closeTime())
          .append(',').append(str(num(c.quoteVolume()))).append(']');
    }
    return json(200, sb.append(']').toString());
  }

  private MockResponse publicTrades(Map<String, String> p) {
    SymbolSpec s = specs.get(p.get("symbol"));
    if (s == null) {
      return invalidSymbol();
    }
    long now = now();
    String price = str(plain(s.lastPrice()));
    return json(200, "[{\"id\":null,\"price\":" + price + ",\"qty\":\"2\",\"quoteQty\":"
        + str(plain(s.lastPrice().multiply(BigDecimal.TWO))) + ",\"time\":" + (now - 1000)
        + ",\"isBuyerMaker\":true,\"isBestMatch\":true,\"tradeType\":\"ASK\"},{\"id\":null,\"price\":" + price
        + ",\"qty\":\"1\",\"quoteQty\":" + price + ",\"time\":" + now
        + ",\"isBuyerMaker\":false,\"isBestMatch\":true,\"tradeType\":\"BID\"}]");
  }

  // --- account and orders -------------------------------------------------------------------------------------

  private MockResponse account() {
    StringBuilder sb = new StringBuilder("{\"makerCommission\":null,\"takerCommission\":null,\"buyerCommission\":null,"
        + "\"sellerCommission\":null,\"canTrade\":true,\"canWithdraw\":false,\"canDeposit\":false,"
        + "\"updateTime\":null,\"accountType\":\"SPOT\",\"balances\":[");
    String sep = "";
    for (Map.Entry<String, BigDecimal[]> e : balances.entrySet()) {
      BigDecimal[] b = e.getValue();
      if (b[0].signum() == 0 && b[1].signum() == 0) {
        continue;
      }
      sb.append(sep).append("{\"asset\":").append(str(e.getKey())).append(",\"free\":").append(str(plain(b[0])))
          .append(",\"locked\":").append(str(plain(b[1]))).append('}');
      sep = ",";
    }
    return json(200, sb.append("],\"permissions\":[\"SPOT\"]}").toString());
  }

  private BigDecimal[] bal(String asset) {
    return balances.computeIfAbsent(asset, k -> new BigDecimal[] {BigDecimal.ZERO, BigDecimal.ZERO});
  }

  private MockResponse placeOrder(Map<String, String> p) {
    SymbolSpec s = specs.get(p.get("symbol"));
    if (s == null) {
      return invalidSymbol();
    }
    SymbolRules r = s.rules();
    if (!r.apiTradable()) {
      return error(400, 10007, "symbol not support api");
    }
    if (r.status() != SymbolStatus.TRADING) {
      return error(400, 30016, "trading disabled");
    }
    Side side;
    OrderType type;
    try {
      side = Side.valueOf(p.getOrDefault("side", ""));
      type = OrderType.valueOf(p.getOrDefault("type", ""));
    } catch (IllegalArgumentException e) {
      return error(400, 33333, "param is error");
    }
    if (!r.sides().allows(side)) {
      return error(400, 30001, "current transaction direction is not allowed");
    }
    if (!r.orderTypes().contains(type)) {
      return type == OrderType.MARKET ? error(400, 30019, "api market order is disabled")
          : error(400, 30041, "current order type can not place order");
    }
    String clientId = p.get("newClientOrderId");
    if (clientId != null && orders.values().stream().anyMatch(o -> clientId.equals(o.clientOrderId))) {
      return error(400, 33333, "param is error: duplicate newClientOrderId");
    }
    BigDecimal qty = p.containsKey("quantity") ? new BigDecimal(p.get("quantity")) : null;
    BigDecimal quoteQty = p.containsKey("quoteOrderQty") ? new BigDecimal(p.get("quoteOrderQty")) : null;
    BigDecimal price = p.containsKey("price") ? new BigDecimal(p.get("price")) : null;
    if (type != OrderType.MARKET && (price == null || qty == null)) {
      return error(400, 44444, "param cannot be null");
    }
    if (type == OrderType.MARKET && qty == null && quoteQty == null) {
      return error(400, 10095, "amount cannot be null");
    }
    if (qty != null && (qty.signum() <= 0 || qty.remainder(r.stepSize()).signum() != 0)) {
      return error(400, qty.signum() <= 0 ? 10102 : 10096, qty.signum() <= 0 ? "amount cannot be zero or negative"
          : "decimal places too long");
    }
    if (price != null && (price.signum() <= 0 || price.remainder(r.tickSize()).signum() != 0)) {
      return error(400, 30010, "no valid trade price");
    }
    BigDecimal notional = quoteQty != null ? quoteQty : price != null ? qty.multiply(price) : null;
    if (notional != null && notional.compareTo(r.minNotional()) < 0) {
      return error(400, 30002, "The minimum transaction volume cannot be less than:" + plain(r.minNotional())
          + r.quoteAsset());
    }
    BigDecimal[] quote = bal(r.quoteAsset());
    BigDecimal[] base = bal(r.baseAsset());
    if (side == Side.BUY) {
      BigDecimal need = type == OrderType.MARKET ? (quoteQty != null ? quoteQty : qty.multiply(s.lastPrice()))
          : qty.multiply(price);
      if (quote[0].compareTo(need) < 0) {
        return error(400, 10101, "Insufficient balance!");
      }
    } else if (base[0].compareTo(qty == null ? BigDecimal.ZERO : qty) < 0 || qty == null) {
      return error(400, 30004, "Insufficient position");
    }
    long now = now();
    FakeOrder o = new FakeOrder("C02__" + nextOrderId++, clientId, s.symbol(), side, type, price, qty, quoteQty, now);
    orders.put(o.orderId, o);
    execute(o, r);
    return json(200, "{\"symbol\":" + str(o.symbol) + ",\"orderId\":" + str(o.orderId)
        + ",\"orderListId\":-1,\"price\":" + str(plain(price == null ? BigDecimal.ZERO : price))
        + ",\"origQty\":" + str(plain(qty == null ? BigDecimal.ZERO : qty)) + ",\"type\":" + str(type.name())
        + ",\"side\":" + str(side.name()) + ",\"transactTime\":" + now + "}");
  }

  /** Matches {@code o} against the external book, settles fills, rests or cancels the remainder. */
  private void execute(FakeOrder o, SymbolRules r) {
    List<BookLevel> book = o.side == Side.BUY ? asks.get(o.symbol) : bids.get(o.symbol);
    BigDecimal[] quote = bal(r.quoteAsset());
    BigDecimal[] base = bal(r.baseAsset());
    boolean crosses = !book.isEmpty() && (o.price == null || (o.side == Side.BUY
        ? book.get(0).price().compareTo(o.price) <= 0 : book.get(0).price().compareTo(o.price) >= 0));
    if (o.type == OrderType.LIMIT_MAKER && crosses) {
      o.status = "CANCELED";
      return;
    }
    if (o.type == OrderType.FILL_OR_KILL) {
      BigDecimal available = BigDecimal.ZERO;
      for (BookLevel l : book) {
        if (o.side == Side.BUY ? l.price().compareTo(o.price) <= 0 : l.price().compareTo(o.price) >= 0) {
          available = available.add(l.quantity());
        }
      }
      if (available.compareTo(o.origQty) < 0) {
        o.status = "CANCELED";
        return;
      }
    }
    // lock funds of limit-type orders up front
    if (o.type != OrderType.MARKET) {
      if (o.side == Side.BUY) {
        move(quote, o.origQty.multiply(o.price), true);
      } else {
        move(base, o.origQty, true);
      }
    }
    for (int i = 0; i < book.size() && !o.done(); ) {
      BookLevel level = book.get(i);
      if (o.price != null && (o.side == Side.BUY ? level.price().compareTo(o.price) > 0
          : level.price().compareTo(o.price) < 0)) {
        break;
      }
      BigDecimal q = level.quantity();
      if (o.origQty != null) {
        q = q.min(o.origQty.subtract(o.executedQty));
      } else {
        BigDecimal left = o.quoteQty.subtract(o.cumQuote);
        q = q.min(Decimals.floorToStep(left.divide(level.price(), MathContext.DECIMAL64), r.stepSize()));
      }
      if (q.signum() <= 0) {
        break;
      }
      fill(o, r, level.price(), q, quote, base);
      BigDecimal rest = level.quantity().subtract(q);
      if (rest.signum() == 0) {
        book.remove(i);
      } else {
        book.set(i, new BookLevel(level.price(), rest));
      }
    }
    boolean any = o.executedQty.signum() > 0;
    switch (o.type) {
      case LIMIT, LIMIT_MAKER -> o.status = o.done() ? "FILLED" : any ? "PARTIALLY_FILLED" : "NEW";
      case MARKET -> o.status = any ? "FILLED" : "CANCELED";
      case IMMEDIATE_OR_CANCEL, FILL_OR_KILL -> {
        o.status = o.done() ? "FILLED" : any ? "PARTIALLY_CANCELED" : "CANCELED";
        unlockRemainder(o, quote, base);
      }
      default -> { }
    }
  }

  private void fill(FakeOrder o, SymbolRules r, BigDecimal price, BigDecimal q, BigDecimal[] quote, BigDecimal[] base) {
    BigDecimal value = price.multiply(q);
    BigDecimal fee;
    String feeAsset;
    if (o.side == Side.BUY) {
      if (o.type == OrderType.MARKET) {
        quote[0] = quote[0].subtract(value);
      } else {
        // locked at the limit price; a better execution price frees the difference
        quote[1] = quote[1].subtract(o.price.multiply(q));
        quote[0] = quote[0].add(o.price.subtract(price).multiply(q));
      }
      fee = q.multiply(r.takerFee());
      feeAsset = r.baseAsset();
      base[0] = base[0].add(q).subtract(fee);
    } else {
      if (o.type == OrderType.MARKET) {
        base[0] = base[0].subtract(q);
      } else {
        base[1] = base[1].subtract(q);
      }
      fee = value.multiply(r.takerFee());
      feeAsset = r.quoteAsset();
      quote[0] = quote[0].add(value).subtract(fee);
    }
    o.executedQty = o.executedQty.add(q);
    o.cumQuote = o.cumQuote.add(value);
    o.updateTime = now();
    trades.add(new FakeTrade(Long.toHexString(0x5eed0000L + nextTradeId++) + "f0e1d2c3b4a5", o, price, q, value, fee,
        feeAsset, now()));
  }

  private static void move(BigDecimal[] b, BigDecimal amount, boolean lock) {
    if (lock) {
      b[0] = b[0].subtract(amount);
      b[1] = b[1].add(amount);
    } else {
      b[1] = b[1].subtract(amount);
      b[0] = b[0].add(amount);
    }
  }

  private void unlockRemainder(FakeOrder o, BigDecimal[] quote, BigDecimal[] base) {
    if (o.type == OrderType.MARKET) {
      return;
    }
    BigDecimal left = o.origQty.subtract(o.executedQty);
    if (o.side == Side.BUY) {
      move(quote, left.multiply(o.price), false);
    } else {
      move(base, left, false);
    }
  }

  private FakeOrder find(Map<String, String> p) {
    if (p.containsKey("orderId")) {
      FakeOrder o = orders.get(p.get("orderId"));
      return o != null && (!p.containsKey("symbol") || o.symbol.equals(p.get("symbol"))) ? o : null;
    }
    String cid = p.get("origClientOrderId");
    if (cid == null) {
      return null;
    }
    for (FakeOrder o : orders.values()) {
      if (cid.equals(o.clientOrderId) && (!p.containsKey("symbol") || o.symbol.equals(p.get("symbol")))) {
        return o;
      }
    }
    return null;
  }

  private MockResponse queryOrder(Map<String, String> p) {
    if (!p.containsKey("orderId") && !p.containsKey("origClientOrderId")) {
      return error(400, 700004, "Param 'origClientOrderId' or 'orderId' must be sent, but both were empty/null!");
    }
    FakeOrder o = find(p);
    return o == null ? error(400, -2013, "Order does not exist.") : json(200, orderJson(o));
  }

  private MockResponse cancelOrder(Map<String, String> p) {
    FakeOrder o = find(p);
    if (o == null || !(o.status.equals("NEW") || o.status.equals("PARTIALLY_FILLED"))) {
      return error(400, -2011, "Unknown order sent.");
    }
    SymbolRules r = specs.get(o.symbol).rules();
    unlockRemainder(o, bal(r.quoteAsset()), bal(r.baseAsset()));
    o.status = o.executedQty.signum() > 0 ? "PARTIALLY_CANCELED" : "CANCELED";
    o.updateTime = now();
    return json(200, "{\"symbol\":" + str(o.symbol) + ",\"origClientOrderId\":" + str(o.clientOrderId)
        + ",\"orderId\":" + str(o.orderId) + ",\"clientOrderId\":" + str(o.clientOrderId) + ",\"price\":"
        + str(plain(o.price == null ? BigDecimal.ZERO : o.price)) + ",\"origQty\":"
        + str(plain(o.origQty == null ? BigDecimal.ZERO : o.origQty)) + ",\"executedQty\":"
        + str(plain(o.executedQty)) + ",\"cummulativeQuoteQty\":" + str(plain(o.cumQuote)) + ",\"status\":"
        + str(o.status) + ",\"timeInForce\":\"GTC\",\"type\":" + str(o.type.name()) + ",\"side\":"
        + str(o.side.name()) + "}");
  }

  private MockResponse openOrders(Map<String, String> p) {
    StringBuilder sb = new StringBuilder("[");
    String sep = "";
    for (FakeOrder o : orders.values()) {
      if ((o.status.equals("NEW") || o.status.equals("PARTIALLY_FILLED"))
          && (!p.containsKey("symbol") || o.symbol.equals(p.get("symbol")))) {
        sb.append(sep).append(orderJson(o));
        sep = ",";
      }
    }
    return json(200, sb.append(']').toString());
  }

  private MockResponse myTrades(Map<String, String> p) {
    if (!p.containsKey("symbol")) {
      return error(400, 44444, "param cannot be null");
    }
    long start = p.containsKey("startTime") ? Long.parseLong(p.get("startTime")) : 0;
    int limit = p.containsKey("limit") ? Math.min(100, Integer.parseInt(p.get("limit"))) : 100;
    StringBuilder sb = new StringBuilder("[");
    int n = 0;
    for (FakeTrade t : trades) {
      if (!t.order.symbol.equals(p.get("symbol")) || t.time < start || n >= limit) {
        continue;
      }
      sb.append(n++ == 0 ? "" : ",").append("{\"symbol\":").append(str(t.order.symbol)).append(",\"id\":")
          .append(str(t.id)).append(",\"orderId\":").append(str(t.order.orderId))
          .append(",\"orderListId\":\"-1\",\"price\":").append(str(plain(t.price))).append(",\"qty\":")
          .append(str(plain(t.qty))).append(",\"quoteQty\":").append(str(plain(t.quote)))
          .append(",\"commission\":").append(str(plain(t.fee))).append(",\"commissionAsset\":")
          .append(str(t.feeAsset)).append(",\"time\":\"").append(t.time).append("\",\"isBuyer\":")
          .append(t.order.side == Side.BUY).append(",\"isMaker\":false,\"isBestMatch\":true,")
          .append("\"isSelfTrade\":false,\"clientOrderId\":null}");
    }
    return json(200, sb.append(']').toString());
  }

  private static String orderJson(FakeOrder o) {
    return "{\"symbol\":" + str(o.symbol) + ",\"orderId\":" + str(o.orderId) + ",\"orderListId\":-1,"
        + "\"clientOrderId\":" + str(o.clientOrderId) + ",\"price\":"
        + str(plain(o.price == null ? BigDecimal.ZERO : o.price)) + ",\"origQty\":"
        + str(plain(o.origQty == null ? BigDecimal.ZERO : o.origQty)) + ",\"executedQty\":"
        + str(plain(o.executedQty)) + ",\"cummulativeQuoteQty\":" + str(plain(o.cumQuote)) + ",\"status\":"
        + str(o.status) + ",\"timeInForce\":" + (o.type == OrderType.MARKET ? "null" : "\"GTC\"") + ",\"type\":"
        + str(o.type.name()) + ",\"side\":" + str(o.side.name()) + ",\"stopPrice\":null,\"icebergQty\":null,"
        + "\"time\":" + o.time + ",\"updateTime\":" + o.updateTime + ",\"isWorking\":true,\"origQuoteOrderQty\":"
        + str(plain(o.quoteQty == null ? BigDecimal.ZERO : o.quoteQty)) + "}";
  }

  /** One order held by the server. */
  private static final class FakeOrder {
    final String orderId;
    final String clientOrderId;
    final String symbol;
    final Side side;
    final OrderType type;
    final BigDecimal price;
    final BigDecimal origQty;
    final BigDecimal quoteQty;
    final long time;
    BigDecimal executedQty = BigDecimal.ZERO;
    BigDecimal cumQuote = BigDecimal.ZERO;
    String status = "NEW";
    long updateTime;

    FakeOrder(String orderId, String clientOrderId, String symbol, Side side, OrderType type, BigDecimal price,
        BigDecimal origQty, BigDecimal quoteQty, long time) {
      this.orderId = orderId;
      this.clientOrderId = clientOrderId;
      this.symbol = symbol;
      this.side = side;
      this.type = type;
      this.price = price;
      this.origQty = origQty;
      this.quoteQty = quoteQty;
      this.time = time;
      this.updateTime = time;
    }

    boolean done() {
      return origQty != null ? executedQty.compareTo(origQty) >= 0 : cumQuote.compareTo(quoteQty) >= 0;
    }
  }

  private record FakeTrade(String id, FakeOrder order, BigDecimal price, BigDecimal qty, BigDecimal quote,
      BigDecimal fee, String feeAsset, long time) {}

  // --- helpers ------------------------------------------------------------------------------------------------

  private static Map<String, String> params(String rawQuery) {
    Map<String, String> m = new LinkedHashMap<>();
    if (rawQuery.isEmpty()) {
      return m;
    }
    for (String pair : rawQuery.split("&")) {
      int eq = pair.indexOf('=');
      String k = eq < 0 ? pair : pair.substring(0, eq);
      String v = eq < 0 ? "" : pair.substring(eq + 1);
      m.put(URLDecoder.decode(k, StandardCharsets.UTF_8), URLDecoder.decode(v, StandardCharsets.UTF_8));
    }
    return m;
  }

  private MockResponse invalidSymbol() {
    return error(400, -1121, "Invalid symbol.");
  }

  private static MockResponse error(int http, int code, String msg) {
    return json(http, "{\"code\":" + code + ",\"msg\":" + str(msg) + "}");
  }

  private static MockResponse json(int code, String body) {
    return new MockResponse.Builder().code(code).setHeader("Content-Type", "application/json").body(body).build();
  }

  private static String plain(BigDecimal d) {
    return Decimals.plain(d);
  }

  private static String num(double d) {
    return plain(BigDecimal.valueOf(d).round(new MathContext(10)));
  }

  static String str(String s) {
    if (s == null) {
      return "null";
    }
    return "\"" + s.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
  }

  @Override
  public String toString() {
    return "FakeMexcServer[" + baseUrl() + ", " + String.join(",", specs.keySet()).toLowerCase(Locale.ROOT) + "]";
  }
}
