package io.ottertrend.net;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.ottertrend.net.CallClass.Priority;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class TokenBucketTest {

  @Test
  void lowPriorityLeavesAReserveThatOrdersMayUse() {
    TokenBucket b = new TokenBucket(RatePool.IP, 10, 0.001);
    for (int i = 0; i < 8; i++) {
      assertThat(b.tryAcquire(1, Priority.LOW)).isTrue();
    }
    assertThat(b.tryAcquire(1, Priority.LOW)).isFalse(); // 20 % reserve
    assertThat(b.tryAcquire(1, Priority.NORMAL)).isTrue(); // 10 % reserve
    assertThat(b.tryAcquire(1, Priority.NORMAL)).isFalse();
    assertThat(b.tryAcquire(1, Priority.HIGH)).isTrue();
    assertThat(b.metrics().saturation()).isGreaterThan(0.9);
  }

  @Test
  void waitsForTokensAndRefusesTooLongWaits() {
    TokenBucket b = new TokenBucket(RatePool.UID, 2, 20);
    b.acquire(2, Priority.HIGH, Duration.ZERO);
    long waited = b.acquire(1, Priority.HIGH, Duration.ofSeconds(1));
    assertThat(waited).isGreaterThan(TimeUnit.MILLISECONDS.toNanos(20));
    assertThatThrownBy(() -> b.acquire(2, Priority.HIGH, Duration.ofMillis(1)))
        .isInstanceOfSatisfying(HttpStackException.NotSent.class,
            e -> assertThat(e.reason()).isEqualTo(HttpStackException.NotSentReason.RATE_LIMIT_WAIT));
    HttpMetrics.Limiter m = b.metrics();
    assertThat(m.waited()).isEqualTo(1);
    assertThat(m.refused()).isEqualTo(1);
  }

  @Test
  void higherPriorityIsServedFirst() throws Exception {
    TokenBucket b = new TokenBucket(RatePool.IP, 1, 5);
    b.acquire(1, Priority.HIGH, Duration.ZERO);
    CompletableFuture<Long> low = CompletableFuture.supplyAsync(() -> {
      b.acquire(1, Priority.LOW, Duration.ofSeconds(5));
      return System.nanoTime();
    });
    Thread.sleep(20);
    long high;
    b.acquire(1, Priority.HIGH, Duration.ofSeconds(5));
    high = System.nanoTime();
    assertThat(low.get(5, TimeUnit.SECONDS)).isGreaterThan(high);
  }

  @Test
  void pauseStopsEveryone() {
    TokenBucket b = new TokenBucket(RatePool.IP, 100, 1000);
    b.pauseFor(Duration.ofSeconds(10));
    assertThat(b.tryAcquire(1, Priority.HIGH)).isFalse();
    assertThatThrownBy(() -> b.acquire(1, Priority.HIGH, Duration.ofMillis(10)))
        .isInstanceOf(HttpStackException.NotSent.class);
    assertThat(b.metrics().pausedForMillis()).isPositive();
  }

  @Test
  void rejectsNonsense() {
    assertThatThrownBy(() -> new TokenBucket(RatePool.IP, 0, 1)).isInstanceOf(IllegalArgumentException.class);
  }
}
