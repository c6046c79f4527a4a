package io.ottertrend.agent;

import io.ottertrend.analytics.Analytics;
import io.ottertrend.analytics.RollingRegime;
import io.ottertrend.analytics.RsiVolatilityColumns;
import io.ottertrend.brain.MarketSnapshot;
import io.ottertrend.model.Candle;
import io.ottertrend.model.QuoteBoard;
import io.ottertrend.model.Ticker;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The agent's running analytics over a fixed universe of symbols, from one close per symbol per cycle: RSI and
 * σ of returns ({@link RsiVolatilityColumns}), fast/slow EMAs for the trend, and a short close history per symbol
 * for momentum and regime detection. Primitive arrays only; nothing is allocated per symbol per cycle except the
 * snapshot's view of it ({@link #symbolView}). The regime is streamed ({@link RollingRegime}): it reads as {@code
 * Analytics.detectRegime} on the last {@link #HISTORY} closes would, without copying them.
 *
 * <p>Not thread-safe: owned by the agent's thread.
 */
final class MarketView {
  static final int HISTORY = 120;
  /** Fewest closes before a regime is reported. */
  private static final int REGIME_MIN_CLOSES = 30;
  private static final int MOMENTUM_LOOKBACK = 20;
  private static final Stats UNKNOWN =
      new Stats(Double.NaN, 0, 0, Double.NaN, MarketSnapshot.Regime.UNKNOWN);
  private static final double FAST = 2.0 / (8 + 1);
  private static final double SLOW = 2.0 / (21 + 1);

  private final List<String> universe;
  private final Map<String, Integer> index = new HashMap<>();
  /** Entry whose state universe entry {@code i} reads: itself, or the last duplicate of its symbol. */
  private final int[] canonical;
  /** RSI(14) and σ over 20 returns: the two columns of {@code CrossSection} the view reads, and no others. */
  private final RsiVolatilityColumns columns;
  private final double[] close;
  private final double[] emaFast;
  private final double[] emaSlow;
  private final double[] rsi;
  private final double[] vol;
  /**
   * The last {@link #HISTORY} closes, slot-major: slot {@code k} of symbol {@code i} at {@code [k * n + i]}, so a
   * cycle writes one contiguous row (one copy) instead of touching a cache line per symbol.
   */
  private final double[] history;
  private final RollingRegime regimes;
  private int filled;
  private int head;
  /** Universe entry of each entry of the last board's symbols array (-1: not in the universe); see boardMap. */
  private String[] mappedSymbols;
  private int[] boardToUniverse = new int[0];

  MarketView(List<String> universe) {
    this.universe = List.copyOf(universe);
    int n = Math.max(1, universe.size());
    for (int i = 0; i < universe.size(); i++) {
      index.put(universe.get(i), i);
    }
    canonical = new int[universe.size()];
    for (int i = 0; i < canonical.length; i++) {
      canonical[i] = index.get(universe.get(i));
    }
    columns = new RsiVolatilityColumns(n, 14, 20);
    close = new double[n];
    emaFast = new double[n];
    emaSlow = new double[n];
    rsi = new double[n];
    vol = new double[n];
    history = new double[HISTORY * n];
    regimes = new RollingRegime(n, Analytics.DEFAULT_REGIME_WINDOW, HISTORY);
    Arrays.fill(close, Double.NaN);
    Arrays.fill(emaFast, Double.NaN);
    Arrays.fill(emaSlow, Double.NaN);
  }

  List<String> universe() {
    return universe;
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
        close[i] = c.close();
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
    int[] map = boardMap(board);
    for (int b = 0; b < map.length; b++) {
      int i = map[b];
      if (i < 0) {
        continue;
      }
      double last = board.last(b);
      close[i] = last;
    }
    step();
  }

  /**
   * Universe entry of every board entry. Boards of one market share their symbols array while the listing stays the
   * same, so the map is rebuilt only when that array instance changes, not per cycle.
   */
  private int[] boardMap(QuoteBoard board) {
    String[] symbols = board.symbolsShared();
    if (symbols != mappedSymbols) {
      int[] map = new int[symbols.length];
      for (int b = 0; b < symbols.length; b++) {
        map[b] = indexOf(symbols[b]);
      }
      boardToUniverse = map;
      mappedSymbols = symbols;
    }
    return boardToUniverse;
  }

  /** Universe entry of {@code symbol}, or -1. */
  int indexOf(String symbol) {
    Integer i = index.get(symbol);
    return i == null ? -1 : i;
  }

  /** Analytics of universe entry {@code i}: O(1), no history copy. */
  Stats stats(int i) {
    int k = canonical[Objects.checkIndex(i, canonical.length)];
    if (close[k] <= 0) {
      return UNKNOWN;
    }
    return new Stats(rsi[k], trend(k), momentum(k), vol[k], regime(k));
  }

  /**
   * The snapshot view of universe entry {@code i}: the given market fields and the analytics {@link #stats(int)}
   * reads, without a {@link Stats} in between (the agent asks once per watched symbol per cycle).
   */
  MarketSnapshot.SymbolView symbolView(int i, String symbol, double lastPrice, double change24h, double quoteVolume,
      double spreadPct, boolean newListing, boolean topGainer) {
    int k = canonical[Objects.checkIndex(i, canonical.length)];
    if (close[k] <= 0) {
      return new MarketSnapshot.SymbolView(symbol, lastPrice, change24h, quoteVolume, spreadPct, UNKNOWN.rsi(),
          UNKNOWN.trend(), UNKNOWN.momentum(), UNKNOWN.volatility(), UNKNOWN.regime(), newListing, topGainer);
    }
    return new MarketSnapshot.SymbolView(symbol, lastPrice, change24h, quoteVolume, spreadPct, rsi[k], trend(k),
        momentum(k), vol[k], regime(k), newListing, topGainer);
  }

  /** Fast EMA over slow EMA, minus 1; 0 while the slow EMA is not positive. */
  private double trend(int i) {
    return emaSlow[i] > 0 ? emaFast[i] / emaSlow[i] - 1 : 0;
  }

  /** Relative close change over the last {@link #MOMENTUM_LOOKBACK} cycles (fewer while the history fills), or 0. */
  private double momentum(int i) {
    int lookback = Math.min(MOMENTUM_LOOKBACK, filled - 1);
    if (lookback <= 0) {
      return 0;
    }
    double past = closeAgo(i, lookback);
    return past > 0 ? closeAgo(i, 0) / past - 1 : 0;
  }

  /** The close {@code lag} cycles before the latest one; {@code lag < filled}. */
  private double closeAgo(int i, int lag) {
    int slot = head - 1 - lag;
    return history[(slot < 0 ? slot + HISTORY : slot) * close.length + i];
  }

  private MarketSnapshot.Regime regime(int i) {
    // Flat at zero or gapped within the window: no regime rather than a guess.
    if (filled < REGIME_MIN_CLOSES || !regimes.defined(i)) {
      return MarketSnapshot.Regime.UNKNOWN;
    }
    return switch (regimes.regime(i)) {
      case TRENDING_UP -> MarketSnapshot.Regime.TRENDING_UP;
      case TRENDING_DOWN -> MarketSnapshot.Regime.TRENDING_DOWN;
      case RANGING -> MarketSnapshot.Regime.RANGING;
      case HIGH_VOLATILITY, CRASH -> MarketSnapshot.Regime.VOLATILE;
    };
  }

  private void step() {
    for (int i = 0; i < close.length; i++) {
      if (Double.isNaN(close[i])) {
        close[i] = 0; // an unseen symbol stays flat at zero until its first price; it is never proposed
      }
      emaFast[i] = Double.isNaN(emaFast[i]) ? close[i] : FAST * close[i] + (1 - FAST) * emaFast[i];
      emaSlow[i] = Double.isNaN(emaSlow[i]) ? close[i] : SLOW * close[i] + (1 - SLOW) * emaSlow[i];
    }
    System.arraycopy(close, 0, history, head * close.length, close.length);
    columns.update(close);
    columns.rsiInto(rsi);
    columns.volatilityInto(vol);
    regimes.push(close);
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
      out[k] = history[(start + k) % HISTORY * close.length + i];
    }
    return out;
  }

  /** Analytics fields of one symbol's snapshot view. */
  record Stats(double rsi, double trend, double momentum, double volatility, MarketSnapshot.Regime regime) {}

  /** Analytics of {@code symbol}; NaN and {@code UNKNOWN} outside the universe. */
  Stats stats(String symbol) {
    int i = indexOf(symbol);
    return i < 0 ? UNKNOWN : stats(i);
  }

  /** The previous observed price (one cycle ago) for jump checks, or NaN. */
  double previousClose(String symbol) {
    int i = indexOf(symbol);
    return i >= 0 && filled >= 2 ? closeAgo(i, 1) : Double.NaN;
  }
}
