package io.ottertrend.signals;

import java.util.List;

/**
 * Scores the sentiment of short texts (headlines). Shipped: {@code lexicon}.
 *
 * <p><b>Thread-safety:</b> implementations are safe for concurrent use.
 */
public interface SentimentAnalyzer {

  /** Registry name, e.g. {@code lexicon}. */
  String name();

  /** Scores one text. {@code null} or blank text scores neutral. */
  SentimentScore score(String text);

  /** Compound scores of many texts, in order. Implementations may batch the arithmetic. */
  default double[] compound(List<String> texts) {
    double[] out = new double[texts.size()];
    for (int i = 0; i < out.length; i++) {
      out[i] = score(texts.get(i)).compound();
    }
    return out;
  }

  /** Full scores of many texts, in order. */
  default List<SentimentScore> scoreAll(List<String> texts) {
    return texts.stream().map(this::score).toList();
  }
}
