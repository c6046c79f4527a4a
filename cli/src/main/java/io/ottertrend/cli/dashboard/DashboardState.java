package io.ottertrend.cli.dashboard;

import io.ottertrend.agent.AgentEvent;
import java.math.BigDecimal;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.function.LongSupplier;

/**
 * Everything the dashboard shows, folded from {@link AgentEvent}s. Thread-safe: {@link #apply(AgentEvent)} runs
 * on the agent's thread (and on the key thread for pause notices), {@link #snapshot()} on the render thread; both
 * hold the monitor only for a few field updates or copies of small bounded lists.
 */
final class DashboardState {
  static final int MAX_ACTIONS = 200;
  static final int MAX_DECISIONS = 5;
  static final int MAX_EQUITY_POINTS = 240;

  private final DashboardSnapshot.Header header;
  private final LongSupplier wallClock;
  private final Deque<DashboardSnapshot.ActionLine> actions = new ArrayDeque<>();
  private final Deque<AgentEvent.DecisionMade> decisions = new ArrayDeque<>();
  private final Deque<Double> equityHistory = new ArrayDeque<>();
  private long cycle;
  private boolean cycleRunning;
  private long nextCycleWallMillis;
  private String thinkingBrain;
  private AgentEvent.Notice health;
  private AgentEvent.EquityUpdate equity;
  private BigDecimal firstEquity;
  private boolean paused;
  private String halt;
  private boolean finished;
  private long lastAt;

  /**
   * @param header what does not change during a run
   * @param wallClock real time in epoch ms, for the countdown (the agent's clock may be simulated)
   */
  DashboardState(DashboardSnapshot.Header header, LongSupplier wallClock) {
    this.header = header;
    this.wallClock = wallClock;
  }

  /** Folds one event in. Never throws for odd values (nulls are shown as "-"). */
  synchronized void apply(AgentEvent event) {
    lastAt = event.at();
    switch (event) {
      case AgentEvent.CycleStarted c -> {
        cycle = c.cycle();
        cycleRunning = true;
      }
      case AgentEvent.Thinking t -> thinkingBrain = t.brain();
      case AgentEvent.DecisionMade d -> {
        thinkingBrain = null;
        push(decisions, d, MAX_DECISIONS);
      }
      case AgentEvent.RiskVerdict r -> push(actions, ActionLines.of(r), MAX_ACTIONS);
      case AgentEvent.OrderUpdate o -> push(actions, ActionLines.of(o), MAX_ACTIONS);
      case AgentEvent.FillRecorded f -> push(actions, ActionLines.of(f), MAX_ACTIONS);
      case AgentEvent.EquityUpdate q -> {
        equity = q;
        if (q.equity() != null) {
          if (firstEquity == null) {
            firstEquity = q.equity();
          }
          push(equityHistory, q.equity().doubleValue(), MAX_EQUITY_POINTS);
        }
      }
      case AgentEvent.Notice n -> {
        health = n;
        push(actions, ActionLines.of(n), MAX_ACTIONS);
      }
      case AgentEvent.CycleFinished c -> {
        cycleRunning = false;
        thinkingBrain = null;
        long wait = header.cycleWait().toMillis();
        nextCycleWallMillis = wait > 0 ? wallClock.getAsLong() + wait : 0;
      }
    }
  }

  /** The operator paused or resumed (the agent emits its own notice too). */
  synchronized void paused(boolean value) {
    paused = value;
  }

  /** The kill switch was thrown from the dashboard or found thrown at start. */
  synchronized void halted(String reason) {
    halt = reason;
    push(actions, new DashboardSnapshot.ActionLine(lastAt, "■", "halt: " + reason
        + "; no new entries from the next step (exits still run)", DashboardSnapshot.Tone.BAD), MAX_ACTIONS);
  }

  /** The run is over; the view waits for a key. */
  synchronized void finished() {
    finished = true;
    cycleRunning = false;
    thinkingBrain = null;
    nextCycleWallMillis = 0;
  }

  synchronized boolean isFinished() {
    return finished;
  }

  synchronized boolean isPaused() {
    return paused;
  }

  synchronized DashboardSnapshot snapshot() {
    return new DashboardSnapshot(header, cycle, cycleRunning, nextCycleWallMillis, thinkingBrain, health,
        List.copyOf(decisions), List.copyOf(actions), equity, firstEquity, toArray(equityHistory), paused, halt,
        finished);
  }

  private static double[] toArray(Deque<Double> values) {
    double[] out = new double[values.size()];
    int i = 0;
    for (double v : values) {
      out[i++] = v;
    }
    return out;
  }

  private static <T> void push(Deque<T> deque, T value, int max) {
    deque.addLast(value);
    while (deque.size() > max) {
      deque.removeFirst();
    }
  }
}
