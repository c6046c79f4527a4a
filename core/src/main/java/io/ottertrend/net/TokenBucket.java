package io.ottertrend.net;

import io.ottertrend.net.CallClass.Priority;
import java.time.Duration;
import java.util.EnumMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * A weighted token bucket with priorities, one per {@link RatePool}.
 *
 * <ul>
 *   <li>A request takes {@code weight} tokens; tokens refill continuously up to the capacity.
 *   <li>Priority: while a higher-priority request waits, lower ones do not take tokens; and lower priorities must
 *       leave a reserve ({@link Priority#NORMAL} 10 %, {@link Priority#LOW} 20 % of the capacity), so orders and
 *       cancels find tokens even while market data saturates the pool.
 *   <li>{@link #pauseFor(Duration)} (from a 429's {@code Retry-After}) stops every request until the pause ends.
 * </ul>
 *
 * <p>Thread-safe (monitor based).
 */
final class TokenBucket {
  private final RatePool pool;
  private final double capacity;
  private final double refillPerNano;
  private final Map<Priority, Integer> waiting = new EnumMap<>(Priority.class);
  private double tokens;
  private long lastRefill;
  private long pausedUntil;
  private long acquired;
  private long waited;
  private long totalWaitNanos;
  private long refused;

  TokenBucket(RatePool pool, double capacity, double refillPerSecond) {
    if (capacity <= 0 || refillPerSecond <= 0) {
      throw new IllegalArgumentException("capacity and refill rate must be > 0");
    }
    this.pool = pool;
    this.capacity = capacity;
    this.refillPerNano = refillPerSecond / 1e9;
    this.tokens = capacity;
    this.lastRefill = System.nanoTime();
    for (Priority p : Priority.values()) {
      waiting.put(p, 0);
    }
  }

  /** Tokens a request of {@code priority} must leave behind (never so many that it could not run at all). */
  private double reserve(Priority p, double need) {
    double r = switch (p) {
      case HIGH -> 0;
      case NORMAL -> capacity * 0.10;
      case LOW -> capacity * 0.20;
    };
    return Math.max(0, Math.min(r, capacity - need));
  }

  private void refill(long now) {
    if (now > lastRefill) {
      tokens = Math.min(capacity, tokens + (now - lastRefill) * refillPerNano);
      lastRefill = now;
    }
  }

  private boolean higherWaiting(Priority p) {
    for (Priority q : Priority.values()) {
      if (q.ordinal() >= p.ordinal()) {
        return false;
      }
      if (waiting.get(q) > 0) {
        return true;
      }
    }
    return false;
  }

  /**
   * Takes {@code weight} tokens, waiting at most {@code maxWait}.
   *
   * @return nanoseconds waited
   * @throws HttpStackException.NotSent when the wait would exceed {@code maxWait} or the thread is interrupted
   */
  synchronized long acquire(int weight, Priority priority, Duration maxWait) {
    double need = Math.min(weight, capacity);
    long start = System.nanoTime();
    long deadline = start + maxWait.toNanos();
    boolean slept = false;
    waiting.merge(priority, 1, Integer::sum);
    try {
      while (true) {
        long now = System.nanoTime();
        refill(now);
        long waitNanos;
        if (now < pausedUntil) {
          waitNanos = pausedUntil - now;
        } else if (!higherWaiting(priority) && tokens - need >= reserve(priority, need) - 1e-9) {
          tokens -= need;
          acquired++;
          long spent = now - start;
          if (slept) {
            waited++;
            totalWaitNanos += spent;
          }
          notifyAll();
          return spent;
        } else {
          double missing = need + reserve(priority, need) - tokens;
          waitNanos = Math.max(100_000L, (long) Math.ceil(Math.max(missing, 0) / refillPerNano));
        }
        if (waitNanos > deadline - now) {
          refused++;
          throw new HttpStackException.NotSent(HttpStackException.NotSentReason.RATE_LIMIT_WAIT,
              pool + " rate limit: a " + priority.name().toLowerCase(Locale.ROOT) + "-priority request of weight "
                  + weight + " would wait longer than " + maxWait.toMillis() + " ms", null);
        }
        slept = true;
        TimeUnit.NANOSECONDS.timedWait(this, waitNanos);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new HttpStackException.NotSent(HttpStackException.NotSentReason.INTERRUPTED,
          "interrupted while waiting for rate-limit tokens", null);
    } finally {
      waiting.merge(priority, -1, Integer::sum);
    }
  }

  /** Takes tokens only if they are available now (used for hedged attempts). */
  synchronized boolean tryAcquire(int weight, Priority priority) {
    long now = System.nanoTime();
    refill(now);
    double need = Math.min(weight, capacity);
    if (now < pausedUntil || higherWaiting(priority) || tokens - need < reserve(priority, need) - 1e-9) {
      return false;
    }
    tokens -= need;
    acquired++;
    return true;
  }

  /** Stops every request of this pool for {@code duration} (429 with {@code Retry-After}). */
  synchronized void pauseFor(Duration duration) {
    long until = System.nanoTime() + duration.toNanos();
    if (until > pausedUntil) {
      pausedUntil = until;
    }
    tokens = 0;
    notifyAll();
  }

  synchronized HttpMetrics.Limiter metrics() {
    long now = System.nanoTime();
    refill(now);
    return new HttpMetrics.Limiter(pool, capacity, tokens, 1 - tokens / capacity, acquired, waited,
        totalWaitNanos / 1e6, refused, Math.max(0, (pausedUntil - now) / 1_000_000L));
  }
}
