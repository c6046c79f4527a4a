package io.ottertrend.examples;

import io.ottertrend.OtterTrend;
import io.ottertrend.agent.Agent;
import io.ottertrend.config.Setting;
import io.ottertrend.config.Settings;
import io.ottertrend.memory.DecisionRecord;
import io.ottertrend.memory.EquityPoint;
import io.ottertrend.memory.JournaledOrder;
import io.ottertrend.memory.Memory;
import io.ottertrend.memory.RiskEvent;
import io.ottertrend.registry.Registry;
import io.ottertrend.risk.RiskContext;
import io.ottertrend.risk.RiskRule;
import io.ottertrend.risk.RiskVerdict;
import io.ottertrend.time.Clock;
import io.ottertrend.time.SimulatedClock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * Example 1 — embed the agent in another program.
 *
 * <p>Builds the agent from the registry with every default (paper exchange on the synthetic market, the rules
 * brain, the shipped risk chain), adds one custom {@link RiskRule}, runs a few cycles on a simulated clock and
 * reads what happened back from {@link Memory}: the brain's decisions, the order journal, the equity curve and
 * the risk events of the custom rule.
 */
public final class EmbedAgentExample {
  private EmbedAgentExample() {}

  /**
   * A custom rule: at most {@code max} positions at a time. Exits always pass (a limit must never trap a
   * position); an entry that adds to a symbol already held does not open a new position.
   */
  public record MaxPositionsRule(int max) implements RiskRule {
    @Override
    public String name() {
      return "max_" + max + "_positions";
    }

    @Override
    public RiskVerdict evaluate(RiskContext ctx) {
      if (ctx.isExit() || ctx.holds(ctx.proposal().symbol())) {
        return RiskVerdict.approve();
      }
      return ctx.openPositionCount() >= max
          ? RiskVerdict.reject("already " + ctx.openPositionCount() + " positions; this bot holds at most " + max)
          : RiskVerdict.approve();
    }
  }

  /** What the run left in memory. */
  public record Result(List<DecisionRecord> decisions, List<JournaledOrder> orders, List<EquityPoint> equity,
      List<RiskEvent> vetoesByCustomRule, int maxOpenPositions) {}

  /** Runs {@code cycles} one-minute cycles on the synthetic market seeded with {@code seed}, storing in {@code db}. */
  public static Result run(Path db, int cycles, long seed) throws InterruptedException {
    Settings settings = Settings.builder().flag(Setting.DB_PATH, db.toString()).build();
    MaxPositionsRule rule = new MaxPositionsRule(2);
    try (Registry registry = OtterTrend.registry(settings, OtterTrend.Options.paperSynthetic(seed))) {
      registry.addInstance(RiskRule.class, rule);                                          // runs after the shipped rules
      SimulatedClock clock = Clock.simulated(Instant.parse("2026-03-02T10:00:00Z"));
      registry.bindInstance(Clock.class, clock);               // simulated time: reproducible, no waiting
      Agent agent = OtterTrend.agent(registry);
      agent.start();                                            // reconciles the journal with the exchange
      int maxOpen = 0;
      for (int i = 0; i < cycles; i++) {
        agent.cycle();                                          // observe -> think -> act, once
        maxOpen = Math.max(maxOpen, registry.get(Memory.class).positions("paper").size());
        clock.advance(Duration.ofMinutes(1));
      }
      agent.finish("COMPLETED");

      Memory memory = registry.get(Memory.class);
      long runId = memory.recentRuns(1).get(0).id();
      List<RiskEvent> vetoes = memory.recentRiskEvents(10_000).stream()
          .filter(e -> rule.name().equals(e.rule())).toList();
      return new Result(memory.recentDecisions(cycles), memory.recentOrders(10_000), memory.equity(runId), vetoes,
          maxOpen);
    }
  }

  /** Runs 40 cycles into a temporary database and prints a summary. */
  public static void main(String[] args) throws Exception {
    Path dir = Files.createTempDirectory("ottertrend-embed");
    Result r = run(dir.resolve("embed.db"), 40, 7);
    System.out.printf("decisions %d, orders %d, final equity %s, vetoed by %s: %d, most positions held: %d%n",
        r.decisions().size(), r.orders().size(), r.equity().get(r.equity().size() - 1).equity().toPlainString(),
        new MaxPositionsRule(2).name(), r.vetoesByCustomRule().size(), r.maxOpenPositions());
  }
}
