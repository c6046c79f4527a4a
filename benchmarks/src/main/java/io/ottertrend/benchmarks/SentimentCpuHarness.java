package io.ottertrend.benchmarks;

import io.ottertrend.signals.sentiment.LabelledHeadlines;
import io.ottertrend.signals.sentiment.LexiconSentimentAnalyzer;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.ArrayList;
import java.util.List;

/**
 * Thread CPU time (not wall time) to score 100 headlines, and the accuracy on both labelled sets. CPU time
 * is a cross-check for {@link SentimentBenchmark} on a shared, overloaded machine, where wall-clock JMH
 * figures mostly measure the other processes.
 *
 * <p>Run: {@code java -cp benchmarks/target/benchmarks.jar io.ottertrend.benchmarks.SentimentCpuHarness}
 */
public final class SentimentCpuHarness {
  private SentimentCpuHarness() {}

  public static void main(String[] args) {
    LexiconSentimentAnalyzer analyzer = new LexiconSentimentAnalyzer();
    List<String> all = new ArrayList<>();
    for (LabelledHeadlines.Example e : LabelledHeadlines.load()) {
      all.add(e.text());
    }
    List<String> headlines = new ArrayList<>();
    for (int i = 0; headlines.size() < 100; i += 2) {
      headlines.add(all.get(i % all.size()));
    }
    ThreadMXBean mx = ManagementFactory.getThreadMXBean();
    double sink = 0;
    int n = 5_000;
    double bestBatch = Double.MAX_VALUE;
    double bestSingle = Double.MAX_VALUE;
    for (int round = 0; round < 8; round++) {
      long c0 = mx.getCurrentThreadCpuTime();
      for (int i = 0; i < n; i++) {
        sink += analyzer.compound(headlines)[i % 100];
      }
      long c1 = mx.getCurrentThreadCpuTime();
      for (int i = 0; i < n; i++) {
        for (String h : headlines) {
          sink += analyzer.score(h).compound();
        }
      }
      long c2 = mx.getCurrentThreadCpuTime();
      double batch = (c1 - c0) / 1e3 / n;
      double single = (c2 - c1) / 1e3 / n;
      System.out.printf("round %d: batch100 %.1f us CPU, single100 %.1f us CPU%n", round, batch, single);
      if (round >= 2) {
        bestBatch = Math.min(bestBatch, batch);
        bestSingle = Math.min(bestSingle, single);
      }
    }
    System.out.printf("best after warm-up: batch100 %.1f us, single100 %.1f us (checksum %.3f)%n", bestBatch,
        bestSingle, sink);
    LabelledHeadlines.Accuracy in = LabelledHeadlines.accuracy(analyzer);
    LabelledHeadlines.Accuracy out = LabelledHeadlines.accuracy(analyzer, LabelledHeadlines.holdout());
    System.out.printf("accuracy: labelled %d/%d = %.1f %%, held-out %d/%d = %.1f %%%n", in.correct(), in.total(),
        in.fraction() * 100, out.correct(), out.total(), out.fraction() * 100);
  }
}
