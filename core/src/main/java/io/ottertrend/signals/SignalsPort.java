package io.ottertrend.signals;

import io.ottertrend.brain.MarketSnapshot;
import io.ottertrend.brain.tools.AgentPorts;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;

/**
 * The bridge from recorded signals to the brain: {@link AgentPorts.Signals} for the standard tools
 * ({@code get_google_trends}, {@code get_crypto_news}, {@code ml_score_sentiment}, {@code ml_narrative_strength},
 * ...) and {@link #toMarketSignals(TrendsSnapshot)} for the cycle's {@link MarketSnapshot}.
 *
 * <p>The snapshot comes from a supplier so the same code serves every mode: live and paper pass
 * {@link SignalsService#latest()}, backtests pass {@code () -> replay.at(clock.millis())} — a backtest's tools
 * therefore see exactly what was recorded before its simulated time.
 *
 * <p>Scales: the brain's ports use narrative strength {@code 0..1}; {@link NarrativeStrength#score()} is
 * {@code -1..1}, and negative strengths (falling interest, bad news) read as {@code 0} here — the full inputs
 * stay available through {@link SignalTools}. Keyword {@code change} is the fractional change from the first to
 * the last complete bucket.
 *
 * <p>Thread-safe when the supplier is (the service's and the replay's are).
 */
public final class SignalsPort implements AgentPorts.Signals {
  private final Supplier<Optional<TrendsSnapshot>> snapshot;
  private final SentimentAnalyzer analyzer;
  private final SocialProvider social;
  private final SignalTools tools;

  public SignalsPort(Supplier<Optional<TrendsSnapshot>> snapshot, SentimentAnalyzer analyzer,
      SocialProvider social, List<String> narratives) {
    this.snapshot = Objects.requireNonNull(snapshot, "snapshot");
    this.analyzer = Objects.requireNonNull(analyzer, "analyzer");
    this.social = Objects.requireNonNull(social, "social");
    this.tools = new SignalTools(analyzer, narratives);
  }

  private TrendsSnapshot current() {
    return snapshot.get().orElseThrow(() -> new SignalException.Unavailable(
        "no signals snapshot recorded yet", null));
  }

  @Override
  public Map<String, Double> googleTrends(List<String> keywords) {
    Map<String, Double> out = new LinkedHashMap<>();
    for (Sourced<KeywordSeries> k : current().keywords()) {
      if (keywords == null || keywords.isEmpty() || containsIgnoreCase(keywords, k.value().keyword())) {
        out.put(k.value().keyword(), (double) k.value().latest());
      }
    }
    return out;
  }

  @Override
  public List<String> trendingTokens() {
    Set<String> out = new LinkedHashSet<>();
    TrendsSnapshot s = current();
    s.listings().forEach(l -> out.add(l.value().symbol()));
    s.gainers().forEach(g -> out.add(g.value().symbol()));
    return List.copyOf(out);
  }

  /** @throws SignalException.NotConfigured when the social provider is not configured (V2) */
  @Override
  public long socialMentions(String symbol) {
    if (!social.configured()) {
      throw new SignalException.NotConfigured("social mentions unavailable: "
          + HealthTracker.oneLine(social.health().lastError()));
    }
    return social.mentions(List.of(symbol)).stream().mapToLong(SocialProvider.SocialMention::count).sum();
  }

  @Override
  public List<MarketSnapshot.Headline> news(String symbol, int limit) {
    List<MarketSnapshot.Headline> out = new ArrayList<>();
    for (Sourced<NewsItem> h : current().headlines()) {
      if (out.size() >= Math.max(0, limit)) {
        break;
      }
      if (symbol == null || mentions(h.value(), symbol)) {
        out.add(headline(h.value()));
      }
    }
    return out;
  }

  @Override
  public double scoreSentiment(String text) {
    return analyzer.score(text).compound();
  }

  @Override
  public double narrativeStrength(String narrative) {
    String wanted = narrative == null ? "" : narrative.strip().toLowerCase(Locale.ROOT);
    for (NarrativeStrength n : tools.mlNarrativeStrength(current())) {
      if (n.narrative().equals(wanted)) {
        return Math.max(0, Math.min(1, n.score()));
      }
    }
    throw new IllegalArgumentException("unknown narrative '" + narrative + "'; known: "
        + tools.mlNarrativeStrength(current()).stream().map(NarrativeStrength::narrative).toList());
  }

  /** The brain's view of a snapshot. */
  public static MarketSnapshot.Signals toMarketSignals(TrendsSnapshot s) {
    List<MarketSnapshot.Narrative> narratives = new ArrayList<>();
    s.narratives().forEach(n -> narratives.add(new MarketSnapshot.Narrative(n.value().narrative(),
        Math.max(0, Math.min(1, n.value().score())))));
    List<MarketSnapshot.Headline> headlines = new ArrayList<>();
    s.headlines().forEach(h -> headlines.add(headline(h.value())));
    List<MarketSnapshot.TrendKeyword> trends = new ArrayList<>();
    s.keywords().forEach(k -> trends.add(new MarketSnapshot.TrendKeyword(k.value().keyword(), k.value().latest(),
        change(k.value()))));
    Map<String, Boolean> providers = new LinkedHashMap<>();
    s.providers().forEach(p -> providers.put(p.provider(), p.available()));
    return new MarketSnapshot.Signals(narratives, headlines, trends,
        s.listings().stream().map(l -> l.value().symbol()).toList(),
        s.gainers().stream().map(g -> g.value().symbol()).toList(), providers);
  }

  private static MarketSnapshot.Headline headline(NewsItem n) {
    return new MarketSnapshot.Headline(n.source(), n.title(), Double.isNaN(n.sentiment()) ? 0 : n.sentiment(),
        List.copyOf(n.symbols()), n.publishedAt());
  }

  /** Fractional change from the first to the last complete bucket ({@code 0} when undefined). */
  static double change(KeywordSeries k) {
    List<TrendPoint> complete = k.points().stream().filter(p -> !p.partial()).toList();
    if (complete.size() < 2 || complete.getFirst().value() == 0) {
      return 0;
    }
    return (complete.getLast().value() - complete.getFirst().value()) / (double) complete.getFirst().value();
  }

  /** A headline is about {@code symbol} when it names the symbol or its base asset ({@code PEPEUSDT} → PEPE). */
  private static boolean mentions(NewsItem n, String symbol) {
    String s = symbol.strip().toUpperCase(Locale.ROOT);
    for (String base : n.symbols()) {
      if (s.equals(base) || (s.startsWith(base) && s.length() > base.length()
          && List.of("USDT", "USDC", "BTC", "ETH", "USD").contains(s.substring(base.length())))) {
        return true;
      }
    }
    return false;
  }

  private static boolean containsIgnoreCase(List<String> list, String value) {
    for (String v : list) {
      if (v != null && v.strip().equalsIgnoreCase(value)) {
        return true;
      }
    }
    return false;
  }
}
