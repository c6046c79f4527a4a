package io.ottertrend.agent;

import io.ottertrend.brain.MarketSnapshot;
import io.ottertrend.signals.ProviderHealth;
import io.ottertrend.signals.Sourced;
import io.ottertrend.signals.TrendsSnapshot;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Maps the signals layer's {@link TrendsSnapshot} onto the brain's compact {@link MarketSnapshot.Signals}. */
final class SignalsMapping {
  private static final int MAX_HEADLINES = 12;

  private SignalsMapping() {}

  static MarketSnapshot.Signals toSnapshot(TrendsSnapshot t) {
    if (t == null) {
      return MarketSnapshot.Signals.EMPTY;
    }
    List<MarketSnapshot.Narrative> narratives = new ArrayList<>();
    t.narratives().forEach(n -> narratives.add(new MarketSnapshot.Narrative(n.value().narrative(), n.value().score())));
    List<MarketSnapshot.Headline> headlines = new ArrayList<>();
    for (Sourced<io.ottertrend.signals.NewsItem> h : t.headlines()) {
      if (headlines.size() >= MAX_HEADLINES) {
        break;
      }
      var n = h.value();
      headlines.add(new MarketSnapshot.Headline(n.source(), n.title(), n.sentiment(), List.copyOf(n.symbols()),
          n.publishedAt()));
    }
    List<MarketSnapshot.TrendKeyword> trends = new ArrayList<>();
    for (var k : t.keywords()) {
      var series = k.value();
      double last = series.points().isEmpty() ? Double.NaN : series.points().get(series.points().size() - 1).value();
      trends.add(new MarketSnapshot.TrendKeyword(series.keyword(), last, series.slope()));
    }
    List<String> listings = t.listings().stream().map(l -> l.value().symbol()).toList();
    List<String> gainers = t.gainers().stream().map(g -> g.value().symbol()).toList();
    Map<String, Boolean> providers = new LinkedHashMap<>();
    for (ProviderHealth p : t.providers()) {
      providers.put(p.provider(), p.status() != ProviderHealth.Status.UNAVAILABLE);
    }
    return new MarketSnapshot.Signals(narratives, headlines, trends, listings, gainers, providers);
  }
}
