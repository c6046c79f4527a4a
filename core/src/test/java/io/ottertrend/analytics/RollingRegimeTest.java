package io.ottertrend.analytics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.data.Offset.offset;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.util.Arrays;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class RollingRegimeTest {
  private static final int WINDOW = Analytics.DEFAULT_REGIME_WINDOW;
  private static final int HISTORY = 120;
  /** Relative agreement required of the running sums (efficiency ratio, σ) and of everything else. */
  private static final double TOLERANCE = 1e-9;

  // ---- oracle: the batch detectRegime on the same last closes ------------------------------------------

  /** Tallies of one oracle run: how often each path was compared and how often a near-tie was let through. */
  private static final class Tally {
    long compared;
    long undefined;
    long nearThresholdRegimes;
    long rankTieRegimes;
    long nearTiePercentiles;
    final int[] byRegime = new int[Regime.values().length];
  }

  @Test
  void matchesDetectRegimeAtEveryBarOverManySeeds() {
    Tally tally = new Tally();
    for (long seed = 1; seed <= 40; seed++) {
      runOracle(seed, 7, 1500 + (int) (seed * 37 % 500), tally);
    }
    // Every rule and the undefined path were exercised, and almost nothing needed the near-tie allowance.
    for (Regime r : Regime.values()) {
      assertThat(tally.byRegime[r.ordinal()]).as("bars classified %s", r).isGreaterThan(50);
    }
    assertThat(tally.undefined).isGreaterThan(100);
    assertThat(tally.compared).isGreaterThan(300_000);
    // A statistic within 1e-9 of its threshold is rare; σ ties are not: a flat stretch replacing near-zero returns
    // leaves σ equal to its predecessors within rounding, and the two computations round those apart differently.
    assertThat(tally.nearThresholdRegimes).as("regimes decided at a threshold").isLessThanOrEqualTo(
        tally.compared / 100_000);
    assertThat(tally.rankTieRegimes).as("regimes decided by a σ tie").isLessThanOrEqualTo(tally.compared / 1_000);
    System.out.printf("RollingRegime oracle: %d bars compared, %d undefined, regime differences: %d at a "
        + "threshold, %d by a σ rank tie; %d percentiles moved by a tie%n", tally.compared, tally.undefined,
        tally.nearThresholdRegimes, tally.rankTieRegimes, tally.nearTiePercentiles);
  }

  @Test
  void matchesDetectRegimeWithSmallWindowAndHistory() {
    // Other shapes than the default: the window fills and the σ ring wraps far more often.
    Tally tally = new Tally();
    for (long seed = 100; seed < 110; seed++) {
      SplittableRandom random = new SplittableRandom(seed);
      Walk[] walks = walks(random, 3);
      RollingRegime rolling = new RollingRegime(3, 5, 9);
      double[][] history = new double[3][0];
      for (int step = 0; step < 2000; step++) {
        double[] closes = new double[3];
        for (int i = 0; i < 3; i++) {
          closes[i] = walks[i].next(random, step);
          history[i] = append(history[i], closes[i], 9);
        }
        rolling.push(closes);
        for (int i = 0; i < 3; i++) {
          compare(rolling, i, history[i], 5, tally, "seed " + seed + " step " + step + " series " + i);
        }
      }
    }
    assertThat(tally.compared).isGreaterThan(40_000);
  }

  private static void runOracle(long seed, int seriesCount, int steps, Tally tally) {
    SplittableRandom random = new SplittableRandom(seed);
    Walk[] walks = walks(random, seriesCount);
    RollingRegime rolling = new RollingRegime(seriesCount, WINDOW, HISTORY);
    double[][] history = new double[seriesCount][0];
    double[] closes = new double[seriesCount];
    for (int step = 0; step < steps; step++) {
      for (int i = 0; i < seriesCount; i++) {
        closes[i] = walks[i].next(random, step);
        history[i] = append(history[i], closes[i], HISTORY);
      }
      rolling.push(closes);
      assertEquals(step + 1, rolling.bars());
      for (int i = 0; i < seriesCount; i++) {
        compare(rolling, i, history[i], WINDOW, tally, "seed " + seed + " step " + step + " series " + i);
      }
    }
  }

  /** Where the percentile decides, the regime agrees with the percentile the same read-out reports. */
  private static void assertHighVolatilityAgreesWithOwnPercentile(RegimeAssessment actual, String where) {
    Regime r = actual.regime();
    if (r == Regime.HIGH_VOLATILITY || r == Regime.RANGING) {
      assertThat(r == Regime.HIGH_VOLATILITY).as(where + ": percentile " + actual.volatilityPercentile())
          .isEqualTo(actual.volatilityPercentile() >= Analytics.HIGH_VOL_PERCENTILE);
    }
  }

  /** The streaming read-out of series {@code i} against {@code detectRegime} on its last closes. */
  private static void compare(RollingRegime rolling, int i, double[] last, int window, Tally tally, String where) {
    int w = Math.min(window, last.length - 1);
    assertEquals(Math.max(0, w), rolling.currentWindow(), where);
    RegimeAssessment expected;
    try {
      expected = Analytics.detectRegime(last, w);
    } catch (IllegalArgumentException e) {
      assertThat(rolling.defined(i)).as(where + ": batch threw " + e.getMessage()).isFalse();
      assertThatThrownBy(() -> rolling.regime(i)).isInstanceOf(IllegalStateException.class);
      tally.undefined++;
      return;
    }
    assertThat(rolling.defined(i)).as(where).isTrue();
    RegimeAssessment actual = rolling.assessment(i);
    assertHighVolatilityAgreesWithOwnPercentile(actual, where);
    assertClose(expected.netReturn(), actual.netReturn(), where + " netReturn");
    assertClose(expected.drawdown(), actual.drawdown(), where + " drawdown");
    assertClose(expected.efficiencyRatio(), actual.efficiencyRatio(), where + " efficiencyRatio");
    assertClose(expected.volatility(), actual.volatility(), where + " volatility");
    assertEquals(expected.window(), actual.window(), where);
    boolean percentileTie = comparePercentile(expected, actual, last, w, where);
    if (percentileTie) {
      tally.nearTiePercentiles++;
    }
    tally.compared++;
    tally.byRegime[expected.regime().ordinal()]++;
    if (expected.regime() == actual.regime()) {
      // A high-volatility confidence is the percentile's: a near-tie moves it by a rank.
      if (!(percentileTie && expected.regime() == Regime.HIGH_VOLATILITY)) {
        assertThat(actual.confidence()).as(where + " confidence").isCloseTo(expected.confidence(), offset(1e-9));
      }
      assertEquals(expected.regime(), rolling.regime(i), where);
      return;
    }
    if (nearThreshold(expected)) {
      tally.nearThresholdRegimes++;
    } else if (percentileTie && (expected.volatilityPercentile() >= Analytics.HIGH_VOL_PERCENTILE)
        != (actual.volatilityPercentile() >= Analytics.HIGH_VOL_PERCENTILE)) {
      tally.rankTieRegimes++;
    } else {
      fail(where + ": regime " + actual + " but detectRegime says " + expected);
    }
  }

  /**
   * The percentile must equal the batch one unless some earlier σ ties the current one within the tolerance: the
   * running σ may then rank on the other side. Returns whether such a tie decided the difference.
   */
  private static boolean comparePercentile(
      RegimeAssessment expected, RegimeAssessment actual, double[] last, int w, String where) {
    if (expected.volatilityPercentile() == actual.volatilityPercentile()) {
      return false;
    }
    double[] sigma = Indicators.realizedVolatility(last, w, 1);
    double vol = expected.volatility();
    double slack = TOLERANCE * vol;
    int surelyBelow = 0;
    int maybeBelow = 0;
    int count = 0;
    for (double s : sigma) {
      if (s == s) {
        count++;
        surelyBelow += s <= vol - slack ? 1 : 0;
        maybeBelow += s <= vol + slack ? 1 : 0;
      }
    }
    // The current σ ranks itself; it is always "below".
    double low = (double) Math.max(1, surelyBelow) / count;
    double high = (double) maybeBelow / count;
    assertThat(actual.volatilityPercentile()).as(where + " percentile %s outside the tie range [%s, %s]",
        actual.volatilityPercentile(), low, high).isBetween(low, high);
    return true;
  }

  private static boolean nearThreshold(RegimeAssessment expected) {
    return Math.abs(expected.drawdown() - Analytics.CRASH_DRAWDOWN) <= TOLERANCE
        || Math.abs(expected.netReturn() + Analytics.CRASH_DRAWDOWN * 2 / 3) <= TOLERANCE
        || Math.abs(expected.efficiencyRatio() - Analytics.TREND_EFFICIENCY) <= TOLERANCE;
  }

  private static void assertClose(double expected, double actual, String what) {
    if (expected == actual) {
      return;
    }
    double scale = Math.max(Math.abs(expected), Math.abs(actual));
    assertTrue(Math.abs(expected - actual) <= TOLERANCE * scale,
        () -> what + ": expected " + expected + " but was " + actual);
  }

  private static double[] append(double[] last, double close, int history) {
    double[] out;
    if (last.length < history) {
      out = Arrays.copyOf(last, last.length + 1);
    } else {
      out = new double[history];
      System.arraycopy(last, 1, out, 0, history - 1);
    }
    out[out.length - 1] = close;
    return out;
  }

  // ---- synthetic prices ---------------------------------------------------------------------------------

  private static Walk[] walks(SplittableRandom random, int count) {
    Walk[] walks = new Walk[count];
    for (int i = 0; i < count; i++) {
      // Some series are unseen (0) for their first bars, as MarketView reports a symbol before its first price.
      int unseen = random.nextInt(4) == 0 ? random.nextInt(1, 200) : 0;
      walks[i] = new Walk(Math.exp(random.nextDouble(-6, 10)), unseen);
    }
    return walks;
  }

  /**
   * A price path that switches at random between drifting up or down, ranging, going flat (the same close bar
   * after bar), crashing, and trickling with tiny noise; with rare gaps and rare invalid closes (0, negative, NaN,
   * infinite) that are not part of the path.
   */
  private static final class Walk {
    private double price;
    private final int unseen;
    private int mode;
    private int left;
    private double drift;
    private double noise;

    Walk(double price, int unseen) {
      this.price = price;
      this.unseen = unseen;
    }

    double next(SplittableRandom random, int step) {
      if (step < unseen) {
        return 0;
      }
      if (left-- <= 0) {
        pickMode(random);
      }
      int roll = random.nextInt(1000);
      if (roll < 2) {
        return switch (random.nextInt(4)) {
          case 0 -> 0;
          case 1 -> -price;
          case 2 -> Double.NaN;
          default -> Double.POSITIVE_INFINITY;
        };
      }
      if (roll < 8) {
        price *= Math.exp(random.nextDouble(-0.3, 0.3)); // gap
        return price;
      }
      if (mode != 2) { // mode 2 is flat: the very same close
        price *= Math.exp(drift + noise * random.nextGaussian());
      }
      return price;
    }

    private void pickMode(SplittableRandom random) {
      mode = random.nextInt(6);
      left = random.nextInt(5, 150);
      switch (mode) {
        case 0 -> set(random.nextDouble(0.001, 0.01), random.nextDouble(0.001, 0.02)); // up
        case 1 -> set(-random.nextDouble(0.001, 0.01), random.nextDouble(0.001, 0.02)); // down
        case 2 -> set(0, 0); // flat
        case 3 -> set(-random.nextDouble(0.01, 0.05), random.nextDouble(0.001, 0.02)); // crash
        case 4 -> set(0, random.nextDouble(0.001, 0.08)); // ranging, often wild
        default -> set(random.nextDouble(-1e-4, 1e-4), 1e-7); // tiny noise: stresses the running σ
      }
    }

    private void set(double drift, double noise) {
      this.drift = drift;
      this.noise = noise;
    }
  }

  /**
   * The regime against its own read-outs, exactly: the drawdown scanned from the close ring (and the crash rule
   * asking for it only after a large fall) and the rules in order, on prices of a few ticks (σ values tie exactly,
   * flat windows give σ = 0) with invalid closes, read at random bars, with the default and with small shapes.
   */
  @Test
  void regimeShortCutsAgreeExactlyWithTheFullReadOuts() {
    long[] seen = new long[Regime.values().length];
    int[][] shapes = {{WINDOW, HISTORY}, {5, 9}, {4, 13}, {50, 51}};
    for (int[] shape : shapes) {
      for (long seed = 1; seed <= 12; seed++) {
        SplittableRandom random = new SplittableRandom(seed * 31 + shape[0]);
        int n = 6;
        RollingRegime rolling = new RollingRegime(n, shape[0], shape[1]);
        double[][] history = new double[n][0];
        double[] price = new double[n];
        Arrays.fill(price, 100);
        double[] closes = new double[n];
        for (int step = 0; step < 1500; step++) {
          for (int i = 0; i < n; i++) {
            int mode = (int) ((step / 97 + i + seed) % 5);
            double move = switch (mode) {
              case 0 -> 0; // flat: σ exactly 0, many ties
              case 1 -> random.nextInt(3) - 1; // a tick or none: returns and σ repeat exactly
              case 2 -> random.nextInt(-8, 9); // wide swings
              case 3 -> -random.nextInt(4); // a fall: crashes
              default -> random.nextInt(2) + (random.nextInt(9) == 0 ? 5 : 0); // a climb with jumps
            };
            price[i] = Math.max(1, Math.min(1000, price[i] + move));
            closes[i] = random.nextInt(400) == 0 ? 0 : price[i]; // an invalid close now and then
            history[i] = append(history[i], closes[i], shape[1]);
          }
          rolling.push(closes);
          for (int i = 0; i < n; i++) {
            // read at some bars only: what a read keeps for the next must hold however many pushes come between
            if (!rolling.defined(i) || random.nextInt(3) == 0) {
              continue;
            }
            double[] last = history[i];
            int w = rolling.currentWindow();
            double peak = 0;
            for (int k = last.length - 1 - w; k < last.length; k++) {
              peak = Math.max(peak, last[k]);
            }
            String where = "shape " + Arrays.toString(shape) + " seed " + seed + " step " + step + " series " + i;
            assertEquals(1 - last[last.length - 1] / peak, rolling.drawdown(i), where + " drawdown");
            Regime expected;
            if (rolling.drawdown(i) >= Analytics.CRASH_DRAWDOWN
                && rolling.netReturn(i) <= -Analytics.CRASH_DRAWDOWN * 2 / 3) {
              expected = Regime.CRASH;
            } else if (rolling.efficiencyRatio(i) >= Analytics.TREND_EFFICIENCY) {
              expected = rolling.regime(i) == Regime.TRENDING_DOWN ? Regime.TRENDING_DOWN : Regime.TRENDING_UP;
            } else {
              expected = rolling.volatilityPercentile(i) >= Analytics.HIGH_VOL_PERCENTILE
                  ? Regime.HIGH_VOLATILITY : Regime.RANGING;
            }
            assertEquals(expected, rolling.regime(i), where + " percentile " + rolling.volatilityPercentile(i));
            seen[expected.ordinal()]++;
          }
        }
      }
    }
    for (Regime r : Regime.values()) {
      assertThat(seen[r.ordinal()]).as("bars classified %s", r).isGreaterThan(100);
    }
  }

  // ---- contract -----------------------------------------------------------------------------------------

  @Test
  void undefinedUntilThreeClosesAndWhileAnInvalidCloseIsInTheWindow() {
    RollingRegime rolling = new RollingRegime(2, 4, 8);
    rolling.push(new double[] {1, 1});
    rolling.push(new double[] {2, 2});
    assertThat(rolling.defined(0)).isFalse();
    assertThatThrownBy(() -> rolling.regime(0)).isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("3 closes");
    rolling.push(new double[] {3, 0});
    assertThat(rolling.defined(0)).isTrue();
    assertThat(rolling.regime(0)).isEqualTo(Regime.TRENDING_UP);
    assertThat(rolling.defined(1)).isFalse();
    for (int k = 0; k < 4; k++) {
      rolling.push(new double[] {3, 2});
      assertThat(rolling.defined(1)).isFalse(); // the 0 is still among the window's 5 closes
    }
    rolling.push(new double[] {3, 2});
    assertThat(rolling.defined(1)).isTrue();
    assertThat(rolling.assessment(1).volatility()).isZero();
    assertThat(rolling.regime(1)).isEqualTo(Regime.RANGING);
  }

  @Test
  void rejectsBadShapesAndIndices() {
    assertThatThrownBy(() -> new RollingRegime(0, 50, 120)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new RollingRegime(1, 1, 120)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new RollingRegime(1, 50, 50)).isInstanceOf(IllegalArgumentException.class);
    RollingRegime rolling = new RollingRegime(2, 50, 120);
    assertThatThrownBy(() -> rolling.push(new double[3])).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> rolling.push(null)).isInstanceOf(NullPointerException.class);
    assertThatThrownBy(() -> rolling.defined(2)).isInstanceOf(IndexOutOfBoundsException.class);
    assertThat(rolling.series()).isEqualTo(2);
    assertThat(rolling.window()).isEqualTo(50);
    assertThat(rolling.history()).isEqualTo(120);
  }
}
