package io.ottertrend.exchange;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.ottertrend.exchange.ExchangeException.InvalidReason;
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
import io.ottertrend.model.OrderStatus;
import io.ottertrend.model.OrderType;
import io.ottertrend.model.PublicTrade;
import io.ottertrend.model.Side;
import io.ottertrend.model.SymbolRules;
import io.ottertrend.model.Ticker;
import io.ottertrend.testing.ExchangeScenario;
import java.math.BigDecimal;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The behaviour every {@link Exchange} must show, whatever is behind it. A subclass provides the exchange under
 * test, set up with an {@link ExchangeScenario} ({@link ExchangeScenario#standard()} unless {@link #scenario()} is
 * overridden); everything else is here.
 *
 * <h2>Contract for subclasses</h2>
 * <ul>
 *   <li>{@link #createExchange(ExchangeScenario)} returns a fresh exchange per test whose market is the scenario
 *       (symbols and rules, external book, 24 h statistics, 1-minute klines) and whose wallet holds the scenario's
 *       balances. It is closed after each test; {@link #afterExchangeClosed()} may release more.
 *   <li>Fills follow the model documented on {@link ExchangeScenario}: buys walk the asks, sells the bids, each
 *       level at its own price; the remainder rests (LIMIT, LIMIT_MAKER) or is cancelled (IOC, FOK).
 *   <li>Pre-trade rounding follows {@link SymbolRules}: price to the tick (down for buys, up for sells), quantity
 *       truncated to the step; a quantity or price below one increment is {@link InvalidReason#PRECISION}; the
 *       minimum notional is checked after rounding ({@link InvalidReason#BELOW_MIN_NOTIONAL}) and nothing is placed.
 *   <li>Order statuses and fills are visible at once after {@code placeOrder} returns (MEXC's fake executes
 *       synchronously; a paper exchange fills on placement).
 * </ul>
 */
public abstract class ExchangeConformanceTest {
  private static final AtomicInteger IDS = new AtomicInteger();

  /** The exchange under test, fresh per test. */
  protected Exchange exchange;

  /** Creates the exchange under test, set up with {@code scenario}. */
  protected abstract Exchange createExchange(ExchangeScenario scenario) throws Exception;

  /** The scenario of every test (default {@link ExchangeScenario#standard()}). */
  protected ExchangeScenario scenario() {
    return ExchangeScenario.standard();
  }

  /** Releases whatever else the subclass created (servers, files); called after the exchange is closed. */
  protected void afterExchangeClosed() throws Exception {}

  @BeforeEach
  final void createExchangeUnderTest() throws Exception {
    exchange = createExchange(scenario());
  }

  @AfterEach
  final void closeExchangeUnderTest() throws Exception {
    if (exchange != null) {
      exchange.close();
    }
    afterExchangeClosed();
  }

  /** A fresh client order id. */
  protected static String cid() {
    return "conf-" + System.nanoTime() % 1_000_000_000L + "-" + IDS.incrementAndGet();
  }

  private static BigDecimal d(String s) {
    return new BigDecimal(s);
  }

  private BigDecimal total(String asset) {
    return exchange.balances().stream().filter(b -> b.asset().equals(asset)).map(Balance::total).findFirst()
        .orElse(BigDecimal.ZERO);
  }

  private Balance balance(String asset) {
    return exchange.balances().stream().filter(b -> b.asset().equals(asset)).findFirst()
        .orElse(new Balance(asset, BigDecimal.ZERO, BigDecimal.ZERO));
  }

  private Order query(String symbol, OrderRef ref) {
    return exchange.queryOrder(symbol, ref).orElseThrow(() -> new AssertionError("order not found: " + ref));
  }

  // --- market data --------------------------------------------------------------------------------------------

  @Test
  void symbolRulesListEverySymbolWithItsRules() {
    List<SymbolRules> rules = exchange.symbolRules();
    assertThat(rules).extracting(SymbolRules::symbol)
        .contains("BTCUSDT", "MEMEUSDT", "NOAPIUSDT", "NOMKTUSDT", "ETHUSDT");
    SymbolRules btc = exchange.symbolRules("BTCUSDT").orElseThrow();
    assertThat(btc.baseAsset()).isEqualTo("BTC");
    assertThat(btc.quoteAsset()).isEqualTo("USDT");
    assertThat(btc.tickSize()).isEqualByComparingTo("0.01");
    assertThat(btc.stepSize()).isEqualByComparingTo("0.000001");
    assertThat(btc.minNotional()).isEqualByComparingTo("1");
    assertThat(btc.apiTradable()).isTrue();
    assertThat(btc.canTrade(Side.BUY)).isTrue();
    assertThat(btc.takerFee()).isEqualByComparingTo("0.0005");
    assertThat(exchange.symbolRules("MEMEUSDT").orElseThrow().tickSize()).isEqualByComparingTo("0.00000001");
    assertThat(exchange.symbolRules("NOAPIUSDT").orElseThrow().apiTradable()).isFalse();
    assertThat(exchange.symbolRules("NOMKTUSDT").orElseThrow().orderTypes())
        .contains(OrderType.LIMIT).doesNotContain(OrderType.MARKET);
    assertThat(exchange.symbolRules("NOPEUSDT")).isEmpty();
  }

  @Test
  void tickersCoverEverySymbolWithChangeAsAFraction() {
    List<Ticker> all = exchange.tickers();
    assertThat(all).extracting(Ticker::symbol).contains("BTCUSDT", "MEMEUSDT", "ETHUSDT", "NOAPIUSDT");
    Ticker btc = all.stream().filter(t -> t.symbol().equals("BTCUSDT")).findFirst().orElseThrow();
    assertThat(btc.lastPrice()).isEqualByComparingTo("50000");
    assertThat(btc.changeFraction()).isCloseTo(2000.0 / 48000, within(1e-3));
    assertThat(btc.quoteVolume()).isEqualByComparingTo("55000000");
    Ticker eth = exchange.ticker("ETHUSDT");
    assertThat(eth.changeFraction()).isCloseTo(-100.0 / 3100, within(1e-3));
    assertThat(exchange.ticker("MEMEUSDT").lastPrice()).isEqualByComparingTo("0.00000123");
  }

  @Test
  void unknownSymbolInMarketDataIsUnknownSymbol() {
    assertThatThrownBy(() -> exchange.ticker("NOPEUSDT")).isInstanceOf(ExchangeException.UnknownSymbol.class);
    assertThatThrownBy(() -> exchange.orderBook("NOPEUSDT", 5)).isInstanceOf(ExchangeException.UnknownSymbol.class);
  }

  @Test
  void bookTickerAndOrderBookShowTheScenarioBook() {
    BookTicker bt = exchange.bookTicker("BTCUSDT");
    assertThat(bt.bidPrice()).isEqualByComparingTo("49990");
    assertThat(bt.askPrice()).isEqualByComparingTo("50000");
    OrderBook book = exchange.orderBook("BTCUSDT", 10);
    assertThat(book.bids()).hasSize(2);
    assertThat(book.bids().get(0).price()).isEqualByComparingTo("49990");
    assertThat(book.bids().get(1).price()).isEqualByComparingTo("49980");
    assertThat(book.asks().get(0).price()).isEqualByComparingTo("50000");
    assertThat(book.asks().get(0).quantity()).isEqualByComparingTo("0.5");
    assertThat(exchange.orderBook("BTCUSDT", 1).asks()).hasSize(1);
  }

  @Test
  void klinesAreOldestFirstAndHonourLimitAndStart() {
    List<Candle> last10 = exchange.klines("BTCUSDT", Interval.M1, null, null, 10);
    assertThat(last10).hasSize(10);
    for (int i = 1; i < last10.size(); i++) {
      assertThat(last10.get(i).openTime()).isGreaterThan(last10.get(i - 1).openTime());
    }
    assertThat(last10.get(9).close()).isCloseTo(50000, within(1.0));
    long start = ExchangeScenario.STANDARD_NOW - 30 * 60_000L;
    List<Candle> fromStart = exchange.klines("BTCUSDT", Interval.M1, start, null, 5);
    assertThat(fromStart).hasSize(5);
    assertThat(fromStart.get(0).openTime()).isGreaterThanOrEqualTo(start);
  }

  @Test
  void recentTradesAreNewestLast() {
    List<PublicTrade> trades = exchange.recentTrades("BTCUSDT", 10);
    for (int i = 1; i < trades.size(); i++) {
      assertThat(trades.get(i).time()).isGreaterThanOrEqualTo(trades.get(i - 1).time());
    }
    assertThat(trades).allSatisfy(t -> assertThat(t.symbol()).isEqualTo("BTCUSDT"));
  }

  @Test
  void serverTimeIsPositive() {
    assertThat(exchange.serverTime()).isPositive();
  }

  // --- orders -------------------------------------------------------------------------------------------------

  @Test
  void restingLimitOrderCanBeQueriedByBothIdsListedAndCancelledByClientId() {
    String id = cid();
    OrderAck ack = exchange.placeOrder(OrderRequest.limit("BTCUSDT", Side.BUY, d("0.001"), d("49000"), id));
    assertThat(ack.clientOrderId()).isEqualTo(id);
    assertThat(ack.orderId()).isNotBlank();

    Order byExchangeId = query("BTCUSDT", OrderRef.exchangeId(ack.orderId()));
    Order byClientId = query("BTCUSDT", OrderRef.clientId(id));
    assertThat(byExchangeId.orderId()).isEqualTo(byClientId.orderId()).isEqualTo(ack.orderId());
    assertThat(byClientId.clientOrderId()).isEqualTo(id);
    assertThat(byClientId.status()).isEqualTo(OrderStatus.NEW);
    assertThat(byClientId.side()).isEqualTo(Side.BUY);
    assertThat(byClientId.type()).isEqualTo(OrderType.LIMIT);
    assertThat(byClientId.price()).isEqualByComparingTo("49000");
    assertThat(byClientId.origQty()).isEqualByComparingTo("0.001");
    assertThat(byClientId.executedQty()).isEqualByComparingTo("0");

    assertThat(exchange.openOrders("BTCUSDT")).extracting(Order::orderId).containsExactly(ack.orderId());
    assertThat(exchange.openOrders(null)).extracting(Order::orderId).contains(ack.orderId());
    assertThat(balance("USDT").locked()).isEqualByComparingTo("49");
    assertThat(balance("USDT").free()).isEqualByComparingTo("951");

    Order cancelled = exchange.cancelOrder("BTCUSDT", OrderRef.clientId(id));
    assertThat(cancelled.status()).isEqualTo(OrderStatus.CANCELED);
    assertThat(query("BTCUSDT", OrderRef.clientId(id)).status()).isEqualTo(OrderStatus.CANCELED);
    assertThat(exchange.openOrders("BTCUSDT")).isEmpty();
    assertThat(balance("USDT").free()).isEqualByComparingTo("1000");
    assertThat(balance("USDT").locked()).isEqualByComparingTo("0");
  }

  @Test
  void restingOrderCanBeCancelledByExchangeId() {
    OrderAck ack = exchange.placeOrder(new OrderRequest("BTCUSDT", Side.BUY, OrderType.LIMIT_MAKER, d("0.001"), null,
        d("49000"), cid()));
    assertThat(query("BTCUSDT", OrderRef.exchangeId(ack.orderId())).status()).isEqualTo(OrderStatus.NEW);
    Order c = exchange.cancelOrder("BTCUSDT", OrderRef.exchangeId(ack.orderId()));
    assertThat(c.status()).isEqualTo(OrderStatus.CANCELED);
    assertThat(exchange.openOrders(null)).isEmpty();
  }

  @Test
  void crossingLimitBuyFillsAndBalancesFollowTheFills() {
    String id = cid();
    OrderAck ack = exchange.placeOrder(OrderRequest.limit("BTCUSDT", Side.BUY, d("0.0006"), d("50005"), id));
    Order o = query("BTCUSDT", OrderRef.clientId(id));
    assertThat(o.status()).isEqualTo(OrderStatus.FILLED);
    assertThat(o.executedQty()).isEqualByComparingTo("0.0006");
    assertThat(o.cumulativeQuoteQty()).isEqualByComparingTo("30");
    assertThat(o.averagePrice()).isEqualByComparingTo("50000");

    List<Fill> fills = exchange.myTrades("BTCUSDT", 0, 100);
    List<Fill> mine = fills.stream().filter(f -> f.orderId().equals(ack.orderId())).toList();
    assertThat(mine).isNotEmpty().allSatisfy(f -> {
      assertThat(f.side()).isEqualTo(Side.BUY);
      assertThat(f.price()).isEqualByComparingTo("50000");
      assertThat(f.maker()).isFalse();
    });
    BigDecimal qty = mine.stream().map(Fill::quantity).reduce(BigDecimal.ZERO, BigDecimal::add);
    BigDecimal quote = mine.stream().map(Fill::quoteQuantity).reduce(BigDecimal.ZERO, BigDecimal::add);
    BigDecimal baseFee = mine.stream().filter(f -> f.commissionAsset().equals("BTC")).map(Fill::commission)
        .reduce(BigDecimal.ZERO, BigDecimal::add);
    BigDecimal quoteFee = mine.stream().filter(f -> f.commissionAsset().equals("USDT")).map(Fill::commission)
        .reduce(BigDecimal.ZERO, BigDecimal::add);
    assertThat(qty).isEqualByComparingTo("0.0006");
    assertThat(baseFee.add(quoteFee)).isPositive();
    assertThat(total("BTC")).isEqualByComparingTo(d("0.01").add(qty).subtract(baseFee));
    assertThat(total("USDT")).isEqualByComparingTo(d("1000").subtract(quote).subtract(quoteFee));
    assertThat(exchange.openOrders("BTCUSDT")).isEmpty();
  }

  @Test
  void marketBuyIsSizedByQuoteAndMarketSellByQuantity() {
    String buy = cid();
    exchange.placeOrder(OrderRequest.marketBuyQuote("BTCUSDT", d("10"), buy));
    Order b = query("BTCUSDT", OrderRef.clientId(buy));
    assertThat(b.status()).isEqualTo(OrderStatus.FILLED);
    assertThat(b.type()).isEqualTo(OrderType.MARKET);
    assertThat(b.executedQty()).isEqualByComparingTo("0.0002");
    assertThat(b.cumulativeQuoteQty()).isEqualByComparingTo("10");

    String sell = cid();
    exchange.placeOrder(OrderRequest.marketSell("BTCUSDT", d("0.001"), sell));
    Order s = query("BTCUSDT", OrderRef.clientId(sell));
    assertThat(s.status()).isEqualTo(OrderStatus.FILLED);
    assertThat(s.side()).isEqualTo(Side.SELL);
    assertThat(s.executedQty()).isEqualByComparingTo("0.001");
    assertThat(s.cumulativeQuoteQty()).isEqualByComparingTo("49.99");
    assertThat(total("USDT")).isEqualByComparingTo(d("1000").subtract(d("10")).add(d("49.99"))
        .subtract(d("49.99").multiply(d("0.0005"))));
  }

  @Test
  void pricesAndQuantitiesAreRoundedConservativelyBeforeSending() {
    String buy = cid();
    exchange.placeOrder(OrderRequest.limit("BTCUSDT", Side.BUY, d("0.0012345678"), d("49000.129"), buy));
    Order b = query("BTCUSDT", OrderRef.clientId(buy));
    assertThat(b.price()).isEqualByComparingTo("49000.12");
    assertThat(b.origQty()).isEqualByComparingTo("0.001234");

    String sell = cid();
    exchange.placeOrder(OrderRequest.limit("BTCUSDT", Side.SELL, d("0.0010009"), d("60000.001"), sell));
    Order s = query("BTCUSDT", OrderRef.clientId(sell));
    assertThat(s.price()).isEqualByComparingTo("60000.01");
    assertThat(s.origQty()).isEqualByComparingTo("0.001");
    assertThat(balance("BTC").locked()).isEqualByComparingTo("0.001");
  }

  @Test
  void tinyPricesRoundTrip() {
    String id = cid();
    exchange.placeOrder(OrderRequest.limit("MEMEUSDT", Side.BUY, d("1000000"), d("0.00000123"), id));
    Order o = query("MEMEUSDT", OrderRef.clientId(id));
    assertThat(o.price()).isEqualByComparingTo("0.00000123");
    assertThat(o.status()).isEqualTo(OrderStatus.NEW);
  }

  @Test
  void immediateOrCancelAndFillOrKill() {
    String ioc = cid();
    exchange.placeOrder(new OrderRequest("MEMEUSDT", Side.BUY, OrderType.IMMEDIATE_OR_CANCEL, d("12000000"), null,
        d("0.00000124"), ioc));
    Order i = query("MEMEUSDT", OrderRef.clientId(ioc));
    assertThat(i.status().isFinal()).isTrue();
    assertThat(i.executedQty()).isEqualByComparingTo("10000000");

    String fok = cid();
    exchange.placeOrder(new OrderRequest("MEMEUSDT", Side.SELL, OrderType.FILL_OR_KILL, d("9000000"), null,
        d("0.00000122"), fok));
    Order f = query("MEMEUSDT", OrderRef.clientId(fok));
    assertThat(f.status().isFinal()).isTrue();
    assertThat(f.executedQty()).isEqualByComparingTo("9000000");

    String fok2 = cid(); // the asks are used up: nothing can fill
    exchange.placeOrder(new OrderRequest("MEMEUSDT", Side.BUY, OrderType.FILL_OR_KILL, d("1000000"), null,
        d("0.00000124"), fok2));
    Order f2 = query("MEMEUSDT", OrderRef.clientId(fok2));
    assertThat(f2.status()).isEqualTo(OrderStatus.CANCELED);
    assertThat(f2.executedQty()).isEqualByComparingTo("0");
    assertThat(exchange.openOrders("MEMEUSDT")).isEmpty();
  }

  // --- rejections ---------------------------------------------------------------------------------------------

  @Test
  void minNotionalIsCheckedAfterRoundingAndNothingIsPlaced() {
    // 0.0000209 × 49000 = 1.02 before rounding, but 0.000020 × 49000 = 0.98 < 1 after truncation
    assertThatThrownBy(() -> exchange.placeOrder(
        OrderRequest.limit("BTCUSDT", Side.BUY, d("0.0000209"), d("49000"), cid())))
        .isInstanceOfSatisfying(ExchangeException.InvalidOrder.class,
            e -> assertThat(e.reason()).isEqualTo(InvalidReason.BELOW_MIN_NOTIONAL));
    assertThatThrownBy(() -> exchange.placeOrder(OrderRequest.marketBuyQuote("ETHUSDT", d("4.99"), cid())))
        .isInstanceOfSatisfying(ExchangeException.InvalidOrder.class,
            e -> assertThat(e.reason()).isEqualTo(InvalidReason.BELOW_MIN_NOTIONAL));
    assertThat(exchange.openOrders(null)).isEmpty();
    assertThat(total("USDT")).isEqualByComparingTo("1000");
  }

  @Test
  void quantityBelowOneStepIsAPrecisionError() {
    assertThatThrownBy(() -> exchange.placeOrder(
        OrderRequest.limit("BTCUSDT", Side.BUY, d("0.0000004"), d("49000"), cid())))
        .isInstanceOfSatisfying(ExchangeException.InvalidOrder.class,
            e -> assertThat(e.reason()).isEqualTo(InvalidReason.PRECISION));
    assertThatThrownBy(() -> exchange.placeOrder(
        OrderRequest.limit("MEMEUSDT", Side.BUY, d("0.5"), d("0.00000123"), cid())))
        .isInstanceOfSatisfying(ExchangeException.InvalidOrder.class,
            e -> assertThat(e.reason()).isEqualTo(InvalidReason.PRECISION));
  }

  @Test
  void insufficientFundsOnBothSides() {
    assertThatThrownBy(() -> exchange.placeOrder(OrderRequest.limit("BTCUSDT", Side.BUY, d("1"), d("49000"), cid())))
        .isInstanceOf(ExchangeException.InsufficientFunds.class);
    assertThatThrownBy(() -> exchange.placeOrder(OrderRequest.limit("BTCUSDT", Side.SELL, d("1"), d("60000"), cid())))
        .isInstanceOf(ExchangeException.InsufficientFunds.class);
    assertThatThrownBy(() -> exchange.placeOrder(OrderRequest.marketSell("ETHUSDT", d("1"), cid())))
        .isInstanceOf(ExchangeException.InsufficientFunds.class);
    assertThat(exchange.openOrders(null)).isEmpty();
  }

  @Test
  void symbolNotApiTradableIsRefused() {
    assertThatThrownBy(() -> exchange.placeOrder(OrderRequest.limit("NOAPIUSDT", Side.BUY, d("10"), d("1"), cid())))
        .isInstanceOf(ExchangeException.SymbolNotApiTradable.class);
  }

  @Test
  void marketOrdersDisabledIsRefusedButLimitWorks() {
    assertThatThrownBy(() -> exchange.placeOrder(OrderRequest.marketBuyQuote("NOMKTUSDT", d("10"), cid())))
        .isInstanceOf(ExchangeException.MarketOrdersDisabled.class);
    String id = cid();
    exchange.placeOrder(OrderRequest.limit("NOMKTUSDT", Side.BUY, d("10"), d("1.5"), id));
    assertThat(query("NOMKTUSDT", OrderRef.clientId(id)).status()).isEqualTo(OrderStatus.NEW);
  }

  @Test
  void unknownSymbolAndUnknownOrder() {
    assertThatThrownBy(() -> exchange.placeOrder(OrderRequest.limit("NOPEUSDT", Side.BUY, d("1"), d("1"), cid())))
        .isInstanceOf(ExchangeException.UnknownSymbol.class);
    assertThat(exchange.queryOrder("BTCUSDT", OrderRef.clientId("never-placed-1"))).isEmpty();
    assertThat(exchange.queryOrder("BTCUSDT", OrderRef.exchangeId("C02__000000000000000000001"))).isEmpty();
    assertThatThrownBy(() -> exchange.cancelOrder("BTCUSDT", OrderRef.clientId("never-placed-2")))
        .isInstanceOf(ExchangeException.UnknownOrder.class);
  }

  @Test
  void cancellingAFilledOrderIsUnknownOrder() {
    String id = cid();
    exchange.placeOrder(OrderRequest.marketBuyQuote("BTCUSDT", d("10"), id));
    assertThatThrownBy(() -> exchange.cancelOrder("BTCUSDT", OrderRef.clientId(id)))
        .isInstanceOf(ExchangeException.UnknownOrder.class);
    assertThat(query("BTCUSDT", OrderRef.clientId(id)).status()).isEqualTo(OrderStatus.FILLED);
  }
}
