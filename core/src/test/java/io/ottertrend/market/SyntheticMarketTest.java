package io.ottertrend.market;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.ottertrend.exchange.ExchangeException;
import io.ottertrend.model.Candle;
import io.ottertrend.model.Interval;
import io.ottertrend.model.OrderBook;
import io.ottertrend.model.OrderType;
import io.ottertrend.model.PublicTrade;
import io.ottertrend.model.SymbolRules;
import io.ottertrend.model.Ticker;
import io.ottertrend.time.Clock;
import io.ottertrend.time.SimulatedClock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class SyntheticMarketTest {
  private static final Instant START = Instant.parse("2026-03-02T12:00:00Z");

  private static SyntheticMarket market(long seed, SimulatedClock clock, Duration history) {
    return SyntheticMarket.builder().seed(seed).symbols(60).clock(clock).history(history).build();
  }

  private static double[] logReturns(BarMarket.Bars b) {
    int n = b.completed() - b.first() - 1;
    double[] r = new double[n];
    for (int i = 0; i < n; i++) {
      r[i] = Math.log(b.close(b.first() + i + 1) / b.close(b.first() + i));
    }
    return r;
  }

  @Test
  void returnsHaveFatTailsAcrossSymbols() {
    long seed = 11;
    SimulatedClock clock = Clock.simulated(START);
    SyntheticMarket m = market(seed, clock, Duration.ofDays(20));
    for (int s : new int[] {0, 1, 2, 3, 4}) {
      double[] r = logReturns(m.bars(s, clock.millis()));
      double mean = 0;
      for (double x : r) {
        mean += x;
      }
      mean /= r.length;
      double m2 = 0;
      double m4 = 0;
      for (double x : r) {
        double d = x - mean;
        m2 += d * d;
        m4 += d * d * d * d;
      }
      m2 /= r.length;
      m4 /= r.length;
      double kurtosis = m4 / (m2 * m2);
      assertThat(kurtosis).as("kurtosis of symbol %d, seed %d", s, seed).isGreaterThan(3.5);
    }
  }

  @Test
  void absoluteReturnsAreAutocorrelated() {
    long seed = 12;
    SimulatedClock clock = Clock.simulated(START);
    SyntheticMarket m = market(seed, clock, Duration.ofDays(20));
    for (int s : new int[] {0, 1, 2, 3}) {
      double[] r = logReturns(m.bars(s, clock.millis()));
      double[] a = new double[r.length];
      double mean = 0;
      for (int i = 0; i < r.length; i++) {
        a[i] = Math.abs(r[i]);
        mean += a[i];
      }
      mean /= a.length;
      double num = 0;
      double den = 0;
      for (int i = 0; i < a.length; i++) {
        den += (a[i] - mean) * (a[i] - mean);
        if (i > 0) {
          num += (a[i] - mean) * (a[i - 1] - mean);
        }
      }
      // ~28,800 samples: the standard error of a zero autocorrelation is ~0.006, so 0.03 is far above noise.
      assertThat(num / den).as("lag-1 autocorrelation of |r|, symbol %d, seed %d", s, seed).isGreaterThan(0.03);
    }
  }

  @Test
  void sameSeedGivesIdenticalDataWhateverTheQueryOrder() {
    SimulatedClock c1 = Clock.simulated(START);
    SimulatedClock c2 = Clock.simulated(START);
    SyntheticMarket a = market(5, c1, Duration.ofDays(1));
    SyntheticMarket b = market(5, c2, Duration.ofDays(1));
    // a: ETH first, step by step; b: jumps straight to the end and asks in reverse order.
    List<Candle> aEth = new ArrayList<>();
    for (int k = 0; k < 10; k++) {
      a.ticker("ETHUSDT");
      c1.advance(Duration.ofMinutes(7));
    }
    c2.advance(Duration.ofMinutes(70));
    List<Candle> bBtc = b.klines("BTCUSDT", Interval.M5, null, null, 500);
    List<Candle> bEth = b.klines("ETHUSDT", Interval.M5, null, null, 500);
    aEth.addAll(a.klines("ETHUSDT", Interval.M5, null, null, 500));
    assertThat(a.klines("BTCUSDT", Interval.M5, null, null, 500)).isEqualTo(bBtc);
    assertThat(aEth).isEqualTo(bEth);
    assertThat(a.tickers()).isEqualTo(b.tickers());
    assertThat(a.orderBook("PEPEUSDT", 20)).isEqualTo(b.orderBook("PEPEUSDT", 20));
    assertThat(a.recentTrades("SOLUSDT", 50)).isEqualTo(b.recentTrades("SOLUSDT", 50));
  }

  @Test
  void concurrentQueriesSeeTheSameDataAsSequentialOnes() throws Exception {
    SyntheticMarket shared = market(6, Clock.simulated(START), Duration.ofDays(2));
    SyntheticMarket alone = market(6, Clock.simulated(START), Duration.ofDays(2));
    List<String> symbols = alone.symbolRules().stream().map(SymbolRules::symbol).toList();
    java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(4);
    try {
      List<java.util.concurrent.Future<List<Candle>>> futures = new ArrayList<>();
      List<String> asked = new ArrayList<>();
      for (int k = 0; k < 4; k++) {
        int offset = k;
        for (int i = 0; i < symbols.size(); i++) {
          String sym = symbols.get((i * 7 + offset * 13) % symbols.size());
          asked.add(sym);
          futures.add(pool.submit(() -> shared.klines(sym, Interval.M15, null, null, 200)));
        }
      }
      for (int i = 0; i < futures.size(); i++) {
        assertThat(futures.get(i).get()).as(asked.get(i))
            .isEqualTo(alone.klines(asked.get(i), Interval.M15, null, null, 200));
      }
    } finally {
      pool.shutdown();
    }
    for (String sym : symbols) {
      assertThat(shared.klines(sym, Interval.M15, null, null, 200)).as(sym)
          .isEqualTo(alone.klines(sym, Interval.M15, null, null, 200));
    }
  }

  @Test
  void differentSeedsGiveDifferentData() {
    SyntheticMarket a = market(1, Clock.simulated(START), Duration.ofHours(2));
    SyntheticMarket b = market(2, Clock.simulated(START), Duration.ofHours(2));
    assertThat(a.ticker("BTCUSDT").lastPrice()).isNotEqualByComparingTo(b.ticker("BTCUSDT").lastPrice());
  }

  @Test
  void neverShowsTheFutureAndMovesWithTheClock() {
    SimulatedClock clock = Clock.simulated(START.plusSeconds(30));
    SyntheticMarket m = market(3, clock, Duration.ofHours(5));
    List<Candle> before = m.klines("BTCUSDT", Interval.M1, null, null, 1000);
    assertThat(before).hasSize(300);
    assertThat(before.get(before.size() - 1).closeTime()).isLessThan(clock.millis());
    Ticker t0 = m.ticker("BTCUSDT");
    clock.advance(Duration.ofMinutes(30));
    List<Candle> after = m.klines("BTCUSDT", Interval.M1, null, null, 1000);
    assertThat(after).hasSize(330);
    assertThat(after.subList(0, 300)).isEqualTo(before);
    assertThat(m.ticker("BTCUSDT").closeTime()).isGreaterThan(t0.closeTime());
    // a forming 60m bar contains only the completed minutes
    List<Candle> hourly = m.klines("BTCUSDT", Interval.H1, null, null, 10);
    Candle last = hourly.get(hourly.size() - 1);
    assertThat(last.openTime()).isEqualTo(START.toEpochMilli());
    assertThat(last.close()).isEqualTo(after.get(after.size() - 1).close());
    for (PublicTrade tr : m.recentTrades("BTCUSDT", 100)) {
      assertThat(tr.time()).isLessThan(clock.millis());
    }
  }

  @Test
  void klinesAggregateConsistentlyAndHonourStartEndAndLimit() {
    SimulatedClock clock = Clock.simulated(START);
    SyntheticMarket m = market(4, clock, Duration.ofDays(2));
    List<Candle> m1 = m.klines("ETHUSDT", Interval.M1, START.toEpochMilli() - 3_600_000, null, 1000);
    assertThat(m1).hasSize(60);
    List<Candle> h1 = m.klines("ETHUSDT", Interval.H1, START.toEpochMilli() - 3_600_000, null, 5);
    assertThat(h1).hasSize(1);
    Candle h = h1.get(0);
    assertThat(h.open()).isEqualTo(m1.get(0).open());
    assertThat(h.close()).isEqualTo(m1.get(59).close());
    assertThat(h.high()).isEqualTo(m1.stream().mapToDouble(Candle::high).max().orElseThrow());
    assertThat(h.low()).isEqualTo(m1.stream().mapToDouble(Candle::low).min().orElseThrow());
    assertThat(h.volume()).isCloseTo(m1.stream().mapToDouble(Candle::volume).sum(), org.assertj.core.data.Offset.offset(1e-6 * h.volume()));
    List<Candle> lastFive = m.klines("ETHUSDT", Interval.M15, null, START.toEpochMilli() - 1, 5);
    assertThat(lastFive).hasSize(5);
    assertThat(lastFive.get(4).openTime()).isEqualTo(START.toEpochMilli() - 15 * 60_000);
    for (int i = 1; i < lastFive.size(); i++) {
      assertThat(lastFive.get(i).openTime() - lastFive.get(i - 1).openTime()).isEqualTo(15 * 60_000);
    }
    List<Candle> daily = m.klines("ETHUSDT", Interval.D1, null, null, 10);
    assertThat(daily).hasSize(3);
    for (Candle c : daily) {
      assertThat(c.high()).isGreaterThanOrEqualTo(Math.max(c.open(), c.close()));
      assertThat(c.low()).isLessThanOrEqualTo(Math.min(c.open(), c.close()));
    }
  }

  @Test
  void booksAreConsistentWithPriceAndSpread() {
    SimulatedClock clock = Clock.simulated(START);
    SyntheticMarket m = market(9, clock, Duration.ofHours(3));
    for (SymbolRules r : m.symbolRules()) {
      Ticker t = m.ticker(r.symbol());
      OrderBook book = m.orderBook(r.symbol(), 50);
      assertThat(book.bids()).isNotEmpty();
      assertThat(book.bestBid()).isLessThanOrEqualTo(t.lastPrice());
      assertThat(book.bestAsk()).isGreaterThan(book.bestBid());
      assertThat(book.bestAsk()).isEqualByComparingTo(t.askPrice());
      for (int i = 1; i < book.bids().size(); i++) {
        assertThat(book.bids().get(i).price()).isLessThan(book.bids().get(i - 1).price());
      }
      for (int i = 1; i < book.asks().size(); i++) {
        assertThat(book.asks().get(i).price()).isGreaterThan(book.asks().get(i - 1).price());
      }
      assertThat(book.bestBid().remainder(r.tickSize())).isZero();
      assertThat(book.bids().get(0).quantity().remainder(r.stepSize())).isZero();
    }
  }

  @Test
  void universeHasMajorsThinPairsFreshListingsAndNonApiPairs() {
    SimulatedClock clock = Clock.simulated(START);
    SyntheticMarket m = market(7, clock, Duration.ofDays(1));
    List<SymbolRules> rules = m.symbolRules();
    assertThat(rules).hasSize(60);
    assertThat(rules).extracting(SymbolRules::symbol).contains("BTCUSDT", "ETHUSDT", "PEPEUSDT", "CYBERUSDT");
    assertThat(rules.stream().filter(r -> !r.apiTradable()).count()).isBetween(1L, 2L);
    assertThat(rules.stream().filter(r -> !r.orderTypes().contains(OrderType.MARKET)).count()).isEqualTo(1);
    double thinSpread = m.ticker("KELPUSDT").spreadFraction();
    assertThat(thinSpread).isGreaterThan(0.005);
    assertThat(m.ticker("BTCUSDT").spreadFraction()).isLessThan(0.001);
    assertThat(m.orderBook("KELPUSDT", 100).asks().size()).isLessThan(20);
    // a fresh listing has a short history that starts at its listing
    List<Candle> fresh = m.klines("NEWOTTUSDT", Interval.M1, null, null, 1000);
    assertThat(fresh.size()).isBetween(30, 600);
  }

  @Test
  void unknownSymbolIsRefusedWithTheExchangeType() {
    SyntheticMarket m = market(7, Clock.simulated(START), Duration.ofHours(1));
    assertThatThrownBy(() -> m.ticker("NOPEUSDT")).isInstanceOf(ExchangeException.UnknownSymbol.class)
        .hasMessageContaining("NOPEUSDT");
    assertThatThrownBy(() -> m.orderBook("btcusdt", 5)).isInstanceOf(ExchangeException.UnknownSymbol.class);
  }

  @Test
  void tradedRangeCoversOnlyCompletedBarsAndReportsWhereItEnds() {
    SimulatedClock clock = Clock.simulated(START);
    SyntheticMarket m = market(8, clock, Duration.ofHours(1));
    long from = clock.millis() + 30_000;
    clock.advance(Duration.ofMinutes(1));
    assertThat(m.tradedRange("BTCUSDT", from, clock.millis())).isEmpty();
    clock.advance(Duration.ofMinutes(3));
    MarketSource.PriceRange r = m.tradedRange("BTCUSDT", from, clock.millis()).orElseThrow();
    assertThat(r.coveredUntil()).isEqualTo(START.toEpochMilli() + 4 * 60_000);
    List<Candle> bars = m.klines("BTCUSDT", Interval.M1, START.toEpochMilli() + 60_000, null, 10);
    assertThat(bars).hasSize(3);
    assertThat(r.high()).isEqualTo(bars.stream().mapToDouble(Candle::high).max().orElseThrow());
    assertThat(r.low()).isEqualTo(bars.stream().mapToDouble(Candle::low).min().orElseThrow());
  }

  @Test
  void historyGeneratorIsDeterministicAndStartsFreshListingsAtTheirListing() {
    List<double[]> first = new ArrayList<>();
    List<double[]> second = new ArrayList<>();
    long end = START.toEpochMilli();
    SyntheticMarket.generateHistory(3, 12, "USDT", end, Duration.ofMinutes(5), 2000,
        (r, t, o, h, l, c, v) -> first.add(c));
    SyntheticMarket.generateHistory(3, 12, "USDT", end, Duration.ofMinutes(5), 2000,
        (r, t, o, h, l, c, v) -> {
          second.add(c);
          assertThat(t[t.length - 1]).isEqualTo(end - 5 * 60_000);
          for (int i = 0; i < t.length; i++) {
            assertThat(h[i]).isGreaterThanOrEqualTo(Math.max(o[i], c[i]));
            assertThat(l[i]).isLessThanOrEqualTo(Math.min(o[i], c[i]));
            assertThat(v[i]).isPositive();
          }
        });
    assertThat(first).hasSize(12);
    for (int i = 0; i < 12; i++) {
      assertThat(second.get(i)).containsExactly(first.get(i));
    }
    assertThat(first.get(11).length).isLessThan(2000); // slot 11 is a fresh listing
  }
}
