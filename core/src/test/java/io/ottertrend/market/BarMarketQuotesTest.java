package io.ottertrend.market;

import static org.assertj.core.api.Assertions.assertThat;

import io.ottertrend.data.BarSeries;
import io.ottertrend.data.BarStore;
import io.ottertrend.model.Decimals;
import io.ottertrend.model.Interval;
import io.ottertrend.model.QuoteBoard;
import io.ottertrend.model.SymbolRules;
import io.ottertrend.model.Ticker;
import io.ottertrend.time.Clock;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The O(1) 24 h statistics and quote boards of {@link BarMarket} against a straightforward rescan of the bars (the
 * implementation before {@link BarAggregates}), on a synthetic and on a stored market, at many clock positions.
 */
class BarMarketQuotesTest {
  private static final long DAY = 86_400_000L;
  private static final long M5 = 300_000L;
  private static final Instant START = Instant.parse("2026-03-02T12:00:00Z");
  @TempDir Path dir;

  /** A clock a test can set anywhere, also back in time: a market must answer for any query order. */
  private static final class SettableClock implements Clock {
    private volatile long millis;

    SettableClock(long millis) {
      this.millis = millis;
    }

    @Override
    public long millis() {
      return millis;
    }

    @Override
    public void sleep(Duration duration) {
      millis += duration.toMillis();
    }

    void set(long t) {
      millis = t;
    }
  }

  // --- reference: the rescan of the rolling window that BarAggregates replaced ---------------------------------

  private static Ticker referenceTicker(BarMarket m, int s, long now) {
    BarMarket.Bars b = m.bars(s, now);
    int end = b.completed();
    if (end <= b.first()) {
      return null;
    }
    int from = end - 1;
    while (from > b.first() && b.openTime(from - 1) >= now - DAY) {
      from--;
    }
    double open = b.open(from);
    double high = Double.NEGATIVE_INFINITY;
    double low = Double.POSITIVE_INFINITY;
    double vol = 0;
    double quote = 0;
    for (int i = from; i < end; i++) {
      high = Math.max(high, b.high(i));
      low = Math.min(low, b.low(i));
      vol += b.volume(i);
      quote += b.volume(i) * (b.high(i) + b.low(i) + b.close(i)) / 3;
    }
    double last = b.close(end - 1);
    SymbolRules r = m.rules(s);
    BigDecimal[] ba = referenceBidAsk(m, s, b, end);
    return new Ticker(r.symbol(), BarMarket.price(last, r), ba[0], ba[1], BarMarket.price(open, r),
        BarMarket.price(high, r), BarMarket.price(low, r), open > 0 ? (last - open) / open : 0,
        BarMarket.quantity(vol, r), BarMarket.money(quote), now);
  }

  private static BigDecimal[] referenceBidAsk(BarMarket m, int s, BarMarket.Bars b, int end) {
    SymbolRules r = m.rules(s);
    double mid = b.close(end - 1);
    double spread = m.shape(s).spreadFraction() * referenceVolatilityMultiplier(m, b, end);
    BigDecimal bid = Decimals.floorToStep(BigDecimal.valueOf(mid * (1 - spread / 2)), r.tickSize());
    BigDecimal ask = Decimals.ceilToStep(BigDecimal.valueOf(mid * (1 + spread / 2)), r.tickSize());
    if (bid.signum() <= 0) {
      bid = r.tickSize();
    }
    if (ask.compareTo(bid) <= 0) {
      ask = bid.add(r.tickSize());
    }
    return new BigDecimal[] {bid, ask};
  }

  private static double referenceVolatilityMultiplier(BarMarket m, BarMarket.Bars b, int end) {
    int n = Math.min(20, end - b.first() - 1);
    if (n < 2) {
      return 1;
    }
    double recent = 0;
    for (int i = end - n; i < end; i++) {
      recent += Math.abs(Math.log(b.close(i) / b.close(i - 1)));
    }
    recent /= n;
    double typical = m.typicalAbsReturn();
    return typical <= 0 ? 1 : Math.max(0.7, Math.min(4, recent / typical));
  }

  // --- markets ------------------------------------------------------------------------------------------------

