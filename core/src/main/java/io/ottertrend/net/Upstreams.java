package io.ottertrend.net;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import okhttp3.HttpUrl;

/**
 * The base URLs of one exchange, in order of preference, with passive outlier ejection and the results of active
 * health checks. The first usable base URL is preferred; a base URL with {@code ejectAfter} consecutive failures is
 * ejected for an interval that doubles with every ejection (capped at 32×), unless it is the last one usable.
 * A successful health check brings an ejected base URL back at once. Thread-safe (monitor based).
 */
final class Upstreams {
  /** One base URL and its counters; guarded by the enclosing {@link Upstreams}. */
  static final class Upstream {
    final HttpUrl base;
    final String label;
    int consecutiveFailures;
    int ejections;
    long ejectedUntil;
    long successes;
    long failures;
    Boolean lastHealthCheck;

    Upstream(HttpUrl base) {
      this.base = base;
      String s = base.toString();
      this.label = s.endsWith("/") ? s.substring(0, s.length() - 1) : s;
    }

    @Override
    public String toString() {
      return label;
    }
  }

  private final List<Upstream> all;
  private final int ejectAfter;
  private final long baseEjectionNanos;

  Upstreams(List<HttpUrl> bases, int ejectAfter, Duration baseEjection) {
    if (bases.isEmpty()) {
      throw new IllegalArgumentException("at least one base URL is needed");
    }
    List<Upstream> list = new ArrayList<>();
    for (HttpUrl b : bases) {
      list.add(new Upstream(b));
    }
    this.all = List.copyOf(list);
    this.ejectAfter = Math.max(1, ejectAfter);
    this.baseEjectionNanos = baseEjection.toNanos();
  }

  List<Upstream> all() {
    return all;
  }

  private static boolean ejected(Upstream u, long now) {
    return u.ejectedUntil != 0 && now < u.ejectedUntil;
  }

  /**
   * The preferred usable base URL not in {@code avoid}; else any usable one; else (all ejected) the one whose
   * ejection ends first: there is always an answer.
   */
  synchronized Upstream choose(Set<Upstream> avoid) {
    long now = System.nanoTime();
    for (Upstream u : all) {
      if (!ejected(u, now) && !avoid.contains(u)) {
        return u;
      }
    }
    for (Upstream u : all) {
      if (!ejected(u, now)) {
        return u;
      }
    }
    Upstream soonest = all.get(0);
    for (Upstream u : all) {
      if (u.ejectedUntil < soonest.ejectedUntil) {
        soonest = u;
      }
    }
    return soonest;
  }

  synchronized void success(Upstream u) {
    u.successes++;
    u.consecutiveFailures = 0;
  }

  synchronized void failure(Upstream u) {
    u.failures++;
    u.consecutiveFailures++;
    if (u.consecutiveFailures >= ejectAfter) {
      long now = System.nanoTime();
      boolean otherUsable = all.stream().anyMatch(o -> o != u && !ejected(o, now));
      if (otherUsable) {
        u.ejections++;
        u.ejectedUntil = now + baseEjectionNanos * (1L << Math.min(u.ejections - 1, 5));
        u.consecutiveFailures = 0;
      }
    }
  }

  synchronized void healthCheck(Upstream u, boolean ok) {
    u.lastHealthCheck = ok;
    if (ok) {
      u.consecutiveFailures = 0;
      u.ejectedUntil = 0;
    } else {
      failure(u);
    }
  }

  synchronized List<HttpMetrics.Upstream> metrics() {
    long now = System.nanoTime();
    List<HttpMetrics.Upstream> out = new ArrayList<>();
    for (Upstream u : all) {
      out.add(new HttpMetrics.Upstream(u.label, ejected(u, now), u.consecutiveFailures, u.ejections, u.successes,
          u.failures, u.lastHealthCheck));
    }
    return out;
  }
}
