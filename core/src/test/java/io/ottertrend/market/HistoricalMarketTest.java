package io.ottertrend.market;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.ottertrend.data.BarSeries;
import io.ottertrend.data.BarStore;
import io.ottertrend.exchange.ExchangeException;
import io.ottertrend.exchange.paper.PaperExchange;
import io.ottertrend.memory.SqliteMemory;
import io.ottertrend.model.Candle;
import io.ottertrend.model.Interval;
import io.ottertrend.model.OrderRef;
import io.ottertrend.model.OrderRequest;
import io.ottertrend.model.OrderStatus;
import io.ottertrend.model.Side;
import io.ottertrend.model.Ticker;
import io.ottertrend.time.Clock;
import io.ottertrend.time.SimulatedClock;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class HistoricalMarketTest {
  static final long T0 = Instant.parse("2025-01-01T00:00:00Z").toEpochMilli();
  static final long M5 = 300_000;
  @TempDir Path dir;

  /** Bars of a known shape: closes 100, 101, ... with high = close + 0.5 and low = close - 0.5 (bar 5 dips to 95). */
  private BarStore store() {
    BarStore store = BarStore.open(dir.resolve("bars"));
    BarSeries.Builder b = new BarSeries.Builder(24);
    for (int i = 0; i < 24; i++) {
      double c = 100 + i;
      b.add(T0 + i * M5, c - 1, c + 0.5, i == 5 ? 95 : c - 1.5, c, 10, 10 * c);
    }
    store.append("OTTUSDT", Interval.M5, b.build());
    return store;
  }

  @Test
  void showsOnlyClosedBarsAndAggregatesCoarserIntervals() {
    SimulatedClock clock = Clock.simulated(Instant.ofEpochMilli(T0 + 12 * M5 + 1000));
    HistoricalMarket m = HistoricalMarket.load(store(), Interval.M5, List.of(), clock, "USDT", 0.001);
    assertThat(m.id()).isEqualTo("history");
    List<Candle> bars = m.klines("OTTUSDT", Interval.M5, null, null, 100);
    assertThat(bars).hasSize(12);
    assertThat(bars.get(11).close()).isEqualTo(111);
    Ticker t = m.ticker("OTTUSDT");
    assertThat(t.lastPrice()).isEqualByComparingTo("111");
    assertThat(t.spreadFraction()).isBetween(0.0005, 0.003);
    List<Candle> hour = m.klines("OTTUSDT", Interval.H1, null, null, 10);
    assertThat(hour).hasSize(1);
    assertThat(hour.get(0).low()).isEqualTo(95);
    assertThat(hour.get(0).volume()).isEqualTo(120);
    assertThatThrownBy(() -> m.klines("OTTUSDT", Interval.M1, null, null, 10))
        .isInstanceOf(ExchangeException.Rejected.class).hasMessageContaining("finer");
    assertThat(m.symbolRules()).singleElement().satisfies(r -> {
      assertThat(r.baseAsset()).isEqualTo("OTT");
      assertThat(r.tickSize()).isEqualByComparingTo("0.001");
    });
  }

  @Test
  void restingOrderFillsOnlyOnABarThatTradesThroughAfterPlacement() {
    SimulatedClock clock = Clock.simulated(Instant.ofEpochMilli(T0 + 3 * M5));
    HistoricalMarket m = HistoricalMarket.load(store(), Interval.M5, List.of("OTTUSDT"), clock, "USDT", 0.001);
    try (SqliteMemory memory = SqliteMemory.open(dir.resolve("p.db"))) {
      PaperExchange ex = PaperExchange.builder(m, memory).build();
      ex.placeOrder(OrderRequest.limit("OTTUSDT", Side.BUY, new BigDecimal("1"), new BigDecimal("98.5"), "dip"));
      clock.advance(Duration.ofMillis(2 * M5)); // bars 3 and 4: lows 101.5 and 102.5
      assertThat(status(ex)).isEqualTo(OrderStatus.NEW);
      clock.advance(Duration.ofMillis(M5)); // bar 5 dips to 95: through 98.5
      assertThat(status(ex)).isEqualTo(OrderStatus.FILLED);
      assertThat(ex.myTrades("OTTUSDT", 0, 10).get(0).time()).isEqualTo(T0 + 6 * M5);
    }
  }

  private static OrderStatus status(PaperExchange ex) {
    return ex.queryOrder("OTTUSDT", OrderRef.clientId("dip")).orElseThrow().status();
  }

  @Test
  void exchangeMarketSourceReadsThroughAnyExchange() {
    SimulatedClock clock = Clock.simulated(Instant.parse("2026-01-01T00:00:00Z"));
    SyntheticMarket synthetic = SyntheticMarket.builder().seed(3).symbols(5).clock(clock)
        .history(Duration.ofHours(3)).build();
    try (SqliteMemory memory = SqliteMemory.open(dir.resolve("x.db"))) {
      ExchangeMarketSource src = new ExchangeMarketSource(PaperExchange.builder(synthetic, memory).build(), clock);
      assertThat(src.id()).isEqualTo("paper");
      assertThat(src.now()).isEqualTo(clock.millis());
      assertThat(src.symbolRules()).hasSize(5);
      assertThat(src.symbolRules("BTCUSDT")).isPresent();
      assertThat(src.tickers()).isEqualTo(synthetic.tickers());
      assertThat(src.ticker("ETHUSDT")).isEqualTo(synthetic.ticker("ETHUSDT"));
      assertThat(src.bookTicker("ETHUSDT")).isEqualTo(synthetic.bookTicker("ETHUSDT"));
      assertThat(src.orderBook("ETHUSDT", 5)).isEqualTo(synthetic.orderBook("ETHUSDT", 5));
      assertThat(src.recentTrades("ETHUSDT", 5)).isEqualTo(synthetic.recentTrades("ETHUSDT", 5));
      assertThat(src.klines("ETHUSDT", Interval.M5, null, null, 5)).hasSize(5);
      long from = clock.millis() - 30 * 60_000 + 1;
      assertThat(src.tradedRange("ETHUSDT", from, clock.millis()))
          .isEqualTo(synthetic.tradedRange("ETHUSDT", from, clock.millis()));
      assertThat(src.tradedRange("ETHUSDT", clock.millis() - 1000, clock.millis())).isEmpty();
    }
  }
}
