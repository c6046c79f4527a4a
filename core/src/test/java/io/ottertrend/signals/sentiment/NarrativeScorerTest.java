package io.ottertrend.signals.sentiment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.ottertrend.signals.KeywordSeries;
import io.ottertrend.signals.NarrativeStrength;
import io.ottertrend.signals.NewsItem;
import io.ottertrend.signals.SignalTools;
import io.ottertrend.signals.TrendPoint;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class NarrativeScorerTest {
  private static NewsItem headline(String title, double sentiment) {
    return new NewsItem(title, title, "", "x", 0, "", Set.of(), sentiment);
  }

  private static KeywordSeries series(String keyword, int... values) {
    List<TrendPoint> pts = new java.util.ArrayList<>();
    for (int i = 0; i < values.length; i++) {
      pts.add(new TrendPoint(i, values[i], false));
    }
    return KeywordSeries.of(keyword, pts);
  }

  @Test
  void scoreCombinesSlopeVolumeAndSentimentAndShowsTheInputs() {
    NarrativeScorer scorer = new NarrativeScorer(List.of("airdrop", "ai", "socialfi"));
    List<NarrativeStrength> out = scorer.score(
        List.of(series("crypto airdrop", 10, 12, 14, 16), series("socialfi", 30, 20, 10, 0)),
        List.of(headline("Airdrop season returns", 0.6), headline("Big airdrop claim opens", 0.2),
            headline("AI agents rally", 0.5), headline("Airdropped tokens dumped", Double.NaN)));
    NarrativeStrength airdrop = out.get(0);
    assertThat(airdrop.trendsSlope()).isCloseTo(2, within(1e-9));
    assertThat(airdrop.newsVolume()).isEqualTo(3);
    assertThat(airdrop.averageSentiment()).isCloseTo(0.4, within(1e-9));
    assertThat(airdrop.score()).isCloseTo(
        0.4 * Math.tanh(1) + 0.3 * (1 - Math.exp(-3 / 5.0)) + 0.3 * 0.4, within(1e-9));
    NarrativeStrength ai = out.get(1);
    assertThat(ai.trendsSlope()).isNaN(); // "crypto airdrop" does not contain the word "ai"
    assertThat(ai.newsVolume()).isEqualTo(1);
    assertThat(ai.score()).isCloseTo(0.5 * (1 - Math.exp(-0.2)) + 0.5 * 0.5, within(1e-9));
    NarrativeStrength socialfi = out.get(2);
    assertThat(socialfi.trendsSlope()).isCloseTo(-10, within(1e-9));
    assertThat(socialfi.score()).isNegative();
    assertThat(scorer.mentions("ai", "AI agent tokens")).isTrue();
    assertThat(scorer.mentions("ai", "airdrop")).isFalse();
    assertThat(scorer.mentions("unknown", "anything")).isFalse();
  }

  @Test
  void customNarrativesMatchTheirOwnNameAndBlankNamesAreRejected() {
    NarrativeScorer scorer = new NarrativeScorer(List.of(" RWA "));
    assertThat(scorer.score(List.of(), List.of(headline("RWA tokens grow", 0.3))).getFirst())
        .satisfies(n -> {
          assertThat(n.narrative()).isEqualTo("rwa");
          assertThat(n.newsVolume()).isEqualTo(1);
        });
    assertThatThrownBy(() -> new NarrativeScorer(List.of(" "))).isInstanceOf(IllegalArgumentException.class);
    assertThat(NarrativeScorer.combine(100, 1000, 1)).isLessThanOrEqualTo(1);
  }

  @Test
  void toolFunctionsScoreTextsAndNarratives() {
    SignalTools tools = new SignalTools(new LexiconSentimentAnalyzer(), List.of("memecoin"));
    List<SignalTools.ScoredText> scored = tools.mlScoreSentiment(
        java.util.Arrays.asList("PEPE to the moon 🚀", "Exchange hacked", null, "x".repeat(5000)));
    assertThat(scored.get(0).label()).isEqualTo(io.ottertrend.signals.SentimentScore.Label.POSITIVE);
    assertThat(scored.get(1).compound()).isNegative();
    assertThat(scored.get(2).text()).isEmpty();
    assertThat(scored.get(3).text()).hasSize(SignalTools.MAX_TEXT);
    assertThatThrownBy(() -> tools.mlScoreSentiment(java.util.Collections.nCopies(201, "a")))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("at most 200");

    List<NarrativeStrength> n = tools.mlNarrativeStrength(List.of(series("memecoin", 1, 2, 3)),
        List.of(NewsItem.raw("1", "Memecoin mania goes to the moon", "", "x", 0, "")));
    assertThat(n.getFirst().averageSentiment()).isPositive();
    assertThat(n.getFirst().trendsSlope()).isCloseTo(1, within(1e-9));
  }
}
