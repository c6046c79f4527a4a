package io.ottertrend.signals;

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
import java.math.BigDecimal;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;

/** An exchange that only serves symbol rules and tickers set by the test; everything else is unsupported. */
public final class FakeExchange implements Exchange {
  public final List<SymbolRules> rules = new CopyOnWriteArrayList<>();
  public final List<Ticker> tickers = new CopyOnWriteArrayList<>();
  public volatile RuntimeException failure;
  /** When set, {@link #symbolRules()} blocks until it opens: a hung exchange. */
  public volatile java.util.concurrent.CountDownLatch gate;

  public FakeExchange withSymbols(String... bases) {
    for (String b : bases) {
      rules.add(SymbolRules.builder(b + "USDT", b, "USDT").build());
    }
    return this;
  }

  public static Ticker ticker(String symbol, double change, String quoteVolume) {
    BigDecimal p = BigDecimal.ONE;
    return new Ticker(symbol, p, p, p, p, p, p, change, BigDecimal.TEN, new BigDecimal(quoteVolume), 0);
  }

  @Override public String id() { return "fake"; }

  @Override
  public List<SymbolRules> symbolRules() {
    if (gate != null) {
      try {
        gate.await();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException("interrupted while hanging", e);
      }
    }
    if (failure != null) {
      throw failure;
    }
    return List.copyOf(rules);
  }

  @Override
  public List<Ticker> tickers() {
    if (failure != null) {
      throw failure;
    }
    return List.copyOf(tickers);
  }

  private static UnsupportedOperationException no() {
    return new UnsupportedOperationException("not used by signals");
  }

  @Override public Ticker ticker(String symbol) { throw no(); }
  @Override public BookTicker bookTicker(String symbol) { throw no(); }
  @Override public OrderBook orderBook(String symbol, int limit) { throw no(); }
  @Override public List<Candle> klines(String s, Interval i, Long a, Long b, int l) { throw no(); }
  @Override public List<PublicTrade> recentTrades(String symbol, int limit) { throw no(); }
  @Override public List<Balance> balances() { throw no(); }
  @Override public OrderAck placeOrder(OrderRequest request) { throw no(); }
  @Override public Order cancelOrder(String symbol, OrderRef ref) { throw no(); }
  @Override public Optional<Order> queryOrder(String symbol, OrderRef ref) { throw no(); }
  @Override public List<Order> openOrders(String symbol) { throw no(); }
  @Override public List<Fill> myTrades(String symbol, long sinceMillis, int limit) { throw no(); }
  @Override public long serverTime() { throw no(); }

  /** Any exchange failure for tests. */
  public static ExchangeException down() {
    return new ExchangeException.RateLimited("exchange says slow down", java.time.Duration.ofSeconds(1));
  }
}
