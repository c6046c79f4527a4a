package io.ottertrend.signals.sentiment;

import io.ottertrend.signals.KeywordSeries;
import io.ottertrend.signals.NarrativeStrength;
import io.ottertrend.signals.NewsItem;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Scores narratives ({@code NARRATIVES}: socialfi, memecoin, ai, airdrop, defi, gaming, or any word) from
 * three inputs, all reported next to the score:
 * <ul>
 *   <li><b>trends slope</b> — mean slope of the keyword series whose keyword mentions the narrative
 *       ({@code crypto airdrop} → airdrop), mapped through {@code tanh(slope / 2)};</li>
 *   <li><b>news volume</b> — headlines mentioning the narrative, mapped through {@code 1 − e^(−n/5)}
 *       (five headlines ≈ 0.63: attention saturates);</li>
 *   <li><b>average sentiment</b> — mean compound score of those headlines.</li>
 * </ul>
 * {@code score = 0.4·trend + 0.3·volume + 0.3·sentiment} when a series matched, else
 * {@code 0.5·volume + 0.5·sentiment}; in {@code [-1, 1]}. Weights are deliberately simple and shown: the
 * brain gets the inputs and can disagree.
 *
 * <p>Thread-safe: immutable.
 */
public final class NarrativeScorer {
  /** Words that mean a narrative besides its own name. */
  static final Map<String, List<String>> SYNONYMS = Map.of(
      "socialfi", List.of("socialfi", "social-fi", "social fi", "friend.tech", "farcaster", "lens protocol"),
      "memecoin", List.of("memecoin", "memecoins", "meme coin", "meme coins", "meme token", "meme tokens", "doge",
          "dogecoin", "pepe", "shiba", "bonk", "wif", "floki"),
      "ai", List.of("ai", "artificial intelligence", "ai agent", "ai agents", "agentic", "gpu", "gpus"),
      "airdrop", List.of("airdrop", "airdrops", "airdropped", "token claim", "points program"),
      "defi", List.of("defi", "dex", "lending protocol", "yield", "tvl", "liquidity pool", "staking"),
      "gaming", List.of("gaming", "gamefi", "play-to-earn", "p2e", "metaverse", "blockchain game", "web3 game"));

  private record Narrative(String name, Pattern pattern) {}

  private final List<Narrative> narratives;

  /** @throws IllegalArgumentException when a narrative name is blank */
  public NarrativeScorer(List<String> names) {
    List<Narrative> list = new ArrayList<>();
    for (String raw : names) {
      String name = raw.strip().toLowerCase(Locale.ROOT);
      if (name.isEmpty()) {
        throw new IllegalArgumentException("NARRATIVES contains a blank name");
      }
      List<String> words = SYNONYMS.getOrDefault(name, List.of(name));
      StringBuilder alt = new StringBuilder();
      for (String w : words) {
        alt.append(alt.isEmpty() ? "" : "|").append(Pattern.quote(w));
      }
      list.add(new Narrative(name, Pattern.compile("(?iu)(?<![\\p{L}\\p{N}])(?:" + alt
          + ")(?![\\p{L}\\p{N}])")));
    }
    this.narratives = List.copyOf(list);
  }

  /** Whether {@code text} mentions {@code narrative} (one of this scorer's names). */
  public boolean mentions(String narrative, String text) {
    for (Narrative n : narratives) {
      if (n.name().equals(narrative)) {
        return text != null && n.pattern().matcher(text).find();
      }
    }
    return false;
  }

  /**
   * Strength of every narrative.
   *
   * @param series keyword series (may be empty: Trends is optional)
   * @param headlines scored headlines; items with a {@code NaN} sentiment count for volume only
   */
  public List<NarrativeStrength> score(List<KeywordSeries> series, List<NewsItem> headlines) {
    List<NarrativeStrength> out = new ArrayList<>();
    for (Narrative n : narratives) {
      double slopeSum = 0;
      int slopes = 0;
      for (KeywordSeries s : series) {
        if (!s.points().isEmpty() && n.pattern().matcher(s.keyword()).find()) {
          slopeSum += s.slope();
          slopes++;
        }
      }
      int volume = 0;
      double sentSum = 0;
      int scored = 0;
      for (NewsItem h : headlines) {
        if (n.pattern().matcher(h.title()).find()) {
          volume++;
          if (!Double.isNaN(h.sentiment())) {
            sentSum += h.sentiment();
            scored++;
          }
        }
      }
      double slope = slopes == 0 ? Double.NaN : slopeSum / slopes;
      double sentiment = scored == 0 ? 0 : sentSum / scored;
      out.add(new NarrativeStrength(n.name(), combine(slope, volume, sentiment), slope, volume, sentiment));
    }
    return out;
  }

  /** The documented combination of the three inputs. */
  static double combine(double slope, int volume, double sentiment) {
    double vol = 1 - Math.exp(-volume / 5.0);
    double score = Double.isNaN(slope)
        ? 0.5 * vol + 0.5 * sentiment
        : 0.4 * Math.tanh(slope / 2) + 0.3 * vol + 0.3 * sentiment;
    return Math.max(-1, Math.min(1, score));
  }
}
