package io.ottertrend.market;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** {@link BarAggregates} against sums and extremes computed bar by bar, on random bars with small blocks. */
class BarAggregatesTest {
  private static final int BLOCK = 7;
  private static final int BASE = 3;

  /** Random bars as columns, exposed as {@link BarMarket.Bars} for the aggregates' rescans. */
  private record ArrayBars(double[] high, double[] low, double[] close, double[] volume) implements BarMarket.Bars {
    static ArrayBars random(long seed, int n) {
      SplittableRandom rnd = new SplittableRandom(seed);
      double[] high = new double[n];
      double[] low = new double[n];
      double[] close = new double[n];
      double[] volume = new double[n];
      double price = 100;
      for (int i = 0; i < n; i++) {
        price *= Math.exp(rnd.nextGaussian() * 0.01);
        close[i] = price;
        high[i] = price * (1 + rnd.nextDouble() * 0.01);
        low[i] = price * (1 - rnd.nextDouble() * 0.01);
        volume[i] = rnd.nextDouble() * 1000;
      }
      return new ArrayBars(high, low, close, volume);
    }

    void appendTo(BarAggregates a, int from, int to) {
      appendTo(a, 0, from, to);
    }

    void appendTo(BarAggregates a, int lane, int from, int to) {
      for (int i = from; i < to; i++) {
        a.append(lane, high[i], low[i], close[i], volume[i]);
      }
    }

    @Override
    public int first() {
      return BASE;
    }

    @Override
    public int completed() {
      return high.length;
    }

    @Override
    public long openTime(int i) {
      return i;
    }

    @Override
    public double open(int i) {
      return close[i];
    }

    @Override
    public double high(int i) {
      return high[i];
    }

    @Override
    public double low(int i) {
      return low[i];
    }

    @Override
    public double close(int i) {
      return close[i];
    }

    @Override
    public double volume(int i) {
      return volume[i];
    }

    @Override
    public BarAggregates aggregates() {
      throw new UnsupportedOperationException("the test holds the aggregates");
    }
  }

  /** Every statistic of {@code [from, to)} equals the bar-by-bar one (sums up to rounding). */
  private static void assertWindowMatches(BarAggregates a, ArrayBars b, int from, int to) {
    double high = Double.NEGATIVE_INFINITY;
    double low = Double.POSITIVE_INFINITY;
    double volume = 0;
    double quote = 0;
    double absReturns = 0;
    for (int i = from; i < to; i++) {
      high = Math.max(high, b.high(i));
      low = Math.min(low, b.low(i));
      volume += b.volume(i);
      quote += b.volume(i) * (b.high(i) + b.low(i) + b.close(i)) / 3;
      absReturns += Math.abs(Math.log(b.close(i) / b.close(i - 1)));
    }
    String window = "[" + from + ", " + to + ")";
    assertThat(a.high(0, b, from, to)).as(window).isEqualTo(high);
    assertThat(a.low(0, b, from, to)).as(window).isEqualTo(low);
    assertThat(a.volume(0, b, from, to)).as(window).isCloseTo(volume, within(1e-9 * (1 + volume)));
    assertThat(a.quoteVolume(0, b, from, to)).as(window).isCloseTo(quote, within(1e-9 * (1 + quote)));
    assertThat(a.absLogReturns(0, b, from, to)).as(window).isCloseTo(absReturns, within(1e-12));
  }

  @Test
  void retainsAtMostAFewBlocksHoweverManyBarsAreAppended() {
    ArrayBars b = ArrayBars.random(1, 10_000);
    BarAggregates a = new BarAggregates(BASE, BLOCK, 0);
    int bound = BarAggregates.RETAINED_BLOCKS * BLOCK;
    for (int end = BASE; end < b.completed(); end++) {
      b.appendTo(a, end, end + 1);
      assertThat(a.retainedBars()).isLessThanOrEqualTo(bound);
    }
    assertThat(a.retainedBars()).isEqualTo(bound);
  }

