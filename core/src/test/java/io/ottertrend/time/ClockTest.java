package io.ottertrend.time;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import org.junit.jupiter.api.Test;

class ClockTest {
  @Test
  void simulatedClockMovesOnlyWhenToldAndSleepAdvances() {
    SimulatedClock c = Clock.simulated(Instant.parse("2026-01-01T23:59:59.999Z"));
    assertThat(c.utcDate()).isEqualTo(LocalDate.parse("2026-01-01"));
    c.sleep(Duration.ofMillis(1));
    assertThat(c.utcDate()).isEqualTo(LocalDate.parse("2026-01-02"));
    c.advance(Duration.ofMinutes(-5));
    assertThat(c.now()).isEqualTo(Instant.parse("2026-01-02T00:00:00Z"));
    c.set(Instant.parse("2026-01-03T00:00:00Z"));
    assertThat(c.millis()).isEqualTo(Instant.parse("2026-01-03T00:00:00Z").toEpochMilli());
    assertThatThrownBy(() -> c.set(Instant.parse("2025-01-01T00:00:00Z"))).hasMessageContaining("never goes back");
    assertThat(c.toString()).contains("2026-01-03");
  }

  @Test
  void systemClockFollowsTheWallClock() throws InterruptedException {
    long before = System.currentTimeMillis();
    Clock.system().sleep(Duration.ZERO);
    assertThat(Clock.system().millis()).isBetween(before, System.currentTimeMillis());
    assertThat(Clock.system()).hasToString("SystemClock");
  }
}
