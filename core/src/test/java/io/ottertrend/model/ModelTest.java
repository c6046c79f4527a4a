package io.ottertrend.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.util.List;
import org.junit.jupiter.api.Test;

class ModelTest {
  private final SymbolRules btc = SymbolRules.builder("BTCUSDT", "BTC", "USDT")
      .tickSize("0.01").stepSize("0.000001").minNotional("5").build();

  @Test
  void priceRoundsConservativelyPerSideAndQuantityIsTruncated() {
    assertThat(btc.roundPrice(new BigDecimal("100.019"), Side.BUY)).isEqualByComparingTo("100.01");
    assertThat(btc.roundPrice(new BigDecimal("100.011"), Side.SELL)).isEqualByComparingTo("100.02");
    assertThat(btc.roundPrice(new BigDecimal("100.01"), Side.SELL)).isEqualByComparingTo("100.01");
    assertThat(btc.truncateQuantity(new BigDecimal("0.0012349"))).isEqualByComparingTo("0.001234");
    assertThat(btc.truncateQuantity(new BigDecimal("0.0000009"))).isEqualByComparingTo("0");
    assertThat(btc.priceDecimals()).isEqualTo(2);
    assertThat(btc.quantityDecimals()).isEqualTo(6);
  }

  @Test
  void minimumsAreCheckedOnRoundedValues() {
    assertThat(btc.meetsMinimums(new BigDecimal("0.0001"), new BigDecimal("50000"))).isTrue();
    assertThat(btc.meetsMinimums(new BigDecimal("0.00009"), new BigDecimal("50000"))).isFalse();
    assertThat(btc.meetsMinimums(BigDecimal.ZERO, new BigDecimal("50000"))).isFalse();
    assertThat(btc.notional(new BigDecimal("0.5"), new BigDecimal("2"))).isEqualByComparingTo("1");
    assertThat(btc.fee(true)).isEqualByComparingTo("0");
    assertThat(btc.fee(false)).isEqualByComparingTo("0.0005");
  }

  @Test
  void tradingPermissionsCombineStatusApiAndSides() {
    assertThat(btc.canTrade(Side.BUY)).isTrue();
    SymbolRules sellOnly = SymbolRules.builder("X", "X", "USDT").sides(TradeSides.SELL_ONLY).build();
    assertThat(sellOnly.canTrade(Side.BUY)).isFalse();
    assertThat(sellOnly.canTrade(Side.SELL)).isTrue();
    assertThat(SymbolRules.builder("X", "X", "USDT").apiTradable(false).build().canTrade(Side.SELL)).isFalse();
    assertThat(SymbolRules.builder("X", "X", "USDT").status(SymbolStatus.PAUSED).build().canTrade(Side.SELL)).isFalse();
    assertThat(TradeSides.NONE.allows(Side.BUY)).isFalse();
    assertThatThrownBy(() -> SymbolRules.builder("X", "X", "USDT").tickSize("0").build())
        .hasMessageContaining("tickSize must be > 0");
  }

  @Test
  void clientOrderIdsOutsideMexcsAlphabetOrLengthAreRefused() {
    for (String ok : new String[] {"a", "A-9_z", "x".repeat(32)}) {
      assertThat(OrderRequest.marketSell("BTCUSDT", BigDecimal.ONE, ok).clientOrderId()).isEqualTo(ok);
    }
    for (String bad : new String[] {"", "x".repeat(33), "has space", "é", "a.b", "a\nb"}) {
      assertThatThrownBy(() -> OrderRequest.marketSell("BTCUSDT", BigDecimal.ONE, bad))
          .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("clientOrderId must be 1-32");
    }
  }

  @Test
  void normaliseGivesWhatTheTextRoundTripGaveScaleIncluded() {
    java.util.SplittableRandom rnd = new java.util.SplittableRandom(11);
    for (int k = 0; k < 5_000; k++) {
      BigDecimal v = BigDecimal.valueOf(rnd.nextLong(-1_000_000_000L, 1_000_000_000L), rnd.nextInt(-6, 14));
      BigDecimal viaText = Decimals.parseOrNull(Decimals.plain(v));
      assertThat(Decimals.normalise(v)).isEqualTo(viaText); // equals: value and scale
    }
    assertThat(Decimals.normalise(new BigDecimal("0.000"))).isEqualTo(BigDecimal.ZERO);
    assertThat(Decimals.normalise(null)).isNull();
  }

