package io.ottertrend.agent;

import static org.assertj.core.api.Assertions.assertThat;

import io.ottertrend.testing.FaultyExchange;
import io.ottertrend.testing.SoakHarness;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The short soak (reliability test 39, 2 simulated hours; the 24-hour run is {@code SoakBenchmark}): with exchange
 * read failures, lost placement replies, placement rate limits, a stale-data gap and a failing LLM-like brain,
 * every invariant holds at the end and no thread leaks.
 */
class SoakShortTest {
  @TempDir Path dir;

  @Test
  void twoSimulatedHoursWithInjectedFaultsKeepEveryInvariantAndLeakNoThreads() throws Exception {
    FaultyExchange.Faults faults = new FaultyExchange.Faults(0.02, 0.3, 0.3, Duration.ofHours(2),
        Duration.ofMinutes(15));
    SoakHarness.Result r = SoakHarness.run(new SoakHarness.Config(Duration.ofHours(2), Duration.ofMinutes(1), 39,
        dir.resolve("soak.db"), faults, 0.15));
    assertThat(r.cycles()).isEqualTo(120);
    assertThat(r.violations()).isEmpty();
    // every kind of fault really happened
    assertThat(r.faults()).containsKeys("placement outcome unknown", "placement rate limit", "stale gap");
    assertThat(r.faults().keySet()).anyMatch(k -> k.startsWith("read"));
    assertThat(r.brainFailures()).isPositive();
    assertThat(r.fills()).isPositive();
    // no thread is created per cycle: the count after the first hour stays put
    int afterFirstHour = r.samples().get(1).liveThreads();
    assertThat(r.samples()).allSatisfy(s -> assertThat(s.liveThreads()).isLessThanOrEqualTo(afterFirstHour + 2));
    System.out.println("soak " + r);
  }
}
