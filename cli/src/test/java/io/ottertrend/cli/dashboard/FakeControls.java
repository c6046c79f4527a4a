package io.ottertrend.cli.dashboard;

import java.util.concurrent.CountDownLatch;

/** Records what the keys asked for. Thread-safe. */
class FakeControls implements Dashboard.Controls {
  final CountDownLatch quit = new CountDownLatch(1);
  final CountDownLatch interrupted = new CountDownLatch(1);
  volatile Boolean paused;
  volatile String halted;

  @Override
  public void quit() {
    quit.countDown();
  }

  @Override
  public void interrupt() {
    interrupted.countDown();
  }

  @Override
  public void pause(boolean value) {
    paused = value;
  }

  @Override
  public void halt(String reason) {
    halted = reason;
  }
}
