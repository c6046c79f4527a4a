package io.ottertrend.benchmarks;

import com.tictactec.ta.lib.Core;
import com.tictactec.ta.lib.MInteger;
import io.ottertrend.analytics.internal.ScalarKernels;
import io.ottertrend.analytics.internal.VectorKernels;
import java.time.Duration;
import java.time.Instant;
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
import org.ta4j.core.indicators.averages.SMAIndicator;
import org.ta4j.core.indicators.helpers.ClosePriceIndicator;
import org.ta4j.core.indicators.statistics.StandardDeviationIndicator;
import org.ta4j.core.num.DoubleNumFactory;
import org.ta4j.core.num.Num;

/**
 * One symbol × 1,000,000 bars along time: the vector kernel, its scalar twin, TA-Lib Java and ta4j (DoubleNum) on
 * the same seeded random walk. Period 20 (14 for RSI and ATR). Each op computes the whole series.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@State(Scope.Thread)
@Fork(value = 1, jvmArgsAppend = {"--add-modules=jdk.incubator.vector", "-Xmx6g"})
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 3, time = 1)
public class SingleSeriesBenchmark {
  static final int N = 1_000_000;
  static final int P = 20;
  static final int RSI = 14;

  double[] h;
  double[] l;
  double[] c;
  double[] out;
  Core core;
  MInteger beg;
  MInteger cnt;

  /**
   * The ta4j series lives in its own state, built only for the ta4j benchmarks: its ~10^7 live objects would
   * otherwise slow every GC of the other benchmarks.
   */
  @State(Scope.Benchmark)
  public static class Ta4jSeries {
    BarSeries series;
    ClosePriceIndicator closeInd;

    @Setup
    public void setUp() {
      MarketData d = MarketData.series(N, MarketData.SEED);
      series = new BaseBarSeriesBuilder().withNumFactory(DoubleNumFactory.getInstance()).withName("bench").build();
      Instant t = Instant.parse("2024-01-01T00:00:00Z");
      Duration m5 = Duration.ofMinutes(5);
      for (int i = 0; i < N; i++) {
        series.barBuilder().timePeriod(m5).endTime(t.plus(m5.multipliedBy(i + 1)))
            .openPrice(i == 0 ? d.close[0] : d.close[i - 1]).highPrice(d.high[i]).lowPrice(d.low[i])
            .closePrice(d.close[i]).volume(d.volume[i]).add();
      }
      closeInd = new ClosePriceIndicator(series);
    }
  }

  @Setup
  public void setUp() {
    MarketData d = MarketData.series(N, MarketData.SEED);
    h = d.high;
    l = d.low;
    c = d.close;
    out = new double[N];
    core = new Core();
    beg = new MInteger();
    cnt = new MInteger();
  }

  static double drain(Indicator<Num> ind) {
    double s = 0;
    for (int i = 0; i < N; i++) {
      s += ind.getValue(i).doubleValue();
    }
    return s;
  }

  // ---- EMA ----

  @Benchmark
  public double[] emaVector() {
    VectorKernels.ema(c, P, out);
    return out;
  }

  @Benchmark
  public double[] emaScalar() {
    ScalarKernels.ema(c, P, out);
    return out;
  }

  @Benchmark
  public double[] emaTaLib() {
    core.ema(0, N - 1, c, P, beg, cnt, out);
    return out;
  }

  @Benchmark
  public double emaTa4j(Ta4jSeries t) {
    return drain(new EMAIndicator(t.closeInd, P));
  }

  // ---- RSI ----

  @Benchmark
  public double[] rsiVector() {
    VectorKernels.rsi(c, RSI, out);
    return out;
  }

  @Benchmark
  public double[] rsiScalar() {
    ScalarKernels.rsi(c, RSI, out);
    return out;
  }

  @Benchmark
  public double[] rsiTaLib() {
    core.rsi(0, N - 1, c, RSI, beg, cnt, out);
    return out;
  }

  @Benchmark
  public double rsiTa4j(Ta4jSeries t) {
    return drain(new RSIIndicator(t.closeInd, RSI));
  }

  // ---- ATR ----

  @Benchmark
  public double[] atrVector() {
    VectorKernels.atr(h, l, c, RSI, out);
    return out;
  }

  @Benchmark
  public double[] atrScalar() {
    ScalarKernels.atr(h, l, c, RSI, out);
    return out;
  }

  @Benchmark
  public double[] atrTaLib() {
    core.atr(0, N - 1, h, l, c, RSI, beg, cnt, out);
    return out;
  }

  @Benchmark
  public double atrTa4j(Ta4jSeries t) {
    return drain(new ATRIndicator(t.series, RSI));
  }

  // ---- SMA ----

  @Benchmark
  public double[] smaVector() {
    VectorKernels.sma(c, P, out);
    return out;
  }

  @Benchmark
  public double[] smaScalar() {
    ScalarKernels.sma(c, P, out);
    return out;
  }

  @Benchmark
  public double[] smaTaLib() {
    core.sma(0, N - 1, c, P, beg, cnt, out);
    return out;
  }

  @Benchmark
  public double smaTa4j(Ta4jSeries t) {
    return drain(new SMAIndicator(t.closeInd, P));
  }

  // ---- rolling standard deviation (the Bollinger width) ----

  @Benchmark
  public double[] stdVector() {
    VectorKernels.rollingStd(c, P, out);
    return out;
  }

  @Benchmark
  public double[] stdScalar() {
    ScalarKernels.rollingStd(c, P, out);
    return out;
  }

  @Benchmark
  public double[] stdTaLib() {
    core.stdDev(0, N - 1, c, P, 1.0, beg, cnt, out);
    return out;
  }

  @Benchmark
  public double stdTa4j(Ta4jSeries t) {
    return drain(new StandardDeviationIndicator(t.closeInd, P));
  }
}
