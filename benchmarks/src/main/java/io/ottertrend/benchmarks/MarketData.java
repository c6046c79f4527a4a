package io.ottertrend.benchmarks;

import java.util.SplittableRandom;

/** Seeded synthetic OHLCV random walks shared by the analytics benchmarks. */
final class MarketData {
  static final long SEED = 20261124L;

  final double[] high;
  final double[] low;
  final double[] close;
  final double[] volume;

  private MarketData(int n, long seed) {
    SplittableRandom r = new SplittableRandom(seed);
    high = new double[n];
    low = new double[n];
    close = new double[n];
    volume = new double[n];
    double p = 50 + 100 * r.nextDouble();
    for (int i = 0; i < n; i++) {
      double o = p;
      p *= Math.exp(0.01 * r.nextGaussian());
      close[i] = p;
      high[i] = Math.max(o, p) * (1 + 0.003 * Math.abs(r.nextGaussian()));
      low[i] = Math.min(o, p) * (1 - 0.003 * Math.abs(r.nextGaussian()));
      volume[i] = 1000 * Math.exp(r.nextGaussian());
    }
  }

  static MarketData series(int n, long seed) {
    return new MarketData(n, seed);
  }

  /** {@code symbols} independent series of {@code bars} bars each (symbol-major). */
  static MarketData[] universe(int symbols, int bars) {
    MarketData[] u = new MarketData[symbols];
    for (int s = 0; s < symbols; s++) {
      u[s] = new MarketData(bars, SEED + s);
    }
    return u;
  }

  /** Time-major copy of one field: {@code [bar][symbol]}. */
  static double[][] timeMajor(MarketData[] u, int bars, int field) {
    double[][] t = new double[bars][u.length];
    for (int b = 0; b < bars; b++) {
      for (int s = 0; s < u.length; s++) {
        MarketData m = u[s];
        t[b][s] = switch (field) {
          case 0 -> m.high[b];
          case 1 -> m.low[b];
          case 2 -> m.close[b];
          default -> m.volume[b];
        };
      }
    }
    return t;
  }
}
