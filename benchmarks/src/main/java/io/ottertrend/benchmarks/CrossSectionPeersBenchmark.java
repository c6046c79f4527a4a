package io.ottertrend.benchmarks;

import com.tictactec.ta.lib.Core;
import com.tictactec.ta.lib.MInteger;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.ta4j.core.BarSeries;
import org.ta4j.core.BaseBarSeriesBuilder;
import org.ta4j.core.Indicator;
import org.ta4j.core.indicators.ATRIndicator;
import org.ta4j.core.indicators.RSIIndicator;
import org.ta4j.core.indicators.averages.EMAIndicator;
import org.ta4j.core.indicators.helpers.ClosePriceIndicator;
import org.ta4j.core.indicators.statistics.StandardDeviationIndicator;
import org.ta4j.core.num.DoubleNumFactory;
import org.ta4j.core.num.Num;

/**
 * The same 2,048-symbol work as {@link CrossSectionBenchmark} (EMA 20, RSI 14, ATR 14, σ over 20) done the way
 * each peer library allows:
 *
 * <ul>
 *   <li>TA-Lib has no incremental state. One bar: per symbol, each indicator for the last bar only ({@code startIdx
 *       = endIdx}) over a 300-bar trailing history, its cheapest exact-window call. 1,000 bars: per symbol, each
 *       indicator over the 1,000-bar array (its batch use).
 *   <li>ta4j: one {@code BaseBarSeries} per symbol (DoubleNum, max 300 bars) with cached indicators. One bar: add a
 *       bar to each series and read each indicator at the end. 1,000 bars: build each series from 1,000 bars and
 *       read every indicator at every bar.
 * </ul>
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@State(Scope.Thread)
@Fork(value = 1, jvmArgsAppend = {"--add-modules=jdk.incubator.vector", "-Xmx6g"})
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 3, time = 1)
public class CrossSectionPeersBenchmark {
  static final int SYMBOLS = CrossSectionBenchmark.SYMBOLS;
  static final int BARS = CrossSectionBenchmark.BARS;
  static final int HISTORY = CrossSectionBenchmark.HISTORY;
  static final Duration M5 = Duration.ofMinutes(5);
  static final Instant T0 = Instant.parse("2024-01-01T00:00:00Z");

  MarketData[] u;
  Core core = new Core();
  MInteger beg = new MInteger();
  MInteger cnt = new MInteger();
  double[] one = new double[1];
  double[] full = new double[BARS];
  double[] ema = new double[SYMBOLS];
  double[] rsi = new double[SYMBOLS];
  double[] atr = new double[SYMBOLS];
  double[] std = new double[SYMBOLS];
  double[][] bh;
  double[][] bl;
  double[][] bc;
  BarSeries[] series;
  final List<Indicator<Num>> emaI = new ArrayList<>();
  final List<Indicator<Num>> rsiI = new ArrayList<>();
  final List<Indicator<Num>> atrI = new ArrayList<>();
  final List<Indicator<Num>> stdI = new ArrayList<>();
  long barNo;
  int next;

  @Setup
  public void setUp() {
    u = MarketData.universe(SYMBOLS, HISTORY + BARS);
    bh = new double[SYMBOLS][];
    bl = new double[SYMBOLS][];
    bc = new double[SYMBOLS][];
    series = new BarSeries[SYMBOLS];
    for (int s = 0; s < SYMBOLS; s++) {
      bh[s] = java.util.Arrays.copyOfRange(u[s].high, HISTORY, HISTORY + BARS);
      bl[s] = java.util.Arrays.copyOfRange(u[s].low, HISTORY, HISTORY + BARS);
      bc[s] = java.util.Arrays.copyOfRange(u[s].close, HISTORY, HISTORY + BARS);
      series[s] = newSeries(HISTORY);
      for (int b = 0; b < HISTORY; b++) {
        add(series[s], u[s], b, b);
      }
      ClosePriceIndicator c = new ClosePriceIndicator(series[s]);
      emaI.add(new EMAIndicator(c, 20));
      rsiI.add(new RSIIndicator(c, 14));
      atrI.add(new ATRIndicator(series[s], 14));
      stdI.add(new StandardDeviationIndicator(c, 20));
      int end = series[s].getEndIndex();
      emaI.get(s).getValue(end);
      rsiI.get(s).getValue(end);
      atrI.get(s).getValue(end);
      stdI.get(s).getValue(end);
    }
    barNo = HISTORY;
    next = 0;
  }

  static BarSeries newSeries(int max) {
    BarSeries s = new BaseBarSeriesBuilder().withNumFactory(DoubleNumFactory.getInstance()).build();
    s.setMaximumBarCount(max);
    return s;
  }

  static void add(BarSeries s, MarketData d, int i, long barNo) {
    s.barBuilder().timePeriod(M5).endTime(T0.plus(M5.multipliedBy(barNo + 1)))
        .openPrice(i == 0 ? d.close[0] : d.close[i - 1]).highPrice(d.high[i]).lowPrice(d.low[i])
        .closePrice(d.close[i]).volume(d.volume[i]).add();
  }

  /** TA-Lib, one new bar for 2,048 symbols: each indicator at the last bar of a 300-bar history. */
  @Benchmark
  public double[] oneBarTaLib() {
    int end = HISTORY - 1;
    for (int s = 0; s < SYMBOLS; s++) {
      MarketData d = u[s];
      core.ema(end, end, d.close, 20, beg, cnt, one);
      ema[s] = one[0];
      core.rsi(end, end, d.close, 14, beg, cnt, one);
      rsi[s] = one[0];
      core.atr(end, end, d.high, d.low, d.close, 14, beg, cnt, one);
      atr[s] = one[0];
      core.stdDev(end, end, d.close, 20, 1.0, beg, cnt, one);
      std[s] = one[0];
    }
    return rsi;
  }

  /** TA-Lib, 1,000 bars for 2,048 symbols: each indicator over each symbol's 1,000-bar array. */
  @Benchmark
  public double[] thousandBarsTaLib() {
    for (int s = 0; s < SYMBOLS; s++) {
      core.ema(0, BARS - 1, bc[s], 20, beg, cnt, full);
      ema[s] = full[cnt.value - 1];
      core.rsi(0, BARS - 1, bc[s], 14, beg, cnt, full);
      rsi[s] = full[cnt.value - 1];
      core.atr(0, BARS - 1, bh[s], bl[s], bc[s], 14, beg, cnt, full);
      atr[s] = full[cnt.value - 1];
      core.stdDev(0, BARS - 1, bc[s], 20, 1.0, beg, cnt, full);
      std[s] = full[cnt.value - 1];
    }
    return rsi;
  }

  /** ta4j, one new bar for 2,048 symbols: add a bar to each series, read four cached indicators. */
  @Benchmark
  public double[] oneBarTa4j() {
    int i = HISTORY + next;
    for (int s = 0; s < SYMBOLS; s++) {
      add(series[s], u[s], i, barNo);
      int end = series[s].getEndIndex();
      ema[s] = emaI.get(s).getValue(end).doubleValue();
      rsi[s] = rsiI.get(s).getValue(end).doubleValue();
      atr[s] = atrI.get(s).getValue(end).doubleValue();
      std[s] = stdI.get(s).getValue(end).doubleValue();
    }
    barNo++;
    next = next + 1 == BARS ? 0 : next + 1;
    return rsi;
  }

  /** ta4j, 1,000 bars for 2,048 symbols: build each series and read every indicator at every bar. */
  @Benchmark
  public double[] thousandBarsTa4j() {
    for (int s = 0; s < SYMBOLS; s++) {
      BarSeries ser = newSeries(Integer.MAX_VALUE);
      ClosePriceIndicator c = new ClosePriceIndicator(ser);
      Indicator<Num> e = new EMAIndicator(c, 20);
      Indicator<Num> r = new RSIIndicator(c, 14);
      Indicator<Num> a = new ATRIndicator(ser, 14);
      Indicator<Num> d = new StandardDeviationIndicator(c, 20);
      for (int b = 0; b < BARS; b++) {
        add(ser, u[s], HISTORY + b, b);
        ema[s] = e.getValue(b).doubleValue();
        rsi[s] = r.getValue(b).doubleValue();
        atr[s] = a.getValue(b).doubleValue();
        std[s] = d.getValue(b).doubleValue();
      }
    }
    return rsi;
  }
}
