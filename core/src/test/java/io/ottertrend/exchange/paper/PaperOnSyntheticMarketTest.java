package io.ottertrend.exchange.paper;

import static org.assertj.core.api.Assertions.assertThat;

import io.ottertrend.market.SyntheticMarket;
import io.ottertrend.memory.SqliteMemory;
import io.ottertrend.model.Candle;
import io.ottertrend.model.Fill;
import io.ottertrend.model.Interval;
import io.ottertrend.model.Order;
import io.ottertrend.model.OrderRef;
import io.ottertrend.model.OrderRequest;
import io.ottertrend.model.OrderStatus;
import io.ottertrend.model.Side;
import io.ottertrend.model.SymbolRules;
import io.ottertrend.time.Clock;
import io.ottertrend.time.SimulatedClock;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PaperOnSyntheticMarketTest {
  @TempDir Path dir;

  @Test
  void restingBuyFillsAtItsPriceOnlyAfterTheSyntheticLowTradesBelowIt() {
    SimulatedClock clock = Clock.simulated(Instant.parse("2026-02-02T00:00:00Z"));
    SyntheticMarket market = SyntheticMarket.builder().seed(21).symbols(10).clock(clock)
        .history(Duration.ofHours(2)).build();
    try (SqliteMemory memory = SqliteMemory.open(dir.resolve("p.db"))) {
      PaperExchange ex = PaperExchange.builder(market, memory).build();
      SymbolRules rules = ex.symbolRules("ETHUSDT").orElseThrow();
      BigDecimal bid = ex.bookTicker("ETHUSDT").bidPrice();
      BigDecimal price = rules.roundPrice(bid.multiply(new BigDecimal("0.998")), Side.BUY);
      BigDecimal qty = rules.truncateQuantity(new BigDecimal("50").divide(price, 8, java.math.RoundingMode.DOWN));
      long placedAt = clock.millis();
      ex.placeOrder(OrderRequest.limit("ETHUSDT", Side.BUY, qty, price, "rest"));
      Order o = ex.queryOrder("ETHUSDT", OrderRef.clientId("rest")).orElseThrow();
      int minutes = 0;
      while (o.status() == OrderStatus.NEW && minutes < 24 * 60) {
        clock.advance(Duration.ofMinutes(1));
        minutes++;
        o = ex.queryOrder("ETHUSDT", OrderRef.clientId("rest")).orElseThrow();
      }
      assertThat(o.status()).as("seed 21: filled within a day").isEqualTo(OrderStatus.FILLED);
      Fill f = ex.myTrades("ETHUSDT", 0, 10).get(0);
      assertThat(f.price()).isEqualByComparingTo(price);
      // the market really traded below the price in a bar that began after the order was placed
      List<Candle> bars = market.klines("ETHUSDT", Interval.M1, placedAt, null, 1000);
      double firstBelow = bars.stream().filter(c -> c.low() < price.doubleValue()).findFirst().orElseThrow()
          .closeTime() + 1;
      assertThat(f.time()).isEqualTo((long) firstBelow);
      assertThat(bars.stream().filter(c -> c.closeTime() < f.time() - 1).noneMatch(c -> c.low() < price.doubleValue()))
          .isTrue();
    }
  }
}
