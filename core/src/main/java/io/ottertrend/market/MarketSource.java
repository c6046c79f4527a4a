package io.ottertrend.market;

import io.ottertrend.model.BookTicker;
import io.ottertrend.model.Candle;
import io.ottertrend.model.Interval;
import io.ottertrend.model.OrderBook;
import io.ottertrend.model.PublicTrade;
import io.ottertrend.model.SymbolRules;
import io.ottertrend.model.Ticker;
import java.util.List;
import java.util.Optional;

/**
 * A read-only market at the current time of a {@link io.ottertrend.time.Clock}: symbol rules, tickers, books,
 * klines and trades, plus the traded price range between two instants that a simulated exchange needs to
 * decide whether a resting limit order was traded through.
 *
 * <p>A source never shows the future: klines, trades and ranges only contain what has happened at or before
 * the clock's current time.
 *
 * <p><b>Thread-safety:</b> implementations are safe for concurrent use. <b>Errors:</b> unknown symbols raise
 * {@link io.ottertrend.exchange.ExchangeException.UnknownSymbol}; sources backed by a network raise the other
 * {@link io.ottertrend.exchange.ExchangeException} types.
 */
public interface MarketSource extends AutoCloseable {

  /** Short name for banners and run records, e.g. {@code synthetic}, {@code history}, {@code mexc}. */
  String id();

  /** Current time of this market in epoch milliseconds (its clock). */
  long now();

  /** Rules of every listed symbol, API-tradable or not. */
  List<SymbolRules> symbolRules();

  /** Rules of one symbol, if listed. */
  default Optional<SymbolRules> symbolRules(String symbol) {
    return symbolRules().stream().filter(r -> r.symbol().equals(symbol)).findFirst();
  }

  /** 24 h statistics of every symbol that has traded. */
  List<Ticker> tickers();

  /** 24 h statistics of one symbol. */
  Ticker ticker(String symbol);

  /**
   * The statistics of {@link #tickers()} in columns of {@code double} (see {@link io.ottertrend.model.QuoteBoard}).
   * The default builds the board from {@link #tickers()}; bar-backed sources answer in O(1) per symbol.
   */
  default io.ottertrend.model.QuoteBoard quotes() {
    return io.ottertrend.model.QuoteBoard.of(tickers());
  }

  /** Best bid and ask. */
  BookTicker bookTicker(String symbol);

  /** Book snapshot with at most {@code limit} levels per side, consistent with the last price and spread. */
  OrderBook orderBook(String symbol, int limit);

  /** Klines keyed by open time, oldest first, never beyond the current time (see {@code Exchange#klines}). */
  List<Candle> klines(String symbol, Interval interval, Long startTime, Long endTime, int limit);

  /** Most recent public trades, newest last. */
  List<PublicTrade> recentTrades(String symbol, int limit);

  /**
   * Lowest and highest price of the trading that happened entirely within {@code [from, to]}, or empty when
   * nothing did. Sources that only know bars count a bar only when it began at or after {@code from} and ended
   * at or before {@code to} (conservative: a bar that straddles {@code from} may contain trades from before).
   * {@link PriceRange#coveredUntil()} says where the covered span ends: the next query continues from there so
   * that nothing is counted twice or skipped. A paper exchange fills a resting limit order only when the price
   * traded through it within this range.
   */
  Optional<PriceRange> tradedRange(String symbol, long from, long to);

  @Override
  default void close() {}

  /**
   * Lowest and highest traded price over a time span.
   *
   * @param low lowest traded price
   * @param high highest traded price
   * @param coveredUntil end of the span the range covers, epoch milliseconds (exclusive)
   */
  record PriceRange(double low, double high, long coveredUntil) {
    public PriceRange {
      if (!(low <= high)) {
        throw new IllegalArgumentException("low must be <= high: " + low + " > " + high);
      }
    }
  }
}
