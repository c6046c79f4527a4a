package io.ottertrend.testing;

import io.ottertrend.exchange.ExchangeException;
import io.ottertrend.market.MarketSource;
import io.ottertrend.model.BookTicker;
import io.ottertrend.model.Candle;
import io.ottertrend.model.Interval;
import io.ottertrend.model.OrderBook;
import io.ottertrend.model.PublicTrade;
import io.ottertrend.model.SymbolRules;
import io.ottertrend.model.Ticker;
import io.ottertrend.time.Clock;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * An {@link ExchangeScenario} as a {@link MarketSource}: the market a paper exchange under the conformance suite
 * fills against. The book, statistics and klines are the scenario's; time is the given clock's.
 */
public final class ScenarioMarket implements MarketSource {
  private final ExchangeScenario scenario;
  private final Clock clock;

  public ScenarioMarket(ExchangeScenario scenario, Clock clock) {
    this.scenario = scenario;
    this.clock = clock;
  }

  private ExchangeScenario.SymbolSpec spec(String symbol) {
    return scenario.symbol(symbol).orElseThrow(() -> new ExchangeException.UnknownSymbol(
        "Invalid symbol: " + symbol + " is not in the scenario", -1121));
  }

  @Override
  public String id() {
    return "scenario";
  }

  @Override
  public long now() {
    return clock.millis();
  }

  @Override
  public List<SymbolRules> symbolRules() {
    return scenario.symbols().stream().map(ExchangeScenario.SymbolSpec::rules).toList();
  }

  @Override
  public List<Ticker> tickers() {
    return scenario.symbols().stream().map(s -> ticker(s.symbol())).toList();
  }

  @Override
  public Ticker ticker(String symbol) {
    ExchangeScenario.SymbolSpec s = spec(symbol);
    double hi = s.klines().stream().mapToDouble(Candle::high).max().orElse(s.lastPrice().doubleValue());
    double lo = s.klines().stream().mapToDouble(Candle::low).min().orElse(s.lastPrice().doubleValue());
    double vol = s.klines().stream().mapToDouble(Candle::volume).sum();
    return new Ticker(symbol, s.lastPrice(), s.bids().isEmpty() ? null : s.bids().get(0).price(),
        s.asks().isEmpty() ? null : s.asks().get(0).price(), s.openPrice(), BigDecimal.valueOf(hi),
        BigDecimal.valueOf(lo), s.changeFraction(), BigDecimal.valueOf(vol), s.quoteVolume(), clock.millis());
  }

  @Override
  public BookTicker bookTicker(String symbol) {
    ExchangeScenario.SymbolSpec s = spec(symbol);
    return new BookTicker(symbol, s.bids().isEmpty() ? null : s.bids().get(0).price(),
        s.bids().isEmpty() ? null : s.bids().get(0).quantity(), s.asks().isEmpty() ? null : s.asks().get(0).price(),
        s.asks().isEmpty() ? null : s.asks().get(0).quantity());
  }

  @Override
  public OrderBook orderBook(String symbol, int limit) {
    ExchangeScenario.SymbolSpec s = spec(symbol);
    return new OrderBook(symbol, s.bids().subList(0, Math.min(limit, s.bids().size())),
        s.asks().subList(0, Math.min(limit, s.asks().size())), clock.millis());
  }

  @Override
  public List<Candle> klines(String symbol, Interval interval, Long startTime, Long endTime, int limit) {
    List<Candle> all = new ArrayList<>();
    for (Candle c : spec(symbol).klines()) {
      if ((startTime == null || c.openTime() >= startTime) && (endTime == null || c.openTime() <= endTime)
          && c.closeTime() < clock.millis()) {
        all.add(c);
      }
    }
    int n = Math.min(limit <= 0 ? 500 : limit, 1000);
    return startTime != null ? all.subList(0, Math.min(n, all.size()))
        : all.subList(Math.max(0, all.size() - n), all.size());
  }

  @Override
  public List<PublicTrade> recentTrades(String symbol, int limit) {
    List<PublicTrade> out = new ArrayList<>();
    for (Candle c : klines(symbol, Interval.M1, null, null, limit)) {
      BigDecimal p = BigDecimal.valueOf(c.close());
      out.add(new PublicTrade(symbol, p, BigDecimal.ONE, p, c.closeTime(), false));
    }
    return out;
  }

  @Override
  public Optional<PriceRange> tradedRange(String symbol, long from, long to) {
    double lo = Double.POSITIVE_INFINITY;
    double hi = Double.NEGATIVE_INFINITY;
    long until = from;
    for (Candle c : spec(symbol).klines()) {
      if (c.openTime() >= from && c.closeTime() < to) {
        lo = Math.min(lo, c.low());
        hi = Math.max(hi, c.high());
        until = c.closeTime() + 1;
      }
    }
    return until == from ? Optional.empty() : Optional.of(new PriceRange(lo, hi, until));
  }
}
