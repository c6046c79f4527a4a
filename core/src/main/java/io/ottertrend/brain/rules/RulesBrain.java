package io.ottertrend.brain.rules;

import io.ottertrend.brain.Action;
import io.ottertrend.brain.Brain;
import io.ottertrend.brain.Decision;
import io.ottertrend.brain.MarketSnapshot;
import io.ottertrend.brain.MarketSnapshot.PositionView;
import io.ottertrend.brain.MarketSnapshot.Regime;
import io.ottertrend.brain.MarketSnapshot.SymbolView;
import io.ottertrend.model.OrderType;
import io.ottertrend.model.Side;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * A deterministic strategy over the same {@link MarketSnapshot} the LLM sees.
 *
 * <p><b>Exits</b> (always evaluated, even when entries are halted): price at or below the stop, at or above the
 * target, held longer than {@code maxHold}, or the trend turned down (regime down with negative trend and
 * momentum). <b>Entries</b> (only when the risk view allows them): liquid pairs (24 h volume at least the
 * minimum) with a known spread within the limit and no negative headline about them; either trend-following
 * (regime up or unknown, positive trend and momentum, RSI within [min, max]) or a scalp of an oversold
 * ranging market (RSI under the oversold level, half size, tight target). Entries are LIMIT orders just under
 * the last price so they rest as maker orders (0 % fee on MEXC). Ties are broken by symbol, so the same
 * snapshot always gives the same decision.
 *
 * <p>Immutable and thread-safe.
 */
public final class RulesBrain implements Brain {

  private final RulesConfig config;

  public RulesBrain(RulesConfig config) {
    this.config = Objects.requireNonNull(config, "config");
  }

  @Override
  public String name() {
    return "rules";
  }

  @Override
  public Decision decide(MarketSnapshot s) {
    List<Action> actions = new ArrayList<>();
    StringBuilder why = new StringBuilder();
    List<PositionView> positions = new ArrayList<>(s.portfolio().positions());
    positions.sort((a, b) -> a.symbol().compareTo(b.symbol()));
    Held held = new Held(positions);
    // Views of the held symbols only: a map of every watched symbol per cycle would cost more than the rules.
    Map<String, SymbolView> views = new HashMap<>();
    if (!held.isEmpty()) {
      for (SymbolView v : s.symbols()) {
        if (held.contains(v.symbol())) {
          views.put(v.symbol(), v);
        }
      }
    }
    for (PositionView p : positions) {
      String exit = exitReason(p, views.get(p.symbol()));
      if (exit != null) {
        actions.add(new Action.Close(p.symbol(), BigDecimal.ONE, exit));
        why.append("Closing ").append(p.symbol()).append(": ").append(exit).append(". ");
      }
    }
    MarketSnapshot.Risk risk = s.risk();
    if (!risk.entriesAllowed()) {
      why.append("No entries: ").append(risk.halted() ? "halted" : risk.safeMode() ? "safe mode" : "limits reached")
          .append(". ");
    } else {
      int slots = Math.min(config.maxEntriesPerCycle(), Math.min(risk.maxOpenPositions() - risk.openPositions(),
          risk.maxDailyTrades() - risk.tradesToday()));
      Map<String, Double> news = newsSentiment(s);
      List<Candidate> candidates = new ArrayList<>();
      for (SymbolView v : s.symbols()) {
        // Cheapest first: the numeric rules reject most symbols before any lookup by name.
        Entry entry = entry(v, risk);
        if (entry == null || held.contains(v.symbol())) {
          continue;
        }
        // no headlines (every backtest without recorded signals): no lookup, which would read the symbol's hash
        Candidate c = candidate(v, entry, news.isEmpty() ? null : news.get(v.symbol()));
        if (c != null) {
          candidates.add(c);
        }
      }
      candidates.sort((a, b) -> {
        int c = Double.compare(b.score, a.score);
        return c != 0 ? c : a.view.symbol().compareTo(b.view.symbol());
      });
      double maxSize = Math.min(config.sizePctEquity(), risk.maxTradePctEquity());
      for (int i = 0; i < Math.min(slots, candidates.size()); i++) {
        Candidate c = candidates.get(i);
        actions.add(open(c, maxSize));
        why.append(c.scalp ? "Scalping oversold range in " : "Trend entry in ").append(c.view.symbol());
        appendFigures(why, c.view);
      }
    }
    if (actions.isEmpty()) {
      why.append("Nothing meets the rules: hold.");
    }
    return new Decision(name(), stripped(why), actions, List.of(), List.of(), 0, 0, 0, false, false, null);
  }

  /** {@code why.toString().strip()}, the trailing blanks cut in the builder: one copy of the text, not two. */
  private static String stripped(StringBuilder why) {
    int end = why.length();
    while (end > 0 && Character.isWhitespace(why.charAt(end - 1))) {
      end--;
    }
    why.setLength(end);
    return end > 0 && Character.isWhitespace(why.charAt(0)) ? why.toString().strip() : why.toString();
  }

