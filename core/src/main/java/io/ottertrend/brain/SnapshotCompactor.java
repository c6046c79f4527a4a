package io.ottertrend.brain;

import io.ottertrend.brain.MarketSnapshot.Headline;
import io.ottertrend.brain.MarketSnapshot.PositionView;
import io.ottertrend.brain.MarketSnapshot.SymbolView;
import java.math.BigDecimal;
import java.math.MathContext;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Turns a {@link MarketSnapshot} into compact JSON that fits a prompt-token budget ({@code LLM_SNAPSHOT_TOKENS},
 * default 1,500): the most relevant symbols first (held, new listings, gainers, liquid movers; illiquid or
 * wide-spread pairs last), columns instead of repeated keys, numbers rounded to a few significant digits,
 * percentages as percent. Headlines go under {@code untrusted_news}, cleaned by {@link Untrusted}. When the
 * estimate ({@link Tokens}) exceeds the budget, fewer symbols and headlines are kept until it fits.
 *
 * <p>The symbols shown (plus held ones) form the allow-list the model must choose from. Immutable and
 * thread-safe.
 */
public final class SnapshotCompactor {
  private static final Pattern PLAIN_SYMBOL = Pattern.compile("[A-Z0-9]{2,30}");
  private static final MathContext SIG3 = new MathContext(3);
  private static final MathContext SIG5 = new MathContext(5);

  private final int tokenBudget;
  private final int maxSymbols;
  private final int maxHeadlines;

  /**
   * @param tokenBudget prompt tokens the JSON may cost
   * @param maxSymbols most symbol rows ever shown
   * @param maxHeadlines most headlines ever shown
   */
  public SnapshotCompactor(int tokenBudget, int maxSymbols, int maxHeadlines) {
    if (tokenBudget < 100 || maxSymbols < 1 || maxHeadlines < 0) {
      throw new IllegalArgumentException("tokenBudget >= 100, maxSymbols >= 1, maxHeadlines >= 0 required");
    }
    this.tokenBudget = tokenBudget;
    this.maxSymbols = maxSymbols;
    this.maxHeadlines = maxHeadlines;
  }

  /** Budget {@code tokenBudget}, at most 40 symbols and 8 headlines. */
  public static SnapshotCompactor withBudget(int tokenBudget) {
    return new SnapshotCompactor(tokenBudget, 40, 8);
  }

  public int tokenBudget() {
    return tokenBudget;
  }

  /**
   * The compact form.
   *
   * @param json the JSON text
   * @param estimatedTokens {@link Tokens#estimate} of {@code json}
   * @param shown symbols listed in the market table, most relevant first
   * @param allowList symbols the brain may act on: shown plus held
   * @param totalSymbols symbols in the snapshot
   * @param flags notes (suspicious headlines, skipped odd symbols, budget not met)
   */
  public record Compacted(
      String json, int estimatedTokens, List<String> shown, Set<String> allowList, int totalSymbols,
      List<String> flags) {}

