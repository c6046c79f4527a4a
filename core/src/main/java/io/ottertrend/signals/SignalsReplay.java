package io.ottertrend.signals;

import io.ottertrend.memory.Memory;
import io.ottertrend.memory.SignalRecord;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Reads recorded snapshots back for backtests and replays: {@link #at(long)} returns exactly the snapshot
 * that was current at simulated time T — the latest recorded at or before T — and never a later one, so a
 * backtest cannot peek at news or trends from its future.
 *
 * <p><b>Thread-safety:</b> as safe as the {@link Memory} (SQLite memory is thread-safe).
 */
public final class SignalsReplay {
  private final Memory memory;

  public SignalsReplay(Memory memory) {
    this.memory = Objects.requireNonNull(memory, "memory");
  }

  /** The snapshot current at {@code at} (epoch ms), or empty when none was recorded by then. */
  public Optional<TrendsSnapshot> at(long at) {
    Optional<SignalRecord> r = memory.signalsAt(TrendsSnapshot.KIND, at);
    // Belt and braces: a snapshot stamped after T must never reach a reader at T, whatever the store does.
    return r.filter(rec -> rec.at() <= at).map(rec -> SnapshotJson.read(rec.payloadJson()));
  }

  /** Every snapshot recorded in {@code [from, to]}, oldest first. */
  public List<TrendsSnapshot> between(long from, long to) {
    return memory.signals(TrendsSnapshot.KIND, from, to).stream()
        .map(rec -> SnapshotJson.read(rec.payloadJson())).toList();
  }
}