  private static SyntheticMarket synthetic(SettableClock clock, Duration step, Duration history) {
    return SyntheticMarket.builder().seed(21).symbols(40).clock(clock).step(step).history(history).build();
  }

  /**
   * A stored market of synthetic 5m bars with the awkward cases: a gap of a few hours in one symbol, a symbol whose
   * bars stop a day early (its window goes stale), and a symbol that starts late.
   */
  private HistoricalMarket historical(Clock clock, long end, int steps) {
    return HistoricalMarket.load(historicalStore(end, steps), Interval.M5, List.of(), clock, "USDT", 0.001);
  }

  /** The bars of {@link #historical}, stored. */
  private BarStore historicalStore(long end, int steps) {
    BarStore store = BarStore.open(dir.resolve("bars-" + end));
    SyntheticMarket.generateHistory(31, 12, "USDT", end, Duration.ofMinutes(5), steps, (r, t, o, h, l, c, v) -> {
      int symbol = store.list().size();
      BarSeries.Builder b = new BarSeries.Builder(t.length);
      for (int i = 0; i < t.length; i++) {
        boolean gap = symbol == 1 && i >= steps / 2 && i < steps / 2 + 40;
        boolean stopped = symbol == 2 && i >= t.length - 288;
        boolean notYet = symbol == 3 && i < steps / 3;
        if (!gap && !stopped && !notYet) {
          b.add(t[i], o[i], h[i], l[i], c[i], v[i], v[i] * c[i]);
        }
      }
      store.append(r.symbol(), Interval.M5, b.build());
    });
    return store;
  }

  // --- assertions ---------------------------------------------------------------------------------------------

  private static void assertWithinOne(BigDecimal actual, BigDecimal expected, BigDecimal unit, String what) {
    assertThat(actual.subtract(expected).abs()).as(what + ": " + actual + " vs " + expected)
        .isLessThanOrEqualTo(unit);
  }

  private static void assertMatchesReference(BarMarket m, int s, long now) {
    Ticker expected = referenceTicker(m, s, now);
    Ticker actual = m.ticker(s, now);
    if (expected == null) {
      assertThat(actual).isNull();
      return;
    }
    SymbolRules r = m.rules(s);
    String at = r.symbol() + " at " + Instant.ofEpochMilli(now);
    assertThat(actual.symbol()).isEqualTo(expected.symbol());
    assertThat(actual.lastPrice()).as(at).isEqualByComparingTo(expected.lastPrice());
    assertThat(actual.openPrice()).as(at).isEqualByComparingTo(expected.openPrice());
    assertThat(actual.highPrice()).as(at).isEqualByComparingTo(expected.highPrice());
    assertThat(actual.lowPrice()).as(at).isEqualByComparingTo(expected.lowPrice());
    assertThat(actual.changeFraction()).as(at).isEqualTo(expected.changeFraction());
    assertThat(actual.closeTime()).isEqualTo(expected.closeTime());
    assertWithinOne(actual.bidPrice(), expected.bidPrice(), r.tickSize(), "bid of " + at);
    assertWithinOne(actual.askPrice(), expected.askPrice(), r.tickSize(), "ask of " + at);
    assertWithinOne(actual.volume(), expected.volume(), r.stepSize(), "volume of " + at);
    assertWithinOne(actual.quoteVolume(), expected.quoteVolume(), new BigDecimal("0.01"), "quote volume of " + at);
  }

  private static void assertAllMatchReference(BarMarket m, long now) {
    for (int s = 0; s < m.symbolCount(); s++) {
      assertMatchesReference(m, s, now);
    }
  }

