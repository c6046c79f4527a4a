package io.ottertrend.exchange.mexc;

import io.ottertrend.config.Secret;
import io.ottertrend.config.Setting;
import io.ottertrend.config.Settings;
import io.ottertrend.exchange.Exchange;
import io.ottertrend.exchange.ExchangeException;
import io.ottertrend.exchange.ExchangeException.ClockSkew;
import io.ottertrend.exchange.ExchangeException.InvalidOrder;
import io.ottertrend.exchange.ExchangeException.InvalidReason;
import io.ottertrend.exchange.ExchangeException.IpBanned;
import io.ottertrend.exchange.ExchangeException.MarketOrdersDisabled;
import io.ottertrend.exchange.ExchangeException.OutcomeUnknown;
import io.ottertrend.exchange.ExchangeException.RateLimited;
import io.ottertrend.exchange.ExchangeException.SymbolNotApiTradable;
import io.ottertrend.exchange.ExchangeException.Unavailable;
import io.ottertrend.exchange.ExchangeException.UnknownOrder;
import io.ottertrend.exchange.ExchangeException.UnknownSymbol;
import io.ottertrend.model.Balance;
import io.ottertrend.model.BookTicker;
import io.ottertrend.model.Candle;
import io.ottertrend.model.Fill;
import io.ottertrend.model.Interval;
import io.ottertrend.model.Order;
import io.ottertrend.model.OrderAck;
import io.ottertrend.model.OrderBook;
import io.ottertrend.model.OrderRef;
import io.ottertrend.model.OrderRequest;
import io.ottertrend.model.OrderType;
import io.ottertrend.model.PublicTrade;
import io.ottertrend.model.SymbolRules;
import io.ottertrend.model.SymbolStatus;
import io.ottertrend.model.Ticker;
import io.ottertrend.net.ApiResponse;
import io.ottertrend.net.CallClass;
import io.ottertrend.net.HttpMetrics;
import io.ottertrend.net.HttpStack;
import io.ottertrend.net.HttpStackException;
import io.ottertrend.net.Redactor;
import io.ottertrend.time.Clock;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Duration;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * MEXC spot v3 as an {@link Exchange}. Layers: {@link MexcRestClient} (signing, server time, transport through the
 * {@link HttpStack}) → {@link MexcDtos} (lenient parsing) → {@link MexcAdapters} (static mapping to model records)
 * → this class.
 *
 * <h2>Order placement</h2>
 * <ol>
 *   <li>Pre-trade check against the cached {@link SymbolRules}, without calling the exchange: listed and online,
 *       API-tradable, side and order type allowed; price rounded to the tick conservatively for the side, quantity
 *       truncated to the step, quote amount truncated to the price precision; minimum quantity and minimum/maximum
 *       notional checked <em>after</em> rounding. A violation throws {@link InvalidOrder} (or
 *       {@link SymbolNotApiTradable}, {@link MarketOrdersDisabled}, {@link UnknownSymbol}).
 *   <li>One POST with every parameter (including {@code newClientOrderId}) in the query string and an empty body,
 *       through the stack's order path: never retried, hedged or failed over once it may have left.
 *   <li>Outcome: a parsed ACK → {@link OrderAck}; a MEXC error code → its exception; a timestamp rejection
 *       ({@code 700003}) → resync and exactly one re-signed re-send (safe: the rejection proves non-execution);
 *       connection failure before the first byte → {@link Unavailable}; timeout, reset, 5xx, a non-JSON answer or
 *       an unreadable ACK → {@link OutcomeUnknown}: resolve it with {@code queryOrder(symbol,
 *       OrderRef.clientId(id))}, never by sending again.
 * </ol>
 *
 * <p>Thread-safe. {@link #close()} releases the HTTP stack.
 */
public final class MexcExchange implements Exchange {
  private static final Logger LOG = LoggerFactory.getLogger(MexcExchange.class);
  /** How long symbol rules are cached. */
  static final long RULES_TTL_MS = 10 * 60_000L;
  /** Earliest refresh of the rules when an unknown symbol is asked for. */
  static final long RULES_MISS_REFRESH_MS = 60_000L;

  private final MexcRestClient rest;
  private final Clock clock;
  private final Object rulesLock = new Object();
  private volatile Map<String, SymbolRules> rules;
  private volatile long rulesLoadedAt;

  private MexcExchange(MexcRestClient rest, Clock clock) {
    this.rest = rest;
    this.clock = clock;
  }

  public static Builder builder() {
    return new Builder();
  }

  /**
   * An exchange configured from settings: {@code MEXC_BASE_URL} (a comma list enables failover),
   * {@code MEXC_API_KEY}, {@code MEXC_API_SECRET}, {@code MEXC_RECV_WINDOW_MS}, {@code HTTP_TIMEOUT}.
   */
  public static MexcExchange fromSettings(Settings settings, Clock clock) {
    return builder()
        .baseUrls(settings.list(Setting.MEXC_BASE_URL))
        .apiKey(settings.secret(Setting.MEXC_API_KEY))
        .apiSecret(settings.secret(Setting.MEXC_API_SECRET))
        .recvWindowMillis(settings.integer(Setting.MEXC_RECV_WINDOW_MS))
        .httpTimeout(settings.duration(Setting.HTTP_TIMEOUT))
        .clock(clock)
        .build();
  }

  @Override
  public String id() {
    return "mexc";
  }

  /** Metrics of the underlying HTTP stack (per endpoint, limiter, breaker, base URL). */
  public HttpMetrics httpMetrics() {
    return rest.stack().metrics();
  }

  /** The underlying HTTP stack. */
  public HttpStack httpStack() {
    return rest.stack();
  }

  // --- market data ------------------------------------------------------------------------------------------

  @Override
  public List<SymbolRules> symbolRules() {
    return List.copyOf(rulesMap(false).values());
  }

  @Override
  public Optional<SymbolRules> symbolRules(String symbol) {
    SymbolRules r = rulesMap(false).get(symbol);
    if (r == null && clock.millis() - rulesLoadedAt > RULES_MISS_REFRESH_MS) {
      r = rulesMap(true).get(symbol);
    }
    return Optional.ofNullable(r);
  }

  private Map<String, SymbolRules> rulesMap(boolean force) {
    Map<String, SymbolRules> current = rules;
    long now = clock.millis();
    if (!force && current != null && now - rulesLoadedAt <= RULES_TTL_MS && now >= rulesLoadedAt) {
      return current;
    }
    synchronized (rulesLock) {
      if (!force && rules != null && rules != current) {
        return rules;
      }
      Set<String> tradable = MexcDtos.defaultSymbols(rest.publicGet("/api/v3/defaultSymbols", MexcParams.of(), 1));
      Map<String, SymbolRules> loaded = new LinkedHashMap<>();
      for (MexcDtos.SymbolDto d : MexcDtos.symbols(rest.publicGet("/api/v3/exchangeInfo", MexcParams.of(), 10))) {
        try {
          loaded.put(d.symbol(), MexcAdapters.symbolRules(d, tradable));
        } catch (IllegalArgumentException e) {
          LOG.debug("skipping symbol {} with unusable rules: {}", d.symbol(), e.getMessage());
        }
      }
      rules = Map.copyOf(loaded);
      rulesLoadedAt = clock.millis();
      return rules;
    }
  }

  @Override
  public List<Ticker> tickers() {
    return MexcDtos.tickers(rest.publicGet("/api/v3/ticker/24hr", MexcParams.of(), 40)).stream()
        .map(MexcAdapters::ticker).filter(Objects::nonNull).toList();
  }

  @Override
  public Ticker ticker(String symbol) {
    JsonValue v = rest.publicGet("/api/v3/ticker/24hr", MexcParams.of().with("symbol", symbol), 1);
    List<MexcDtos.TickerDto> list = MexcDtos.tickers(v);
    Ticker t = list.isEmpty() ? null : MexcAdapters.ticker(list.get(0));
    if (t == null) {
      throw new Unavailable("no last price for " + symbol, 0);
    }
    return t;
  }

  @Override
  public BookTicker bookTicker(String symbol) {
    return MexcAdapters.bookTicker(MexcDtos.bookTicker(
        rest.publicGet("/api/v3/ticker/bookTicker", MexcParams.of().with("symbol", symbol), 1)));
  }

  @Override
  public OrderBook orderBook(String symbol, int limit) {
    int l = Math.max(1, Math.min(limit, 5000));
    return MexcAdapters.orderBook(symbol, MexcDtos.depth(
        rest.publicGet("/api/v3/depth", MexcParams.of().with("symbol", symbol).with("limit", l), 1)));
  }

  @Override
  public List<Candle> klines(String symbol, Interval interval, Long startTime, Long endTime, int limit) {
    MexcParams p = MexcParams.of().with("symbol", symbol).with("interval", interval.wireName());
    if (startTime != null) {
      p = p.with("startTime", startTime.longValue());
    }
    if (endTime != null) {
      p = p.with("endTime", endTime.longValue());
    }
    p = p.with("limit", Math.max(1, Math.min(limit, 1000)));
    return MexcDtos.klines(rest.publicGet("/api/v3/klines", p, 1)).stream().map(MexcAdapters::candle)
        .sorted(Comparator.comparingLong(Candle::openTime)).toList();
  }

  @Override
  public List<PublicTrade> recentTrades(String symbol, int limit) {
    MexcParams p = MexcParams.of().with("symbol", symbol).with("limit", Math.max(1, Math.min(limit, 1000)));
    return MexcDtos.trades(rest.publicGet("/api/v3/trades", p, 5)).stream()
        .map(t -> MexcAdapters.publicTrade(symbol, t)).sorted(Comparator.comparingLong(PublicTrade::time)).toList();
  }

  @Override
  public long serverTime() {
    return rest.serverTime();
  }

  // --- account ----------------------------------------------------------------------------------------------

  @Override
  public List<Balance> balances() {
    return MexcAdapters.balances(MexcDtos.balances(
        rest.signed("GET", "/api/v3/account", MexcParams.of(), CallClass.ACCOUNT_READ, 10)));
  }

  @Override
  public Optional<Order> queryOrder(String symbol, OrderRef ref) {
    try {
      return Optional.of(MexcAdapters.order(MexcDtos.order(
          rest.signed("GET", "/api/v3/order", refParams(symbol, ref), CallClass.ACCOUNT_READ, 2))));
    } catch (UnknownOrder e) {
      return Optional.empty();
    } catch (MalformedResponseException e) {
      throw new Unavailable("malformed order from MEXC: " + e.getMessage(), 0, e);
    }
  }

  @Override
  public List<Order> openOrders(String symbol) {
    MexcParams p = symbol == null ? MexcParams.of() : MexcParams.of().with("symbol", symbol);
    try {
      return MexcDtos.orders(rest.signed("GET", "/api/v3/openOrders", p, CallClass.ACCOUNT_READ, 3)).stream()
          .map(MexcAdapters::order).toList();
    } catch (MalformedResponseException e) {
      throw new Unavailable("malformed open orders from MEXC: " + e.getMessage(), 0, e);
    }
  }

  @Override
  public List<Fill> myTrades(String symbol, long sinceMillis, int limit) {
    MexcParams p = MexcParams.of().with("symbol", symbol).with("startTime", sinceMillis)
        .with("limit", Math.max(1, Math.min(limit, 100)));
    try {
      return MexcDtos.myTrades(rest.signed("GET", "/api/v3/myTrades", p, CallClass.ACCOUNT_READ, 10)).stream()
          .map(MexcAdapters::fill).filter(f -> f.time() >= sinceMillis)
          .sorted(Comparator.comparingLong(Fill::time)).toList();
    } catch (MalformedResponseException e) {
      throw new Unavailable("malformed trades from MEXC: " + e.getMessage(), 0, e);
    }
  }

  /**
   * Cancels an order. A cancel whose answer is lost throws {@link Unavailable}: sending the cancel again is safe
   * (at worst {@link UnknownOrder}), and the order's state is learnt with {@link #queryOrder}.
   */
  @Override
  public Order cancelOrder(String symbol, OrderRef ref) {
    try {
      return MexcAdapters.order(MexcDtos.order(
          rest.signed("DELETE", "/api/v3/order", refParams(symbol, ref), CallClass.CANCEL, 1)));
    } catch (MalformedResponseException e) {
      throw new Unavailable("malformed cancel answer from MEXC (query the order): " + e.getMessage(), 0, e);
    }
  }

  private static MexcParams refParams(String symbol, OrderRef ref) {
    MexcParams p = MexcParams.of().with("symbol", Objects.requireNonNull(symbol, "symbol"));
    return ref.orderId() != null ? p.with("orderId", ref.orderId()) : p.with("origClientOrderId", ref.clientOrderId());
  }

  // --- orders -----------------------------------------------------------------------------------------------

  @Override
  public OrderAck placeOrder(OrderRequest request) {
    SymbolRules r = symbolRules(request.symbol()).orElseThrow(() -> new UnknownSymbol(
        "MEXC does not list " + request.symbol() + "; nothing was sent", -1121));
    OrderRequest o = prepare(request, r);
    MexcParams params = MexcParams.of()
        .with("symbol", o.symbol())
        .with("side", o.side().name())
        .with("type", o.type().name())
        .with("quantity", o.quantity())
        .with("quoteOrderQty", o.quoteQuantity())
        .with("price", o.price())
        .with("newClientOrderId", o.clientOrderId());
    for (int attempt = 0; ; attempt++) {
      try {
        return send(o, params);
      } catch (ClockSkew e) {
        if (attempt > 0) {
          throw e;
        }
        LOG.warn("order {} rejected for its timestamp (not executed); resyncing and sending it once more",
            o.clientOrderId());
        rest.resync();
      }
    }
  }

  private OrderAck send(OrderRequest o, MexcParams params) {
    String id = o.clientOrderId();
    ApiResponse resp;
    try {
      resp = rest.sendOrder(params);
    } catch (HttpStackException.NotSent e) {
      throw new Unavailable("order " + id + " was not sent: " + e.getMessage(), 0, e);
    } catch (HttpStackException.TooManyRequests e) {
      throw new RateLimited("order " + id + " refused by the rate limit (not executed): " + e.getMessage(),
          e.retryAfter());
    } catch (HttpStackException.Banned e) {
      throw new IpBanned("order " + id + " not executed: " + e.getMessage(), e.retryAfter());
    } catch (HttpStackException.MaybeSent | HttpStackException.ServerError e) {
      throw new OutcomeUnknown("order " + id + " may have been placed: " + e.getMessage()
          + "; query it by client order id before doing anything else", id, e);
    }
    JsonValue body;
    try {
      body = JsonValue.parse(resp.body());
    } catch (MalformedResponseException e) {
      throw new OutcomeUnknown("order " + id + ": unreadable answer (HTTP " + resp.status() + ", " + e.getMessage()
          + "); query it by client order id", id, e);
    }
    MexcDtos.ErrorDto err = MexcDtos.error(body);
    if (err != null) {
      throw MexcErrors.map(err.code(), err.msg());
    }
    if (!resp.isSuccessful()) {
      throw new OutcomeUnknown("order " + id + ": HTTP " + resp.status() + " without an error code; query it by "
          + "client order id", id, null);
    }
    try {
      MexcDtos.AckDto ack = MexcDtos.ack(body);
      return new OrderAck(ack.symbol(), ack.orderId(), ack.clientOrderId() != null ? ack.clientOrderId() : id,
          ack.transactTime());
    } catch (MalformedResponseException e) {
      throw new OutcomeUnknown("order " + id + ": acknowledgement without " + e.getMessage()
          + "; query it by client order id", id, e);
    }
  }

  /**
   * The order as it will be sent: checked against {@code rules} and rounded (price to the tick, conservatively for
   * the side; quantity truncated to the step; quote amount truncated to the price precision), with minimums and
   * maximums checked after rounding. Static and side-effect free; the paper exchange may use the same rules.
   *
   * @throws ExchangeException when the order cannot be valid on this symbol (nothing is sent)
   */
  public static OrderRequest prepare(OrderRequest req, SymbolRules rules) {
    String s = req.symbol();
    if (rules.status() != SymbolStatus.TRADING) {
      throw new UnknownSymbol(s + " is " + rules.status().name().toLowerCase(java.util.Locale.ROOT)
          + " on MEXC; nothing was sent", 30016);
    }
    if (!rules.apiTradable()) {
      throw new SymbolNotApiTradable(s + " cannot be traded through the API (not in defaultSymbols); nothing was sent",
          10007);
    }
    if (!rules.sides().allows(req.side())) {
      throw new InvalidOrder(s + " does not accept " + req.side() + " orders now; nothing was sent", 30001,
          InvalidReason.NOT_ALLOWED);
    }
    if (!rules.orderTypes().contains(req.type())) {
      if (req.type() == OrderType.MARKET) {
        throw new MarketOrdersDisabled("market orders are disabled for " + s + "; use a limit order", 30019);
      }
      throw new InvalidOrder(s + " does not accept " + req.type() + " orders; nothing was sent", 30041,
          InvalidReason.NOT_ALLOWED);
    }
    BigDecimal price = null;
    if (req.type().needsPrice()) {
      price = rules.roundPrice(req.price(), req.side());
      if (price.signum() <= 0) {
        throw new InvalidOrder("price " + req.price().toPlainString() + " is below one tick ("
            + rules.tickSize().toPlainString() + ") of " + s, 10096, InvalidReason.PRECISION);
      }
    }
    BigDecimal qty = null;
    if (req.quantity() != null) {
      qty = rules.truncateQuantity(req.quantity());
      if (qty.signum() <= 0) {
        throw new InvalidOrder("quantity " + req.quantity().toPlainString() + " is below one step ("
            + rules.stepSize().toPlainString() + ") of " + s, 10096, InvalidReason.PRECISION);
      }
      if (qty.compareTo(rules.minQuantity()) < 0) {
        throw new InvalidOrder("quantity " + qty.toPlainString() + " is below the minimum "
            + rules.minQuantity().toPlainString() + " of " + s, 10097, InvalidReason.INVALID_QUANTITY);
      }
    }
    BigDecimal quote = null;
    if (req.quoteQuantity() != null) {
      quote = req.quoteQuantity().setScale(rules.priceDecimals(), RoundingMode.DOWN);
      if (quote.signum() <= 0) {
        throw new InvalidOrder("quote amount " + req.quoteQuantity().toPlainString() + " is below the precision of "
            + s, 10096, InvalidReason.PRECISION);
      }
    }
    BigDecimal notional = quote != null ? quote : price != null ? qty.multiply(price) : null;
    if (notional != null) {
      if (notional.compareTo(rules.minNotional()) < 0) {
        throw new InvalidOrder("order value " + notional.stripTrailingZeros().toPlainString() + " "
            + rules.quoteAsset() + " after rounding is below the minimum " + rules.minNotional().toPlainString()
            + " of " + s + "; nothing was sent", 30002, InvalidReason.BELOW_MIN_NOTIONAL);
      }
      if (rules.maxNotional() != null && notional.compareTo(rules.maxNotional()) > 0) {
        throw new InvalidOrder("order value " + notional.stripTrailingZeros().toPlainString() + " is above the maximum "
            + rules.maxNotional().toPlainString() + " of " + s, 30003, InvalidReason.ABOVE_MAX_NOTIONAL);
      }
    }
    return new OrderRequest(s, req.side(), req.type(), qty, quote, price, req.clientOrderId());
  }

  @Override
  public void close() {
    rest.stack().close();
  }

  @Override
  public String toString() {
    return "MexcExchange" + rest.stack().metrics().upstreams().stream().map(HttpMetrics.Upstream::baseUrl).toList();
  }

  /** Fluent configuration of a {@link MexcExchange}. Not thread-safe. */
  public static final class Builder {
    private List<String> baseUrls = List.of("https://api.mexc.com");
    private Secret apiKey = Secret.empty();
    private Secret apiSecret = Secret.empty();
    private long recvWindowMs = 5000;
    private Duration httpTimeout = Duration.ofSeconds(10);
    private Clock clock = Clock.system();
    private Consumer<HttpStack.Builder> stackCustomizer = b -> { };

    private Builder() {}

    /** REST base URLs, preferred first; several enable failover (default {@code https://api.mexc.com}). */
    public Builder baseUrls(List<String> v) { this.baseUrls = List.copyOf(v); return this; }

    public Builder baseUrl(String v) { return baseUrls(List.of(v)); }

    public Builder apiKey(Secret v) { this.apiKey = Objects.requireNonNull(v); return this; }

    public Builder apiSecret(Secret v) { this.apiSecret = Objects.requireNonNull(v); return this; }

    /** {@code recvWindow} of signed requests, 1..60000 ms (default 5000). */
    public Builder recvWindowMillis(long v) { this.recvWindowMs = v; return this; }

    /** Per-attempt HTTP timeout (default 10 s). */
    public Builder httpTimeout(Duration v) { this.httpTimeout = Objects.requireNonNull(v); return this; }

    /** Clock for request timestamps and caches (default the system clock). */
    public Builder clock(Clock v) { this.clock = Objects.requireNonNull(v); return this; }

    /** Adjusts the HTTP stack (limits, retries, hedging, health checks, ban alert) before it is built. */
    public Builder httpStack(Consumer<HttpStack.Builder> v) { this.stackCustomizer = Objects.requireNonNull(v); return this; }

    public MexcExchange build() {
      HttpStack.Builder sb = HttpStack.builder()
          .baseUrls(baseUrls)
          .perAttemptTimeout(httpTimeout)
          .redactor(Redactor.of(apiKey, apiSecret));
      stackCustomizer.accept(sb);
      HttpStack stack = sb.build();
      return new MexcExchange(new MexcRestClient(stack, apiKey, apiSecret, recvWindowMs, clock), clock);
    }
  }
}
