package io.ottertrend.brain;

import io.ottertrend.brain.MarketSnapshot.Headline;
import io.ottertrend.brain.MarketSnapshot.PositionView;
import io.ottertrend.brain.MarketSnapshot.SymbolView;
import java.math.BigDecimal;
import java.math.MathContext;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Turns a {@link MarketSnapshot} into compact JSON that fits a prompt-token budget ({@code LLM_SNAPSHOT_TOKENS},
 * default 1,500): the most relevant symbols first (held, new listings, gainers, liquid movers; illiquid or
 * wide-spread pairs last), columns instead of repeated keys, numbers rounded to a few significant digits,
 * percentages as percent. Headlines go under {@code untrusted_news}, cleaned by {@link Untrusted}. When the
 * estimate ({@link Tokens}) exceeds the budget, fewer symbols and headlines are kept until it fits.
 *
 * <p>The symbols shown, plus held ones and the tradable new listings and gainers named under {@code signals},
 * form the allow-list the model must choose from. Immutable and
 * thread-safe.
 */
public final class SnapshotCompactor {
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

  /** Budget {@code tokenBudget}, at most 40 symbols and 5 headlines. */
  public static SnapshotCompactor withBudget(int tokenBudget) {
    return new SnapshotCompactor(tokenBudget, 40, 5);
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
    int[] idx = new int[n];
    int count = 0;
    int odd = 0;
    Set<String> wanted = new HashSet<>(s.signals().newListings());
    wanted.addAll(s.signals().topGainers());
    Set<String> tradable = new HashSet<>();
    for (int i = 0; i < n; i++) {
      SymbolView v = all.get(i);
      if (!plain(v.symbol())) {
        odd++;
        continue;
      }
      if (!(v.lastPrice() > 0) || Double.isInfinite(v.lastPrice())) {
        continue;
      }
      if (wanted.contains(v.symbol())) {
        tradable.add(v.symbol());
      }
      score[i] = relevance(v, s.risk(), held.contains(v.symbol()), mentioned.contains(v.symbol()));
      idx[count++] = i;
    }
    if (odd > 0) {
      flags.add("skipped " + odd + " symbols with characters outside A-Z0-9");
    }
    List<Integer> top = top(idx, count, score, all, maxSymbols);
    List<Headline> news = new ArrayList<>(s.signals().headlines());
    news.sort((a, b) -> Long.compare(b.publishedAt(), a.publishedAt()));
    if (news.size() > maxHeadlines) {
      news = news.subList(0, maxHeadlines);
    }
    for (Headline h : news) {
      if (Untrusted.suspicious(h.title()) || Untrusted.suspicious(h.source())) {
        flags.add("suspicious headline: " + Untrusted.clean(h.title(), 80));
      }
    }
    // Listings and gainers are shown (and allowed) only when they are tradable symbols of this snapshot.
    List<String> listings = tradable(s.signals().newListings(), tradable);
    List<String> gainers = tradable(s.signals().topGainers(), tradable);
    // Render the parts once, estimate each, then keep as many rows (and headlines) as fit the budget.
    String head = header(s);
    List<String> rowText = new ArrayList<>(top.size());
    int[] rowTokens = new int[top.size()];
    for (int i = 0; i < top.size(); i++) {
      rowText.add(row(all.get(top.get(i))));
      rowTokens[i] = Tokens.estimate(rowText.get(i)) + 1;
    }
    List<String> newsText = new ArrayList<>(news.size());
    int[] newsTokens = new int[news.size()];
    for (int i = 0; i < news.size(); i++) {
      newsText.add(headline(news.get(i)));
      newsTokens[i] = Tokens.estimate(newsText.get(i)) + 1;
    }
    int fixed = Tokens.estimate(head) + Tokens.estimate(middle(s, top.size(), n, listings, gainers)) + 2;
    int heads = news.size();
    int rows = top.size();
    int newsSum = 0;
    for (int t : newsTokens) {
      newsSum += t;
    }
    int rowSum = 0;
    for (int t : rowTokens) {
      rowSum += t;
    }
    while (fixed + rowSum + newsSum > tokenBudget && (rows > 0 || heads > 0)) {
      if (heads > 0 && (rows <= Math.min(8, top.size()) || heads > rows)) {
        newsSum -= newsTokens[--heads];
      } else if (rows > 0) {
        rowSum -= rowTokens[--rows];
      } else {
        newsSum -= newsTokens[--heads];
      }
    }
    String json;
    int tokens;
    while (true) {
      StringBuilder b = new StringBuilder(head.length() + 96 * rows + 200 * heads + 400);
      b.append(head);
      for (int i = 0; i < rows; i++) {
        b.append(i == 0 ? "" : ",").append(rowText.get(i));
      }
      b.append(middle(s, rows, n, listings, gainers));
      for (int i = 0; i < heads; i++) {
        b.append(i == 0 ? "" : ",").append(newsText.get(i));
      }
      b.append("]}");
      json = b.toString();
      tokens = Tokens.estimate(json);
      if (tokens <= tokenBudget || rows + heads == 0) {
        break;
      }
      if (rows > 0) {
        rows--;
      } else {
        heads--;
      }
    }
    if (tokens > tokenBudget) {
      flags.add("snapshot over budget: " + tokens + " > " + tokenBudget + " tokens");
    }
    List<String> shown = new ArrayList<>(rows);
    for (int i = 0; i < rows; i++) {
      shown.add(all.get(top.get(i)).symbol());
    }
    Set<String> allow = new LinkedHashSet<>(shown);
    allow.addAll(listings);
    allow.addAll(gainers);
    for (String h : held) {
      if (plain(h)) {
        allow.add(h);
      }
    }
    return new Compacted(json, tokens, List.copyOf(shown), java.util.Collections.unmodifiableSet(allow), n,
        List.copyOf(flags));
  }

