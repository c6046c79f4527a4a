package io.ottertrend.cli.dashboard;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Maps one key to a {@link Dashboard.Controls} call and the matching state change. Thread-safe (all state lives in
 * {@link DashboardState}); called from the key thread, or directly by tests.
 */
final class KeyHandler {
  private static final Logger LOG = LoggerFactory.getLogger(KeyHandler.class);

  private final DashboardState state;
  private final Dashboard.Controls controls;
  private final Runnable redraw;

  KeyHandler(DashboardState state, Dashboard.Controls controls, Runnable redraw) {
    this.state = state;
    this.controls = controls;
    this.redraw = redraw;
  }

  /**
   * Handles one key.
   *
   * @return true when the key ends the key loop ({@code q})
   */
  boolean handle(int key) {
    try {
      switch (Character.toLowerCase(key)) {
        case 'q' -> {
          controls.quit();
          return true;
        }
        case 'p' -> {
          boolean next = !state.isPaused();
          controls.pause(next);
          state.paused(next);
        }
        case 'h' -> {
          String reason = "halted from the dashboard";
          controls.halt(reason);
          state.halted(reason);
        }
        default -> {
          return false;
        }
      }
    } catch (RuntimeException e) {
      // A failing control (e.g. the database is busy) must not kill the key thread; the log says why.
      LOG.warn("dashboard key '{}' failed: {}", (char) key, e.toString());
    } finally {
      redraw.run();
    }
    return false;
  }
}
