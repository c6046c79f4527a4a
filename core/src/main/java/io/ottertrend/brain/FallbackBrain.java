package io.ottertrend.brain;

import java.util.Objects;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntConsumer;

/**
 * LLM first, then rules (or HOLD) when it fails ({@code LLM_FALLBACK} = {@code rules} or {@code hold}).
 *
 * <p>A cycle fails when the primary throws or returns a decision with an error. The count of consecutive
 * failed cycles is exposed (and pushed to an optional listener) so that the risk engine can switch to its LLM
 * safe mode after {@code RISK_LLM_SAFE_MODE_AFTER} failures; a good cycle resets it to zero.
 *
 * <p>Thread-safe if the wrapped brains are; meant to be called from the loop's single thread.
 */
public final class FallbackBrain implements Brain {
  private final Brain primary;
  private final Brain fallback;
  private final IntConsumer failureListener;
  private final AtomicInteger consecutiveFailures = new AtomicInteger();

  /**
   * @param primary the brain tried first
   * @param fallback what decides when it fails; {@code null} means HOLD
   * @param failureListener receives the consecutive-failure count after every cycle (may be null)
   */
  public FallbackBrain(Brain primary, Brain fallback, IntConsumer failureListener) {
    this.primary = Objects.requireNonNull(primary, "primary");
    this.fallback = fallback;
    this.failureListener = failureListener == null ? n -> { } : failureListener;
  }

  @Override
  public String name() {
    return primary.name();
  }

  /** Failed cycles in a row (0 after a good one). */
  public int consecutiveFailures() {
    return consecutiveFailures.get();
  }

  @Override
  public Decision decide(MarketSnapshot snapshot) {
    Decision d;
    String why;
    try {
      d = primary.decide(snapshot);
      if (!d.failed()) {
        consecutiveFailures.set(0);
        failureListener.accept(0);
        return d;
      }
      why = d.error();
    } catch (RuntimeException e) {
      d = null;
      why = describe(e);
    }
    int failures = consecutiveFailures.incrementAndGet();
    failureListener.accept(failures);
    Decision replacement;
    if (fallback == null) {
      replacement = Decision.hold("hold", "HOLD after " + primary.name() + " failed: " + why);
    } else {
      try {
        replacement = fallback.decide(snapshot);
      } catch (RuntimeException e) {
        replacement = Decision.failed(fallback.name(), "fallback failed too: " + describe(e));
      }
    }
    replacement = replacement.asFallback(primary.name() + " failed (" + failures + " in a row): " + why);
    if (d != null) {
      // Keep what the failed attempt noticed (suspicious content, retries) and what it cost.
      replacement = replacement.withFlags(d.flags()).withCost(d.promptTokens(), d.completionTokens(),
          d.latencyMillis() + replacement.latencyMillis());
    }
    return replacement;
  }

  static String describe(RuntimeException e) {
    if (e instanceof io.ottertrend.llm.LlmException le) {
      return le.kind() + ": " + Untrusted.clean(le.getMessage(), 200);
    }
    return e.getClass().getSimpleName() + ": " + Untrusted.clean(String.valueOf(e.getMessage()), 200);
  }
}
