package io.ottertrend.benchmarks;

import io.ottertrend.testing.FaultyExchange;
import io.ottertrend.testing.SoakHarness;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;

/**
 * The 24-hour soak (reliability test 39): 24 simulated hours of the paper loop on the synthetic market with
 * injected exchange faults, lost placement replies, placement rate limits, stale-data gaps and a failing LLM-like
 * brain (see {@link SoakHarness}). Prints heap used after GC and live threads every simulated hour, the faults
 * injected and the end invariants; exits 1 when an invariant is violated.
 *
 * <p>Run: {@code java -cp benchmarks/target/benchmarks.jar io.ottertrend.benchmarks.SoakBenchmark [hours] [seed]}
 */
public final class SoakBenchmark {
  private SoakBenchmark() {}

  public static void main(String[] args) throws Exception {
    int hours = args.length > 0 ? Integer.parseInt(args[0]) : 24;
    long seed = args.length > 1 ? Long.parseLong(args[1]) : 39;
    Path dir = Files.createTempDirectory("ottertrend-soak");
    SoakHarness.Result r = SoakHarness.run(new SoakHarness.Config(Duration.ofHours(hours), Duration.ofMinutes(1),
        seed, dir.resolve("soak.db"), FaultyExchange.Faults.standard(), 0.1));
    System.out.println("| sim hour | cycles | heap used after GC (MiB) | live threads | orders | fills |");
    System.out.println("|---|---|---|---|---|---|");
    for (SoakHarness.Sample s : r.samples()) {
      System.out.printf(Locale.ROOT, "| %.0f | %d | %.1f | %d | %d | %d |%n", s.hours(), s.cycles(),
          s.heapUsedBytes() / 1048576.0, s.liveThreads(), s.orders(), s.fills());
    }
    System.out.println();
    System.out.println("faults injected: " + r.faults() + ", LLM-like brain failures: " + r.brainFailures());
    for (Map.Entry<String, String> e : r.invariants().entrySet()) {
      System.out.println("invariant " + e.getKey() + ": " + e.getValue());
    }
    System.out.println("violations: " + (r.violations().isEmpty() ? "none" : r.violations()));
    System.out.printf(Locale.ROOT, "%d cycles in %.1f s wall%n", r.cycles(), r.wallMillis() / 1000.0);
    if (!r.violations().isEmpty()) {
      System.exit(1);
    }
  }
}
