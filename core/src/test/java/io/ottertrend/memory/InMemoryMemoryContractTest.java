package io.ottertrend.memory;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** The {@link Memory} contract on {@link InMemoryMemory}, plus what only it promises. */
class InMemoryMemoryContractTest extends MemoryContractTest {
  @Override
  Memory open(Path dir) {
    return Memory.inMemory();
  }

  @Test
  void locationIsALabel() {
    assertThat(memory.location()).isEqualTo("in-memory");
    try (InMemoryMemory labelled = InMemoryMemory.create("backtest 7")) {
      assertThat(labelled.location()).isEqualTo("backtest 7");
      assertThat(labelled).hasToString("InMemoryMemory[backtest 7]");
    }
  }

  @Test
  void resultsAreUnmodifiable() {
    memory.putState("k", "v", 1);
    memory.journal(intent("c", null, 1));
    assertThat(memory.states("")).isUnmodifiable();
    assertThat(memory.recentOrders(-1)).isUnmodifiable();
    assertThat(memory.orders(java.util.List.of(OrderState.NEW))).isUnmodifiable();
  }
}
