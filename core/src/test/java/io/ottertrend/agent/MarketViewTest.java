package io.ottertrend.agent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.ottertrend.analytics.Analytics;
import io.ottertrend.analytics.CrossSection;
import io.ottertrend.analytics.CrossSectionConfig;
import io.ottertrend.analytics.Indicators;
import io.ottertrend.analytics.RegimeAssessment;
import io.ottertrend.analytics.ScalarCrossSections;
import io.ottertrend.brain.MarketSnapshot;
import io.ottertrend.model.Candle;
import io.ottertrend.model.QuoteBoard;
import io.ottertrend.model.Ticker;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class MarketViewTest {
  private static final int SYMBOLS = 30;
  private static final int CYCLES = 400;

  /**
   * The streaming view against the algorithm it replaced, side by side on the same warm-up and boards: every field
   * equal, the regime too unless a statistic sits within 1e-9 of a threshold or σ ties an earlier σ (then the batch
   * and the stream may round to different sides; counted, and expected to be rare).
   */
  @Test
  void streamingViewEqualsTheCopyingOneOverSyntheticBoards() {
    int nearTies = 0;
    int compared = 0;
    int[] regimes = new int[MarketSnapshot.Regime.values().length];
    for (long seed = 1; seed <= 3; seed++) {
      Stream stream = new Stream(seed);
      MarketView view = new MarketView(stream.universe);
      ReferenceView reference = new ReferenceView(stream.universe);
      Map<String, List<Candle>> warmUp = stream.warmUp();
      view.warmUp(warmUp);
      reference.warmUp(warmUp);
      for (int cycle = 0; cycle < CYCLES; cycle++) {
        QuoteBoard board = stream.next(cycle);
        view.update(board);
        reference.update(board);
        for (int i = 0; i < stream.universe.size(); i++) {
          String symbol = stream.universe.get(i);
          String where = "seed " + seed + " cycle " + cycle + " " + symbol;
          MarketView.Stats actual = view.stats(i);
          MarketView.Stats expected = reference.stats(symbol);
          assertEquals(actual, view.stats(symbol), where);
          assertEquals(expected.rsi(), actual.rsi(), where + " rsi");
          assertEquals(expected.trend(), actual.trend(), where + " trend");
          assertEquals(expected.momentum(), actual.momentum(), where + " momentum");
          assertEquals(expected.volatility(), actual.volatility(), where + " volatility");
          assertEquals(reference.previousClose(symbol), view.previousClose(symbol), where + " previousClose");
          assertArrayEquals(reference.closes(symbol), view.closes(symbol), where + " closes");
          compared++;
          regimes[expected.regime().ordinal()]++;
          if (expected.regime() != actual.regime()) {
            assertThat(nearTie(reference.closes(symbol))).as(where + ": regime %s, reference %s",
                actual.regime(), expected.regime()).isTrue();
            nearTies++;
          }
        }
      }
      assertEquals(reference.stats("NOPE"), view.stats("NOPE"));
      assertEquals(-1, view.indexOf("NOPE"));
      assertThat(view.previousClose("NOPE")).isNaN();
    }
    for (MarketSnapshot.Regime r : MarketSnapshot.Regime.values()) {
      assertThat(regimes[r.ordinal()]).as("cycles with regime %s", r).isGreaterThan(100);
    }
    System.out.printf("MarketView side by side: %d reads, %d regimes differing at a near-tie%n", compared, nearTies);
    assertThat(nearTies).as("regimes differing at a near-tie").isLessThanOrEqualTo(compared / 10_000);
  }

  /**
   * The snapshot view built without a Stats equals the one built from {@code stats(i)}, for every entry and cycle
   * (unpriced, late and NaN-quoted symbols included) and for random market fields and flags.
   */
  @Test
  void symbolViewEqualsTheViewBuiltFromStats() {
    Stream stream = new Stream(4);
    MarketView view = new MarketView(stream.universe);
    view.warmUp(stream.warmUp());
    SplittableRandom random = new SplittableRandom(44);
    int unpriced = 0;
    for (int cycle = 0; cycle < CYCLES; cycle++) {
      view.update(stream.next(cycle));
      for (int i = 0; i < stream.universe.size(); i++) {
        String symbol = stream.universe.get(i);
        double last = random.nextDouble(1, 100);
        double change = random.nextDouble(-0.2, 0.2);
        double volume = random.nextDouble(0, 1e7);
        double spread = random.nextInt(10) == 0 ? Double.NaN : random.nextDouble(0, 0.01);
        boolean listed = random.nextBoolean();
        boolean gainer = random.nextBoolean();
        MarketView.Stats st = view.stats(i);
        unpriced += st.rsi() != st.rsi() && st.regime() == MarketSnapshot.Regime.UNKNOWN ? 1 : 0;
        MarketSnapshot.SymbolView expected = new MarketSnapshot.SymbolView(symbol, last, change, volume, spread,
            st.rsi(), st.trend(), st.momentum(), st.volatility(), st.regime(), listed, gainer);
        assertEquals(expected, view.symbolView(i, symbol, last, change, volume, spread, listed, gainer),
            "cycle " + cycle + " " + symbol);
      }
    }
    assertThat(unpriced).as("reads of a symbol not priced yet").isPositive();
  }

  @Test
  void tickerUpdatesAndAnEmptyViewBehaveAsBefore() {
    MarketView view = new MarketView(List.of("AAAUSDT", "BBBUSDT"));
    ReferenceView reference = new ReferenceView(List.of("AAAUSDT", "BBBUSDT"));
    assertEquals(reference.stats("AAAUSDT"), view.stats(0)); // before any cycle
    for (int k = 0; k < 60; k++) {
      BigDecimal last = BigDecimal.valueOf(100 + k % 7 + k);
      List<Ticker> tickers = List.of(new Ticker("AAAUSDT", last, null, null, null, null, null, 0, null, null, k));
      view.update(tickers);
      reference.update(QuoteBoard.of(tickers));
      assertEquals(reference.stats("AAAUSDT"), view.stats("AAAUSDT"));
      assertEquals(reference.stats("BBBUSDT"), view.stats(1)); // never priced: flat at 0
    }
    assertThat(view.stats("AAAUSDT").regime()).isNotEqualTo(MarketSnapshot.Regime.UNKNOWN);
    assertThat(view.stats("BBBUSDT").regime()).isEqualTo(MarketSnapshot.Regime.UNKNOWN);
  }

  @Test
  void aDuplicatedUniverseEntryReadsTheStateOfItsLastOccurrenceAsBefore() {
    List<String> universe = List.of("AAAUSDT", "BBBUSDT", "AAAUSDT");
    MarketView view = new MarketView(universe);
    ReferenceView reference = new ReferenceView(universe);
    Stream stream = new Stream(9);
    for (int cycle = 0; cycle < 80; cycle++) {
      double a = 50 + cycle + (cycle % 3);
      QuoteBoard board = QuoteBoard.ofColumns(cycle, new String[] {"BBBUSDT", "AAAUSDT"},
          Map.of("BBBUSDT", 0, "AAAUSDT", 1), new double[] {stream.walk(0), a}, new double[2], new double[2],
          new double[2], new double[] {1, 1}, b -> null);
      view.update(board);
      reference.update(board);
      for (int i = 0; i < universe.size(); i++) {
        assertEquals(reference.stats(universe.get(i)), view.stats(i), "cycle " + cycle + " entry " + i);
      }
    }
  }

  /** Whether detectRegime's decision on these closes hangs on a statistic within 1e-9 of a threshold or a σ tie. */
  private static boolean nearTie(double[] closes) {
    int w = Math.min(Analytics.DEFAULT_REGIME_WINDOW, closes.length - 1);
    RegimeAssessment a = Analytics.detectRegime(closes, w);
    double near = 1e-9;
    if (Math.abs(a.drawdown() - Analytics.CRASH_DRAWDOWN) <= near
        || Math.abs(a.netReturn() + Analytics.CRASH_DRAWDOWN * 2 / 3) <= near
        || Math.abs(a.efficiencyRatio() - Analytics.TREND_EFFICIENCY) <= near) {
      return true;
    }
    double[] sigma = Indicators.realizedVolatility(closes, w, 1);
    for (int i = 0; i < sigma.length - 1; i++) {
      if (Math.abs(sigma[i] - a.volatility()) <= near * a.volatility()) {
        return true;
      }
    }
    return false;
  }

  // ---- synthetic market ---------------------------------------------------------------------------------

  /**
   * 30 symbols plus two outside the universe. Each board lists them in an order that changes now and then (a new
   * symbols array instance); symbols go absent for a few cycles; a NaN price is quoted now and then. Three symbols
   * get no warm-up; one of them appears only after 150 cycles.
   */
  private static final class Stream {
    private static final int LATE = 7;
    private static final int LATE_FROM = 150;
    final List<String> universe = new ArrayList<>();
    private final SplittableRandom random;
    private final String[] all;
    private final double[] price;
    private final double[] drift;
    private final double[] noise;
    private final int[] absentUntil;
    private String[] symbols;
    private Map<String, Integer> index;

    Stream(long seed) {
      random = new SplittableRandom(seed);
      for (int i = 0; i < SYMBOLS; i++) {
        universe.add("S" + i + "USDT");
      }
      all = new String[SYMBOLS + 2];
      for (int i = 0; i < all.length; i++) {
        all[i] = i < SYMBOLS ? universe.get(i) : "X" + i + "USDT";
      }
      price = new double[all.length];
      drift = new double[all.length];
      noise = new double[all.length];
      absentUntil = new int[all.length];
      for (int i = 0; i < all.length; i++) {
        price[i] = Math.exp(random.nextDouble(-5, 8));
        drift[i] = random.nextDouble(-0.004, 0.004);
        noise[i] = random.nextDouble(0.002, 0.03);
      }
      shuffle();
    }

    /** Right-aligned candles of different lengths for most symbols; a few get none. */
    Map<String, List<Candle>> warmUp() {
      Map<String, List<Candle>> bars = new LinkedHashMap<>();
      for (int i = 0; i < all.length; i++) {
        if (i == 3 || i == LATE || i == 11) {
          continue;
        }
        int n = random.nextInt(5, 160);
        List<Candle> candles = new ArrayList<>();
        for (int k = 0; k < n; k++) {
          double c = walk(i);
          candles.add(new Candle(k * 60_000L, c, c * 1.01, c * 0.99, c, 10, k * 60_000L + 59_999, 10 * c));
        }
        bars.put(all[i], candles);
      }
      return bars;
    }

    QuoteBoard next(int cycle) {
      if (random.nextInt(50) == 0) {
        shuffle();
      }
      for (int i = 0; i < all.length; i++) {
        if (absentUntil[i] <= cycle && random.nextInt(40) == 0) {
          absentUntil[i] = cycle + random.nextInt(1, 5);
        }
        if (random.nextInt(150) == 0) {
          drift[i] = random.nextDouble(-0.02, 0.02); // regime change, now and then a crash
          noise[i] = random.nextDouble(0.001, 0.05);
        }
      }
      // Mostly the shared symbols array, where an absent symbol repeats its last price; now and then a board of
      // only the present symbols (a new array instance each time), where it is left out.
      boolean partial = random.nextInt(10) == 0;
      String[] listed = partial ? present(cycle) : symbols;
      Map<String, Integer> listedIndex = partial ? indexOf(listed) : index;
      int n = listed.length;
      double[] last = new double[n];
      double[] volume = new double[n];
      double[] nan = new double[n];
      Arrays.fill(nan, Double.NaN);
      for (int b = 0; b < n; b++) {
        int i = indexOfAll(listed[b]);
        boolean quoted = absentUntil[i] <= cycle;
        if (i == LATE && cycle < LATE_FROM) {
          last[b] = Double.NaN; // not trading yet: the view holds it flat at 0
        } else {
          last[b] = quoted ? (random.nextInt(500) == 0 ? Double.NaN : walk(i)) : price[i];
        }
        volume[b] = 1000 * random.nextDouble();
      }
      return QuoteBoard.ofColumns(cycle, listed, listedIndex, last, nan, nan, new double[n], volume, b -> {
        throw new UnsupportedOperationException();
      });
    }

    private String[] present(int cycle) {
      return Arrays.stream(symbols).filter(s -> absentUntil[indexOfAll(s)] <= cycle).toArray(String[]::new);
    }

    private double walk(int i) {
      price[i] *= Math.exp(drift[i] + noise[i] * random.nextGaussian());
      return price[i];
    }

    private int indexOfAll(String symbol) {
      return Arrays.asList(all).indexOf(symbol);
    }

    /** A new symbols array (new identity) in a new order. */
    private void shuffle() {
      String[] order = all.clone();
      for (int i = order.length - 1; i > 0; i--) {
        int j = random.nextInt(i + 1);
        String t = order[i];
        order[i] = order[j];
        order[j] = t;
      }
      symbols = order;
      index = indexOf(order);
    }

    private static Map<String, Integer> indexOf(String[] symbols) {
      Map<String, Integer> out = new HashMap<>();
      for (int b = 0; b < symbols.length; b++) {
        out.put(symbols[b], b);
      }
      return out;
    }
  }
  // ---- the algorithm MarketView replaced, verbatim but for its name ------------------------------------

  /** MarketView as it was before streaming the regime: copies the history and runs detectRegime per read. */
  private static final class ReferenceView {
    private static final int HISTORY = 120;
    private static final double FAST = 2.0 / (8 + 1);
    private static final double SLOW = 2.0 / (21 + 1);

    private final Map<String, Integer> index = new HashMap<>();
    private final CrossSection cross;
    /**
     * σ from the scalar backend: the vector backend's log, once C2 compiles it, may round a return one ulp away
     * from {@link Math#log}, which the view uses in every JIT tier.
     */
    private final CrossSection volatilityCross;
    private final double[] high;
    private final double[] low;
    private final double[] close;
    private final double[] volume;
    private final double[] emaFast;
    private final double[] emaSlow;
    private final double[] rsi;
    private final double[] vol;
    private final double[][] history;
    private int filled;
    private int head;

    ReferenceView(List<String> universe) {
      int n = Math.max(1, universe.size());
      for (int i = 0; i < universe.size(); i++) {
        index.put(universe.get(i), i);
      }
      cross = new CrossSection(n, new CrossSectionConfig(20, 14, 14, 20, 60));
      volatilityCross = ScalarCrossSections.of(n, new CrossSectionConfig(20, 14, 14, 20, 60));
      high = new double[n];
      low = new double[n];
      close = new double[n];
      volume = new double[n];
      emaFast = new double[n];
      emaSlow = new double[n];
      rsi = new double[n];
      vol = new double[n];
      history = new double[n][HISTORY];
      Arrays.fill(close, Double.NaN);
      Arrays.fill(emaFast, Double.NaN);
      Arrays.fill(emaSlow, Double.NaN);
    }

    void warmUp(Map<String, List<Candle>> bars) {
      int steps = 0;
      for (List<Candle> b : bars.values()) {
        steps = Math.max(steps, b.size());
      }
      for (int t = 0; t < steps; t++) {
        for (var e : bars.entrySet()) {
          Integer i = index.get(e.getKey());
          List<Candle> b = e.getValue();
          int k = t - (steps - b.size());
          if (i == null || k < 0) {
            continue;
          }
          Candle c = b.get(k);
          high[i] = c.high();
          low[i] = c.low();
          close[i] = c.close();
          volume[i] = c.quoteVolume();
        }
        step();
      }
    }

    void update(QuoteBoard board) {
      for (int b = 0; b < board.size(); b++) {
        Integer i = index.get(board.symbol(b));
        if (i == null) {
          continue;
        }
        double last = board.last(b);
        high[i] = last;
        low[i] = last;
        close[i] = last;
        volume[i] = board.quoteVolume(b);
      }
      step();
    }

    private void step() {
      for (int i = 0; i < close.length; i++) {
        if (Double.isNaN(close[i])) {
          close[i] = 0;
          high[i] = 0;
          low[i] = 0;
        }
        emaFast[i] = Double.isNaN(emaFast[i]) ? close[i] : FAST * close[i] + (1 - FAST) * emaFast[i];
        emaSlow[i] = Double.isNaN(emaSlow[i]) ? close[i] : SLOW * close[i] + (1 - SLOW) * emaSlow[i];
        history[i][head] = close[i];
      }
      cross.update(high, low, close, volume);
      cross.rsiInto(rsi);
      volatilityCross.update(high, low, close, volume);
      volatilityCross.volatilityInto(vol);
      head = (head + 1) % HISTORY;
      filled = Math.min(HISTORY, filled + 1);
    }

    double[] closes(String symbol) {
      Integer i = index.get(symbol);
      if (i == null) {
        return new double[0];
      }
      double[] out = new double[filled];
      int start = (head - filled + HISTORY) % HISTORY;
      for (int k = 0; k < filled; k++) {
        out[k] = history[i][(start + k) % HISTORY];
      }
      return out;
    }

    MarketView.Stats stats(String symbol) {
      Integer i = index.get(symbol);
      if (i == null || close[i] <= 0) {
        return new MarketView.Stats(Double.NaN, 0, 0, Double.NaN, MarketSnapshot.Regime.UNKNOWN);
      }
      double trend = emaSlow[i] > 0 ? emaFast[i] / emaSlow[i] - 1 : 0;
      double[] c = closes(symbol);
      int lookback = Math.min(20, c.length - 1);
      double momentum =
          lookback > 0 && c[c.length - 1 - lookback] > 0 ? c[c.length - 1] / c[c.length - 1 - lookback] - 1 : 0;
      MarketSnapshot.Regime regime = MarketSnapshot.Regime.UNKNOWN;
      if (c.length >= 30) {
        try {
          RegimeAssessment a = Analytics.detectRegime(c, Math.min(Analytics.DEFAULT_REGIME_WINDOW, c.length - 1));
          regime = switch (a.regime()) {
            case TRENDING_UP -> MarketSnapshot.Regime.TRENDING_UP;
            case TRENDING_DOWN -> MarketSnapshot.Regime.TRENDING_DOWN;
            case RANGING -> MarketSnapshot.Regime.RANGING;
            case HIGH_VOLATILITY, CRASH -> MarketSnapshot.Regime.VOLATILE;
          };
        } catch (IllegalArgumentException e) {
          regime = MarketSnapshot.Regime.UNKNOWN;
        }
      }
      return new MarketView.Stats(rsi[i], trend, momentum, vol[i], regime);
    }

    double previousClose(String symbol) {
      double[] c = closes(symbol);
      return c.length >= 2 ? c[c.length - 2] : Double.NaN;
    }
  }
}
