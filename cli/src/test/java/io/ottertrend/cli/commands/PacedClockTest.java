package io.ottertrend.cli.commands;

import static org.assertj.core.api.Assertions.assertThat;

import io.ottertrend.time.Clock;
import io.ottertrend.time.SimulatedClock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.Test;

class PacedClockTest {
  private final SimulatedClock simulated = Clock.simulated(Instant.parse("2026-01-01T00:00:00Z"));

  @Test
  void aSimulatedClockStillJumpsByTheFullDuration() throws InterruptedException {
    PacedClock paced = new PacedClock(simulated, true, 60_000, new CountDownLatch(1)); // 1 ms of real time
    paced.sleep(Duration.ofSeconds(60));
    assertThat(paced.now()).isEqualTo(Instant.parse("2026-01-01T00:01:00Z"));
  }

  @Test
  void onceStopIsRequestedWaitsEndAtOnce() throws InterruptedException {
    CountDownLatch stop = new CountDownLatch(1);
    stop.countDown();
    // An hour at real speed, and a real-clock hour: both return immediately after a stop request.
    new PacedClock(simulated, true, 1, stop).sleep(Duration.ofHours(1));
    assertThat(simulated.now()).isEqualTo(Instant.parse("2026-01-01T01:00:00Z"));
    new PacedClock(Clock.system(), false, 0, stop).sleep(Duration.ofHours(1));
  }

  @Test
  void outputFollowsTheFlags() {
    assertThat(AgentRunner.output(true, false)).isEqualTo(AgentRunner.Output.JSON);
    assertThat(AgentRunner.output(true, true)).isEqualTo(AgentRunner.Output.JSON);
    assertThat(AgentRunner.output(false, true)).isEqualTo(AgentRunner.Output.PLAIN);
    assertThat(AgentRunner.output(false, false)).isEqualTo(AgentRunner.Output.DASHBOARD);
  }
}