  @Test
  void decimalsArePrintedPlainNeverInExponentForm() {
    assertThat(Decimals.plain(new BigDecimal("1.23E-6"))).isEqualTo("0.00000123");
    assertThat(Decimals.plain(new BigDecimal("5.000"))).isEqualTo("5");
    assertThat(Decimals.plain(new BigDecimal("1E+3"))).isEqualTo("1000");
    assertThat(Decimals.parseOrNull("")).isNull();
    assertThat(Decimals.parseOrNull("null")).isNull();
    assertThat(Decimals.parseOrNull(" 0.5 ")).isEqualByComparingTo("0.5");
    assertThat(Decimals.parseOr(null, BigDecimal.ONE)).isEqualByComparingTo("1");
    assertThat(Decimals.ceilToStep(new BigDecimal("1.001"), new BigDecimal("0.01"))).isEqualByComparingTo("1.01");
    assertThat(Decimals.floorToStep(new BigDecimal("7"), new BigDecimal("5"))).isEqualByComparingTo("5");
    assertThat(Decimals.incrementForDecimals(3)).isEqualByComparingTo("0.001");
    assertThatThrownBy(() -> Decimals.parseOrNull("abc")).isInstanceOf(NumberFormatException.class);
  }

  @Test
  void orderRequestsValidateThemselves() {
    OrderRequest limit = OrderRequest.limit("BTCUSDT", Side.BUY, new BigDecimal("0.001"), new BigDecimal("50000"), "c-1");
    assertThat(limit.notional(null)).isEqualByComparingTo("50");
    assertThat(OrderRequest.marketBuyQuote("BTCUSDT", new BigDecimal("10"), "c2").notional(null)).isEqualByComparingTo("10");
    assertThat(OrderRequest.marketSell("BTCUSDT", new BigDecimal("2"), "c3").notional(new BigDecimal("3")))
        .isEqualByComparingTo("6");
    assertThatThrownBy(() -> new OrderRequest("BTCUSDT", Side.BUY, OrderType.LIMIT, BigDecimal.ONE, null, null, "c"))
        .hasMessageContaining("needs a price");
    assertThatThrownBy(() -> OrderRequest.limit("BTCUSDT", Side.BUY, new BigDecimal("-1"), BigDecimal.ONE, "c"))
        .hasMessageContaining("quantity must be > 0");
    assertThatThrownBy(() -> OrderRequest.limit("BTCUSDT", Side.BUY, BigDecimal.ONE, BigDecimal.ONE, "bad id!"))
        .hasMessageContaining("clientOrderId");
    assertThatThrownBy(() -> new OrderRequest("BTCUSDT", Side.SELL, OrderType.MARKET, null, BigDecimal.ONE, null, "c"))
        .hasMessageContaining("only for MARKET BUY");
    assertThatThrownBy(() -> new OrderRequest("BTCUSDT", Side.SELL, OrderType.MARKET, null, null, null, "c"))
        .hasMessageContaining("needs a quantity");
    assertThat(OrderType.MARKET.needsPrice()).isFalse();
    assertThat(OrderType.LIMIT_MAKER.needsPrice()).isTrue();
  }

  @Test
  void orderRefNamesExactlyOneId() {
    assertThat(OrderRef.exchangeId("42")).hasToString("orderId=42");
    assertThat(OrderRef.clientId("c1")).hasToString("clientOrderId=c1");
    assertThatThrownBy(() -> new OrderRef("1", "c")).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new OrderRef(null, null)).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void orderStatusFinality() {
    assertThat(OrderStatus.FILLED.isFinal()).isTrue();
    assertThat(OrderStatus.PARTIALLY_FILLED.isOpen()).isTrue();
    Order o = new Order("BTCUSDT", "1", "c", Side.BUY, OrderType.LIMIT, new BigDecimal("10"), new BigDecimal("2"), null,
        null, null, OrderStatus.NEW, 1, 1);
    assertThat(o.averagePrice()).isNull();
    Order filled = o.withProgress(OrderStatus.FILLED, new BigDecimal("2"), new BigDecimal("19"), 5);
    assertThat(filled.averagePrice()).isEqualByComparingTo("9.5");
    assertThat(filled.updateTime()).isEqualTo(5);
    assertThat(Side.BUY.opposite()).isEqualTo(Side.SELL);
  }