  @Test
  void everyWindowMatchesTheBarsWhetherKeptOrEvicted() {
    ArrayBars b = ArrayBars.random(2, 40 * BLOCK);
    BarAggregates a = new BarAggregates(BASE, BLOCK, 0);
    int end = BASE;
    SplittableRandom rnd = new SplittableRandom(3);
    while (end < b.completed()) {
      int next = Math.min(b.completed(), end + 1 + rnd.nextInt(2 * BLOCK));
      b.appendTo(a, end, next);
      end = next;
      // recent windows (from the kept columns) and old ones (rescanned), up to a little over two blocks long
      for (int to = end; to > BASE + 1 && to > end - 5 * BLOCK; to--) {
        for (int from = to - 1; from > BASE && from >= to - 2 * BLOCK - 2; from--) {
          assertWindowMatches(a, b, from, to);
        }
      }
    }
  }

  /**
   * Many lanes in one time-major ring, each at its own phase and base and appended in random order, answer every
   * window exactly as a ring of one lane fed the same bars does (the one-array-per-column layout): bit for bit,
   * kept or rescanned, with and without the absolute returns.
   */
  @Test
  void lanesOfOneRingAnswerAsSeparateAggregatesBitForBit() {
    SplittableRandom rnd = new SplittableRandom(11);
    for (boolean returns : new boolean[] {true, false}) {
      int lanes = 9;
      BarAggregates ring = new BarAggregates(lanes, BLOCK, returns);
      BarAggregates[] single = new BarAggregates[lanes];
      ArrayBars[] bars = new ArrayBars[lanes];
      int[] base = new int[lanes];
      int[] end = new int[lanes];
      for (int s = 0; s < lanes; s++) {
        bars[s] = ArrayBars.random(20 + s, 30 * BLOCK);
        base[s] = rnd.nextInt(4);
        end[s] = base[s];
        ring.setBase(s, base[s]);
        ring.setPhase(s, rnd.nextLong(-1000, 1000));
        single[s] = new BarAggregates(base[s], BLOCK, 0);
      }
      for (int step = 0; step < 400; step++) {
        int s = rnd.nextInt(lanes);
        int next = Math.min(bars[s].completed(), end[s] + rnd.nextInt(1, 4));
        bars[s].appendTo(ring, s, end[s], next);
        bars[s].appendTo(single[s], end[s], next);
        end[s] = next;
        for (int k = 0; k < lanes; k++) {
          int t = rnd.nextInt(lanes);
          if (end[t] - base[t] < 2) {
            continue;
          }
          int to = rnd.nextInt(base[t] + 2, end[t] + 1);
          int from = rnd.nextInt(Math.max(base[t] + 1, to - 3 * BLOCK), to);
          String w = "lane " + t + " [" + from + ", " + to + ")";
          ArrayBars b = bars[t];
          assertThat(bits(ring.high(t, b, from, to))).as(w).isEqualTo(bits(single[t].high(0, b, from, to)));
          assertThat(bits(ring.low(t, b, from, to))).as(w).isEqualTo(bits(single[t].low(0, b, from, to)));
          assertThat(bits(ring.volume(t, b, from, to))).as(w).isEqualTo(bits(single[t].volume(0, b, from, to)));
          assertThat(bits(ring.quoteVolume(t, b, from, to))).as(w)
              .isEqualTo(bits(single[t].quoteVolume(0, b, from, to)));
          double absReturns = single[t].absLogReturns(0, b, from, to);
          if (returns) {
            assertThat(bits(ring.absLogReturns(t, b, from, to))).as(w).isEqualTo(bits(absReturns));
          } else {
            assertThat(ring.absLogReturns(t, b, from, to)).as(w).isCloseTo(absReturns, within(1e-12));
          }
        }
      }
    }
  }

  private static long bits(double x) {
    return Double.doubleToRawLongBits(x);
  }
}
