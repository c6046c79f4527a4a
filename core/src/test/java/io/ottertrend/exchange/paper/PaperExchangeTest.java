package io.ottertrend.exchange.paper;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.ottertrend.exchange.ExchangeException;
import io.ottertrend.exchange.ExchangeException.InvalidReason;
import io.ottertrend.memory.SqliteMemory;
import io.ottertrend.model.Balance;
import io.ottertrend.model.Fill;
import io.ottertrend.model.Order;
import io.ottertrend.model.OrderAck;
import io.ottertrend.model.OrderRef;
import io.ottertrend.model.OrderRequest;
import io.ottertrend.model.OrderStatus;
import io.ottertrend.model.OrderType;
import io.ottertrend.model.Side;
import io.ottertrend.model.SymbolRules;
import io.ottertrend.model.SymbolStatus;
import io.ottertrend.model.TradeSides;
import io.ottertrend.time.Clock;
import io.ottertrend.time.SimulatedClock;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PaperExchangeTest {
  @TempDir Path dir;
  SimulatedClock clock;
  ScriptedMarket market;
  SqliteMemory memory;
  PaperExchange ex;

  static BigDecimal d(String s) {
    return new BigDecimal(s);
  }

  @BeforeEach
  void setUp() {
    clock = Clock.simulated(Instant.parse("2026-01-05T00:00:00Z"));
    market = new ScriptedMarket(clock)
        .rules(SymbolRules.builder("OTTUSDT", "OTT", "USDT").tickSize("0.01").stepSize("0.01").minNotional("1")
            .build())
        .rules(SymbolRules.builder("BTCUSDT", "BTC", "USDT").tickSize("0.01").stepSize("0.000001")
            .minNotional("5").build())
        .rules(SymbolRules.builder("NOAPIUSDT", "NOAPI", "USDT").apiTradable(false).build())
        .rules(SymbolRules.builder("NOMKTUSDT", "NOMKT", "USDT")
            .orderTypes(EnumSet.of(OrderType.LIMIT, OrderType.LIMIT_MAKER)).build())
        .rules(SymbolRules.builder("BUYONLYUSDT", "BUYONLY", "USDT").sides(TradeSides.BUY_ONLY).build())
        .rules(SymbolRules.builder("HALTUSDT", "HALT", "USDT").status(SymbolStatus.PAUSED).build())
        .book("OTTUSDT", List.of("9.99:10", "9.98:20", "9.90:100"), List.of("10.01:10", "10.02:20", "10.10:100"))
        .book("BTCUSDT", List.of("60000.00:0.5"), List.of("60001.00:0.5"))
        .book("NOMKTUSDT", List.of("1.0000:100"), List.of("1.0100:100"));
    memory = SqliteMemory.open(dir.resolve("paper.db"));
    ex = PaperExchange.builder(market, memory).build();
  }

  @AfterEach
  void tearDown() {
    memory.close();
  }

  private BigDecimal free(String asset) {
    return ex.balances().stream().filter(b -> b.asset().equals(asset)).map(Balance::free).findFirst()
        .orElse(BigDecimal.ZERO);
  }

  private BigDecimal locked(String asset) {
    return ex.balances().stream().filter(b -> b.asset().equals(asset)).map(Balance::locked).findFirst()
        .orElse(BigDecimal.ZERO);
  }

  private Order query(OrderAck ack) {
    return ex.queryOrder(ack.symbol(), OrderRef.exchangeId(ack.orderId())).orElseThrow();
  }

  @Test
  void startsWithTheConfiguredBalanceOnlyOnce() {
    assertThat(ex.balances()).hasSize(1);
    assertThat(free("USDT")).isEqualByComparingTo("1000");
    ex.placeOrder(OrderRequest.marketBuyQuote("OTTUSDT", d("50"), "c1"));
    PaperExchange again = PaperExchange.builder(market, memory).startingBalance(d("5000")).build();
    assertThat(again.balances()).isEqualTo(ex.balances());
  }

  @Test
  void marketBuyByQuoteWalksTheBookAndPaysTheTakerFeeInBase() {
    OrderAck ack = ex.placeOrder(OrderRequest.marketBuyQuote("OTTUSDT", d("150"), "buy1"));
    assertThat(ack.clientOrderId()).isEqualTo("buy1");
    Order o = query(ack);
    assertThat(o.status()).isEqualTo(OrderStatus.FILLED);
    assertThat(o.executedQty()).isEqualByComparingTo("14.98");
    assertThat(o.cumulativeQuoteQty()).isEqualByComparingTo("149.9996"); // 10 @ 10.01 + 4.98 @ 10.02: slippage
    assertThat(o.origQuoteQty()).isEqualByComparingTo("150");
    List<Fill> fills = ex.myTrades("OTTUSDT", 0, 100);
    assertThat(fills).hasSize(2);
    assertThat(fills).allSatisfy(f -> {
      assertThat(f.commissionAsset()).isEqualTo("OTT");
      assertThat(f.maker()).isFalse();
    });
    assertThat(fills.get(0).commission()).isEqualByComparingTo("0.005"); // 10 × 0.0005
    assertThat(free("OTT")).isEqualByComparingTo("14.97251");
    assertThat(free("USDT")).isEqualByComparingTo("850.0004");
  }

  @Test
  void marketSellByQuantityPaysTheTakerFeeInQuote() {
    ex.placeOrder(OrderRequest.marketBuyQuote("OTTUSDT", d("150"), "buy1"));
    BigDecimal sellable = SymbolRules.builder("X", "X", "Y").stepSize("0.01").build().truncateQuantity(free("OTT"));
    assertThat(sellable).isEqualByComparingTo("14.97");
    Order o = query(ex.placeOrder(OrderRequest.marketSell("OTTUSDT", sellable, "sell1")));
    assertThat(o.status()).isEqualTo(OrderStatus.FILLED);
    assertThat(o.cumulativeQuoteQty()).isEqualByComparingTo("149.5006");
    Fill last = ex.myTrades("OTTUSDT", 0, 100).get(3);
    assertThat(last.commissionAsset()).isEqualTo("USDT");
    assertThat(free("USDT")).isEqualByComparingTo("999.4262497");
    assertThat(free("OTT")).isEqualByComparingTo("0.00251");
  }

  @Test
  void immediateOrCancelKeepsThePartialFillAndCancelsTheRest() {
    Order o = query(ex.placeOrder(new OrderRequest("OTTUSDT", Side.BUY, OrderType.IMMEDIATE_OR_CANCEL, d("25"),
        null, d("10.01"), "ioc1")));
    assertThat(o.status()).isEqualTo(OrderStatus.PARTIALLY_CANCELED);
    assertThat(o.executedQty()).isEqualByComparingTo("10");
    assertThat(locked("USDT")).isZero();
    assertThat(free("USDT")).isEqualByComparingTo("899.9");
    assertThat(ex.openOrders("OTTUSDT")).isEmpty();
  }

  @Test
  void fillOrKillIsAllOrNothing() {
    Order killed = query(ex.placeOrder(new OrderRequest("OTTUSDT", Side.BUY, OrderType.FILL_OR_KILL, d("31"),
        null, d("10.02"), "fok1")));
    assertThat(killed.status()).isEqualTo(OrderStatus.CANCELED);
    assertThat(killed.executedQty()).isZero();
    assertThat(free("USDT")).isEqualByComparingTo("1000");
    Order filled = query(ex.placeOrder(new OrderRequest("OTTUSDT", Side.BUY, OrderType.FILL_OR_KILL, d("30"),
        null, d("10.02"), "fok2")));
    assertThat(filled.status()).isEqualTo(OrderStatus.FILLED);
    assertThat(filled.executedQty()).isEqualByComparingTo("30");
    assertThat(filled.cumulativeQuoteQty()).isEqualByComparingTo("300.5"); // 100.1 + 200.4
  }

  @Test
  void restingLimitFillsOnlyWhenThePriceTradesThroughIt() {
    Order o = query(ex.placeOrder(OrderRequest.limit("OTTUSDT", Side.BUY, d("10"), d("9.50"), "rest1")));
    assertThat(o.status()).isEqualTo(OrderStatus.NEW);
    assertThat(locked("USDT")).isEqualByComparingTo("95");
    assertThat(free("USDT")).isEqualByComparingTo("905");
    clock.advance(Duration.ofSeconds(10));
    market.print("OTTUSDT", 9.50); // touching is not enough
    clock.advance(Duration.ofSeconds(10));
    assertThat(query(new OrderAck("OTTUSDT", o.orderId(), "rest1", 0)).status()).isEqualTo(OrderStatus.NEW);
    market.print("OTTUSDT", 9.49);
    clock.advance(Duration.ofSeconds(10));
    Order filled = ex.queryOrder("OTTUSDT", OrderRef.clientId("rest1")).orElseThrow();
    assertThat(filled.status()).isEqualTo(OrderStatus.FILLED);
    assertThat(filled.averagePrice()).isEqualByComparingTo("9.50"); // at the limit, not the better print
    Fill f = ex.myTrades("OTTUSDT", 0, 10).get(0);
    assertThat(f.maker()).isTrue();
    assertThat(f.commission()).isZero(); // MEXC maker fee 0
    assertThat(locked("USDT")).isZero();
    assertThat(free("USDT")).isEqualByComparingTo("905");
    assertThat(free("OTT")).isEqualByComparingTo("10");
  }

  @Test
  void restingSellFillsWhenTheHighGoesAbove() {
    ex.placeOrder(OrderRequest.marketBuyQuote("OTTUSDT", d("100.1"), "b"));
    BigDecimal qty = d("9.99");
    ex.placeOrder(OrderRequest.limit("OTTUSDT", Side.SELL, qty, d("11.00"), "s"));
    assertThat(locked("OTT")).isEqualByComparingTo("9.99");
    market.print("OTTUSDT", 11.01);
    clock.advance(Duration.ofSeconds(1));
    assertThat(ex.openOrders(null)).isEmpty();
    assertThat(locked("OTT")).isZero();
    assertThat(free("USDT")).isEqualByComparingTo(d("1000").subtract(d("100.1")).add(d("109.89")));
  }

  @Test
  void marketableLimitTakesWhatCrossesAndRestsTheRemainder() {
    Order o = query(ex.placeOrder(OrderRequest.limit("OTTUSDT", Side.BUY, d("15"), d("10.01"), "mix")));
    assertThat(o.status()).isEqualTo(OrderStatus.PARTIALLY_FILLED);
    assertThat(o.executedQty()).isEqualByComparingTo("10");
    assertThat(locked("USDT")).isEqualByComparingTo("50.05");
    Order cancelled = ex.cancelOrder("OTTUSDT", OrderRef.clientId("mix"));
    assertThat(cancelled.status()).isEqualTo(OrderStatus.PARTIALLY_CANCELED);
    assertThat(locked("USDT")).isZero();
    assertThat(free("USDT")).isEqualByComparingTo("899.9");
  }

  @Test
  void limitMakerIsRefusedWhenItWouldCross() {
    assertThatThrownBy(() -> ex.placeOrder(new OrderRequest("OTTUSDT", Side.BUY, OrderType.LIMIT_MAKER, d("1"),
        null, d("10.01"), "lm1")))
        .isInstanceOfSatisfying(ExchangeException.InvalidOrder.class,
            e -> assertThat(e.reason()).isEqualTo(InvalidReason.WOULD_CROSS));
    Order o = query(ex.placeOrder(new OrderRequest("OTTUSDT", Side.BUY, OrderType.LIMIT_MAKER, d("1"), null,
        d("10.00"), "lm2")));
    assertThat(o.status()).isEqualTo(OrderStatus.NEW);
    assertThat(ex.openOrders("OTTUSDT")).extracting(Order::clientOrderId).containsExactly("lm2");
  }

  @Test
  void rejectsLikeMexc() {
    assertInvalid(OrderRequest.limit("OTTUSDT", Side.BUY, d("1"), d("0.009"), "p1"), InvalidReason.PRECISION);
    assertInvalid(OrderRequest.limit("OTTUSDT", Side.BUY, d("0.009"), d("10"), "p2"), InvalidReason.PRECISION);
    // 0.109 truncates to 0.10: 0.10 × 9.99 = 0.999 < 1 after rounding
    assertInvalid(OrderRequest.limit("OTTUSDT", Side.BUY, d("0.109"), d("9.99"), "p3"), InvalidReason.BELOW_MIN_NOTIONAL);
    assertInvalid(OrderRequest.marketBuyQuote("BTCUSDT", d("4.99"), "p4"), InvalidReason.BELOW_MIN_NOTIONAL);
    assertInvalid(OrderRequest.marketBuyQuote("BTCUSDT", d("4.999"), "p5"), InvalidReason.BELOW_MIN_NOTIONAL);
    assertInvalid(OrderRequest.marketSell("OTTUSDT", d("0.1"), "p7"), InvalidReason.BELOW_MIN_NOTIONAL);
    assertInvalid(OrderRequest.limit("BUYONLYUSDT", Side.SELL, d("10"), d("1"), "p6"), InvalidReason.NOT_ALLOWED);
    assertThatThrownBy(() -> ex.placeOrder(OrderRequest.limit("OTTUSDT", Side.BUY, d("100"), d("10.01"), "f1")))
        .isInstanceOf(ExchangeException.InsufficientFunds.class).hasMessageContaining("1001");
    assertThatThrownBy(() -> ex.placeOrder(OrderRequest.marketSell("OTTUSDT", d("1"), "f2")))
        .isInstanceOf(ExchangeException.InsufficientFunds.class);
    assertThatThrownBy(() -> ex.placeOrder(OrderRequest.limit("NOAPIUSDT", Side.BUY, d("10"), d("1"), "a1")))
        .isInstanceOf(ExchangeException.SymbolNotApiTradable.class);
    assertThatThrownBy(() -> ex.placeOrder(OrderRequest.marketBuyQuote("NOMKTUSDT", d("10"), "m1")))
        .isInstanceOf(ExchangeException.MarketOrdersDisabled.class);
    assertThatThrownBy(() -> ex.placeOrder(OrderRequest.marketBuyQuote("NOPEUSDT", d("10"), "u1")))
        .isInstanceOf(ExchangeException.UnknownSymbol.class);
    assertThatThrownBy(() -> ex.placeOrder(OrderRequest.marketBuyQuote("HALTUSDT", d("10"), "h1")))
        .isInstanceOf(ExchangeException.UnknownSymbol.class).hasMessageContaining("paused");
    assertThat(ex.queryOrder("OTTUSDT", OrderRef.clientId("p1"))).isEmpty();
    assertThat(free("USDT")).isEqualByComparingTo("1000");
    assertThat(ex.myTrades(null, 0, 100)).isEmpty();
  }

  @Test
  void pricesAndQuantitiesAreRoundedConservativelyLikeTheMexcClient() {
    Order buy = query(ex.placeOrder(OrderRequest.limit("OTTUSDT", Side.BUY, d("1.019"), d("9.509"), "r1")));
    assertThat(buy.price()).isEqualByComparingTo("9.50");
    assertThat(buy.origQty()).isEqualByComparingTo("1.01");
    assertThat(locked("USDT")).isEqualByComparingTo("9.595");
  }

  @Test
  void ourOwnTakerFillsUseUpTheBookUntilTheMarketMovesOn() {
    ex.placeOrder(new OrderRequest("OTTUSDT", Side.BUY, OrderType.IMMEDIATE_OR_CANCEL, d("10"), null, d("10.01"),
        "i1"));
    Order second = query(ex.placeOrder(new OrderRequest("OTTUSDT", Side.BUY, OrderType.IMMEDIATE_OR_CANCEL,
        d("10"), null, d("10.01"), "i2")));
    assertThat(second.status()).isEqualTo(OrderStatus.CANCELED);
    clock.advance(Duration.ofSeconds(1));
    Order third = query(ex.placeOrder(new OrderRequest("OTTUSDT", Side.BUY, OrderType.IMMEDIATE_OR_CANCEL,
        d("10"), null, d("10.01"), "i3")));
    assertThat(third.status()).isEqualTo(OrderStatus.FILLED);
  }

  @Test
  void marketOrdersCanBeDisabledPerSymbolByConfiguration() {
    PaperExchange strict = PaperExchange.builder(market, memory).namespace("strict")
        .marketOrdersDisabled(Set.of("OTTUSDT")).build();
    assertThatThrownBy(() -> strict.placeOrder(OrderRequest.marketBuyQuote("OTTUSDT", d("10"), "m")))
        .isInstanceOf(ExchangeException.MarketOrdersDisabled.class);
    assertThat(strict.symbolRules("OTTUSDT").orElseThrow().orderTypes()).doesNotContain(OrderType.MARKET);
    assertThat(strict.symbolRules("OTTUSDT").orElseThrow().takerFee()).isEqualByComparingTo("0.0005");
  }

  private void assertInvalid(OrderRequest r, InvalidReason reason) {
    assertThatThrownBy(() -> ex.placeOrder(r)).as(r.toString())
        .isInstanceOfSatisfying(ExchangeException.InvalidOrder.class, e -> assertThat(e.reason()).isEqualTo(reason));
  }

  @Test
  void duplicateClientIdAndUnknownOrdersAreRefused() {
    ex.placeOrder(OrderRequest.limit("OTTUSDT", Side.BUY, d("1"), d("9"), "dup"));
    assertInvalid(OrderRequest.limit("OTTUSDT", Side.BUY, d("1"), d("9"), "dup"), InvalidReason.BAD_PARAMETER);
    assertThatThrownBy(() -> ex.cancelOrder("OTTUSDT", OrderRef.exchangeId("P999")))
        .isInstanceOf(ExchangeException.UnknownOrder.class);
    assertThat(ex.queryOrder("OTTUSDT", OrderRef.exchangeId("P999"))).isEmpty();
    assertThat(ex.queryOrder("BTCUSDT", OrderRef.clientId("dup"))).isEmpty(); // wrong symbol
    ex.cancelOrder("OTTUSDT", OrderRef.clientId("dup"));
    assertThatThrownBy(() -> ex.cancelOrder("OTTUSDT", OrderRef.clientId("dup")))
        .isInstanceOf(ExchangeException.UnknownOrder.class).hasMessageContaining("CANCELED");
  }

  @Test
  void aRestartedExchangeContinuesWhereItStopped() {
    ex.placeOrder(OrderRequest.marketBuyQuote("OTTUSDT", d("150"), "b1"));
    OrderAck resting = ex.placeOrder(OrderRequest.limit("OTTUSDT", Side.BUY, d("10"), d("9.00"), "r1"));
    List<Balance> before = ex.balances();
    memory.close();
    memory = SqliteMemory.open(dir.resolve("paper.db"));
    PaperExchange restarted = PaperExchange.builder(market, memory).startingBalance(d("1")).build();
    assertThat(restarted.balances()).isEqualTo(before);
    assertThat(restarted.openOrders(null)).extracting(Order::orderId).containsExactly(resting.orderId());
    assertThat(restarted.myTrades("OTTUSDT", 0, 100)).hasSize(2);
    market.print("OTTUSDT", 8.5);
    clock.advance(Duration.ofMinutes(1));
    assertThat(restarted.queryOrder("OTTUSDT", OrderRef.clientId("r1")).orElseThrow().status())
        .isEqualTo(OrderStatus.FILLED);
    OrderAck next = restarted.placeOrder(OrderRequest.limit("OTTUSDT", Side.BUY, d("1"), d("9.00"), "r2"));
    assertThat(next.orderId()).isNotEqualTo(resting.orderId());
    assertThatThrownBy(() -> restarted.placeOrder(OrderRequest.limit("OTTUSDT", Side.BUY, d("1"), d("9"), "b1")))
        .isInstanceOf(ExchangeException.InvalidOrder.class);
  }

  @Test
  void anEmptiedAssetLeavesTheWalletAndARestartResumesWithoutIt() {
    PaperExchange zero = PaperExchange.builder(market, memory).namespace("zero")
        .initialBalances(java.util.Map.of("USDT", d("100"), "OTT", d("5"))).build();
    zero.placeOrder(OrderRequest.marketSell("OTTUSDT", d("5"), "s1"));
    assertThat(zero.balances()).extracting(Balance::asset).containsExactly("USDT");
    assertThat(memory.state("zero.wallet").orElseThrow()).doesNotContain("OTT");
    List<Balance> before = zero.balances();
    memory.close();
    memory = SqliteMemory.open(dir.resolve("paper.db"));
    PaperExchange restarted = PaperExchange.builder(market, memory).namespace("zero").build();
    assertThat(restarted.balances()).isEqualTo(before);
    restarted.placeOrder(OrderRequest.marketBuyQuote("OTTUSDT", d("20"), "b1"));
    assertThat(restarted.balances()).extracting(Balance::asset).containsExactly("OTT", "USDT");
  }

  @Test
  void aStoredWalletWithAZeroBalanceStillLoads() {
    // written by a version that kept emptied slots
    memory.putState("old.wallet", "{\"OTT\":{\"free\":\"0.000\",\"locked\":\"0\"},"
        + "\"USDT\":{\"free\":\"12.50\",\"locked\":\"0\"}}", 0);
    memory.putState("old.seq", "0", 0);
    PaperExchange old = PaperExchange.builder(market, memory).namespace("old").build();
    assertThat(old.balances()).containsExactly(new Balance("USDT", d("12.5"), d("0")));
    old.placeOrder(OrderRequest.marketBuyQuote("OTTUSDT", d("10"), "b1"));
    assertThat(old.balances()).extracting(Balance::asset).containsExactly("OTT", "USDT");
  }

  @Test
  void balancesAreTheCallersOwnListAndFollowEveryChange() {
    List<Balance> first = ex.balances();
    first.clear();
    assertThat(ex.balances()).hasSize(1);
    ex.placeOrder(OrderRequest.limit("OTTUSDT", Side.BUY, d("10"), d("9.00"), "r1"));
    assertThat(locked("USDT")).isEqualByComparingTo("90");
    market.print("OTTUSDT", 8.5);
    clock.advance(Duration.ofMinutes(1));
    assertThat(locked("USDT")).isEqualByComparingTo("0");
    assertThat(free("OTT")).isEqualByComparingTo("10");
  }

  @Test
  void orderIdsAreZeroPaddedToTwelveDigits() {
    for (long seq : new long[] {1, 42, 999_999_999_999L, 1_000_000_000_000L, Long.MAX_VALUE}) {
      assertThat(PaperExchange.orderId(seq)).isEqualTo(String.format("P%012d", seq));
    }
  }

  @Test
  void aFailedDatabaseWriteAcknowledgesNothing() {
    memory.close();
    assertThatThrownBy(() -> ex.placeOrder(OrderRequest.marketBuyQuote("OTTUSDT", d("50"), "x1")))
        .isInstanceOf(ExchangeException.Unavailable.class);
  }

  @Test
  void concurrentOrdersKeepTheBooksBalanced() throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(4);
    try {
      List<Future<?>> futures = new ArrayList<>();
      for (int i = 0; i < 40; i++) {
        int n = i;
        futures.add(pool.submit(() -> ex.placeOrder(OrderRequest.marketBuyQuote("OTTUSDT", d("20"), "t" + n))));
      }
      for (Future<?> f : futures) {
        f.get();
      }
    } finally {
      pool.shutdown();
    }
    List<Fill> fills = ex.myTrades("OTTUSDT", 0, 1000);
    BigDecimal spent = fills.stream().map(Fill::quoteQuantity).reduce(BigDecimal.ZERO, BigDecimal::add);
    BigDecimal got = fills.stream().map(f -> f.quantity().subtract(f.commission()))
        .reduce(BigDecimal.ZERO, BigDecimal::add);
    assertThat(free("USDT")).isEqualByComparingTo(d("1000").subtract(spent));
    assertThat(free("OTT")).isEqualByComparingTo(got);
    assertThat(fills.stream().map(Fill::orderId).distinct().count()).isEqualTo(40);
  }
}
