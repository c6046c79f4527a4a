package io.ottertrend.market;

import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * The stochastic processes behind {@link SyntheticMarket}: a market factor and one path per symbol. Each has
 * its own random stream, so the data of one symbol does not depend on which other symbols were generated,
 * or in which order. Not thread-safe on its own: {@link SyntheticMarket} guards each instance.
 */
final class SyntheticPaths {
  static final long YEAR_MILLIS = 365L * 86_400_000L;
  /** Degrees of freedom of the Student-t innovations: fat tails with a finite fourth moment. */
  static final int NU = 5;
  static final double ALPHA = 0.06;
  static final double BETA = 0.92;

  private SyntheticPaths() {}

  /** A standardised (unit-variance) Student-t draw with {@link #NU} degrees of freedom. */
  static double studentT(SplittableRandom rnd) {
    double g = rnd.nextGaussian();
    double chi2 = 0;
    for (int k = 0; k < NU; k++) {
      double x = rnd.nextGaussian();
      chi2 += x * x;
    }
    return g / Math.sqrt(chi2 / NU) * Math.sqrt((NU - 2.0) / NU);
  }

  /** Probability per step of an event that happens with {@code perMinute} probability each minute. */
  static double perStep(double perMinute, double stepMinutes) {
    return 1 - Math.pow(1 - perMinute, stepMinutes);
  }

  /** The common market factor: GARCH(1,1) with t innovations and a calm/stressed regime switch. */
  static final class MarketFactor {
    private final SplittableRandom rnd;
    private final double omega;
    private final double pStress;
    private final double pCalm;
    private double h;
    private boolean stressed;
    private double[] returns = new double[1024];
    private boolean[] stress = new boolean[1024];
    private volatile int count;

    MarketFactor(long seed, long stepMillis) {
      this.rnd = new SplittableRandom(BarMarket.mix(seed, 1));
      double sigma = 0.5 * Math.sqrt((double) stepMillis / YEAR_MILLIS);
      this.omega = sigma * sigma * (1 - ALPHA - BETA);
      this.h = sigma * sigma;
      double stepMinutes = stepMillis / 60_000.0;
      this.pStress = perStep(1.0 / 3000, stepMinutes);
      this.pCalm = perStep(1.0 / 400, stepMinutes);
    }

    synchronized void ensure(int steps) {
      while (count < steps) {
        if (count == returns.length) {
          returns = Arrays.copyOf(returns, returns.length * 2);
          stress = Arrays.copyOf(stress, stress.length * 2);
        }
        double u = rnd.nextDouble();
        stressed = stressed ? u >= pCalm : u < pStress;
        double eps = Math.sqrt(h) * studentT(rnd);
        returns[count] = eps * (stressed ? 2.5 : 1.0);
        stress[count] = stressed;
        h = omega + ALPHA * eps * eps + BETA * h;
        count++;
      }
    }

    synchronized double returnAt(int step) {
      return returns[step];
    }

    synchronized boolean stressedAt(int step) {
      return stress[step];
    }
  }

  /** One symbol's path: beta to the market, idiosyncratic GARCH(1,1), hype episodes, pump-and-fade. */
  static final class SymbolPath {
    private final SymbolProfile profile;
    private final SplittableRandom rnd;
    private final double sigma;
    private final double omega;
    private final double stepMinutes;
    private final double pHype;
    private final double pCool;
    private final boolean hypeProne;
    private double h;
    private double price;
    private boolean hype;

    SymbolPath(SymbolProfile profile, long seed, int index, long stepMillis) {
      this.profile = profile;
      this.rnd = new SplittableRandom(BarMarket.mix(seed, 1_000 + index));
      this.sigma = profile.annualVol() * Math.sqrt((double) stepMillis / YEAR_MILLIS);
      this.omega = sigma * sigma * (1 - ALPHA - BETA);
      this.h = sigma * sigma;
      this.price = profile.initialPrice();
      this.stepMinutes = stepMillis / 60_000.0;
      this.hypeProne = profile.kind() == SymbolProfile.Kind.MEME || profile.kind() == SymbolProfile.Kind.SOCIALFI
          || profile.kind() == SymbolProfile.Kind.FRESH;
      this.pHype = perStep(1.0 / 5000, stepMinutes);
      this.pCool = perStep(1.0 / 180, stepMinutes);
    }

