package io.ottertrend.memory;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Reliability test 35: a writer process killed with SIGKILL in the middle of writing loses no committed
 * row, and the file passes an integrity check afterwards.
 */
class KilledWriterDurabilityTest {
  @TempDir Path dir;

  /** Child process: writes journal entries forever, printing each id after its commit returned. */
  public static void main(String[] args) {
    try (SqliteMemory m = SqliteMemory.open(Path.of(args[0]))) {
      for (int i = 1; ; i++) {
        m.journal(MemoryContractTest.intent("c-" + i, null, i));
        m.recordFill("paper", null, MemoryContractTest.fill("t-" + i, "c-" + i, i));
        System.out.println("committed " + i);
        System.out.flush();
      }
    }
  }

  @Test
  void everyRowCommittedBeforeAKillSurvivesReopening() throws Exception {
    Path db = dir.resolve("killed.db");
    for (int round = 0; round < 3; round++) {
      String javaBin = Path.of(System.getProperty("java.home"), "bin", "java").toString();
      List<String> command = new ArrayList<>(List.of(javaBin, "--enable-native-access=ALL-UNNAMED", "-cp", System.getProperty("java.class.path"),
          KilledWriterDurabilityTest.class.getName(), db.toString()));
      Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
      int lastCommitted = 0;
      int target = 50 + round * 37;
      try (BufferedReader r = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
        String line;
        while ((line = r.readLine()) != null) {
          if (line.startsWith("committed ")) {
            lastCommitted = Integer.parseInt(line.substring(10));
            if (lastCommitted >= target) {
              p.destroyForcibly(); // SIGKILL: no shutdown hooks, no close()
              break;
            }
          }
        }
      }
      assertThat(p.waitFor(30, TimeUnit.SECONDS)).isTrue();
      assertThat(lastCommitted).as("child output").isGreaterThanOrEqualTo(target);
      try (SqliteMemory m = SqliteMemory.open(db)) {
        assertThat(m.integrityCheck()).isEqualTo("ok");
        for (int i = 1; i <= lastCommitted; i++) {
          assertThat(m.order("c-" + i)).as("order c-" + i + " of round " + round).isPresent();
        }
        assertThat(m.fills("paper", null, 0).size()).isGreaterThanOrEqualTo(lastCommitted);
      }
      // each round starts from a fresh file so ids restart at 1
      Files.deleteIfExists(db);
      Files.deleteIfExists(Path.of(db + "-wal"));
      Files.deleteIfExists(Path.of(db + "-shm"));
    }
  }
}
