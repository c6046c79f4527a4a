package io.ottertrend.memory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What only {@link SqliteMemory} promises on top of the {@link Memory} contract (the behavioural scenarios
 * moved to {@link MemoryContractTest}, which {@link SqliteMemoryContractTest} runs on SQLite).
 */
class SqliteMemoryTest {
  @TempDir Path dir;
  SqliteMemory memory;

  @BeforeEach
  void open() {
    memory = SqliteMemory.open(dir.resolve("t.db"));
  }

  @AfterEach
  void close() {
    memory.close();
  }

  @Test
  void concurrentWritersLoseNothing() throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(4);
    AtomicInteger next = new AtomicInteger();
    try {
      List<Future<?>> futures = new java.util.ArrayList<>();
      for (int t = 0; t < 4; t++) {
        futures.add(pool.submit(() -> {
          for (int i = 0; i < 50; i++) {
            int n = next.incrementAndGet();
            memory.recordFill("paper", null, MemoryContractTest.fill("t" + n, "c", n));
            memory.putState("counter." + n, "x", n);
          }
        }));
      }
      for (Future<?> f : futures) {
        f.get(60, TimeUnit.SECONDS);
      }
    } finally {
      pool.shutdownNow();
    }
    assertThat(memory.fills("paper", null, 0)).hasSize(200);
    assertThat(memory.states("counter.")).hasSize(200);
    assertThat(memory.integrityCheck()).isEqualTo("ok");
  }

  @Test
  void closedMemoryRefusesWork() {
    memory.close();
    memory.close();
    assertThatThrownBy(() -> memory.state("x")).isInstanceOf(MemoryException.class).hasMessageContaining("closed");
    assertThat(memory.location()).endsWith("t.db");
    assertThat(memory.toString()).contains("t.db");
  }
}
