package io.ottertrend.exchange.paper;

import io.ottertrend.exchange.ExchangeException;
import io.ottertrend.market.MarketSource;
import io.ottertrend.model.BookLevel;
import io.ottertrend.model.BookTicker;
import io.ottertrend.model.Candle;
import io.ottertrend.model.Interval;
import io.ottertrend.model.OrderBook;
import io.ottertrend.model.PublicTrade;
import io.ottertrend.model.SymbolRules;
import io.ottertrend.model.Ticker;
import io.ottertrend.time.SimulatedClock;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** A market whose books and traded prices the test sets by hand. */
final class ScriptedMarket implements MarketSource {
  private record Print(String symbol, long time, double price) {}

  final SimulatedClock clock;
  private final Map<String, SymbolRules> rules = new LinkedHashMap<>();
  private final Map<String, OrderBook> books = new LinkedHashMap<>();
  private final List<Print> prints = new ArrayList<>();

  ScriptedMarket(SimulatedClock clock) {
    this.clock = clock;
  }

  ScriptedMarket rules(SymbolRules r) {
    rules.put(r.symbol(), r);
    return this;
  }

  /** Sets the book from "price:qty" strings. */
  ScriptedMarket book(String symbol, List<String> bids, List<String> asks) {
    books.put(symbol, new OrderBook(symbol, levels(bids), levels(asks), clock.millis()));
    return this;
  }

  /** A trade printed now at {@code price}. */
  void print(String symbol, double price) {
    prints.add(new Print(symbol, clock.millis(), price));
  }

  private static List<BookLevel> levels(List<String> spec) {
    List<BookLevel> out = new ArrayList<>();
    for (String s : spec) {
      String[] pq = s.split(":");
      out.add(new BookLevel(new BigDecimal(pq[0]), new BigDecimal(pq[1])));
    }
    return out;
  }

  @Override
  public String id() {
    return "scripted";
  }

  @Override
  public long now() {
    return clock.millis();
  }

  @Override
  public List<SymbolRules> symbolRules() {
    return List.copyOf(rules.values());
  }

  private void known(String symbol) {
    if (!rules.containsKey(symbol)) {
      throw new ExchangeException.UnknownSymbol("Invalid symbol " + symbol, -1121);
    }
  }

  @Override
  public List<Ticker> tickers() {
    List<Ticker> out = new ArrayList<>();
    for (String s : books.keySet()) {
      out.add(ticker(s));
    }
    return out;
  }

  @Override
  public Ticker ticker(String symbol) {
    OrderBook b = orderBook(symbol, 1);
    BigDecimal last = b.bestBid();
    return new Ticker(symbol, last, b.bestBid(), b.bestAsk(), last, last, last, 0, BigDecimal.ONE, last,
        clock.millis());
  }

  @Override
  public BookTicker bookTicker(String symbol) {
    OrderBook b = orderBook(symbol, 1);
    return new BookTicker(symbol, b.bestBid(), b.bids().get(0).quantity(), b.bestAsk(), b.asks().get(0).quantity());
  }

  @Override
  public OrderBook orderBook(String symbol, int limit) {
    known(symbol);
    OrderBook b = books.getOrDefault(symbol, new OrderBook(symbol, List.of(), List.of(), 0));
    return new OrderBook(symbol, b.bids().subList(0, Math.min(limit, b.bids().size())),
        b.asks().subList(0, Math.min(limit, b.asks().size())), clock.millis());
  }

  @Override
  public List<Candle> klines(String symbol, Interval interval, Long startTime, Long endTime, int limit) {
    known(symbol);
    return List.of();
  }

  @Override
  public List<PublicTrade> recentTrades(String symbol, int limit) {
    known(symbol);
    return List.of();
  }

  @Override
  public Optional<PriceRange> tradedRange(String symbol, long from, long to) {
    double low = Double.POSITIVE_INFINITY;
    double high = Double.NEGATIVE_INFINITY;
    for (Print p : prints) {
      if (p.symbol.equals(symbol) && p.time >= from && p.time < to) {
        low = Math.min(low, p.price);
        high = Math.max(high, p.price);
      }
    }
    return low > high ? Optional.empty() : Optional.of(new PriceRange(low, high, to));
  }
}
