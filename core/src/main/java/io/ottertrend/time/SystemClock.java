package io.ottertrend.time;

import java.time.Duration;

/** The wall clock. Stateless and thread-safe. */
final class SystemClock implements Clock {
  static final SystemClock INSTANCE = new SystemClock();

  private SystemClock() {}

  @Override
  public long millis() {
    return System.currentTimeMillis();
  }

  @Override
  public void sleep(Duration duration) throws InterruptedException {
    if (!duration.isNegative() && !duration.isZero()) {
      Thread.sleep(duration);
    }
  }

  @Override
  public String toString() {
    return "SystemClock";
  }
}
