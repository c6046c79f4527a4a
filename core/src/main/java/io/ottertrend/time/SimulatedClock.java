package io.ottertrend.time;

import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A clock that only moves when told to. Thread-safe: time is one atomic value. Sleeping advances the
 * clock by the requested duration and returns immediately, so a loop that "waits 60 s" between cycles runs
 * as fast as the CPU allows.
 */
public final class SimulatedClock implements Clock {
  private final AtomicLong millis;

  SimulatedClock(Instant start) {
    this.millis = new AtomicLong(start.toEpochMilli());
  }

  @Override
  public long millis() {
    return millis.get();
  }

  @Override
  public void sleep(Duration duration) {
    advance(duration);
  }

  /** Moves time forward by {@code duration} (negative durations are ignored: time never goes back). */
  public void advance(Duration duration) {
    if (!duration.isNegative()) {
      millis.addAndGet(duration.toMillis());
    }
  }

  /**
   * Sets the time.
   *
   * @throws IllegalArgumentException when {@code instant} is before the current time
   */
  public void set(Instant instant) {
    long target = instant.toEpochMilli();
    long current = millis.get();
    while (target >= current) {
      if (millis.compareAndSet(current, target)) {
        return;
      }
      current = millis.get();
    }
    throw new IllegalArgumentException("a simulated clock never goes back: " + instant + " < " + now());
  }

  @Override
  public String toString() {
    return "SimulatedClock[" + now() + "]";
  }
}
