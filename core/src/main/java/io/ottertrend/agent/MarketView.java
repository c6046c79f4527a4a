package io.ottertrend.agent;

import io.ottertrend.analytics.Analytics;
import io.ottertrend.analytics.CrossSection;
import io.ottertrend.analytics.CrossSectionConfig;
import io.ottertrend.analytics.RegimeAssessment;
import io.ottertrend.brain.MarketSnapshot;
import io.ottertrend.model.Candle;
import io.ottertrend.model.QuoteBoard;
import io.ottertrend.model.Ticker;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The agent's running analytics over a fixed universe of symbols: one cross-sectional update per cycle (SIMD
 * kernels across symbols), fast/slow EMAs for the trend, and a short close history per symbol for momentum and
 * regime detection. Primitive arrays only; nothing is allocated per symbol per cycle except the regime read-out.
 *
 * <p>Not thread-safe: owned by the agent's thread.
 */
final class MarketView {
  static final int HISTORY = 120;
  private static final double FAST = 2.0 / (8 + 1);
  private static final double SLOW = 2.0 / (21 + 1);

  private final List<String> universe;
  private final Map<String, Integer> index = new HashMap<>();
  private final CrossSection cross;
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

  MarketView(List<String> universe) {
    this.universe = List.copyOf(universe);
    int n = Math.max(1, universe.size());
    for (int i = 0; i < universe.size(); i++) {
      index.put(universe.get(i), i);
    }
    cross = new CrossSection(n, new CrossSectionConfig(20, 14, 14, 20, 60));
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

  List<String> universe() {
    return universe;
  }

  boolean contains(String symbol) {
    return index.containsKey(symbol);
  }

  /** Feeds aligned historical bars (oldest first) for one symbol before the first cycle. */
  void warmUp(Map<String, List<Candle>> bars) {
    int steps = 0;
    for (List<Candle> b : bars.values()) {
      steps = Math.max(steps, b.size());
    }
    for (int t = 0; t < steps; t++) {
      for (var e : bars.entrySet()) {
        Integer i = index.get(e.getKey());
        List<Candle> b = e.getValue();
        int k = t - (steps - b.size()); // right-align: the newest bar of every symbol is the same step
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

  /** One update from the latest tickers: a bar per cycle at the ticker's last price. */
  void update(List<Ticker> tickers) {
    update(QuoteBoard.of(tickers));
  }

  /** One update from the latest quotes: a bar per cycle at each symbol's last price. */
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

  /** Universe entry of {@code symbol}, or -1. */
  int indexOf(String symbol) {
    Integer i = index.get(symbol);
    return i == null ? -1 : i;
  }

  /** Analytics of universe entry {@code i}. */
  Stats stats(int i) {
    return stats(universe.get(i));
  }

  private void step() {
    for (int i = 0; i < close.length; i++) {
      if (Double.isNaN(close[i])) {
        close[i] = 0; // an unseen symbol stays flat at zero until its first price; it is never proposed
        high[i] = 0;
        low[i] = 0;
      }
      emaFast[i] = Double.isNaN(emaFast[i]) ? close[i] : FAST * close[i] + (1 - FAST) * emaFast[i];
      emaSlow[i] = Double.isNaN(emaSlow[i]) ? close[i] : SLOW * close[i] + (1 - SLOW) * emaSlow[i];
      history[i][head] = close[i];
    }
    cross.update(high, low, close, volume);
    cross.rsiInto(rsi);
    cross.volatilityInto(vol);
    head = (head + 1) % HISTORY;
    filled = Math.min(HISTORY, filled + 1);
  }

  /** Closes of {@code symbol}, oldest first (at most {@link #HISTORY}). */
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

  /** Analytics fields of one symbol's snapshot view. */
  record Stats(double rsi, double trend, double momentum, double volatility, MarketSnapshot.Regime regime) {}

  Stats stats(String symbol) {
    Integer i = index.get(symbol);
    if (i == null || close[i] <= 0) {
      return new Stats(Double.NaN, 0, 0, Double.NaN, MarketSnapshot.Regime.UNKNOWN);
    }
    double trend = emaSlow[i] > 0 ? emaFast[i] / emaSlow[i] - 1 : 0;
    double[] c = closes(symbol);
    int lookback = Math.min(20, c.length - 1);
    double momentum = lookback > 0 && c[c.length - 1 - lookback] > 0 ? c[c.length - 1] / c[c.length - 1 - lookback] - 1 : 0;
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
        regime = MarketSnapshot.Regime.UNKNOWN; // flat or gapped history: say so rather than guess
      }
    }
    return new Stats(rsi[i], trend, momentum, vol[i], regime);
  }

  /** The previous observed price (one cycle ago) for jump checks, or NaN. */
  double previousClose(String symbol) {
    double[] c = closes(symbol);
    return c.length >= 2 ? c[c.length - 2] : Double.NaN;
  }
}