    /** Typical per-step volatility. */
    double sigma() {
      return sigma;
    }

    /**
     * Advances one step and writes open, high, low, close, volume into {@code out}.
     *
     * @param step index of the step (for the pump-and-fade clock)
     */
    void next(int step, double marketReturn, boolean stressed, double[] out) {
      if (hypeProne) {
        double u = rnd.nextDouble();
        hype = hype ? u >= pCool : u < pHype;
      }
      double z = studentT(rnd);
      double eps = Math.sqrt(h) * z;
      double mult = (stressed ? 1.5 : 1.0) * (hype ? 3.0 : 1.0);
      double drift = hype ? 0.3 * sigma : 0;
      if (profile.isFresh() && step >= profile.listingOffsetSteps()) {
        double m = (step - profile.listingOffsetSteps()) * stepMinutes;
        drift += pumpAndFade(m + stepMinutes) - pumpAndFade(m);
      }
      double r = profile.beta() * marketReturn + eps * mult + drift;
      r = Math.max(-0.5, Math.min(0.5, r));
      double open = price;
      double close = Math.max(1e-12, open * Math.exp(r));
      double wick = 0.5 * Math.sqrt(h) * mult;
      double high = Math.max(open, close) * Math.exp(Math.abs(rnd.nextGaussian()) * wick);
      double low = Math.min(open, close) * Math.exp(-Math.abs(rnd.nextGaussian()) * wick);
      double quote = profile.quotePerMinute() * stepMinutes * (0.4 + 2.5 * Math.abs(r) / sigma)
          * Math.exp(0.4 * rnd.nextGaussian()) * (hype ? 3 : 1);
      out[0] = open;
      out[1] = high;
      out[2] = low;
      out[3] = close;
      out[4] = quote / close;
      h = omega + ALPHA * eps * eps + BETA * h;
      price = close;
    }

    /** Cumulative log-price offset of a fresh listing {@code m} minutes after listing: a pump, then a fade. */
    private double pumpAndFade(double m) {
      double a = profile.pumpSize();
      return a * (1 - Math.exp(-m / 20)) - 1.3 * a * (1 - Math.exp(-m / 720));
    }
  }

  /** Append-only chunked columns of open, high, low, close, volume; safe for one writer and many readers. */
  static final class BarColumns {
    private static final int CHUNK = 4096;
    private volatile double[][][] chunks = new double[0][][];
    private volatile int count;

    int count() {
      return count;
    }

    /** Appends one bar; call from one writer thread at a time. */
    void add(double[] bar) {
      int n = count;
      int c = n / CHUNK;
      double[][][] dir = chunks;
      if (c == dir.length) {
        dir = Arrays.copyOf(dir, c + 1);
        dir[c] = new double[5][CHUNK];
      }
      for (int k = 0; k < 5; k++) {
        dir[c][k][n % CHUNK] = bar[k];
      }
      chunks = dir;
      count = n + 1;
    }

    double get(int column, int i) {
      return chunks[i / CHUNK][column][i % CHUNK];
    }

    /**
     * The bars appended so far, read without a volatile read per value: chunks are only ever added, so the
     * directory read once covers every bar counted before it.
     */
    Snapshot snapshot() {
      return new Snapshot(chunks);
    }

    /** The bars of a {@link BarColumns} up to its count when taken. */
    record Snapshot(double[][][] chunks) {
      double get(int column, int i) {
        return chunks[i / CHUNK][column][i % CHUNK];
      }
    }
  }
}
