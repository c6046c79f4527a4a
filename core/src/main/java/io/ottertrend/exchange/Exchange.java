package io.ottertrend.exchange;

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

/**
 * A spot exchange: market data, balances and orders. Spot only, no margin, and — by design — no method
 * that withdraws, transfers or deposits funds.
 *
 * <p><b>Thread-safety:</b> implementations are safe for concurrent use.
 *
 * <p><b>Errors:</b> every method throws only {@link ExchangeException} subtypes (unchecked). In particular
 * {@link #placeOrder(OrderRequest)} throws {@link ExchangeException.OutcomeUnknown} when the request may
 * have reached the exchange but no answer came back: the caller must then resolve the order with
 * {@link #queryOrder(String, OrderRef)} by client order id, never re-send it.
 *
 * <p>Implementations: {@code mexc} (the real exchange) and {@code paper} (a simulated wallet filling
 * against a market source); both pass the same conformance suite.
 */
public interface Exchange extends AutoCloseable {

  /** Registry name of this implementation, e.g. {@code mexc} or {@code paper}. */
  String id();

  /** Trading rules of every listed symbol (including ones not tradable via API, flagged as such). */
  List<SymbolRules> symbolRules();

  /** Trading rules of one symbol, if listed. */
  default Optional<SymbolRules> symbolRules(String symbol) {
    return symbolRules().stream().filter(r -> r.symbol().equals(symbol)).findFirst();
  }

  /** 24 h statistics of every symbol. */
  List<Ticker> tickers();

  /** 24 h statistics of one symbol. */
  Ticker ticker(String symbol);

  /**
   * The same statistics as {@link #tickers()} in columns of {@code double}, for loops that read every symbol each
   * cycle. The default builds the board from {@link #tickers()} (same request, same weight); simulated exchanges
   * answer from their bars without building a ticker per symbol.
   */
  default io.ottertrend.model.QuoteBoard quotes() {
    return io.ottertrend.model.QuoteBoard.of(tickers());
  }

  /** Best bid and ask of one symbol. */
  BookTicker bookTicker(String symbol);

  /** Order book snapshot with at most {@code limit} levels per side. */
  OrderBook orderBook(String symbol, int limit);

  /**
   * Klines keyed by open time, oldest first.
   *
   * @param startTime inclusive start in epoch milliseconds, or {@code null}
   * @param endTime inclusive end in epoch milliseconds, or {@code null}
   * @param limit at most this many bars (MEXC caps at 1000)
   */
  List<Candle> klines(String symbol, Interval interval, Long startTime, Long endTime, int limit);

  /** Most recent public trades, newest last. */
  List<PublicTrade> recentTrades(String symbol, int limit);

  /** Non-zero balances of the account. */
  List<Balance> balances();

  /**
   * Places an order. Never retried blindly by the implementation.
   *
   * @throws ExchangeException.OutcomeUnknown when the order may exist; resolve it by client order id
   */
  OrderAck placeOrder(OrderRequest request);

  /** Cancels an order; returns its final state as reported by the exchange. */
  Order cancelOrder(String symbol, OrderRef ref);

  /** Looks an order up by exchange id or client order id; empty when the exchange does not know it. */
  Optional<Order> queryOrder(String symbol, OrderRef ref);

  /** Open orders of one symbol, or of every symbol when {@code symbol} is {@code null}. */
  List<Order> openOrders(String symbol);

  /** Our fills in {@code symbol} since {@code sinceMillis} (inclusive), oldest first. */
  List<Fill> myTrades(String symbol, long sinceMillis, int limit);

  /** Exchange server time in epoch milliseconds. */
  long serverTime();

  /** Releases connections and threads. Idempotent. */
  @Override
  default void close() {}
}
