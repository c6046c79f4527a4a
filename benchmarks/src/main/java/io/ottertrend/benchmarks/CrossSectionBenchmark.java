package io.ottertrend.benchmarks;

import io.ottertrend.analytics.CrossSection;
import io.ottertrend.analytics.CrossSectionConfig;
import io.ottertrend.analytics.Vectorization;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * 2,048 symbols through {@link CrossSection}: one new bar for every symbol (EMA 20, RSI 14, ATR 14, volatility of
 * 20 returns, 288-bar change and volume, plus reading RSI and volatility out), and 1,000 such bars. The backend is
 * the JVM's choice; the subclasses fork one JVM per backend ({@code -Dottertrend.simd=vector|scalar}).
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@State(Scope.Thread)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 3, time = 1)
public abstract class CrossSectionBenchmark {
  static final int SYMBOLS = 2048;
  static final int BARS = 1000;
  static final int HISTORY = 300;
  static final CrossSectionConfig CONFIG = new CrossSectionConfig(20, 14, 14, 20, 288);

  double[][] high;
  double[][] low;
  double[][] close;
  double[][] volume;
  double[] rsi = new double[SYMBOLS];
  double[] vol = new double[SYMBOLS];
  CrossSection cs;
  int next;

  @Setup
  public void setUp() {
    MarketData[] u = MarketData.universe(SYMBOLS, HISTORY + BARS);
    high = MarketData.timeMajor(u, HISTORY + BARS, 0);
    low = MarketData.timeMajor(u, HISTORY + BARS, 1);
    close = MarketData.timeMajor(u, HISTORY + BARS, 2);
    volume = MarketData.timeMajor(u, HISTORY + BARS, 3);
    cs = new CrossSection(SYMBOLS, CONFIG);
    for (int b = 0; b < HISTORY; b++) {
      cs.update(high[b], low[b], close[b], volume[b]);
    }
    next = HISTORY;
    System.err.println("analytics backend: " + Vectorization.info());
  }

  private void step() {
    int b = next;
    cs.update(high[b], low[b], close[b], volume[b]);
    // Wrapping back to the first bars makes one odd return per 1,000 bars: irrelevant for timing.
    next = b + 1 == HISTORY + BARS ? HISTORY : b + 1;
  }

  /** One new bar for 2,048 symbols. */
  @Benchmark
  public double[] oneBar() {
    step();
    cs.rsiInto(rsi);
    cs.volatilityInto(vol);
    return rsi;
  }

  /** 1,000 new bars for 2,048 symbols, reading RSI and volatility after each. */
  @Benchmark
  public double[] thousandBars() {
    for (int i = 0; i < BARS; i++) {
      step();
      cs.rsiInto(rsi);
      cs.volatilityInto(vol);
    }
    return rsi;
  }
}
