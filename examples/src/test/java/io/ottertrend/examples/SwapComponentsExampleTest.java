package io.ottertrend.examples;

import static org.assertj.core.api.Assertions.assertThat;

import io.ottertrend.memory.Memory;
import io.ottertrend.memory.SqliteMemory;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SwapComponentsExampleTest {
  @TempDir Path dir;

  @Test
  void theAgentRunsOnTheRecordingExchangeAndTheCountingMemory() throws Exception {
    SwapComponentsExample.Result r = SwapComponentsExample.run(dir, 20, 7);

    assertThat(r.exchangeCalls()).as("every exchange call went through the wrapper")
        .anyMatch(c -> c.startsWith("tickers")).anyMatch(c -> c.startsWith("balances"))
        .anyMatch(c -> c.startsWith("placeOrder "));
    assertThat(r.memoryWrites()).containsKeys("startRun", "journal", "recordDecision", "recordEquity", "finishRun");
    assertThat(r.memoryWrites().get("recordDecision")).isEqualTo(20L);
    long placed = r.exchangeCalls().stream().filter(c -> c.startsWith("placeOrder ")).count();
    assertThat(r.memoryWrites().get("journal")).as("every order journalled before it was sent")
        .isGreaterThanOrEqualTo(placed);
    assertThat(r.decisions()).isEqualTo(20);
    assertThat(Files.exists(r.databaseFile())).isTrue();
    try (Memory m = SqliteMemory.open(r.databaseFile())) {
      assertThat(m.recentRuns(1).get(0).status()).isEqualTo("COMPLETED");
    }
  }

  @Test
  void mainRuns() throws Exception {
    SwapComponentsExample.main(new String[0]);
  }
}