  private static void assertBoardMatchesTickers(BarMarket m, QuoteBoard board) {
    List<Ticker> tickers = m.tickers();
    assertThat(board.at()).isEqualTo(m.now());
    assertThat(board.size()).isEqualTo(tickers.size());
    for (int i = 0; i < board.size(); i++) {
      Ticker t = tickers.get(i);
      SymbolRules r = m.symbolRules(t.symbol()).orElseThrow();
      double tick = r.tickSize().doubleValue();
      String what = t.symbol() + " at " + Instant.ofEpochMilli(board.at());
      assertThat(board.symbol(i)).isEqualTo(t.symbol());
      assertThat(board.indexOf(t.symbol())).isEqualTo(i);
      assertThat(board.last(i)).as(what).isCloseTo(t.lastPrice().doubleValue(), within(tick));
      assertThat(board.bid(i)).as(what).isCloseTo(t.bidPrice().doubleValue(), within(tick));
      assertThat(board.ask(i)).as(what).isCloseTo(t.askPrice().doubleValue(), within(tick));
      assertThat(board.bid(i)).as(what).isLessThan(board.ask(i)).isLessThanOrEqualTo(board.last(i));
      assertThat(board.ask(i)).as(what).isGreaterThanOrEqualTo(board.last(i));
      assertThat(board.change(i)).as(what).isEqualTo(t.changeFraction());
      assertThat(board.quoteVolume(i)).as(what).isCloseTo(t.quoteVolume().doubleValue(), within(0.01));
      assertThat(board.ticker(i)).as(what).isEqualTo(t).isEqualTo(m.ticker(t.symbol()));
    }
  }

  private static org.assertj.core.data.Offset<Double> within(double v) {
    return org.assertj.core.data.Offset.offset(v * (1 + 1e-9));
  }

  // --- tests --------------------------------------------------------------------------------------------------

  @Test
  void syntheticTickersMatchTheRescanAtManyTimesAndInAnyOrder() {
    for (Duration step : List.of(Duration.ofMinutes(1), Duration.ofMinutes(5))) {
      SettableClock clock = new SettableClock(START.toEpochMilli());
      SyntheticMarket m = synthetic(clock, step, Duration.ofDays(2));
      long from = m.origin();
      long to = START.plus(Duration.ofDays(2)).toEpochMilli();
      // forward, on and off the bar grid, through the first day (windows shorter than a day) and beyond
      for (long t = from; t < to; t += 47 * 60_000L + 13_000) {
        clock.set(t);
        assertAllMatchReference(m, t);
      }
      // and back in time, in random order
      SplittableRandom rnd = new SplittableRandom(5);
      for (int k = 0; k < 60; k++) {
        long t = from + rnd.nextLong(to - from);
        clock.set(t);
        assertAllMatchReference(m, t);
      }
    }
  }

  @Test
  void historicalTickersMatchTheRescanThroughGapsStaleAndLateSeries() {
    long end = START.plus(Duration.ofDays(4)).toEpochMilli();
    int steps = 288 * 4;
    long first = end - steps * M5;
    SettableClock clock = new SettableClock(first);
    HistoricalMarket m = historical(clock, end, steps);
    for (long t = first; t < end + DAY; t += 31 * 60_000L + 7_000) {
      clock.set(t);
      assertAllMatchReference(m, t);
    }
    SplittableRandom rnd = new SplittableRandom(6);
    for (int k = 0; k < 60; k++) {
      long t = first + rnd.nextLong(end - first);
      clock.set(t);
      assertAllMatchReference(m, t);
    }
  }

  /** Advances {@code m} in 5m steps from {@code from} to {@code to}, one board per step, as a backtest runs it. */
  private static void runForward(BarMarket m, SettableClock clock, long from, long to) {
    for (long t = from; t <= to; t += M5) {
      clock.set(t);
      m.quotes();
    }
  }

  @Test
  void aggregatesKeepAFewBlocksPerSymbolHoweverLongTheRun() {
    int days = 12;
    long end = START.plus(Duration.ofDays(days)).toEpochMilli();
    long first = end - days * DAY;
    SettableClock historicalClock = new SettableClock(first);
    HistoricalMarket historical = historical(historicalClock, end, 288 * days);
    SettableClock syntheticClock = new SettableClock(START.toEpochMilli());
    SyntheticMarket synthetic = synthetic(syntheticClock, Duration.ofMinutes(5), Duration.ofDays(1));
    runForward(historical, historicalClock, first, end);
    runForward(synthetic, syntheticClock, START.toEpochMilli(), START.toEpochMilli() + days * DAY);
    int bound = BarAggregates.RETAINED_BLOCKS * BarAggregates.blockSizeFor(DAY, M5);
    assertThat(bound).as("kept bars, against the %d of the run", 288 * days).isLessThan(288 * days / 3);
    for (int s = 0; s < historical.symbolCount(); s++) {
      assertThat(historical.retainedAggregateBars(s)).as(historical.rules(s).symbol()).isLessThanOrEqualTo(bound);
    }
    for (int s = 0; s < synthetic.symbolCount(); s++) {
      assertThat(synthetic.retainedAggregateBars(s)).as(synthetic.rules(s).symbol()).isLessThanOrEqualTo(bound);
    }
  }