  public Compacted compact(MarketSnapshot s) {
    List<String> flags = new ArrayList<>();
    Set<String> held = new HashSet<>();
    for (PositionView p : s.portfolio().positions()) {
      held.add(p.symbol());
    }
    Set<String> mentioned = new HashSet<>();
    for (Headline h : s.signals().headlines()) {
      mentioned.addAll(h.symbols());
    }
    List<SymbolView> all = s.symbols();
    int n = all.size();
    double[] score = new double[n];
    int odd = 0;
    List<Integer> candidates = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      SymbolView v = all.get(i);
      if (!PLAIN_SYMBOL.matcher(v.symbol()).matches()) {
        odd++;
        continue;
      }
      if (!(v.lastPrice() > 0) || Double.isInfinite(v.lastPrice())) {
        continue;
      }
      score[i] = relevance(v, s.risk(), held.contains(v.symbol()), mentioned.contains(v.symbol()));
      candidates.add(i);
    }
    if (odd > 0) {
      flags.add("skipped " + odd + " symbols with characters outside A-Z0-9");
    }
    candidates.sort((a, b) -> {
      int c = Double.compare(score[b], score[a]);
      return c != 0 ? c : all.get(a).symbol().compareTo(all.get(b).symbol());
    });
    List<Headline> news = new ArrayList<>();
    for (Headline h : s.signals().headlines()) {
      if (Untrusted.suspicious(h.title()) || Untrusted.suspicious(h.source())) {
        flags.add("suspicious headline: " + Untrusted.clean(h.title(), 80));
      }
      news.add(h);
    }
    news.sort((a, b) -> Long.compare(b.publishedAt(), a.publishedAt()));
    int rows = Math.min(maxSymbols, candidates.size());
    int heads = Math.min(maxHeadlines, news.size());
    String json = null;
    int tokens = 0;
    for (int round = 0; round < 12; round++) {
      json = render(s, all, candidates.subList(0, rows), news.subList(0, heads));
      tokens = Tokens.estimate(json);
      if (tokens <= tokenBudget || (rows == 0 && heads == 0)) {
        break;
      }
      double ratio = (double) tokenBudget / tokens;
      int nextRows = Math.min(rows - 1, (int) Math.floor(rows * ratio * 0.95));
      if (nextRows < Math.min(5, rows) && heads > 0) {
        heads = heads / 2;
        nextRows = Math.max(nextRows, Math.min(5, rows));
      }
      rows = Math.max(0, nextRows);
    }
    if (tokens > tokenBudget) {
      flags.add("snapshot over budget: " + tokens + " > " + tokenBudget + " tokens");
    }
    List<String> shown = new ArrayList<>(rows);
    for (int i = 0; i < rows; i++) {
      shown.add(all.get(candidates.get(i)).symbol());
    }
    Set<String> allow = new LinkedHashSet<>(shown);
    for (String h : held) {
      if (PLAIN_SYMBOL.matcher(h).matches()) {
        allow.add(h);
      }
    }
    return new Compacted(json, tokens, List.copyOf(shown), java.util.Collections.unmodifiableSet(allow), n,
        List.copyOf(flags));
  }

  static double relevance(SymbolView v, MarketSnapshot.Risk risk, boolean held, boolean mentioned) {
    double s = 0;
    if (held) {
      s += 1e6;
    }
    if (v.newListing()) {
      s += 6;
    }
    if (v.topGainer()) {
      s += 3;
    }
    if (mentioned) {
      s += 2;
    }
    double vol = v.quoteVolume() > 0 ? v.quoteVolume() : 0;
    s += Math.log10(vol + 1) * 0.6;
    s += finite(Math.abs(v.change24h())) * 12;
    s += finite(Math.abs(v.momentum())) * 25;
    if (vol < risk.minLiquidityUsd()) {
      s -= 8;
    }
    if (v.spreadPct() > risk.maxSpreadPct()) {
      s -= 6;
    }
    return s;
  }

  private static double finite(double d) {
    return Double.isFinite(d) ? Math.min(d, 5) : 0;
  }

  private static String render(MarketSnapshot s, List<SymbolView> all, List<Integer> rows, List<Headline> news) {
    StringBuilder b = new StringBuilder(256 + rows.size() * 90 + news.size() * 160);
    MarketSnapshot.Risk r = s.risk();
    b.append("{\"t\":\"").append(Instant.ofEpochMilli(s.at()).truncatedTo(ChronoUnit.SECONDS)).append('"');
    b.append(",\"quote\":\"").append(Untrusted.clean(s.quoteAsset(), 10)).append('"');
    b.append(",\"limits\":{\"max_trade_usd\":").append(n(r.maxTradeUsd(), SIG5))
        .append(",\"max_size_pct_equity\":").append(n(r.maxTradePctEquity(), SIG5))
        .append(",\"max_open\":").append(r.maxOpenPositions())
        .append(",\"max_daily_trades\":").append(r.maxDailyTrades())
        .append(",\"max_daily_loss_usd\":").append(n(r.maxDailyLossUsd(), SIG5))
        .append(",\"max_spread_pct\":").append(pct(r.maxSpreadPct()))
        .append(",\"min_vol_musd\":").append(n(r.minLiquidityUsd() / 1e6, SIG3)).append('}');
    b.append(",\"today\":{\"trades\":").append(r.tradesToday()).append(",\"open\":").append(r.openPositions())
        .append(",\"pnl_usd\":").append(n(r.pnlTodayUsd(), SIG3)).append(",\"halted\":").append(r.halted())
        .append(",\"safe_mode\":").append(r.safeMode());
    if (!r.haltReason().isEmpty()) {
      b.append(",\"halt_reason\":\"").append(Untrusted.clean(r.haltReason(), 80)).append('"');
    }
    b.append('}');
    MarketSnapshot.Portfolio p = s.portfolio();
    b.append(",\"pf\":{\"equity\":").append(n(p.equity(), SIG5)).append(",\"cash\":").append(n(p.cash(), SIG5))
        .append(",\"pos_cols\":[\"s\",\"qty\",\"entry\",\"mark\",\"pnl%\",\"held_h\",\"sl\",\"tp\"],\"pos\":[");
    boolean first = true;
    for (PositionView v : p.positions()) {
      if (!PLAIN_SYMBOL.matcher(v.symbol()).matches()) {
        continue;
      }
      b.append(first ? "" : ",").append("[\"").append(v.symbol()).append("\",").append(n(v.quantity(), SIG5))
          .append(',').append(n(v.entryPrice(), SIG5)).append(',').append(n(v.markPrice(), SIG5)).append(',')
          .append(pct(v.pnlPct())).append(',').append(n(v.heldMillis() / 3_600_000.0, SIG3)).append(',')
          .append(n(v.stopPrice(), SIG5)).append(',').append(n(v.targetPrice(), SIG5)).append(']');
      first = false;
    }
    b.append("]}");
    b.append(",\"mkt_cols\":[\"s\",\"px\",\"ch24%\",\"vol_musd\",\"spr%\",\"rsi\",\"trend%\",\"mom%\",\"vola%\","
        + "\"regime\",\"flags\"],\"mkt\":[");
    first = true;
    for (int i : rows) {
      SymbolView v = all.get(i);
      b.append(first ? "" : ",").append("[\"").append(v.symbol()).append("\",").append(n(v.lastPrice(), SIG5))
          .append(',').append(pct(v.change24h())).append(',').append(n(v.quoteVolume() / 1e6, SIG3)).append(',')
          .append(pct(v.spreadPct())).append(',').append(Double.isFinite(v.rsi()) ? Long.toString(Math.round(v.rsi()))
              : "null")
          .append(',').append(pct(v.trend())).append(',').append(pct(v.momentum())).append(',')
          .append(pct(v.volatility())).append(",\"").append(regime(v.regime())).append("\",\"")
          .append(v.newListing() ? "new" : "").append(v.newListing() && v.topGainer() ? "," : "")
          .append(v.topGainer() ? "gainer" : "").append("\"]");
      first = false;
    }
    b.append("],\"shown\":").append(rows.size()).append(",\"total\":").append(all.size());
    MarketSnapshot.Signals sig = s.signals();
    b.append(",\"signals\":{\"narratives\":{");
    first = true;
    for (MarketSnapshot.Narrative nv : sig.narratives()) {
      b.append(first ? "" : ",").append('"').append(Untrusted.clean(nv.name(), 24)).append("\":")
          .append(n(nv.strength(), SIG3));
      first = false;
    }
    b.append("},\"trends\":[");
    first = true;
    for (MarketSnapshot.TrendKeyword t : sig.trends()) {
      b.append(first ? "" : ",").append("[\"").append(Untrusted.clean(t.keyword(), 32)).append("\",")
          .append(n(t.interest(), SIG3)).append(',').append(pct(t.change())).append(']');
      first = false;
    }
    b.append("],\"listings\":");
    symbols(b, sig.newListings());
    b.append(",\"gainers\":");
    symbols(b, sig.topGainers());
    b.append(",\"providers\":{");
    first = true;
    for (Map.Entry<String, Boolean> e : sig.providers().entrySet()) {
      b.append(first ? "" : ",").append('"').append(Untrusted.clean(e.getKey(), 24)).append("\":")
          .append(Boolean.TRUE.equals(e.getValue()));
      first = false;
    }
    b.append("}},\"untrusted_news\":[");
    first = true;
    for (Headline h : news) {
      b.append(first ? "" : ",").append("{\"src\":\"").append(Untrusted.clean(h.source(), 24))
          .append("\",\"title\":\"").append(Untrusted.clean(h.title(), 120)).append("\",\"sent\":")
          .append(n(h.sentiment(), SIG3)).append(",\"sym\":");
      symbols(b, h.symbols().size() > 4 ? h.symbols().subList(0, 4) : h.symbols());
      b.append('}');
      first = false;
    }
    b.append("]}");
    return b.toString();
  }

  private static void symbols(StringBuilder b, List<String> list) {
    b.append('[');
    int k = 0;
    for (String sym : list) {
      if (k == 10) {
        break;
      }
      if (PLAIN_SYMBOL.matcher(sym).matches()) {
        b.append(k == 0 ? "" : ",").append('"').append(sym).append('"');
        k++;
      }
    }
    b.append(']');
  }

  private static String regime(MarketSnapshot.Regime r) {
    return switch (r) {
      case TRENDING_UP -> "up";
      case TRENDING_DOWN -> "down";
      case RANGING -> "range";
      case VOLATILE -> "volatile";
      case UNKNOWN -> "?";
    };
  }

  /** A fraction as percent with two decimals. */
  static String pct(double fraction) {
    if (!Double.isFinite(fraction)) {
      return "null";
    }
    double v = Math.round(fraction * 10_000) / 100.0;
    return plain(v);
  }

  static String n(double v, MathContext mc) {
    if (!Double.isFinite(v)) {
      return "null";
    }
    if (v == 0) {
      return "0";
    }
    return new BigDecimal(v).round(mc).stripTrailingZeros().toPlainString();
  }

  private static String plain(double v) {
    if (v == Math.rint(v) && Math.abs(v) < 1e15) {
      return Long.toString((long) v);
    }
    return BigDecimal.valueOf(v).stripTrailingZeros().toPlainString().toLowerCase(Locale.ROOT);
  }

}
