package io.ottertrend.brain;

import io.ottertrend.memory.DecisionRecord;
import io.ottertrend.memory.Memory;
import io.ottertrend.time.Clock;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Objects;
import java.util.function.Supplier;

/**
 * Records every decision in {@link Memory#recordDecision}, so every cycle ends with a recorded decision: when
 * the wrapped brain throws, an ERROR decision (HOLD) is recorded and returned instead of the exception. The
 * decision's flags are written to the log table ({@code WARN} for suspicious content, look-alike symbols,
 * unknown tools and fallbacks).
 *
 * <p>Thread-safe if the wrapped brain and the memory are.
 */
public final class RecordingBrain implements Brain {
  private final Brain delegate;
  private final Memory memory;
  private final Clock clock;
  private final Supplier<Long> runId;

  public RecordingBrain(Brain delegate, Memory memory, Clock clock, Supplier<Long> runId) {
    this.delegate = Objects.requireNonNull(delegate, "delegate");
    this.memory = Objects.requireNonNull(memory, "memory");
    this.clock = Objects.requireNonNull(clock, "clock");
    this.runId = runId == null ? () -> null : runId;
  }

  @Override
  public String name() {
    return delegate.name();
  }

  @Override
  public Decision decide(MarketSnapshot snapshot) {
    Decision d;
    try {
      d = delegate.decide(snapshot);
    } catch (RuntimeException e) {
      d = Decision.failed(delegate.name(), FallbackBrain.describe(e));
    }
    long at = clock.millis();
    Long run = runId.get();
    memory.recordDecision(new DecisionRecord(0, run, at, hash(snapshot), d.brain(),
        d.thoughts(), DecisionJson.actions(d.actions()), DecisionJson.dropped(d.dropped()), d.promptTokens(),
        d.completionTokens(), d.latencyMillis(), d.outcome()));
    // Flags (suspicious content, look-alike symbols, caps, fallbacks) go to the log table for the operator.
    for (String flag : d.flags()) {
      boolean warn = flag.startsWith("suspicious") || flag.startsWith("look-alike") || flag.startsWith("fallback")
          || flag.startsWith("unknown tool");
      memory.log(run, at, warn ? "WARN" : "INFO", "brain", Untrusted.clean(flag, 300));
    }
    return d;
  }

  /** sha-256 of the snapshot's record text: equal snapshots give equal hashes. */
  public static String hash(MarketSnapshot snapshot) {
    try {
      byte[] h = MessageDigest.getInstance("SHA-256").digest(snapshot.toString().getBytes(StandardCharsets.UTF_8));
      return HexFormat.of().formatHex(h);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 missing from the JDK", e);
    }
  }
}
