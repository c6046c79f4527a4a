package io.ottertrend.cli.dashboard;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** The keys reach the agent's controls; typed through the emulated terminal, they also change the screen. */
class DashboardKeysTest {
  private final FakeControls controls = new FakeControls();
  private final DashboardState state = new DashboardState(
      new DashboardSnapshot.Header(false, "synthetic", "rules", Duration.ZERO), () -> 0L);
  private final KeyHandler keys = new KeyHandler(state, controls, () -> { });

  @Test
  void qRequestsAStopAndEndsTheKeyLoop() {
    assertThat(keys.handle('q')).isTrue();
    assertThat(controls.quit.getCount()).isZero();
  }

  @Test
  void pPausesAndPressedAgainResumes() {
    assertThat(keys.handle('p')).isFalse();
    assertThat(controls.paused).isTrue();
    assertThat(state.snapshot().paused()).isTrue();
    keys.handle('p');
    assertThat(controls.paused).isFalse();
    assertThat(state.snapshot().paused()).isFalse();
  }

  @Test
  void hThrowsTheKillSwitch() {
    keys.handle('h');
    assertThat(controls.halted).isEqualTo("halted from the dashboard");
    assertThat(state.snapshot().halt()).isEqualTo("halted from the dashboard");
  }

  @Test
  void otherKeysDoNothing() {
    assertThat(keys.handle('x')).isFalse();
    assertThat(controls.quit.getCount()).isEqualTo(1);
    assertThat(controls.paused).isNull();
    assertThat(controls.halted).isNull();
  }

  @Test
  void aFailingControlIsLoggedNotThrown() {
    KeyHandler failing = new KeyHandler(state, new FakeControls() {
      @Override
      public void halt(String reason) {
        throw new IllegalStateException("database is locked");
      }
    }, () -> { });
    assertThat(failing.handle('h')).isFalse();
  }

  @Test
  void keysTypedOnTheTerminalReachTheControlsAndTheScreen() throws Exception {
    try (VirtualScreen screen = new VirtualScreen(100, 30)) {
      Dashboard d = new Dashboard(screen.terminal(), false,
          new Dashboard.Info(false, "synthetic", "rules", Duration.ZERO), controls, () -> 0L);
      d.start();
      try {
        screen.type("ph");
        screen.type("q");
        assertThat(controls.quit.await(10, TimeUnit.SECONDS)).as("q reached the controls").isTrue();
        assertThat(controls.paused).isTrue();
        assertThat(controls.halted).isNotNull();
        d.view().render();
        assertThat(screen.text()).contains("PAUSED").contains("HALTED").contains("resume");
      } finally {
        d.close();
      }
    }
  }

  @Test
  void ctrlCIsAGracefulInterrupt() throws Exception {
    try (VirtualScreen screen = new VirtualScreen(80, 24)) {
      Dashboard d = new Dashboard(screen.terminal(), false,
          new Dashboard.Info(false, "synthetic", "rules", Duration.ZERO), controls, () -> 0L);
      d.start();
      try {
        screen.type("\u0003");
        assertThat(controls.interrupted.await(10, TimeUnit.SECONDS)).isTrue();
      } finally {
        d.close();
      }
    }
  }

  @Test
  void whenTheRunIsOverAnyKeyDismissesTheScreen() throws Exception {
    try (VirtualScreen screen = new VirtualScreen(80, 24)) {
      Dashboard d = new Dashboard(screen.terminal(), false,
          new Dashboard.Info(false, "synthetic", "rules", Duration.ZERO), controls, () -> 0L);
      d.start();
      try {
        d.state().finished();
        screen.type("x");
        d.awaitDismiss(() -> false);
        d.view().render();
        assertThat(screen.text()).contains("FINISHED").contains("press any key");
        assertThat(controls.quit.getCount()).as("dismissing is not a quit").isEqualTo(1);
      } finally {
        d.close();
      }
    }
  }
}
