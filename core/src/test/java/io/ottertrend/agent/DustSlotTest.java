package io.ottertrend.agent;

import static org.assertj.core.api.Assertions.assertThat;

import io.ottertrend.OtterTrend;
import io.ottertrend.brain.Action;
import io.ottertrend.brain.Brain;
import io.ottertrend.brain.Decision;
import io.ottertrend.brain.MarketSnapshot;
import io.ottertrend.config.Setting;
import io.ottertrend.config.Settings;
import io.ottertrend.memory.Memory;
import io.ottertrend.memory.PositionRecord;
import io.ottertrend.model.OrderType;
import io.ottertrend.model.Side;
import io.ottertrend.registry.Registry;
import io.ottertrend.time.Clock;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Reliability plan 13 end to end: a position left below the symbol's minimum notional is flagged dust and its slot
 * is released for the open-position cap — by the order manager <i>and</i> by the risk engine the agent asks.
 */
class DustSlotTest {
  @TempDir Path dir;

  /** Opens one symbol, sells most of it, tries to sell the rest, then opens a second symbol. */
  static final class DustBrain implements Brain {
    int cycle;
    String first;
    String second;

    @Override
    public String name() {
      return "dust-test";
    }

    @Override
    public Decision decide(MarketSnapshot s) {
      if (first == null) {
        first = s.symbols().get(0).symbol();
        second = s.symbols().get(1).symbol();
      }
      Action a = switch (cycle++) {
        case 0 -> new Action.Open(first, Side.BUY, new BigDecimal("0.01"), OrderType.MARKET, null, null, null, "open");
        case 1 -> new Action.Close(first, new BigDecimal("0.98"), "most of it");
        case 2 -> new Action.Close(first, BigDecimal.ONE, "the rest");
        case 3 -> new Action.Open(second, Side.BUY, new BigDecimal("0.01"), OrderType.MARKET, null, null, null,
            "second");
        default -> null;
      };
      return a == null ? Decision.hold(name(), "done")
          : new Decision(name(), "step " + cycle, List.of(a), List.of(), List.of(), 0, 0, 0, false, false, null);
    }
  }

  @Test
  void aDustRemainderDoesNotTakeTheOnlyOpenPositionSlot() throws Exception {
    // Before the fix the second entry was refused: "max_open_positions: 1 open positions (limit 1)".
    Settings settings = Settings.builder().flag(Setting.DB_PATH, dir.resolve("t.db").toString())
        .flag(Setting.RISK_MAX_OPEN_POSITIONS, "1").build();
    List<AgentEvent> events = new ArrayList<>();
    try (Registry r = OtterTrend.registry(settings, OtterTrend.Options.paperSynthetic(5).withListener(events::add))) {
      r.bindInstance(Clock.class, Clock.simulated(Instant.parse("2026-03-02T10:00:00Z")));
      DustBrain brain = new DustBrain();
      r.bindInstance(Brain.class, brain);
      Agent agent = OtterTrend.agent(r);
      agent.start();
      agent.run(5, Duration.ofMinutes(1), () -> false);
      Memory memory = r.get(Memory.class);
      List<PositionRecord> positions = memory.positions(r.get(io.ottertrend.exchange.Exchange.class).id());
      assertThat(positions).as("positions %s after %s cycles; events %s", positions, brain.cycle, events)
          .anySatisfy(p -> {
            assertThat(p.symbol()).isEqualTo(brain.first);
            assertThat(p.dust()).isTrue();
          })
          .anySatisfy(p -> {
            assertThat(p.symbol()).isEqualTo(brain.second);
            assertThat(p.quantity()).isPositive();
          });
    }
  }
}