  @Test
  void queriesBackInTimeAfterTheBlocksWereRecycledStillMatchTheRescan() {
    int days = 6;
    long end = START.plus(Duration.ofDays(days)).toEpochMilli();
    long first = end - days * DAY;
    SettableClock historicalClock = new SettableClock(first);
    HistoricalMarket historical = historical(historicalClock, end, 288 * days);
    SettableClock syntheticClock = new SettableClock(START.toEpochMilli());
    SyntheticMarket synthetic = synthetic(syntheticClock, Duration.ofMinutes(5), Duration.ofDays(1));
    runForward(historical, historicalClock, first, end);
    runForward(synthetic, syntheticClock, START.toEpochMilli(), START.toEpochMilli() + days * DAY);
    SplittableRandom rnd = new SplittableRandom(9);
    for (int k = 0; k < 25; k++) {
      // anywhere before the last three days, whose blocks the aggregates no longer keep
      long t = first + rnd.nextLong((days - 3) * DAY);
      historicalClock.set(t);
      assertAllMatchReference(historical, t);
      assertBoardMatchesTickers(historical, historical.quotes());
      long u = synthetic.origin() + rnd.nextLong((days - 2) * DAY);
      syntheticClock.set(u);
      assertAllMatchReference(synthetic, u);
      assertBoardMatchesTickers(synthetic, synthetic.quotes());
    }
  }

  @Test
  void syntheticBoardMatchesTickersAtManyTimes() {
    SettableClock clock = new SettableClock(START.toEpochMilli());
    SyntheticMarket m = synthetic(clock, Duration.ofMinutes(1), Duration.ofHours(30));
    for (long t = m.origin(); t < START.plus(Duration.ofDays(1)).toEpochMilli(); t += 53 * 60_000L + 11_000) {
      clock.set(t);
      assertBoardMatchesTickers(m, m.quotes());
    }
  }

  @Test
  void historicalBoardMatchesTickersAtManyTimes() {
    long end = START.plus(Duration.ofDays(3)).toEpochMilli();
    int steps = 288 * 3;
    long first = end - steps * M5;
    SettableClock clock = new SettableClock(first);
    HistoricalMarket m = historical(clock, end, steps);
    for (long t = first; t < end + DAY; t += 37 * 60_000L + 3_000) {
      clock.set(t);
      assertBoardMatchesTickers(m, m.quotes());
    }
  }

  /**
   * A board appends every symbol's new bars in one batch; a ticker, symbol by symbol; a market first asked at some
   * time, all bars up to it at once. Whichever way the bars arrived, the boards must be the same to the bit, along
   * a clock that mostly steps forward as a backtest does but also jumps back and ahead, through the gap, the stale
   * and the late series.
   */
  @Test
  void historicalBoardsAreTheSameWhicheverWayTheBarsArrived() {
    int days = 5;
    long end = START.plus(Duration.ofDays(days)).toEpochMilli();
    long first = end - days * DAY;
    BarStore store = historicalStore(end, 288 * days);
    SettableClock batchClock = new SettableClock(first);
    SettableClock oneByOneClock = new SettableClock(first);
    HistoricalMarket batch = HistoricalMarket.load(store, Interval.M5, List.of(), batchClock, "USDT", 0.001);
    HistoricalMarket oneByOne = HistoricalMarket.load(store, Interval.M5, List.of(), oneByOneClock, "USDT", 0.001);
    SplittableRandom rnd = new SplittableRandom(17);
    long t = first;
    long reached = first;
    for (int k = 0; k < 2_500; k++) {
      int move = rnd.nextInt(100);
      if (move < 3 || t > end + DAY) {
        t = first + rnd.nextLong(end + DAY - first); // anywhere, mostly back in time
      } else if (move < 6) {
        t += rnd.nextLong(DAY); // ahead by up to a day: several bars per symbol in one append
      } else {
        t += M5 + (rnd.nextInt(4) == 0 ? rnd.nextLong(-M5 / 2, M5 / 2) : 0); // a backtest's step, on or off the grid
      }
      batchClock.set(t);
      oneByOneClock.set(t);
      for (int s = 0; s < oneByOne.symbolCount(); s++) {
        oneByOne.ticker(s, t);
      }
      QuoteBoard expected = oneByOne.quotes();
      assertSameBoard(expected, batch.quotes());
      // A market that has been further ahead rescans windows whose blocks it recycled: the same statistics, not
      // always the same last bit as the blocks give. So a fresh market first goes as far, in one step, then back.
      reached = Math.max(reached, t);
      if (k % 100 == 0) {
        SettableClock freshClock = new SettableClock(reached);
        HistoricalMarket fresh = HistoricalMarket.load(store, Interval.M5, List.of(), freshClock, "USDT", 0.001);
        fresh.quotes();
        freshClock.set(t);
        assertSameBoard(expected, fresh.quotes());
      }
    }
  }