  /** The {@code k} best indices by score (ties by symbol), without sorting everything. */
  private static List<Integer> top(int[] idx, int count, double[] score, List<SymbolView> all, int k) {
    double threshold = Double.NEGATIVE_INFINITY;
    if (count > k) {
      double[] sorted = new double[count];
      for (int i = 0; i < count; i++) {
        sorted[i] = score[idx[i]];
      }
      Arrays.sort(sorted);
      threshold = sorted[count - k];
    }
    List<Integer> out = new ArrayList<>(Math.min(count, k * 2));
    for (int i = 0; i < count; i++) {
      if (score[idx[i]] >= threshold) {
        out.add(idx[i]);
      }
    }
    out.sort((a, b) -> {
      int c = Double.compare(score[b], score[a]);
      return c != 0 ? c : all.get(a).symbol().compareTo(all.get(b).symbol());
    });
    return out.size() > k ? out.subList(0, k) : out;
  }

  static boolean plain(String symbol) {
    int len = symbol.length();
    if (len < 2 || len > 30) {
      return false;
    }
    for (int i = 0; i < len; i++) {
      char c = symbol.charAt(i);
      if (!((c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9'))) {
        return false;
      }
    }
    return true;
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

  private static String header(MarketSnapshot s) {
    StringBuilder b = new StringBuilder(900);
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
      if (!plain(v.symbol())) {
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
    return b.toString();
  }

  private static String row(SymbolView v) {
    StringBuilder b = new StringBuilder(96);
    b.append("[\"").append(v.symbol()).append("\",").append(n(v.lastPrice(), SIG5))
        .append(',').append(pct(v.change24h())).append(',').append(n(v.quoteVolume() / 1e6, SIG3)).append(',')
        .append(pct(v.spreadPct())).append(',').append(Double.isFinite(v.rsi()) ? Long.toString(Math.round(v.rsi()))
            : "null")
        .append(',').append(pct(v.trend())).append(',').append(pct(v.momentum())).append(',')
        .append(pct(v.volatility())).append(",\"").append(regime(v.regime())).append("\",\"")
        .append(v.newListing() ? "new" : "").append(v.newListing() && v.topGainer() ? "," : "")
        .append(v.topGainer() ? "gainer" : "").append("\"]");
    return b.toString();
  }

  private static List<String> tradable(List<String> symbols, Set<String> tradable) {
    List<String> out = new ArrayList<>();
    for (String sym : symbols) {
      if (out.size() == 10) {
        break;
      }
      if (tradable.contains(sym) && !out.contains(sym)) {
        out.add(sym);
      }
    }
    return out;
  }

  private static String middle(MarketSnapshot s, int shown, int total, List<String> listings, List<String> gainers) {
    StringBuilder b = new StringBuilder(400);
    b.append("],\"shown\":").append(shown).append(",\"total\":").append(total);
    MarketSnapshot.Signals sig = s.signals();
    b.append(",\"signals\":{\"narratives\":{");
    boolean first = true;
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
    symbols(b, listings);
    b.append(",\"gainers\":");
    symbols(b, gainers);
    b.append(",\"providers\":{");
    first = true;
    for (Map.Entry<String, Boolean> e : sig.providers().entrySet()) {
      b.append(first ? "" : ",").append('"').append(Untrusted.clean(e.getKey(), 24)).append("\":")
          .append(Boolean.TRUE.equals(e.getValue()));
      first = false;
    }
    b.append("}},\"untrusted_news\":[");
    return b.toString();
  }

  private static String headline(Headline h) {
    StringBuilder b = new StringBuilder(200);
    b.append("{\"src\":\"").append(Untrusted.clean(h.source(), 24)).append("\",\"title\":\"")
        .append(Untrusted.clean(h.title(), 120)).append("\",\"sent\":").append(n(h.sentiment(), SIG3))
        .append(",\"sym\":");
    symbols(b, h.symbols().size() > 4 ? h.symbols().subList(0, 4) : h.symbols());
    return b.append('}').toString();
  }

  private static void symbols(StringBuilder b, List<String> list) {
    b.append('[');
    int k = 0;
    for (String sym : list) {
      if (k == 10) {
        break;
      }
      if (plain(sym)) {
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
