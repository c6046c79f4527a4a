package io.ottertrend.time;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;

/**
 * The source of time for everything that trades.
 *
 * <p>Implementations must be thread-safe. {@link #system()} is the wall clock; {@link #simulated(Instant)}
 * only moves when told to (or when something sleeps on it), which makes backtests deterministic and lets
 * the synthetic market run faster than real time.
 */
public interface Clock {

  /** Current time in epoch milliseconds. */
  long millis();

  /** Current time as an instant. */
  default Instant now() {
    return Instant.ofEpochMilli(millis());
  }

  /** Current UTC calendar day: the unit of the daily risk counters. */
  default LocalDate utcDate() {
    return LocalDate.ofInstant(now(), ZoneOffset.UTC);
  }

  /**
   * Waits {@code duration}. The system clock sleeps; a simulated clock advances by {@code duration} and
   * returns at once.
   *
   * @throws InterruptedException when the waiting thread is interrupted
   */
  void sleep(Duration duration) throws InterruptedException;

  /** The wall clock. */
  static Clock system() {
    return SystemClock.INSTANCE;
  }

  /** A simulated clock starting at {@code start}. */
  static SimulatedClock simulated(Instant start) {
    return new SimulatedClock(start);
  }
}
