package io.ottertrend.risk;

import io.ottertrend.exchange.Exchange;
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
import java.util.List;
import java.util.Optional;
import java.util.function.LongSupplier;
import java.util.function.Supplier;

/** An exchange whose account calls are scripted; trading calls fail (pre-live checks never trade). */
final class FakeExchange implements Exchange {
  Supplier<List<Balance>> balances = () -> List.of(new Balance("USDT", new java.math.BigDecimal("100"), null));
  LongSupplier serverTime;
  Supplier<List<SymbolRules>> rules = () -> List.of(Fixtures.rules());

  FakeExchange(LongSupplier serverTime) {
    this.serverTime = serverTime;
  }

  @Override
  public String id() {
    return "fake";
  }

  @Override
  public List<SymbolRules> symbolRules() {
    return rules.get();
  }

  @Override
  public List<Balance> balances() {
    return balances.get();
  }

  @Override
  public long serverTime() {
    return serverTime.getAsLong();
  }

  private static UnsupportedOperationException unused() {
    return new UnsupportedOperationException("not used by pre-live checks");
  }

  @Override public List<Ticker> tickers() { throw unused(); }
  @Override public Ticker ticker(String symbol) { throw unused(); }
  @Override public BookTicker bookTicker(String symbol) { throw unused(); }
  @Override public OrderBook orderBook(String symbol, int limit) { throw unused(); }
  @Override public List<Candle> klines(String s, Interval i, Long start, Long end, int limit) { throw unused(); }
  @Override public List<PublicTrade> recentTrades(String symbol, int limit) { throw unused(); }
  @Override public OrderAck placeOrder(OrderRequest request) { throw unused(); }
  @Override public Order cancelOrder(String symbol, OrderRef ref) { throw unused(); }
  @Override public Optional<Order> queryOrder(String symbol, OrderRef ref) { throw unused(); }
  @Override public List<Order> openOrders(String symbol) { throw unused(); }
  @Override public List<Fill> myTrades(String symbol, long sinceMillis, int limit) { throw unused(); }
}
