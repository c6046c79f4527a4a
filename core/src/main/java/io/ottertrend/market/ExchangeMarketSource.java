package io.ottertrend.market;

import io.ottertrend.exchange.Exchange;
import io.ottertrend.model.BookTicker;
import io.ottertrend.model.Candle;
import io.ottertrend.model.Interval;
import io.ottertrend.model.OrderBook;
import io.ottertrend.model.PublicTrade;
import io.ottertrend.model.SymbolRules;
import io.ottertrend.model.Ticker;
import io.ottertrend.time.Clock;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Any {@link Exchange} used read-only as a market source — e.g. live MEXC public data for {@code ottertrend
 * paper --market mexc}. Only read methods are called. Traded ranges come from one-minute klines: a minute
 * counts once it is complete and began at or after {@code from} (conservative).
 *
 * <p><b>Thread-safety:</b> as the wrapped exchange (exchanges are thread-safe by contract). <b>Errors:</b> the
 * exchange's {@link io.ottertrend.exchange.ExchangeException}s pass through.
 */
public final class ExchangeMarketSource implements MarketSource {
  private static final long MINUTE = 60_000L;
  private final Exchange exchange;
  private final Clock clock;

  public ExchangeMarketSource(Exchange exchange, Clock clock) {
    this.exchange = Objects.requireNonNull(exchange, "exchange");
    this.clock = Objects.requireNonNull(clock, "clock");
  }

  @Override
  public String id() {
    return exchange.id();
  }

  @Override
  public long now() {
    return clock.millis();
  }

  @Override
  public List<SymbolRules> symbolRules() {
    return exchange.symbolRules();
  }

  @Override
  public Optional<SymbolRules> symbolRules(String symbol) {
    return exchange.symbolRules(symbol);
  }

  @Override
  public List<Ticker> tickers() {
    return exchange.tickers();
  }

  @Override
  public Ticker ticker(String symbol) {
    return exchange.ticker(symbol);
  }

  @Override
  public io.ottertrend.model.QuoteBoard quotes() {
    return exchange.quotes();
  }

  @Override
  public BookTicker bookTicker(String symbol) {
    return exchange.bookTicker(symbol);
  }

  @Override
  public OrderBook orderBook(String symbol, int limit) {
    return exchange.orderBook(symbol, limit);
  }

  @Override
  public List<Candle> klines(String symbol, Interval interval, Long startTime, Long endTime, int limit) {
    return exchange.klines(symbol, interval, startTime, endTime, limit);
  }

  @Override
  public List<PublicTrade> recentTrades(String symbol, int limit) {
    return exchange.recentTrades(symbol, limit);
  }

  @Override
  public Optional<PriceRange> tradedRange(String symbol, long from, long to) {
    long start = Buckets.ceil(Interval.M1, from);
    if (start + MINUTE > to) {
      return Optional.empty();
    }
    double low = Double.POSITIVE_INFINITY;
    double high = Double.NEGATIVE_INFINITY;
    long until = from;
    for (Candle c : exchange.klines(symbol, Interval.M1, start, to, 1000)) {
      if (c.openTime() >= start && c.openTime() + MINUTE <= to) {
        low = Math.min(low, c.low());
        high = Math.max(high, c.high());
        until = Math.max(until, c.openTime() + MINUTE);
      }
    }
    return until == from ? Optional.empty() : Optional.of(new PriceRange(low, high, until));
  }
}
