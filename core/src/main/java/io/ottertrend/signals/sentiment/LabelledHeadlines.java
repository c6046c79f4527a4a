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
import java.util.List;
import java.util.Locale;

/**
 * The labelled crypto headlines written for this project (positive / negative / neutral), used to measure a
 * {@link SentimentAnalyzer} and as benchmark input.
 *
 * <p>Thread-safe: stateless.
 */
public final class LabelledHeadlines {

  private static final String RESOURCE = "headlines-labelled.tsv";
  private static final String HOLDOUT = "headlines-holdout.tsv";

  /** One labelled headline. */
  public record Example(SentimentScore.Label label, String text) {}

  /** Accuracy of an analyzer over the set. */
  public record Accuracy(int correct, int total) {
    /** Share of correctly labelled headlines. */
    public double fraction() {
      return total == 0 ? 0 : (double) correct / total;
    }
  }

  private LabelledHeadlines() {}

  /** Every example of the labelled set (the one the lexicon was written against), in file order. */
  public static List<Example> load() {
    return load(RESOURCE);
  }

  /** The held-out set: written after the lexicon was frozen, never used to tune it. */
  public static List<Example> holdout() {
    return load(HOLDOUT);
  }

  private static List<Example> load(String resource) {
    try (InputStream in = LabelledHeadlines.class.getResourceAsStream(resource)) {
      if (in == null) {
        throw new IllegalStateException(resource + " missing from the classpath");
      }
      BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
      List<Example> out = new ArrayList<>();
      String line;
      while ((line = r.readLine()) != null) {
        if (line.isBlank() || line.startsWith("#")) {
          continue;
        }
        int tab = line.indexOf('\t');
        if (tab <= 0) {
          throw new IllegalStateException("bad line in " + resource + ": " + line);
        }
        SentimentScore.Label label =
            SentimentScore.Label.valueOf(line.substring(0, tab).strip().toUpperCase(Locale.ROOT));
        out.add(new Example(label, line.substring(tab + 1).strip()));
      }
      return List.copyOf(out);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Accuracy of {@code analyzer} on the labelled set, scored as one batch. */
  public static Accuracy accuracy(SentimentAnalyzer analyzer) {
    return accuracy(analyzer, load());
  }

  /** Accuracy of {@code analyzer} on {@code examples}, scored as one batch. */
  public static Accuracy accuracy(SentimentAnalyzer analyzer, List<Example> examples) {
    double[] compound = analyzer.compound(examples.stream().map(Example::text).toList());
    int correct = 0;
    for (int i = 0; i < compound.length; i++) {
      if (SentimentScore.labelOf(compound[i]) == examples.get(i).label()) {
        correct++;
      }
    }
    return new Accuracy(correct, compound.length);
  }
}
