package io.ottertrend.testing;

import io.ottertrend.exchange.Exchange;
import io.ottertrend.exchange.ExchangeException;
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
import io.ottertrend.model.PublicTrade;
import io.ottertrend.model.SymbolRules;
import io.ottertrend.model.Ticker;
import io.ottertrend.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.TreeMap;

/**
 * An {@link Exchange} that delegates to another (the paper exchange) and injects faults from a seeded random:
 * reads fail as {@link ExchangeException.Unavailable} (timeouts, 503), a placement sometimes answers
 * {@link ExchangeException.OutcomeUnknown} <i>after</i> the order was placed (the reply was lost), sometimes
 * {@link ExchangeException.RateLimited} before anything is sent, and during stale gaps the tickers stop
 * moving and keep the timestamps of the gap's start. Counts what it injected. Not thread-safe (one agent thread).
 */
public final class FaultyExchange implements Exchange {
  /** Fault rates and gaps. */
  public record Faults(double readFailure, double lostPlacementReply, double placementRateLimit,
      Duration staleEvery, Duration staleFor) {
    public static Faults standard() {
      return new Faults(0.02, 0.05, 0.03, Duration.ofHours(6), Duration.ofMinutes(20));
    }
  }

  private final Exchange delegate;
  private final Random random;
  private final Clock clock;
  private final Faults faults;
  private final long origin;
  private final Map<String, Long> injected = new TreeMap<>();
  private boolean quiet;
  private List<Ticker> frozen;

  public FaultyExchange(Exchange delegate, long seed, Clock clock, Faults faults) {
    this.delegate = delegate;
    this.random = new Random(seed);
    this.clock = clock;
    this.faults = faults;
    this.origin = clock.millis();
  }

  /** Stops injecting (for the final reconciliation). */
  public void quiet() {
    quiet = true;
  }

  /** Faults injected so far, by kind. */
  public Map<String, Long> injected() {
    return Map.copyOf(injected);
  }

  private void count(String kind) {
    injected.merge(kind, 1L, Long::sum);
  }

  private void read(String what) {
    if (!quiet && random.nextDouble() < faults.readFailure()) {
      boolean timeout = random.nextBoolean();
      count(timeout ? "read timeout" : "read 503");
      throw new ExchangeException.Unavailable("injected " + (timeout ? "timeout" : "503") + " on " + what,
          timeout ? 0 : 503);
    }
  }

  private boolean stale() {
    if (quiet) {
      return false;
    }
    long into = (clock.millis() - origin) % faults.staleEvery().toMillis();
    // the gap sits in the middle of each period, so the run starts and ends on fresh data
    long start = faults.staleEvery().toMillis() / 2;
    return into >= start && into < start + faults.staleFor().toMillis();
  }

  @Override
  public String id() {
    return delegate.id();
  }

  @Override
  public List<SymbolRules> symbolRules() {
    return delegate.symbolRules();
  }

  @Override
  public List<Ticker> tickers() {
    read("tickers");
    if (stale()) {
      if (frozen == null) {
        frozen = delegate.tickers();
        count("stale gap");
      }
      count("stale tickers");
      return frozen;
    }
    frozen = null;
    return delegate.tickers();
  }

  @Override
  public Ticker ticker(String symbol) {
    read("ticker");
    return delegate.ticker(symbol);
  }

  @Override
  public BookTicker bookTicker(String symbol) {
    read("bookTicker");
    return delegate.bookTicker(symbol);
  }

  @Override
  public OrderBook orderBook(String symbol, int limit) {
    read("orderBook");
    return delegate.orderBook(symbol, limit);
  }

  @Override
  public List<Candle> klines(String symbol, Interval interval, Long startTime, Long endTime, int limit) {
    read("klines");
    return delegate.klines(symbol, interval, startTime, endTime, limit);
  }

  @Override
  public List<PublicTrade> recentTrades(String symbol, int limit) {
    read("recentTrades");
    return delegate.recentTrades(symbol, limit);
  }

  @Override
  public List<Balance> balances() {
    read("balances");
    return delegate.balances();
  }

  @Override
  public OrderAck placeOrder(OrderRequest request) {
    if (!quiet && random.nextDouble() < faults.placementRateLimit()) {
      count("placement rate limit");
      throw new ExchangeException.RateLimited("injected 429 on placement", Duration.ofSeconds(1));
    }
    OrderAck ack = delegate.placeOrder(request);
    if (!quiet && random.nextDouble() < faults.lostPlacementReply()) {
      count("placement outcome unknown");
      throw new ExchangeException.OutcomeUnknown("injected: reply lost after the order was placed",
          request.clientOrderId(), null);
    }
    return ack;
  }

  @Override
  public Order cancelOrder(String symbol, OrderRef ref) {
    read("cancel");
    return delegate.cancelOrder(symbol, ref);
  }

  @Override
  public Optional<Order> queryOrder(String symbol, OrderRef ref) {
    read("queryOrder");
    return delegate.queryOrder(symbol, ref);
  }

  @Override
  public List<Order> openOrders(String symbol) {
    read("openOrders");
    return delegate.openOrders(symbol);
  }

  @Override
  public List<Fill> myTrades(String symbol, long sinceMillis, int limit) {
    read("myTrades");
    return delegate.myTrades(symbol, sinceMillis, limit);
  }

  @Override
  public long serverTime() {
    return delegate.serverTime();
  }

  @Override
  public void close() {
    delegate.close();
  }
}
