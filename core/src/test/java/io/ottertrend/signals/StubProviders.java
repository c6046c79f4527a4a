package io.ottertrend.signals;

import io.ottertrend.time.Clock;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

/** Scriptable providers for service tests. */
final class StubProviders {
  private StubProviders() {}

  static final class Trends implements TrendsProvider {
    final String name;
    final HealthTracker health;
    final AtomicInteger calls = new AtomicInteger();
    volatile Supplier<TrendSignals> answer;

    Trends(String name, Clock clock, Supplier<TrendSignals> answer) {
      this.name = name;
      this.health = new HealthTracker(name, clock);
      this.answer = answer;
    }

    @Override public String name() { return name; }
    @Override public ProviderHealth health() { return health.health(); }

    @Override
    public TrendSignals fetch() {
      calls.incrementAndGet();
      return answer.get();
    }
  }

  static final class News implements NewsProvider {
    final String name;
    final HealthTracker health;
    final AtomicInteger calls = new AtomicInteger();
    volatile Supplier<List<NewsItem>> answer;

    News(String name, Clock clock, Supplier<List<NewsItem>> answer) {
      this.name = name;
      this.health = new HealthTracker(name, clock);
      this.answer = answer;
    }

    @Override public String name() { return name; }
    @Override public ProviderHealth health() { return health.health(); }

    @Override
    public List<NewsItem> latest() {
      calls.incrementAndGet();
      return answer.get();
    }
  }

  /** An answer that blocks until released (or interrupted): a hung provider. */
  static <T> Supplier<T> hang(CountDownLatch release) {
    return () -> {
      try {
        release.await();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new SignalException.Unavailable("interrupted while hanging", e);
      }
      throw new SignalException.Unavailable("released", null);
    };
  }
}
