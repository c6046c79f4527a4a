package io.ottertrend.signals;

/**
 * The sentiment of one text, VADER-style.
 *
 * @param compound normalised sum of valences in {@code [-1, 1]}
 * @param positive share of the text's valence mass that is positive, {@code [0, 1]}
 * @param negative share that is negative
 * @param neutral share of tokens without valence
 */
public record SentimentScore(double compound, double positive, double negative, double neutral) {

  /** Compound at or above this is positive (VADER's convention). */
  public static final double POSITIVE_THRESHOLD = 0.05;

  /** A text without any valence. */
  public static final SentimentScore NEUTRAL = new SentimentScore(0, 0, 0, 1);

  /** The three-way label used by the labelled set. */
  public enum Label { POSITIVE, NEGATIVE, NEUTRAL }

  /** The label of this score. */
  public Label label() {
    return labelOf(compound);
  }

  /** The label of a compound score. */
  public static Label labelOf(double compound) {
    if (compound >= POSITIVE_THRESHOLD) {
      return Label.POSITIVE;
    }
    return compound <= -POSITIVE_THRESHOLD ? Label.NEGATIVE : Label.NEUTRAL;
  }
}
