package io.ottertrend.cli.dashboard;

import io.ottertrend.agent.AgentEvent;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.List;

/**
 * An immutable copy of the dashboard's state at one instant: what the layout draws. The equity array is a private
 * copy (never mutated after construction).
 *
 * @param decisions the last few decisions, oldest first
 * @param actions the last action lines, oldest first
 * @param equityHistory the last equity values, oldest first
 * @param nextCycleWallMillis when the next cycle starts in real time, or 0 when unknown
 * @param thinkingBrain the brain that is thinking right now, or {@code null}
 * @param halt the halt reason, or {@code null} when not halted from the dashboard
 */
record DashboardSnapshot(Header header, long cycle, boolean cycleRunning, long nextCycleWallMillis,
    String thinkingBrain, AgentEvent.Notice health, List<AgentEvent.DecisionMade> decisions,
    List<ActionLine> actions, AgentEvent.EquityUpdate equity, BigDecimal firstEquity, double[] equityHistory,
    boolean paused, String halt, boolean finished) {

  /**
   * What does not change during a run.
   *
   * @param live true for real orders (the header turns red)
   * @param market where prices come from
   * @param brain who decides
   * @param cycleWait the real time between cycles (0 when cycles do not wait, e.g. an unpaced simulated clock)
   */
  record Header(boolean live, String market, String brain, Duration cycleWait) {}

  /** How an action line is coloured. */
  enum Tone {
    GOOD,
    BAD,
    WARN,
    INFO,
    MUTED
  }

  /**
   * One line of the Actions panel.
   *
   * @param at agent-clock time of the event, epoch ms
   * @param icon one cell wide
   */
  record ActionLine(long at, String icon, String text, Tone tone) {}
}
