package io.ottertrend.exchange.paper;

import static org.assertj.core.api.Assertions.assertThat;

import io.ottertrend.market.MarketSource;
import io.ottertrend.memory.InMemoryMemory;
import io.ottertrend.model.Fill;
import io.ottertrend.model.Order;
import io.ottertrend.model.OrderAck;
import io.ottertrend.model.OrderRef;
import io.ottertrend.model.OrderRequest;
import io.ottertrend.model.OrderStatus;
import io.ottertrend.model.Side;
import io.ottertrend.model.SymbolRules;
import io.ottertrend.time.Clock;
import io.ottertrend.time.SimulatedClock;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * An arriving order is matched against the book at the agent's depth ({@link PaperExchange#SHALLOW_DEPTH} levels),
 * reusing the book served at the same market instant, and only an order that reads past those levels is matched
 * again against the deep book: the same fills either way.
 */
class PaperShallowBookTest {
  private SimulatedClock clock;
  private final List<Integer> bookDepths = new ArrayList<>();
  private PaperExchange ex;

  private static BigDecimal d(String s) {
    return new BigDecimal(s);
  }

  /** 30 levels a side: asks 10.00, 10.01, ... and bids 9.99, 9.98, ..., one unit each. */
  private static List<String> levels(double start, double step) {
    List<String> out = new ArrayList<>();
    for (int i = 0; i < 30; i++) {
      out.add(BigDecimal.valueOf(start + step * i).setScale(2, java.math.RoundingMode.HALF_EVEN).toPlainString()
          + ":1");
    }
    return out;
  }

  @BeforeEach
  void setUp() {
    clock = Clock.simulated(Instant.parse("2026-01-05T00:00:00Z"));
    ScriptedMarket scripted = new ScriptedMarket(clock)
        .rules(SymbolRules.builder("OTTUSDT", "OTT", "USDT").tickSize("0.01").stepSize("0.01").minNotional("1")
            .build())
        .book("OTTUSDT", levels(9.99, -0.01), levels(10.00, 0.01));
    // every book request is counted by its depth
    MarketSource counted = (MarketSource) Proxy.newProxyInstance(MarketSource.class.getClassLoader(),
        new Class<?>[] {MarketSource.class}, (proxy, method, args) -> {
          if (method.getName().equals("orderBook")) {
            bookDepths.add((Integer) args[1]);
          }
          try {
            return method.invoke(scripted, args);
          } catch (InvocationTargetException e) {
            throw e.getCause();
          }
        });
    ex = PaperExchange.builder(counted, InMemoryMemory.create())
        .initialBalances(Map.of("USDT", d("1000"), "OTT", d("100"))).build();
  }

  private List<Fill> fills(OrderAck ack) {
    Order o = ex.queryOrder("OTTUSDT", OrderRef.exchangeId(ack.orderId())).orElseThrow();
    assertThat(o.status()).isEqualTo(OrderStatus.FILLED);
    return ex.myTrades("OTTUSDT", 0, 1000).stream().filter(f -> f.orderId().equals(ack.orderId())).toList();
  }

  @Test
  void anOrderWithinTheAgentsDepthReusesTheBookItRead() {
    ex.orderBook("OTTUSDT", PaperExchange.SHALLOW_DEPTH); // what the agent reads before proposing
    bookDepths.clear();
    List<Fill> f = fills(ex.placeOrder(OrderRequest.marketBuyQuote("OTTUSDT", d("25"), "b1")));
    assertThat(bookDepths).as("no book read for the order").isEmpty();
    assertThat(f).extracting(Fill::price).containsExactly(d("10.00"), d("10.01"), d("10.02"));
    assertThat(f).extracting(Fill::quantity).containsExactly(d("1"), d("1"), d("0.49"));
  }

  @Test
  void aRestingLimitOrderNeedsNoDeeperBook() {
    ex.placeOrder(OrderRequest.limit("OTTUSDT", Side.BUY, d("2"), d("9.50"), "l1"));
    assertThat(bookDepths).containsExactly(PaperExchange.SHALLOW_DEPTH);
  }

  @Test
  void aBuyWalkingPastTheAgentsDepthFillsAgainstTheDeepBook() {
    // 25 whole levels cost 253.00; the 26th (10.25) takes what the last 2.00 buys: 0.19
    List<Fill> f = fills(ex.placeOrder(OrderRequest.marketBuyQuote("OTTUSDT", d("255"), "b2")));
    assertThat(bookDepths).containsExactly(PaperExchange.SHALLOW_DEPTH, PaperExchange.BOOK_DEPTH);
    assertThat(f).hasSize(26);
    assertThat(f.get(24).price()).isEqualByComparingTo("10.24");
    assertThat(f.get(25).price()).isEqualByComparingTo("10.25");
    assertThat(f.get(25).quantity()).isEqualByComparingTo("0.19");
  }

  @Test
  void aSellWalkingPastTheAgentsDepthFillsAgainstTheDeepBook() {
    List<Fill> f = fills(ex.placeOrder(OrderRequest.marketSell("OTTUSDT", d("25.5"), "s1")));
    assertThat(bookDepths).containsExactly(PaperExchange.SHALLOW_DEPTH, PaperExchange.BOOK_DEPTH);
    assertThat(f).hasSize(26);
    assertThat(f.get(25).price()).isEqualByComparingTo("9.74");
    assertThat(f.get(25).quantity()).isEqualByComparingTo("0.5");
  }

  @Test
  void liquidityTakenAtThisInstantIsGoneFromTheShallowBookToo() {
    ex.orderBook("OTTUSDT", PaperExchange.SHALLOW_DEPTH);
    fills(ex.placeOrder(OrderRequest.marketBuyQuote("OTTUSDT", d("195"), "b3"))); // 19 levels and a bit of the 20th
    bookDepths.clear();
    // the first 19 levels are gone and the 20th is partly taken: this order reads past the agent's depth
    List<Fill> f = fills(ex.placeOrder(OrderRequest.marketBuyQuote("OTTUSDT", d("20"), "b4")));
    assertThat(bookDepths).containsExactly(PaperExchange.BOOK_DEPTH);
    assertThat(f).extracting(Fill::price).containsExactly(d("10.19"), d("10.20"), d("10.21"));
    assertThat(f).extracting(Fill::quantity).containsExactly(d("0.68"), d("1"), d("0.28"));
  }
}
