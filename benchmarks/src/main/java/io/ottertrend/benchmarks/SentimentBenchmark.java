package io.ottertrend.benchmarks;

import io.ottertrend.signals.SentimentScore;
import io.ottertrend.signals.sentiment.LabelledHeadlines;
import io.ottertrend.signals.sentiment.LexiconSentimentAnalyzer;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;

/**
 * Scoring 100 crypto headlines with the lexicon analyzer (spec: 2,000 ms CPU baseline, 200 ms target; ours:
 * ≤ 1 ms). {@code batch100} is the path the signals service uses (one flat valence array, then reduce and
 * normalise); {@code single100} scores one headline at a time with full positive/negative/neutral shares.
 *
 * <p>Run: {@code java -jar benchmarks/target/benchmarks.jar SentimentBenchmark}
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class SentimentBenchmark {
  private LexiconSentimentAnalyzer analyzer;
  private List<String> headlines;

  @Setup
  public void setUp() {
    analyzer = new LexiconSentimentAnalyzer();
    List<String> all = new ArrayList<>();
    for (LabelledHeadlines.Example e : LabelledHeadlines.load()) {
      all.add(e.text());
    }
    // 100 headlines spread over the three labels (the file is grouped by label).
    headlines = new ArrayList<>();
    for (int i = 0; headlines.size() < 100; i += 2) {
      headlines.add(all.get(i % all.size()));
    }
  }

  @Benchmark
  public double[] batch100() {
    return analyzer.compound(headlines);
  }

  @Benchmark
  public void single100(Blackhole bh) {
    for (String h : headlines) {
      SentimentScore s = analyzer.score(h);
      bh.consume(s);
    }
  }
}