  @Test
  void boardsShareTheirSymbolsWhileTheListingsStayTheSame() {
    SettableClock clock = new SettableClock(START.toEpochMilli());
    SyntheticMarket m = synthetic(clock, Duration.ofMinutes(5), Duration.ofDays(1));
    QuoteBoard a = m.quotes();
    clock.set(START.plus(Duration.ofMinutes(5)).toEpochMilli());
    QuoteBoard b = m.quotes();
    assertThat(b.symbolsShared()).isSameAs(a.symbolsShared());
    assertThat(b.at()).isGreaterThan(a.at());
  }

  @Test
  void freshListingsJoinTheBoardWithTheirFirstBar() {
    SettableClock clock = new SettableClock(START.toEpochMilli());
    SyntheticMarket m = SyntheticMarket.builder().seed(21).symbols(80).clock(clock).history(Duration.ofHours(12))
        .build();
    Set<String> atStart = null;
    Set<String> joined = new HashSet<>();
    String[] previous = null;
    for (long t = m.origin(); t <= START.toEpochMilli(); t += 60_000) {
      clock.set(t);
      QuoteBoard board = m.quotes();
      Set<String> onBoard = new HashSet<>(List.of(board.symbolsShared()));
      Set<String> withTrades = new HashSet<>();
      for (SymbolRules r : m.symbolRules()) {
        if (!m.klines(r.symbol(), Interval.M1, null, null, 1).isEmpty()) {
          withTrades.add(r.symbol());
        }
      }
      assertThat(onBoard).as("at %s", Instant.ofEpochMilli(t)).isEqualTo(withTrades);
      if (atStart == null) {
        atStart = onBoard;
      } else if (!onBoard.equals(new HashSet<>(List.of(previous)))) {
        assertThat(board.symbolsShared()).isNotSameAs(previous);
        onBoard.removeAll(atStart);
        joined.addAll(onBoard);
      }
      previous = board.symbolsShared();
    }
    assertThat(joined).as("fresh listings that joined during the run").isNotEmpty();
  }

  @Test
  void historicalBoardAtATimeIgnoresBarsAfterIt() {
    long end = START.plus(Duration.ofDays(2)).toEpochMilli();
    int steps = 288 * 2;
    long t = end - 288 * M5 / 2 + 90_000;
    SettableClock clockA = new SettableClock(t);
    SettableClock clockB = new SettableClock(t);
    HistoricalMarket a = historical(clockA, end, steps);
    HistoricalMarket b = futureChanged(clockB, end, t);
    QuoteBoard qa = a.quotes();
    QuoteBoard qb = b.quotes();
    assertSameBoard(qa, qb);
    assertThat(b.tickers()).isEqualTo(a.tickers());
    clockA.set(end);
    clockB.set(end);
    assertThat(b.quotes().last(0)).isNotEqualTo(a.quotes().last(0));
  }

