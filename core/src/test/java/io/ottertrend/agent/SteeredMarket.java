package io.ottertrend.agent;

import io.ottertrend.exchange.ExchangeException;
import io.ottertrend.market.MarketSource;
import io.ottertrend.model.BookLevel;
import io.ottertrend.model.BookTicker;
import io.ottertrend.model.Candle;
import io.ottertrend.model.Interval;
import io.ottertrend.model.OrderBook;
import io.ottertrend.model.PublicTrade;
import io.ottertrend.model.Side;
import io.ottertrend.model.SymbolRules;
import io.ottertrend.model.Ticker;
import io.ottertrend.time.Clock;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A liquid market whose prices the test moves by hand: each symbol trades at one price with a 0.1 % spread and a
 * deep book, and every move is a print a paper exchange sees in {@link #tradedRange}, so that a resting limit fills
 * exactly when the test moves the price through it. Not thread-safe (one agent thread).
 */
final class SteeredMarket implements MarketSource {
  private static final BigDecimal HALF_SPREAD = new BigDecimal("0.0005");
  private static final BigDecimal DEPTH = new BigDecimal("1000000");

  private record Print(long at, double price) {}

  private final Clock clock;
  private final Map<String, SymbolRules> rules = new LinkedHashMap<>();
  private final Map<String, BigDecimal> prices = new LinkedHashMap<>();
  private final Map<String, List<Print>> prints = new LinkedHashMap<>();

  SteeredMarket(Clock clock) {
    this.clock = clock;
  }

  /** Lists {@code r} trading at {@code price}. */
  SteeredMarket list(SymbolRules r, String price) {
    rules.put(r.symbol(), r);
    prints.put(r.symbol(), new ArrayList<>());
    move(r.symbol(), price);
    return this;
  }

  /** The price of {@code symbol} from now on; a trade prints there now. */
  void move(String symbol, String price) {
    BigDecimal p = new BigDecimal(price);
    prices.put(symbol, p);
    prints.get(symbol).add(new Print(clock.millis(), p.doubleValue()));
  }

  private BigDecimal price(String symbol) {
    BigDecimal p = prices.get(symbol);
    if (p == null) {
      throw new ExchangeException.UnknownSymbol("Invalid symbol: " + symbol, -1121);
    }
    return p;
  }

  private BigDecimal bid(String symbol) {
    return rules.get(symbol).roundPrice(price(symbol).multiply(BigDecimal.ONE.subtract(HALF_SPREAD)), Side.BUY);
  }

  private BigDecimal ask(String symbol) {
    return rules.get(symbol).roundPrice(price(symbol).multiply(BigDecimal.ONE.add(HALF_SPREAD)), Side.SELL);
  }

  @Override
  public String id() {
    return "steered";
  }

  @Override
  public long now() {
    return clock.millis();
  }

  @Override
  public List<SymbolRules> symbolRules() {
    return List.copyOf(rules.values());
  }

  @Override
  public List<Ticker> tickers() {
    return prices.keySet().stream().map(this::ticker).toList();
  }

  @Override
  public Ticker ticker(String symbol) {
    BigDecimal p = price(symbol);
    return new Ticker(symbol, p, bid(symbol), ask(symbol), p, p, p, 0, DEPTH, new BigDecimal("10000000"),
        clock.millis());
  }

  @Override
  public BookTicker bookTicker(String symbol) {
    return new BookTicker(symbol, bid(symbol), DEPTH, ask(symbol), DEPTH);
  }

  @Override
  public OrderBook orderBook(String symbol, int limit) {
    return new OrderBook(symbol, List.of(new BookLevel(bid(symbol), DEPTH)), List.of(new BookLevel(ask(symbol), DEPTH)),
        clock.millis());
  }

  @Override
  public List<Candle> klines(String symbol, Interval interval, Long startTime, Long endTime, int limit) {
    price(symbol);
    return List.of();
  }

  @Override
  public List<PublicTrade> recentTrades(String symbol, int limit) {
    price(symbol);
    return List.of();
  }

  @Override
  public Optional<PriceRange> tradedRange(String symbol, long from, long to) {
    price(symbol);
    double lo = Double.POSITIVE_INFINITY;
    double hi = Double.NEGATIVE_INFINITY;
    for (Print p : prints.get(symbol)) {
      if (p.at() >= from && p.at() <= to) {
        lo = Math.min(lo, p.price());
        hi = Math.max(hi, p.price());
      }
    }
    return lo > hi ? Optional.empty() : Optional.of(new PriceRange(lo, hi, to + 1));
  }
}
