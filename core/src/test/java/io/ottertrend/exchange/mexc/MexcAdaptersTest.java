package io.ottertrend.exchange.mexc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.ottertrend.model.Balance;
import io.ottertrend.model.Candle;
import io.ottertrend.model.Fill;
import io.ottertrend.model.Order;
import io.ottertrend.model.OrderBook;
import io.ottertrend.model.OrderStatus;
import io.ottertrend.model.OrderType;
import io.ottertrend.model.Side;
import io.ottertrend.model.SymbolRules;
import io.ottertrend.model.SymbolStatus;
import io.ottertrend.model.Ticker;
import io.ottertrend.model.TradeSides;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** DTO parsing and adapters on fixtures shaped like real MEXC answers; no network. */
class MexcAdaptersTest {

  static JsonValue fixture(String name) {
    try (InputStream in = MexcAdaptersTest.class.getResourceAsStream("/fixtures/mexc/" + name)) {
      return JsonValue.parse(new String(in.readAllBytes(), StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  @Test
  void defaultSymbolsAreUnwrappedWithCodeZeroOrTwoHundred() {
    assertThat(MexcDtos.defaultSymbols(fixture("defaultSymbols.json"))).contains("BROCKUSDT", "SNTUSDT").hasSize(4);
    assertThat(MexcDtos.defaultSymbols(fixture("defaultSymbols-docs.json"))).containsExactly("MXUSDT", "BTCUSDT");
    assertThatThrownBy(() -> MexcDtos.defaultSymbols(JsonValue.parse("{\"code\":500,\"data\":[],\"msg\":\"x\"}")))
        .isInstanceOf(MalformedResponseException.class);
    assertThatThrownBy(() -> MexcDtos.defaultSymbols(JsonValue.parse("{\"code\":0,\"data\":{}}")))
        .isInstanceOf(MalformedResponseException.class);
  }

  @Test
  void symbolRulesFromRealExchangeInfo() {
    Set<String> tradable = MexcDtos.defaultSymbols(fixture("defaultSymbols.json"));
    Map<String, SymbolRules> rules = MexcDtos.symbols(fixture("exchangeInfo.json")).stream()
        .map(d -> MexcAdapters.symbolRules(d, tradable))
        .collect(Collectors.toMap(SymbolRules::symbol, Function.identity()));
    SymbolRules brock = rules.get("BROCKUSDT");
    assertThat(brock.status()).isEqualTo(SymbolStatus.TRADING);
    assertThat(brock.tickSize()).isEqualByComparingTo("0.00001");
    assertThat(brock.stepSize()).isEqualByComparingTo("0.01");
    assertThat(brock.minNotional()).isEqualByComparingTo("1");
    assertThat(brock.minQuantity()).isEqualByComparingTo("0");
    assertThat(brock.maxNotional()).isEqualByComparingTo("2000000");
    assertThat(brock.apiTradable()).isTrue();
    assertThat(brock.sides()).isEqualTo(TradeSides.BOTH);
    assertThat(brock.orderTypes()).containsExactlyInAnyOrder(OrderType.values());
    assertThat(brock.takerFee()).isEqualByComparingTo("0.0005");

    SymbolRules mx = rules.get("MXUSDT");
    assertThat(mx.status()).isEqualTo(SymbolStatus.TRADING); // legacy "ENABLED"
    assertThat(mx.apiTradable()).isFalse();
    assertThat(mx.sides()).isEqualTo(TradeSides.BUY_ONLY); // "2" as a string
    assertThat(mx.orderTypes()).doesNotContain(OrderType.MARKET).contains(OrderType.IMMEDIATE_OR_CANCEL);
    assertThat(mx.maxNotional()).isNull(); // ""
    assertThat(mx.minQuantity()).isEqualByComparingTo("0.01");

    assertThat(rules.get("OLDUSDT").status()).isEqualTo(SymbolStatus.OFFLINE);
    assertThat(rules.get("OLDUSDT").stepSize()).isEqualByComparingTo("1");
    assertThat(rules.get("OLDUSDT").sides()).isEqualTo(TradeSides.NONE);
    assertThat(rules.get("PAUSEDUSDT").status()).isEqualTo(SymbolStatus.PAUSED);
    assertThat(rules.get("PAUSEDUSDT").sides()).isEqualTo(TradeSides.SELL_ONLY);
  }

  @Test
  void statusAndSidesAreLenient() {
    assertThat(MexcAdapters.status("1")).isEqualTo(SymbolStatus.TRADING);
    assertThat(MexcAdapters.status("ENABLED")).isEqualTo(SymbolStatus.TRADING);
    assertThat(MexcAdapters.status("2")).isEqualTo(SymbolStatus.PAUSED);
    assertThat(MexcAdapters.status("3")).isEqualTo(SymbolStatus.OFFLINE);
    assertThat(MexcAdapters.status(null)).isEqualTo(SymbolStatus.OFFLINE);
    assertThat(MexcAdapters.status("weird")).isEqualTo(SymbolStatus.OFFLINE);
    assertThat(MexcAdapters.sides(null)).isEqualTo(TradeSides.BOTH);
    assertThat(MexcAdapters.orderTypes(List.of())).hasSize(OrderType.values().length);
    assertThat(MexcAdapters.orderTypes(List.of("LIMIT_MAKER", "STOP_LIMIT"))).containsExactly(OrderType.LIMIT_MAKER);
  }

  @Test
  void tickersTreatPercentAsAFractionAndTolerateEmptyStringsAndNulls() {
    List<Ticker> t = MexcDtos.tickers(fixture("ticker24hr.json")).stream().map(MexcAdapters::ticker)
        .filter(java.util.Objects::nonNull).toList();
    assertThat(t).extracting(Ticker::symbol).containsExactly("BTCUSDT", "DOCSUSDT"); // DEADUSDT has no price
    assertThat(t.get(0).changeFraction()).isCloseTo(0.0173, within(1e-12));
    assertThat(t.get(0).quoteVolume()).isEqualByComparingTo("554877037.44");
    assertThat(t.get(0).spreadFraction()).isPositive();
    assertThat(t.get(1).changeFraction()).isCloseTo(-0.05, within(1e-12));
    assertThat(t.get(1).quoteVolume()).isEqualByComparingTo("0"); // null
    assertThat(t.get(1).closeTime()).isEqualTo(1710328251172L); // string time
    MexcDtos.TickerDto noPct = new MexcDtos.TickerDto("X", new java.math.BigDecimal("110"), null, null,
        new java.math.BigDecimal("100"), null, null, null, null, null, 0);
    assertThat(MexcAdapters.ticker(noPct).changeFraction()).isCloseTo(0.10, within(1e-12));
  }

  @Test
  void klinesHaveEightElementsAndNumericTimes() {
    List<Candle> k = MexcDtos.klines(fixture("klines.json")).stream().map(MexcAdapters::candle).toList();
    assertThat(k).hasSize(2);
    assertThat(k.get(0).openTime()).isEqualTo(1640804880000L);
    assertThat(k.get(0).close()).isEqualTo(47436.1);
    assertThat(k.get(0).closeTime()).isEqualTo(1640804940000L);
    assertThat(k.get(0).quoteVolume()).isEqualTo(168387.3);
    assertThatThrownBy(() -> MexcDtos.klines(JsonValue.parse("[[1,\"2\"]]")))
        .isInstanceOf(MalformedResponseException.class);
  }

  @Test
  void depthBookTickerAndTrades() {
    OrderBook b = MexcAdapters.orderBook("X", MexcDtos.depth(fixture("depth.json")));
    assertThat(b.bestBid()).isEqualByComparingTo("15");
    assertThat(b.bestAsk()).isEqualByComparingTo("15.5");
    assertThat(b.timestamp()).isEqualTo(1737623243056L);
    var bt = MexcAdapters.bookTicker(MexcDtos.bookTicker(fixture("bookTicker.json")));
    assertThat(bt.askQty()).isEqualByComparingTo("215.48");
    var tr = MexcAdapters.publicTrade("ETHUSDT", MexcDtos.trades(fixture("trades.json")).get(0));
    assertThat(tr.quoteQuantity()).isEqualByComparingTo("153.1554206");
    assertThat(tr.buyerMaker()).isFalse();
  }

  @Test
  void ordersWithOpaqueIdsAndMarketNulls() {
    Order m = MexcAdapters.order(MexcDtos.order(fixture("order-market.json")));
    assertThat(m.orderId()).isEqualTo("C02__385413065019117569043");
    assertThat(m.type()).isEqualTo(OrderType.MARKET);
    assertThat(m.status()).isEqualTo(OrderStatus.FILLED);
    assertThat(m.clientOrderId()).isNull();
    assertThat(m.averagePrice()).isEqualByComparingTo("0.004327");
    assertThat(m.time()).isEqualTo(1707671871000L);
    Order n = MexcAdapters.order(MexcDtos.order(fixture("order-numeric-id.json")));
    assertThat(n.orderId()).isEqualTo("1");
    assertThat(n.side()).isEqualTo(Side.BUY);
    MexcDtos.AckDto ack = MexcDtos.ack(fixture("order-ack.json"));
    assertThat(ack.orderId()).isEqualTo("06a480e69e604477bfb48dddd5f0b750");
    assertThat(ack.clientOrderId()).isNull();
    assertThat(MexcAdapters.orderStatus("5")).isEqualTo(OrderStatus.PARTIALLY_CANCELED);
    assertThat(MexcAdapters.orderType("3")).isEqualTo(OrderType.IMMEDIATE_OR_CANCEL);
    assertThatThrownBy(() -> MexcAdapters.orderStatus("??")).isInstanceOf(MalformedResponseException.class);
    assertThatThrownBy(() -> MexcAdapters.side("??")).isInstanceOf(MalformedResponseException.class);
  }

  @Test
  void accountAndMyTrades() {
    List<Balance> b = MexcAdapters.balances(MexcDtos.balances(fixture("account.json")));
    assertThat(b).extracting(Balance::asset).containsExactly("NBNTEST"); // zero balances dropped
    assertThat(b.get(0).locked()).isEqualByComparingTo("33");
    Fill f = MexcAdapters.fill(MexcDtos.myTrades(fixture("myTrades.json")).get(0));
    assertThat(f.side()).isEqualTo(Side.SELL);
    assertThat(f.time()).isEqualTo(1707671871000L);
    assertThat(f.clientOrderId()).isNull();
    assertThat(f.commissionAsset()).isEqualTo("USDT");
  }

  @Test
  void serverTimeMayBeAString() {
    assertThat(MexcDtos.serverTime(fixture("time.json"))).isEqualTo(1647519277579L);
    assertThatThrownBy(() -> MexcDtos.serverTime(JsonValue.parse("{}"))).isInstanceOf(MalformedResponseException.class);
  }

  @Test
  void jsonValueIsLenientButRejectsGarbage() {
    assertThatThrownBy(() -> JsonValue.parse("{\"a\":")).isInstanceOf(MalformedResponseException.class);
    assertThatThrownBy(() -> JsonValue.parse("")).isInstanceOf(MalformedResponseException.class);
    assertThatThrownBy(() -> JsonValue.parse("{} {}")).isInstanceOf(MalformedResponseException.class);
    JsonValue v = JsonValue.parse("{\"n\":12,\"s\":\" 12 \",\"e\":\"\",\"z\":null,\"b\":\"true\",\"x\":\"abc\"}");
    assertThat(v.get("n").longOr(0)).isEqualTo(12);
    assertThat(v.get("s").intOr(0)).isEqualTo(12);
    assertThat(v.get("e").isMissing()).isTrue();
    assertThat(v.get("z").decimal()).isNull();
    assertThat(v.get("missing").textOr("d")).isEqualTo("d");
    assertThat(v.get("b").boolOr(false)).isTrue();
    assertThat(v.at(0).isMissing()).isTrue();
    assertThat(v.size()).isEqualTo(6);
    assertThatThrownBy(() -> v.get("x").decimal()).isInstanceOf(MalformedResponseException.class);
    assertThat(JsonValue.parse("[1,2]").at(5).isMissing()).isTrue();
    assertThat(v.toString()).startsWith("OBJECT");
  }

  @Test
  void errorBodiesAreRecognised() {
    assertThat(MexcDtos.error(JsonValue.parse("{\"code\":700002,\"msg\":\"bad\"}")).code()).isEqualTo(700002);
    assertThat(MexcDtos.error(JsonValue.parse("{\"code\":0,\"data\":[]}"))).isNull();
    assertThat(MexcDtos.error(JsonValue.parse("{\"code\":200,\"data\":[]}"))).isNull();
    assertThat(MexcDtos.error(JsonValue.parse("[1]"))).isNull();
    assertThat(MexcDtos.error(JsonValue.parse("{\"symbol\":\"X\"}"))).isNull();
  }
}
