package io.ottertrend.agent;

import java.math.BigDecimal;
import java.util.List;

/**
 * What the agent tells the outside world while it runs: the dashboard, {@code --json-events} and embedding
 * programs subscribe through an {@link AgentListener}. Immutable records; {@link #at()} is the agent clock's
 * time in epoch milliseconds.
 */
public sealed interface AgentEvent {
  long at();

  /** A cycle starts. */
  record CycleStarted(long at, long cycle) implements AgentEvent {}

  /** The brain is thinking (spinner on). */
  record Thinking(long at, String brain) implements AgentEvent {}

  /** The brain decided. */
  record DecisionMade(long at, String brain, String thoughts, List<String> actions, List<String> dropped,
      String outcome, long promptTokens, long completionTokens, long latencyMillis) implements AgentEvent {}

  /** The risk engine's verdict on one proposal. */
  record RiskVerdict(long at, String symbol, String side, String outcome, String rule, String reason)
      implements AgentEvent {}

  /** An order changed state in the journal (submitted, rejected, filled, cancelled, unknown...). */
  record OrderUpdate(long at, String clientOrderId, String symbol, String side, String type, String state,
      BigDecimal quantity, BigDecimal quoteQuantity, BigDecimal price, String purpose, String message)
      implements AgentEvent {}

  /** A fill was recorded. */
  record FillRecorded(long at, String symbol, String side, BigDecimal price, BigDecimal quantity,
      BigDecimal commission, String commissionAsset) implements AgentEvent {}

  /**
   * Portfolio valuation after a cycle. {@code pnlToday} is the day's P&amp;L as the daily-loss halt measures it:
   * equity against the first valuation of the UTC day, fees and open positions included.
   */
  record EquityUpdate(long at, BigDecimal equity, BigDecimal cash, List<PositionLine> positions, int tradesToday,
      int maxTrades, BigDecimal pnlToday, BigDecimal maxDailyLoss, int openPositions, int maxOpenPositions)
      implements AgentEvent {}

  /** One position line of an {@link EquityUpdate}. */
  record PositionLine(String symbol, BigDecimal quantity, BigDecimal entry, BigDecimal mark, BigDecimal pnl,
      double pnlPct) {}

  /** Something worth a line: reconciliation, provider health, halts, errors. */
  record Notice(long at, String level, String message) implements AgentEvent {}

  /** A cycle ended. */
  record CycleFinished(long at, long cycle, long durationMillis, long nextAt) implements AgentEvent {}
}
