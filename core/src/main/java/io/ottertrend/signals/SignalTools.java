package io.ottertrend.signals;

import io.ottertrend.signals.sentiment.NarrativeScorer;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * The functions behind the brain's tools {@code ml_score_sentiment} and {@code ml_narrative_strength}. The
 * tool layer (another package) turns their records into JSON; everything a score is made of is in the
 * record, so the LLM sees the inputs, not just a number.
 *
 * <p>Thread-safe: immutable.
 */
public final class SignalTools {
  /** Longest text scored by {@link #mlScoreSentiment(List)}: tool input is untrusted and length-capped. */
  public static final int MAX_TEXT = 1_000;
  /** Most texts per call. */
  public static final int MAX_TEXTS = 200;

  private final SentimentAnalyzer analyzer;
  private final NarrativeScorer narratives;

  public SignalTools(SentimentAnalyzer analyzer, List<String> narratives) {
    this.analyzer = Objects.requireNonNull(analyzer, "analyzer");
    this.narratives = new NarrativeScorer(narratives);
  }

  /** One scored text. */
  public record ScoredText(String text, double compound, SentimentScore.Label label, double positive,
      double negative, double neutral) {}

  /**
   * {@code ml_score_sentiment}: scores each text.
   *
   * @throws IllegalArgumentException when more than {@value #MAX_TEXTS} texts are given
   */
  public List<ScoredText> mlScoreSentiment(List<String> texts) {
    if (texts.size() > MAX_TEXTS) {
      throw new IllegalArgumentException("ml_score_sentiment takes at most " + MAX_TEXTS + " texts, got "
          + texts.size());
    }
    List<ScoredText> out = new ArrayList<>();
    for (String t : texts) {
      String text = t == null ? "" : t.length() > MAX_TEXT ? t.substring(0, MAX_TEXT) : t;
      SentimentScore s = analyzer.score(text);
      out.add(new ScoredText(text, s.compound(), s.label(), s.positive(), s.negative(), s.neutral()));
    }
    return out;
  }

  /** {@code ml_narrative_strength}: every configured narrative scored from a snapshot's series and headlines. */
  public List<NarrativeStrength> mlNarrativeStrength(TrendsSnapshot snapshot) {
    return narratives.score(snapshot.keywords().stream().map(Sourced::value).toList(),
        snapshot.headlines().stream().map(Sourced::value).toList());
  }

  /** {@code ml_narrative_strength} from raw inputs (headlines without a score are scored here). */
  public List<NarrativeStrength> mlNarrativeStrength(List<KeywordSeries> series, List<NewsItem> headlines) {
    List<NewsItem> scored = new ArrayList<>();
    for (NewsItem n : headlines) {
      scored.add(Double.isNaN(n.sentiment()) ? n.withSignals(n.symbols(), analyzer.score(n.title()).compound()) : n);
    }
    return narratives.score(series, scored);
  }
}