  /** The market of {@link #historical} with every bar that has not closed at {@code t} doubled in price. */
  private HistoricalMarket futureChanged(Clock clock, long end, long t) {
    BarStore source = BarStore.open(dir.resolve("bars-" + end));
    BarStore store = BarStore.open(dir.resolve("future-" + end));
    for (BarStore.SeriesInfo info : source.list()) {
      BarSeries s = source.load(info.symbol(), Interval.M5);
      BarSeries.Builder b = new BarSeries.Builder(s.size());
      for (int i = 0; i < s.size(); i++) {
        double f = s.openTime(i) + M5 > t ? 2 : 1;
        b.add(s.openTime(i), s.open(i) * f, s.high(i) * f, s.low(i) * f, s.close(i) * f, s.volume(i) * f,
            s.quoteVolume(i));
      }
      store.append(info.symbol(), Interval.M5, b.build());
    }
    assertThat(store.list()).hasSize(source.list().size());
    return HistoricalMarket.load(store, Interval.M5, List.of(), clock, "USDT", 0.001);
  }

  @Test
  void syntheticBoardAtATimeIsTheSameWhateverWasGeneratedAfterIt() {
    long t = START.plus(Duration.ofHours(3)).toEpochMilli() + 17_000;
    SettableClock fresh = new SettableClock(START.toEpochMilli());
    SettableClock ahead = new SettableClock(START.toEpochMilli());
    SyntheticMarket a = synthetic(fresh, Duration.ofMinutes(1), Duration.ofDays(1));
    SyntheticMarket b = synthetic(ahead, Duration.ofMinutes(1), Duration.ofDays(1));
    ahead.set(t + Duration.ofDays(1).toMillis());
    b.quotes();
    fresh.set(t);
    ahead.set(t);
    assertSameBoard(a.quotes(), b.quotes());
    assertThat(b.tickers()).isEqualTo(a.tickers());
  }

  private static void assertSameBoard(QuoteBoard a, QuoteBoard b) {
    assertThat(b.at()).isEqualTo(a.at());
    assertThat(b.symbolsShared()).containsExactly(a.symbolsShared());
    for (int i = 0; i < a.size(); i++) {
      assertThat(b.last(i)).isEqualTo(a.last(i));
      assertThat(b.bid(i)).isEqualTo(a.bid(i));
      assertThat(b.ask(i)).isEqualTo(a.ask(i));
      assertThat(b.change(i)).isEqualTo(a.change(i));
      assertThat(b.quoteVolume(i)).isEqualTo(a.quoteVolume(i));
      assertThat(b.ticker(i)).isEqualTo(a.ticker(i));
    }
  }

  @Test
  void tickRoundingInDoubleMatchesTheDecimalRule() {
    List<Double> ticks = List.of(0.01, 0.001, 1e-6, 1e-10, 1.0);
    SplittableRandom rnd = new SplittableRandom(8);
    List<String> mismatches = new ArrayList<>();
    for (double tick : ticks) {
      BigDecimal step = BigDecimal.valueOf(tick);
      for (int k = 0; k < 2_000; k++) {
        // symbol rules give prices about six significant digits: 1e3 to 1e7 ticks
        double x = tick * Math.exp(rnd.nextDouble(Math.log(1e3), Math.log(1e7)));
        double floor = BarMarket.floorToTick(x, tick);
        double ceil = BarMarket.ceilToTick(x, tick);
        BigDecimal exactFloor = Decimals.floorToStep(BigDecimal.valueOf(x), step);
        BigDecimal exactCeil = Decimals.ceilToStep(BigDecimal.valueOf(x), step);
        assertThat(floor).isCloseTo(exactFloor.doubleValue(), within(tick));
        assertThat(ceil).isCloseTo(exactCeil.doubleValue(), within(tick));
        if (floor != exactFloor.doubleValue() || ceil != exactCeil.doubleValue()) {
          mismatches.add(x + " @" + tick);
        }
      }
    }
    // exact but for prices within a billionth of a tick of a tick
    assertThat(mismatches).isEmpty();
    assertThat(BarMarket.floorToTick(0.3, 0.1)).isEqualTo(0.3);
    assertThat(BarMarket.ceilToTick(0.3, 0.1)).isEqualTo(0.3);
  }
}
