package io.ottertrend.exchange.paper;

import static org.assertj.core.api.Assertions.assertThat;

import io.ottertrend.exchange.Exchange;
import io.ottertrend.exchange.ExchangeException;
import io.ottertrend.memory.SqliteMemory;
import io.ottertrend.model.Balance;
import io.ottertrend.model.Order;
import io.ottertrend.model.OrderAck;
import io.ottertrend.model.OrderRef;
import io.ottertrend.model.OrderRequest;
import io.ottertrend.model.OrderType;
import io.ottertrend.model.Side;
import io.ottertrend.testing.ExchangeScenario;
import io.ottertrend.testing.FakeMexcServer;
import io.ottertrend.testing.ScenarioMarket;
import io.ottertrend.time.Clock;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;
import java.util.function.Function;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Reliability test 37/38: the same order sequence through the paper exchange and through the MEXC client talking
 * to a MEXC-protocol server gives the same rejections (type and reason), the same order outcomes and the same
 * wallet.
 */
class PaperMexcReplayTest {
  @TempDir Path dir;

  private static BigDecimal d(String s) {
    return new BigDecimal(s);
  }

  /** The sequence: valid orders, every kind of MEXC rejection, cancels. Returns one outcome line per step. */
  private static List<String> replay(Exchange ex) {
    List<Function<Exchange, Object>> steps = List.of(
        e -> e.placeOrder(OrderRequest.limit("BTCUSDT", Side.BUY, d("0.001"), d("49000"), "s01")),
        e -> e.placeOrder(OrderRequest.limit("BTCUSDT", Side.BUY, d("0.0000209"), d("49000"), "s02")),
        e -> e.placeOrder(OrderRequest.limit("BTCUSDT", Side.BUY, d("0.0000004"), d("49000"), "s03")),
        e -> e.placeOrder(OrderRequest.limit("MEMEUSDT", Side.BUY, d("1000"), d("0.000000001"), "s04")),
        e -> e.placeOrder(OrderRequest.marketBuyQuote("ETHUSDT", d("4.99"), "s05")),
        e -> e.placeOrder(OrderRequest.limit("NOAPIUSDT", Side.BUY, d("10"), d("1"), "s06")),
        e -> e.placeOrder(OrderRequest.marketBuyQuote("NOMKTUSDT", d("10"), "s07")),
        e -> e.placeOrder(OrderRequest.limit("NOPEUSDT", Side.BUY, d("1"), d("1"), "s08")),
        e -> e.placeOrder(OrderRequest.limit("BTCUSDT", Side.BUY, d("1"), d("49000"), "s09")),
        e -> e.placeOrder(OrderRequest.marketSell("ETHUSDT", d("1"), "s10")),
        e -> e.placeOrder(OrderRequest.limit("BTCUSDT", Side.SELL, d("1"), d("60000"), "s11")),
        e -> e.placeOrder(OrderRequest.marketBuyQuote("BTCUSDT", d("10.009"), "s12")),
        e -> e.placeOrder(OrderRequest.limit("BTCUSDT", Side.SELL, d("0.0010009"), d("60000.001"), "s13")),
        e -> e.placeOrder(new OrderRequest("MEMEUSDT", Side.BUY, OrderType.IMMEDIATE_OR_CANCEL, d("12000000"), null,
            d("0.00000124"), "s14")),
        e -> e.placeOrder(new OrderRequest("MEMEUSDT", Side.BUY, OrderType.FILL_OR_KILL, d("1000000"), null,
            d("0.00000124"), "s15")),
        e -> e.placeOrder(OrderRequest.limit("BTCUSDT", Side.BUY, d("0.0012"), d("50005"), "s16")),
        e -> e.placeOrder(OrderRequest.limit("BTCUSDT", Side.BUY, d("0.001"), d("49000"), "s01")),
        e -> e.cancelOrder("BTCUSDT", OrderRef.clientId("s01")),
        e -> e.cancelOrder("BTCUSDT", OrderRef.clientId("s12")),
        e -> e.cancelOrder("BTCUSDT", OrderRef.clientId("never")),
        e -> e.placeOrder(OrderRequest.marketSell("MEMEUSDT", d("9990000"), "s17")));
    List<String> out = new ArrayList<>();
    for (int i = 0; i < steps.size(); i++) {
      String line;
      try {
        Object r = steps.get(i).apply(ex);
        Order o = r instanceof OrderAck ack
            ? ex.queryOrder(ack.symbol(), OrderRef.exchangeId(ack.orderId())).orElseThrow() : (Order) r;
        line = o.status() + " price=" + plain(o.price()) + " qty=" + plain(o.origQty()) + " executed="
            + plain(o.executedQty()) + " quote=" + plain(o.cumulativeQuoteQty());
      } catch (ExchangeException.InvalidOrder e) {
        line = "InvalidOrder " + e.reason();
      } catch (ExchangeException e) {
        line = e.getClass().getSimpleName();
      }
      out.add("step " + (i + 1) + ": " + line);
    }
    TreeMap<String, String> wallet = new TreeMap<>();
    for (Balance b : ex.balances()) {
      wallet.put(b.asset(), plain(b.free()) + "/" + plain(b.locked()));
    }
    out.add("wallet " + wallet);
    out.add("open " + ex.openOrders(null).stream().map(Order::clientOrderId).sorted().toList());
    return out;
  }

  private static String plain(BigDecimal v) {
    return v.stripTrailingZeros().toPlainString();
  }

  @Test
  void paperAndMexcClientGiveTheSameRejectionsOutcomesAndWallet() {
    ExchangeScenario scenario = ExchangeScenario.standard();
    List<String> mexc;
    try (FakeMexcServer fake = FakeMexcServer.start(scenario); Exchange client = fake.exchangeBuilder().build()) {
      mexc = replay(client);
    }
    List<String> paper;
    try (SqliteMemory memory = SqliteMemory.open(dir.resolve("paper.db"))) {
      ScenarioMarket market = new ScenarioMarket(scenario, Clock.simulated(Instant.ofEpochMilli(scenario.nowMillis())));
      paper = replay(PaperExchange.builder(market, memory).initialBalances(scenario.balances()).build());
    }
    assertThat(paper).containsExactlyElementsOf(mexc);
    // the sequence really exercised rejections and fills
    assertThat(mexc).anyMatch(l -> l.contains("InvalidOrder PRECISION"))
        .anyMatch(l -> l.contains("InvalidOrder BELOW_MIN_NOTIONAL")).anyMatch(l -> l.contains("InsufficientFunds"))
        .anyMatch(l -> l.contains("SymbolNotApiTradable")).anyMatch(l -> l.contains("MarketOrdersDisabled"))
        .anyMatch(l -> l.contains("UnknownSymbol")).anyMatch(l -> l.contains("UnknownOrder"))
        .anyMatch(l -> l.contains("PARTIALLY_CANCELED")).anyMatch(l -> l.contains("FILLED"));
  }
}
