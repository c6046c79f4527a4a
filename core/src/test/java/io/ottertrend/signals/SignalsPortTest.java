package io.ottertrend.signals;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.ottertrend.brain.MarketSnapshot;
import io.ottertrend.signals.sentiment.LexiconSentimentAnalyzer;
import io.ottertrend.signals.social.UnconfiguredSocialProvider;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

class SignalsPortTest {
  private static final long AT = 1_764_000_000_000L;

  private static TrendsSnapshot snapshot() {
    KeywordSeries meme = KeywordSeries.of("memecoin", List.of(new TrendPoint(0, 20, false),
        new TrendPoint(1, 30, false), new TrendPoint(2, 40, false), new TrendPoint(3, 5, true)));
    return new TrendsSnapshot(AT,
        List.of(Sourced.of(meme, "google", AT - 1000, AT)),
        List.of(Sourced.of(new NarrativeStrength("memecoin", 0.7, 10, 2, 0.5), "derived", AT, AT),
            Sourced.of(new NarrativeStrength("gaming", -0.4, -5, 0, 0), "derived", AT, AT)),
        List.of(Sourced.of(new NewsItem("1", "PEPE to the moon", "u1", "CoinDesk", AT - 5, "", Set.of("PEPE"), 0.6),
                "rss", AT, AT),
            Sourced.of(new NewsItem("2", "Bitcoin hacked exchange", "u2", "Decrypt", AT - 9, "", Set.of("BTC"), -0.7),
                "cryptocompare", AT, AT)),
        List.of(Sourced.of(new Listing("NEWUSDT", "NEW", AT - 3), "exchange", AT, AT)),
        List.of(Sourced.of(new Gainer("PEPEUSDT", 0.4, 1e6), "exchange", AT, AT)),
        List.of(new ProviderHealth("google", ProviderHealth.Status.UP, AT, null, AT),
            new ProviderHealth("none", ProviderHealth.Status.UNAVAILABLE, 0, "not configured", 0)));
  }

  private final SignalsPort port = new SignalsPort(() -> Optional.of(snapshot()), new LexiconSentimentAnalyzer(),
      new UnconfiguredSocialProvider(), List.of("memecoin", "gaming"));

  @Test
  void toolsReadTheSuppliedSnapshot() {
    assertThat(port.googleTrends(List.of("MEMECOIN"))).containsEntry("memecoin", 40.0);
    assertThat(port.googleTrends(List.of("other"))).isEmpty();
    assertThat(port.trendingTokens()).containsExactly("NEWUSDT", "PEPEUSDT");
    assertThat(port.news("PEPEUSDT", 10)).extracting(MarketSnapshot.Headline::title).containsExactly("PEPE to the moon");
    assertThat(port.news("btc", 10)).extracting(MarketSnapshot.Headline::title).containsExactly("Bitcoin hacked exchange");
    assertThat(port.news(null, 1)).hasSize(1);
    assertThat(port.scoreSentiment("rug pull")).isNegative();
    // Narrative strength is recomputed from the snapshot's inputs, clamped to the port's 0..1 scale.
    assertThat(port.narrativeStrength(" Memecoin ")).isBetween(0.0, 1.0).isPositive();
    assertThat(port.narrativeStrength("gaming")).isZero();
    assertThatThrownBy(() -> port.narrativeStrength("defi")).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("known: [memecoin, gaming]");
    assertThatThrownBy(() -> port.socialMentions("PEPEUSDT")).isInstanceOf(SignalException.NotConfigured.class)
        .hasMessageContaining("V2");
  }

  @Test
  void withoutASnapshotToolsSayUnavailable() {
    SignalsPort empty = new SignalsPort(Optional::empty, new LexiconSentimentAnalyzer(),
        new UnconfiguredSocialProvider(), List.of("memecoin"));
    assertThatThrownBy(empty::trendingTokens).isInstanceOf(SignalException.Unavailable.class);
    assertThat(empty.scoreSentiment("moon")).isPositive();
  }

  @Test
  void snapshotMapsToTheBrainsSignals() {
    MarketSnapshot.Signals s = SignalsPort.toMarketSignals(snapshot());
    assertThat(s.narratives()).extracting(MarketSnapshot.Narrative::strength).containsExactly(0.7, 0.0);
    assertThat(s.trends()).singleElement().satisfies(t -> {
      assertThat(t.interest()).isEqualTo(40);
      assertThat(t.change()).isCloseTo(1.0, within(1e-9)); // 20 -> 40, the partial bucket ignored
    });
    assertThat(s.headlines()).extracting(MarketSnapshot.Headline::symbols).containsExactly(List.of("PEPE"), List.of("BTC"));
    assertThat(s.newListings()).containsExactly("NEWUSDT");
    assertThat(s.topGainers()).containsExactly("PEPEUSDT");
    assertThat(s.providers()).containsEntry("google", true).containsEntry("none", false);
    assertThat(SignalsPort.change(KeywordSeries.of("k", List.of(new TrendPoint(0, 0, false),
        new TrendPoint(1, 5, false))))).isZero();
  }
}