  @Test
  void portfolioEquityIsUnknownWhenAMarkIsMissing() {
    Position marked = new Position("BTCUSDT", "BTC", new BigDecimal("0.001"), new BigDecimal("50000"),
        new BigDecimal("50.025"), new BigDecimal("51000"), 0, null, null);
    Portfolio p = new Portfolio("USDT", new BigDecimal("100"), BigDecimal.ZERO, List.of(marked), 0);
    assertThat(p.equity()).hasValueSatisfying(e -> assertThat(e).isEqualByComparingTo("151"));
    assertThat(p.unrealizedPnl()).isEqualByComparingTo("0.975");
    assertThat(marked.unrealizedPnlFraction()).isCloseTo(0.975 / 50.025, org.assertj.core.data.Offset.offset(1e-12));
    Portfolio unknown = new Portfolio("USDT", new BigDecimal("100"), null, List.of(marked.withMark(null)), 0);
    assertThat(unknown.equity()).isEmpty();
    assertThat(unknown.position("BTCUSDT")).isPresent();
    assertThat(unknown.position("ETHUSDT")).isEmpty();
    assertThat(marked.withMark(null).unrealizedPnlFraction()).isNaN();
  }

  @Test
  void bookSpreadAndDepth() {
    OrderBook book = new OrderBook("X", List.of(BookLevel.of("99", "1"), BookLevel.of("98", "10"), BookLevel.of("90", "100")),
        List.of(BookLevel.of("101", "2"), BookLevel.of("102", "10")), 0);
    assertThat(book.mid()).isEqualTo(100.0);
    assertThat(book.spreadFraction()).isEqualTo(0.02);
    assertThat(book.depthQuote(true, 0.01)).isEqualTo(99.0);
    assertThat(book.depthQuote(true, 0.02)).isEqualTo(99.0 + 980.0);
    assertThat(book.depthQuote(false, 0.02)).isEqualTo(202.0 + 1020.0);
    OrderBook empty = new OrderBook("X", List.of(), List.of(BookLevel.of("1", "1")), 0);
    assertThat(empty.mid()).isNaN();
    assertThat(empty.spreadFraction()).isNaN();
    assertThat(empty.depthQuote(false, 0.01)).isZero();
    assertThat(empty.bestBid()).isNull();
  }

  @Test
  void tickerSpreadNeedsBothSides() {
    Ticker t = new Ticker("X", BigDecimal.TEN, new BigDecimal("9.9"), new BigDecimal("10.1"), null, null, null, 0.01,
        null, null, 0);
    assertThat(t.spreadFraction()).isCloseTo(0.02, org.assertj.core.data.Offset.offset(1e-12));
    assertThat(new Ticker("X", BigDecimal.TEN, null, null, null, null, null, 0, null, null, 0).spreadFraction()).isNaN();
  }

  @Test
  void intervalsUseMexcWireNamesAndAcceptAliases() {
    assertThat(Interval.parse("1h").wireName()).isEqualTo("60m");
    assertThat(Interval.parse("1W")).isEqualTo(Interval.W1);
    assertThat(Interval.parse("1M")).isEqualTo(Interval.MN1);
    assertThat(Interval.parse("1m")).isEqualTo(Interval.M1);
    assertThat(Interval.parse("5m").millis()).isEqualTo(300_000);
    assertThatThrownBy(() -> Interval.parse("2h")).hasMessageContaining("use one of");
    assertThatThrownBy(() -> Interval.parse(null)).hasMessageContaining("missing");
  }
}
