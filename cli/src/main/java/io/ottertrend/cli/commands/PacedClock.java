package io.ottertrend.cli.commands;

import io.ottertrend.time.Clock;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * The run's clock as seen by a human watching it. A simulated clock (synthetic market) still jumps by the full
 * duration, but first waits {@code duration / speed} of real time, so a cycle every minute of market time can be
 * watched at one per second. A real clock waits as usual. Either wait ends early once the run is asked to stop
 * ({@code q}, Ctrl-C, SIGTERM), so quitting never sits out a 60-second cycle interval.
 *
 * <p>Thread-safe (the delegate is, and the stop latch is).
 */
final class PacedClock implements Clock {
  private final Clock delegate;
  private final boolean simulated;
  private final double speed;
  private final CountDownLatch stop;

  /**
   * @param simulated whether {@code delegate} only moves when slept on
   * @param speed simulated seconds per real second (0: no real wait for a simulated clock)
   * @param stop released when the run is asked to stop
   */
  PacedClock(Clock delegate, boolean simulated, double speed, CountDownLatch stop) {
    this.delegate = delegate;
    this.simulated = simulated;
    this.speed = speed;
    this.stop = stop;
  }

  @Override
  public long millis() {
    return delegate.millis();
  }

  @Override
  public void sleep(Duration duration) throws InterruptedException {
    if (duration.isNegative() || duration.isZero()) {
      return;
    }
    if (simulated) {
      if (speed > 0) {
        stop.await((long) (duration.toNanos() / speed), TimeUnit.NANOSECONDS);
      }
      delegate.sleep(duration);
    } else {
      stop.await(duration.toNanos(), TimeUnit.NANOSECONDS);
    }
  }

  @Override
  public String toString() {
    return "PacedClock[" + delegate + (simulated ? ", speed " + speed : "") + "]";
  }
}
