package io.ottertrend.signals.sentiment;

import io.ottertrend.signals.SentimentAnalyzer;
import io.ottertrend.signals.SentimentScore;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * A lexicon sentiment scorer in the VADER tradition, tuned for crypto headlines (moon, rug, pump, dump,
 * airdrop, hack, exploit, listing, delisting, SEC, ETF, ...; emoji such as 🚀 and 📉).
 *
 * <p>Rules, in VADER's spirit: each word or phrase (up to three words, e.g. {@code rug pull},
 * {@code all time high}) has a valence in {@code [-4, 4]}; a negator among the three preceding words
 * ({@code not}, {@code no}, {@code never}, {@code n't}, {@code fails}, {@code denies}, ...) flips and damps it
 * (× −0.74); boosters and dampers among the three preceding words ({@code very}, {@code massive},
 * {@code slightly}) push it by ±0.293, less with distance; an emphasised all-caps word in a mixed-case text
 * adds ±0.733; words before {@code but} count half and after it one and a half; exclamation marks add up to
 * 4 × 0.292 in the direction of the sum, and a single question mark — a hedged headline ("Is ETH about to
 * crash?") — damps the sum by a quarter. The compound score is {@code s / sqrt(s² + 15)}.
 *
 * <p><b>Batch scoring.</b> {@link #compound(List)} first turns every text into adjusted token valences in
 * one flat {@code float[]} (string work: tokenising, hash lookups, context rules — branchy, plain code), then
 * reduces and normalises them over primitive arrays in two straight loops that C2 compiles to SIMD on its own.
 * An explicit {@code jdk.incubator.vector} kernel was not written on purpose: for 100 headlines the
 * arithmetic is about a thousand floats, a few hundred nanoseconds, while tokenising and lookups are the
 * other 95 % of the time; the Vector API would add a module dependency and a scalar twin for no measurable
 * gain (see {@code benchmarks/README.md}, section Sentiment).
 *
 * <p><b>Thread-safety:</b> immutable after construction; safe for concurrent use.
 */
public final class LexiconSentimentAnalyzer implements SentimentAnalyzer {

  /** Registry name. */
  public static final String NAME = "lexicon";

  private static final String LEXICON_RESOURCE = "crypto-lexicon.tsv";
  private static final double NEGATION_SCALAR = -0.74;
  private static final double BOOST = 0.293;
  private static final double CAPS_BOOST = 0.733;
  private static final double EXCLAMATION_BOOST = 0.292;
  private static final double QUESTION_DAMPING = 0.75;
  private static final double ALPHA = 15;
  private static final float[] DISTANCE = {1f, 0.95f, 0.9f};

  private static final Set<String> NEGATORS = Set.of(
      "not", "no", "never", "without", "nor", "neither", "none", "nobody", "nothing", "cannot", "cant",
      "fails", "failed", "fail", "denies", "denied", "deny", "rejects", "rejected", "halts", "halted",
      "unable", "lacks", "lack", "ends", "scraps", "scrapped", "drops", "dropped", "abandons", "delays",
      "delayed", "postpones", "postponed", "ban", "bans", "banned", "blocks", "blocked", "pauses", "paused",
      "suspends", "suspended", "stops", "stopped", "avoids", "avoid", "escapes");
  private static final Map<String, Double> BOOSTERS = boosters();
  private static final Set<String> ACRONYMS = Set.of(
      "sec", "etf", "etfs", "ath", "fud", "fomo", "nft", "nfts", "ico", "dex", "tvl", "cex", "usd", "usdt",
      "btc", "eth", "sol", "xrp", "bnb", "ftx", "dao", "rwa", "ipo", "cftc", "doj", "irs", "ceo", "ai");

  private final Map<String, Float> words;
  private final Map<String, Float> phrases;
  /** First words of phrases: only tokens in here pay for building phrase keys. */
  private final Set<String> phraseStarts;
  private final int maxPhraseWords;

  /** The analyzer with the built-in crypto lexicon. */
  public LexiconSentimentAnalyzer() {
    this(loadBuiltIn());
  }

  /**
   * An analyzer over a custom lexicon: keys are lower-case words or space-separated phrases (up to three
   * words), values valences in {@code [-4, 4]}.
   *
   * @throws IllegalArgumentException when a valence is out of range or a key is blank
   */
  public LexiconSentimentAnalyzer(Map<String, Double> lexicon) {
    Map<String, Float> w = new HashMap<>();
    Map<String, Float> p = new HashMap<>();
    Set<String> starts = new java.util.HashSet<>();
    int longest = 1;
    for (Map.Entry<String, Double> e : lexicon.entrySet()) {
      String key = e.getKey().strip().toLowerCase(Locale.ROOT);
      double v = e.getValue();
      if (key.isEmpty() || !(v >= -4 && v <= 4)) {
        throw new IllegalArgumentException("bad lexicon entry '" + e.getKey() + "' = " + v
            + " (want a non-blank key and a valence in [-4, 4])");
      }
      String[] parts = key.split("\\s+");
      if (parts.length > 3) {
        throw new IllegalArgumentException("lexicon phrase longer than three words: '" + key + "'");
      }
      if (parts.length == 1) {
        w.put(key, (float) v);
      } else {
        p.put(String.join(" ", parts), (float) v);
        starts.add(parts[0]);
        longest = Math.max(longest, parts.length);
      }
    }
    this.words = Map.copyOf(w);
    this.phrases = Map.copyOf(p);
    this.phraseStarts = Set.copyOf(starts);
    this.maxPhraseWords = longest;
  }

  @Override
  public String name() {
    return NAME;
  }

  /** Number of words and phrases in the lexicon. */
  public int lexiconSize() {
    return words.size() + phrases.size();
  }

  @Override
  public SentimentScore score(String text) {
    Buffer buf = new Buffer(16);
    Stats stats = analyse(text, buf);
    double sum = 0;
    double pos = 0;
    double neg = 0;
    for (int i = 0; i < buf.size; i++) {
      float v = buf.values[i];
      sum += v;
      if (v > 0) {
        pos += v + 1; // VADER adds 1 per sentiment-bearing word so that mild words still count as mass
      } else if (v < 0) {
        neg += -v + 1;
      }
    }
    double adjusted = punctuate(sum, stats);
    double emphasis = adjusted - sum;
    if (emphasis > 0) {
      pos += emphasis;
    } else {
      neg -= emphasis;
    }
    if (buf.size == 0 && adjusted == 0) {
      return SentimentScore.NEUTRAL;
    }
    double neu = stats.neutralTokens;
    double total = pos + neg + neu;
    return new SentimentScore(normalise(adjusted), pos / total, neg / total, neu / total);
  }

  @Override
  public double[] compound(List<String> texts) {
    int n = texts.size();
    Buffer buf = new Buffer(Math.max(16, n * 4));
    int[] ends = new int[n];
    double[] sums = new double[n];
    Stats[] stats = new Stats[n];
    for (int t = 0; t < n; t++) {
      stats[t] = analyse(texts.get(t), buf);
      ends[t] = buf.size;
    }
    // Reduce: one pass over the flat valence array.
    float[] values = buf.values;
    int start = 0;
    for (int t = 0; t < n; t++) {
      int end = ends[t];
      double s = 0;
      for (int i = start; i < end; i++) {
        s += values[i];
      }
      sums[t] = punctuate(s, stats[t]);
      start = end;
    }
    // Normalise: a straight loop over double[] (auto-vectorised by C2).
    double[] out = new double[n];
    for (int t = 0; t < n; t++) {
      double s = sums[t];
      out[t] = s / Math.sqrt(s * s + ALPHA);
    }
    for (int t = 0; t < n; t++) {
      out[t] = Math.max(-1, Math.min(1, out[t]));
    }
    return out;
  }

  private static double normalise(double s) {
    return Math.max(-1, Math.min(1, s / Math.sqrt(s * s + ALPHA)));
  }

  private static double punctuate(double sum, Stats stats) {
    if (sum == 0) {
      return 0;
    }
    double s = sum;
    if (stats.exclamations > 0) {
      s += Math.signum(s) * Math.min(4, stats.exclamations) * EXCLAMATION_BOOST;
    }
    if (stats.questions == 1) {
      s *= QUESTION_DAMPING;
    } else if (stats.questions > 1) {
      s += Math.signum(s) * Math.min(0.96, stats.questions * 0.18);
    }
    return s;
  }

  /** Per-text facts besides the token valences. */
  private record Stats(int exclamations, int questions, int neutralTokens) {}

  /** A growable float array shared by a batch. */
  private static final class Buffer {
    float[] values;
    int size;

    Buffer(int capacity) {
      values = new float[capacity];
    }

    void add(float v) {
      if (size == values.length) {
        values = java.util.Arrays.copyOf(values, size * 2);
      }
      values[size++] = v;
    }
  }

  /** Appends the adjusted valence of every sentiment-bearing token of {@code text} to {@code out}. */
  private Stats analyse(String text, Buffer out) {
    if (text == null || text.isBlank()) {
      return new Stats(0, 0, 0);
    }
    List<String> raw = new ArrayList<>();
    int[] punct = new int[2];
    tokenize(text, raw, punct);
    int n = raw.size();
    String[] lower = new String[n];
    boolean anyLower = false;
    for (int i = 0; i < n; i++) {
      String r = raw.get(i);
      lower[i] = r.toLowerCase(Locale.ROOT);
      if (!anyLower && !r.equals(r.toUpperCase(Locale.ROOT))) {
        anyLower = true;
      }
    }
    int butAt = -1;
    for (int i = 0; i < n; i++) {
      if (lower[i].equals("but") || lower[i].equals("however")) {
        butAt = i;
        break;
      }
    }
    int neutral = 0;
    int start = out.size;
    int i = 0;
    while (i < n) {
      int span = 1;
      float v = 0;
      boolean matched = false;
      int longestHere = phraseStarts.contains(lower[i]) ? Math.min(maxPhraseWords, n - i) : 0;
      for (int len = longestHere; len >= 2 && !matched; len--) {
        Float pv = phrases.get(join(lower, i, len));
        if (pv != null) {
          v = pv;
          span = len;
          matched = true;
        }
      }
      if (!matched) {
        Float wv = lookup(lower[i]);
        if (wv != null) {
          v = wv;
          matched = true;
        }
      }
      if (!matched || v == 0) {
        if (!BOOSTERS.containsKey(lower[i]) && !NEGATORS.contains(lower[i])) {
          neutral++;
        }
        i++;
        continue;
      }
      double val = v;
      // Emphasis by capitals, only when the rest of the text is not shouting and the word is not an acronym.
      String r = raw.get(i);
      if (anyLower && span == 1 && r.length() >= 4 && r.equals(r.toUpperCase(Locale.ROOT))
          && !ACRONYMS.contains(lower[i]) && Character.isLetter(r.charAt(0))) {
        val += Math.signum(val) * CAPS_BOOST;
      }
      // Boosters and negators among the three preceding tokens.
      boolean negated = false;
      for (int d = 1; d <= 3 && i - d >= 0; d++) {
        String prev = lower[i - d];
        Double b = BOOSTERS.get(prev);
        if (b != null) {
          val += Math.signum(val) * b * DISTANCE[d - 1];
        }
        if (isNegator(prev)) {
          negated = !negated;
        }
      }
      if (negated) {
        val *= NEGATION_SCALAR;
      }
      if (butAt >= 0) {
        val *= i < butAt ? 0.5 : i > butAt ? 1.5 : 1;
      }
      out.add((float) val);
      i += span;
    }
    if (out.size == start && neutral == 0) {
      neutral = n;
    }
    return new Stats(punct[0], punct[1], neutral);
  }

  private Float lookup(String word) {
    Float v = words.get(word);
    if (v != null) {
      return v;
    }
    if (word.startsWith("$") && word.length() > 1) {
      return words.get(word.substring(1));
    }
    if (word.endsWith("'s") && word.length() > 2) {
      return words.get(word.substring(0, word.length() - 2));
    }
    return null;
  }

  private static boolean isNegator(String word) {
    return NEGATORS.contains(word) || word.endsWith("n't");
  }

  private static String join(String[] tokens, int from, int len) {
    StringBuilder sb = new StringBuilder(tokens[from]);
    for (int k = 1; k < len; k++) {
      sb.append(' ').append(tokens[from + k]);
    }
    return sb.toString();
  }

  /**
   * Splits into words (letters, digits, inner apostrophes, hyphens, dots and a leading {@code $}) and emoji;
   * counts {@code !} and {@code ?}. Hyphenated words are also kept whole so "all-time" and "sell-off" match.
   */
  static void tokenize(String text, List<String> out, int[] punct) {
    StringBuilder word = new StringBuilder();
    int len = text.length();
    for (int i = 0; i < len; ) {
      int cp = text.codePointAt(i);
      int next = i + Character.charCount(cp);
      if (cp == '\u2019' || cp == '\u2018') {
        cp = '\'';
      }
      if (Character.isLetterOrDigit(cp)
          || (cp == '$' && word.isEmpty())
          || ((cp == '\'' || cp == '-' || cp == '.' || cp == '%') && !word.isEmpty()
              && next < len && Character.isLetterOrDigit(text.codePointAt(next)))) {
        word.appendCodePoint(cp);
      } else {
        flush(word, out);
        if (cp == '!') {
          punct[0]++;
        } else if (cp == '?') {
          punct[1]++;
        } else if (isEmoji(cp)) {
          out.add(new String(Character.toChars(cp)));
        }
      }
      i = next;
    }
    flush(word, out);
  }

  private static void flush(StringBuilder word, List<String> out) {
    if (!word.isEmpty()) {
      if (!(word.length() == 1 && word.charAt(0) == '$')) {
        out.add(word.toString());
      }
      word.setLength(0);
    }
  }

  private static boolean isEmoji(int cp) {
    return cp >= 0x1F000 || (cp >= 0x2600 && cp <= 0x27BF) || Character.getType(cp) == Character.OTHER_SYMBOL;
  }

  private static Map<String, Double> boosters() {
    Map<String, Double> m = new HashMap<>();
    for (String w : List.of("very", "extremely", "hugely", "massive", "massively", "huge", "record", "sharply",
        "significantly", "strongly", "highly", "incredibly", "absolutely", "totally", "major", "big",
        "biggest", "largest", "wildly", "deeply", "seriously", "explosive", "heavy", "heavily", "dramatically",
        "staggering", "unprecedented", "so", "most", "really", "fully")) {
      m.put(w, BOOST);
    }
    for (String w : List.of("slightly", "marginally", "somewhat", "modestly", "barely", "little", "mildly",
        "partly", "partially", "kind", "sort", "small", "minor", "slight", "modest")) {
      m.put(w, -BOOST);
    }
    return Map.copyOf(m);
  }

  private static Map<String, Double> loadBuiltIn() {
    try (InputStream in = LexiconSentimentAnalyzer.class.getResourceAsStream(LEXICON_RESOURCE)) {
      if (in == null) {
        throw new IllegalStateException("built-in lexicon " + LEXICON_RESOURCE + " missing from the classpath");
      }
      return parseLexicon(new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8)));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read built-in lexicon", e);
    }
  }

  /** Parses {@code term<TAB>valence} lines; {@code #} starts a comment line. */
  static Map<String, Double> parseLexicon(BufferedReader reader) throws IOException {
    Map<String, Double> m = new HashMap<>();
    String line;
    int lineNo = 0;
    while ((line = reader.readLine()) != null) {
      lineNo++;
      String s = line.strip();
      if (s.isEmpty() || s.startsWith("#")) {
        continue;
      }
      int tab = s.lastIndexOf('\t');
      if (tab <= 0) {
        throw new IllegalArgumentException("lexicon line " + lineNo + ": want 'term<TAB>valence': " + s);
      }
      m.put(s.substring(0, tab).strip(), Double.parseDouble(s.substring(tab + 1).strip()));
    }
    return m;
  }
}