  private String exitReason(PositionView p, SymbolView v) {
    double mark = p.markPrice();
    if (!(mark > 0) || !(p.entryPrice() > 0)) {
      return null;
    }
    double stop = Double.isFinite(p.stopPrice()) && p.stopPrice() > 0 ? p.stopPrice()
        : p.entryPrice() * (1 - config.stopLossPct());
    double target = Double.isFinite(p.targetPrice()) && p.targetPrice() > 0 ? p.targetPrice()
        : p.entryPrice() * (1 + config.takeProfitPct());
    if (mark <= stop) {
      return "stop-loss hit";
    }
    if (mark >= target) {
      return "take-profit hit";
    }
    if (p.heldMillis() >= config.maxHold().toMillis()) {
      return "held longer than " + config.maxHold();
    }
    if (v != null && v.regime() == Regime.TRENDING_DOWN && v.trend() < 0 && v.momentum() < 0) {
      return "trend turned down";
    }
    return null;
  }

  /** {@code " (trend 1.23%, momentum 0.45%, RSI 56). "}: what {@code String.format} wrote, without a Formatter. */
  private static void appendFigures(StringBuilder why, SymbolView v) {
    FixedPoint.append(why.append(" (trend "), 100 * v.trend(), 2);
    FixedPoint.append(why.append("%, momentum "), 100 * v.momentum(), 2);
    FixedPoint.append(why.append("%, RSI "), v.rsi(), 0).append("). ");
  }

  private record Candidate(SymbolView view, double score, boolean scalp) {}

  /** Which entry rule a symbol meets on its numbers alone. */
  private enum Entry {
    TREND,
    SCALP
  }

  /** The entry rule {@code v} meets on its own numbers (liquidity, spread, RSI, regime), or null for none. */
  private Entry entry(SymbolView v, MarketSnapshot.Risk risk) {
    if (!(v.lastPrice() > 0) || !Double.isFinite(v.lastPrice()) || !(v.quoteVolume() >= risk.minLiquidityUsd())
        || !(v.spreadPct() >= 0 && v.spreadPct() <= risk.maxSpreadPct()) || !Double.isFinite(v.rsi())) {
      return null;
    }
    boolean up = v.regime() == Regime.TRENDING_UP || v.regime() == Regime.UNKNOWN;
    if (up && v.trend() > 0 && v.momentum() > 0 && v.rsi() >= config.rsiEntryMin() && v.rsi() <= config.rsiEntryMax()) {
      return Entry.TREND;
    }
    if (v.regime() == Regime.RANGING && v.rsi() < config.rsiOversold()) {
      return Entry.SCALP;
    }
    return null;
  }

  /** The candidate for {@code entry} after the headlines: none on bad news, a score boosted by good news. */
  private Candidate candidate(SymbolView v, Entry entry, Double news) {
    if (news != null && news <= config.negativeNews()) {
      return null;
    }
    double boost = news != null && news > 0 ? news : 0;
    return entry == Entry.TREND
        ? new Candidate(v, v.trend() + v.momentum() + 0.01 * boost, false)
        : new Candidate(v, (config.rsiOversold() - v.rsi()) / 1000 + 0.01 * boost, true);
  }

  /**
   * The held symbols, with a 64-bit filter of their hash codes in front of the set: most watched symbols are not
   * held, and a bit test on the cached hash code rules them out without a hash-table probe.
   */
  private static final class Held {
    private final Set<String> symbols = new HashSet<>();
    private long hashBits;

    Held(List<PositionView> positions) {
      for (PositionView p : positions) {
        symbols.add(p.symbol());
        hashBits |= 1L << p.symbol().hashCode(); // the shift uses the low 6 bits of the hash
      }
    }

    boolean isEmpty() {
      return symbols.isEmpty();
    }

    boolean contains(String symbol) {
      // nothing held: answered without reading the symbol (a cache miss per watched pair at full size)
      return !symbols.isEmpty() && (hashBits & 1L << symbol.hashCode()) != 0 && symbols.contains(symbol);
    }
  }

  private Action.Open open(Candidate c, double maxSize) {
    double last = c.view.lastPrice();
    double spread = Double.isFinite(c.view.spreadPct()) ? c.view.spreadPct() : 0;
    double offset = c.scalp ? Math.max(0.002, spread / 2) : Math.max(0.0005, spread / 2);
    double price = last * (1 - offset);
    double stop = price * (1 - (c.scalp ? config.scalpStopPct() : config.stopLossPct()));
    double target = price * (1 + (c.scalp ? config.scalpTargetPct() : config.takeProfitPct()));
    double size = c.scalp ? maxSize / 2 : maxSize;
    BigDecimal sz = BigDecimal.valueOf(size).setScale(6, RoundingMode.DOWN).stripTrailingZeros();
    return new Action.Open(c.view.symbol(), Side.BUY, sz, OrderType.LIMIT, dec(price), dec(stop), dec(target),
        c.scalp ? "scalp: ranging and oversold" : "trend-following: trend and momentum up");
  }

  /** {@code v} rounded to 8 significant digits (the exact binary value, half-even), trailing zeros stripped. */
  private static BigDecimal dec(double v) {
    return EightDigits.round(v);
  }

  /** The most negative (or, without negatives, the most positive) sentiment per symbol from the headlines. */
  private static Map<String, Double> newsSentiment(MarketSnapshot s) {
    Map<String, Double> out = new HashMap<>();
    for (MarketSnapshot.Headline h : s.signals().headlines()) {
      if (!Double.isFinite(h.sentiment())) {
        continue;
      }
      for (String sym : h.symbols()) {
        out.merge(sym, h.sentiment(), (a, b) -> a < 0 || b < 0 ? Math.min(a, b) : Math.max(a, b));
      }
    }
    return out;
  }
}
