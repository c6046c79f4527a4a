package io.ottertrend.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.ottertrend.exchange.Exchange;
import io.ottertrend.exchange.ExchangeException;
import io.ottertrend.market.SyntheticMarket;
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
import io.ottertrend.time.Clock;
import io.ottertrend.time.SimulatedClock;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class KlineFetcherTest {
  static final Instant NOW = Instant.parse("2026-03-10T12:02:00Z");
  /** The last 5m boundary before NOW: the forming bar 12:00-12:05 must not be stored. */
  static final long ALIGNED = NOW.toEpochMilli() - 120_000;
  @TempDir Path dir;

  /** Serves a synthetic market's klines like MEXC would; can fail after some requests or leave holes. */
  static final class KlineServer implements Exchange {
    final SyntheticMarket market;
    final List<long[]> requests = new ArrayList<>();
    final Set<Long> holes = new HashSet<>();
    int failAfter = Integer.MAX_VALUE;
    int rateLimitedOnce = -1;

    KlineServer(SyntheticMarket market) {
      this.market = market;
    }

    @Override
    public List<Candle> klines(String symbol, Interval interval, Long startTime, Long endTime, int limit) {
      if (requests.size() == rateLimitedOnce) {
        rateLimitedOnce = -1;
        throw new ExchangeException.RateLimited("Too Many Requests", Duration.ofSeconds(2));
      }
      requests.add(new long[] {startTime, endTime, limit});
      if (requests.size() > failAfter) {
        throw new ExchangeException.Rejected("connection reset (simulated kill)", 0);
      }
      List<Candle> out = new ArrayList<>();
      for (Candle c : market.klines(symbol, interval, startTime, endTime, limit)) {
        if (!holes.contains(c.openTime())) {
          out.add(c);
        }
      }
      return out;
    }

    @Override
    public long serverTime() {
      return market.now();
    }

    @Override
    public String id() {
      return "kline-server";
    }

    @Override
    public List<SymbolRules> symbolRules() {
      return market.symbolRules();
    }

    @Override
    public List<Ticker> tickers() {
      throw new UnsupportedOperationException();
    }

    @Override
    public Ticker ticker(String symbol) {
      throw new UnsupportedOperationException();
    }

    @Override
    public BookTicker bookTicker(String symbol) {
      throw new UnsupportedOperationException();
    }

    @Override
    public OrderBook orderBook(String symbol, int limit) {
      throw new UnsupportedOperationException();
    }

    @Override
    public List<PublicTrade> recentTrades(String symbol, int limit) {
      throw new UnsupportedOperationException();
    }

    @Override
    public List<Balance> balances() {
      throw new UnsupportedOperationException();
    }

    @Override
    public OrderAck placeOrder(OrderRequest request) {
      throw new UnsupportedOperationException();
    }

    @Override
    public Order cancelOrder(String symbol, OrderRef ref) {
      throw new UnsupportedOperationException();
    }

    @Override
    public Optional<Order> queryOrder(String symbol, OrderRef ref) {
      throw new UnsupportedOperationException();
    }

    @Override
    public List<Order> openOrders(String symbol) {
      throw new UnsupportedOperationException();
    }

    @Override
    public List<Fill> myTrades(String symbol, long sinceMillis, int limit) {
      throw new UnsupportedOperationException();
    }
  }

  static SyntheticMarket market(SimulatedClock clock) {
    return SyntheticMarket.builder().seed(5).symbols(4).clock(clock).history(Duration.ofDays(3)).build();
  }

  @Test
  void pagesThroughTheRangeAtTheConfiguredRateAndStoresOnlyClosedBars() throws Exception {
    SimulatedClock clock = Clock.simulated(NOW);
    KlineServer server = new KlineServer(market(clock));
    BarStore store = BarStore.open(dir);
    SimulatedClock fetchClock = Clock.simulated(NOW);
    List<KlineFetcher.Progress> progress = new ArrayList<>();
    KlineFetcher fetcher = KlineFetcher.builder(server, store).clock(fetchClock).pageLimit(100)
        .minRequestInterval(Duration.ofMillis(250)).progress(progress::add).build();
    long from = ALIGNED - Duration.ofDays(2).toMillis();
    KlineFetcher.Result r = fetcher.fetch("BTCUSDT", Interval.M5, from, null);
    assertThat(r.stored()).isEqualTo(2 * 288);
    assertThat(r.gaps()).isEmpty();
    assertThat(server.requests).hasSize(r.requests());
    assertThat(r.requests()).isEqualTo(6);
    assertThat(server.requests).allSatisfy(q -> assertThat(q[2]).isEqualTo(100));
    // requests spaced 250 ms apart on the fetcher's clock
    assertThat(fetchClock.millis() - NOW.toEpochMilli()).isEqualTo(250L * (r.requests() - 1));
    BarSeries s = store.load("BTCUSDT", Interval.M5);
    assertThat(s.openTime(0)).isEqualTo(from);
    assertThat(s.openTime(s.size() - 1)).isEqualTo(NOW.toEpochMilli() - 2 * 60_000 - 5 * 60_000);
    List<Candle> direct = server.market.klines("BTCUSDT", Interval.M5, from, null, 1000);
    assertThat(s.close(100)).isEqualTo(direct.get(100).close());
    assertThat(progress.get(progress.size() - 1).fraction()).isEqualTo(1.0);
    assertThat(progress).extracting(KlineFetcher.Progress::barsStored).isSorted();
  }

  @Test
  void resumesAfterAnInterruptionWithoutDuplicatesOrHoles() throws Exception {
    SimulatedClock clock = Clock.simulated(NOW);
    KlineServer server = new KlineServer(market(clock));
    server.failAfter = 3;
    BarStore store = BarStore.open(dir.resolve("a"));
    long from = ALIGNED - Duration.ofDays(2).toMillis();
    KlineFetcher first = KlineFetcher.builder(server, store).clock(Clock.simulated(NOW)).pageLimit(100).build();
    assertThatThrownBy(() -> first.fetch("ETHUSDT", Interval.M5, from, null))
        .isInstanceOf(ExchangeException.Rejected.class);
    assertThat(store.info("ETHUSDT", Interval.M5).orElseThrow().bars()).isEqualTo(300);
    server.failAfter = Integer.MAX_VALUE;
    server.requests.clear();
    KlineFetcher.Result r = KlineFetcher.builder(server, store).clock(Clock.simulated(NOW)).pageLimit(100).build()
        .fetch("ETHUSDT", Interval.M5, from, null);
    assertThat(r.resumedFrom()).isEqualTo(from + 300 * 300_000L);
    assertThat(server.requests.get(0)[0]).isEqualTo(from + 300 * 300_000L);
    assertThat(r.stored()).isEqualTo(2 * 288 - 300);

    BarStore fresh = BarStore.open(dir.resolve("b"));
    KlineFetcher.builder(server, fresh).clock(Clock.simulated(NOW)).build().fetch("ETHUSDT", Interval.M5, from, null);
    assertThat(store.load("ETHUSDT", Interval.M5)).isEqualTo(fresh.load("ETHUSDT", Interval.M5));
    assertThat(store.info("ETHUSDT", Interval.M5).orElseThrow().gaps()).isZero();
  }

  @Test
  void reportsHolesInTheExchangeDataAsGaps() throws Exception {
    SimulatedClock clock = Clock.simulated(NOW);
    KlineServer server = new KlineServer(market(clock));
    long from = ALIGNED - Duration.ofHours(10).toMillis();
    server.holes.add(from + 10 * 300_000L);
    server.holes.add(from + 11 * 300_000L);
    for (int k = 80; k < 110; k++) {
      server.holes.add(from + k * 300_000L); // a hole across a page boundary
    }
    BarStore store = BarStore.open(dir);
    KlineFetcher.Result r = KlineFetcher.builder(server, store).clock(Clock.simulated(NOW)).pageLimit(50).build()
        .fetch("BTCUSDT", Interval.M5, from, null);
    assertThat(r.gaps()).containsExactly(new BarStore.Gap(from + 10 * 300_000L, from + 12 * 300_000L, 2),
        new BarStore.Gap(from + 80 * 300_000L, from + 110 * 300_000L, 30));
    assertThat(store.info("BTCUSDT", Interval.M5).orElseThrow().missingBars()).isEqualTo(32);
  }

  @Test
  void waitsWhenRateLimitedAndRetriesTheSamePage() throws Exception {
    SimulatedClock clock = Clock.simulated(NOW);
    KlineServer server = new KlineServer(market(clock));
    server.rateLimitedOnce = 1;
    SimulatedClock fetchClock = Clock.simulated(NOW);
    long from = ALIGNED - Duration.ofHours(20).toMillis();
    KlineFetcher.Result r = KlineFetcher.builder(server, BarStore.open(dir)).clock(fetchClock).pageLimit(100)
        .minRequestInterval(Duration.ZERO).build().fetch("BTCUSDT", Interval.M5, from, null);
    assertThat(r.stored()).isEqualTo(240);
    assertThat(fetchClock.millis() - NOW.toEpochMilli()).isEqualTo(2000);
    assertThat(server.requests.get(1)[0]).isEqualTo(from + 100 * 300_000L);
  }
}
