package io.ottertrend.cli.dashboard;

import io.ottertrend.agent.AgentEvent;
import java.math.BigDecimal;
import java.util.List;

/** Scripted agent events for dashboard tests. */
final class Events {
  static final long T0 = 1_767_225_600_000L; // 2026-01-01T00:00:00Z

  private Events() {}

  static AgentEvent.DecisionMade decision(long cycle, String thoughts, List<String> actions) {
    return new AgentEvent.DecisionMade(T0 + cycle * 60_000 + 1_000, "rules", thoughts, actions, List.of(), "ACT", 0, 0,
        12);
  }

  static AgentEvent.RiskVerdict rejected(long cycle, String symbol, String rule, String reason) {
    return new AgentEvent.RiskVerdict(T0 + cycle * 60_000 + 2_000, symbol, "BUY", "REJECT", rule, reason);
  }

  static AgentEvent.RiskVerdict approved(long cycle, String symbol) {
    return new AgentEvent.RiskVerdict(T0 + cycle * 60_000 + 2_000, symbol, "BUY", "APPROVE", "", "");
  }

  static AgentEvent.OrderUpdate filled(long cycle, String symbol) {
    return new AgentEvent.OrderUpdate(T0 + cycle * 60_000 + 3_000, "ot-" + cycle, symbol, "BUY", "MARKET", "FILLED",
        null, new BigDecimal("25"), null, "ENTRY", null);
  }

  static AgentEvent.FillRecorded fill(long cycle, String symbol) {
    return new AgentEvent.FillRecorded(T0 + cycle * 60_000 + 3_000, symbol, "BUY", new BigDecimal("64000.5"),
        new BigDecimal("0.00039"), new BigDecimal("0.025"), "USDT");
  }

  static AgentEvent.EquityUpdate equity(long cycle, String equity) {
    return new AgentEvent.EquityUpdate(T0 + cycle * 60_000 + 4_000, new BigDecimal(equity), new BigDecimal("975.00"),
        List.of(new AgentEvent.PositionLine("BTCUSDT", new BigDecimal("0.00039"), new BigDecimal("64000.5"),
            new BigDecimal("64500"), new BigDecimal("0.19"), 0.0078)),
        3, 20, new BigDecimal("-1.20"), new BigDecimal("50"), 1, 3);
  }

  static AgentEvent.CycleStarted started(long cycle) {
    return new AgentEvent.CycleStarted(T0 + cycle * 60_000, cycle);
  }

  static AgentEvent.CycleFinished finished(long cycle) {
    long end = T0 + cycle * 60_000 + 5_000;
    return new AgentEvent.CycleFinished(end, cycle, 5_000, end);
  }

  static AgentEvent.Notice notice(String level, String message) {
    return new AgentEvent.Notice(T0, level, message);
  }
}
