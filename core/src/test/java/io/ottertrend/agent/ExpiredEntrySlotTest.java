package io.ottertrend.agent;

import static org.assertj.core.api.Assertions.assertThat;

import io.ottertrend.OtterTrend;
import io.ottertrend.brain.Action;
import io.ottertrend.brain.Brain;
import io.ottertrend.brain.Decision;
import io.ottertrend.brain.MarketSnapshot;
import io.ottertrend.config.Setting;
import io.ottertrend.config.Settings;
import io.ottertrend.memory.JournaledOrder;
import io.ottertrend.memory.Memory;
import io.ottertrend.memory.OrderState;
import io.ottertrend.model.OrderType;
import io.ottertrend.model.Side;
import io.ottertrend.registry.Registry;
import io.ottertrend.time.Clock;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * An entry that rests unfilled past its time limit is cancelled, and the slot the risk engine held for it while it
 * was in flight is released: before, the engine went on counting it against {@code RISK_MAX_OPEN_POSITIONS}, so each
 * expired entry blocked a slot until the process restarted.
 */
class ExpiredEntrySlotTest {
  @TempDir Path dir;

  /** Rests a limit buy well below the market in one symbol, waits, then buys a second symbol at market. */
  static final class RestingThenMarketBrain implements Brain {
    int cycle;
    String first;
    String second;

    @Override
    public String name() {
      return "expiry-test";
    }

    @Override
    public Decision decide(MarketSnapshot s) {
      if (first == null) {
        first = s.symbols().get(0).symbol();
        second = s.symbols().get(1).symbol();
      }
      Action a = null;
      if (cycle == 0) {
        BigDecimal below = BigDecimal.valueOf(s.symbols().get(0).lastPrice() * 0.9).round(new java.math.MathContext(6,
            RoundingMode.DOWN));
        a = new Action.Open(first, Side.BUY, new BigDecimal("0.01"), OrderType.LIMIT, below, null, null, "rest");
      } else if (cycle == 8) {
        a = new Action.Open(second, Side.BUY, new BigDecimal("0.01"), OrderType.MARKET, null, null, null, "second");
      }
      cycle++;
      return a == null ? Decision.hold(name(), "waiting")
          : new Decision(name(), "step " + cycle, List.of(a), List.of(), List.of(), 0, 0, 0, false, false, null);
    }
  }

  @Test
  void anExpiredEntryReleasesItsSlotForTheNextEntry() throws Exception {
    Settings settings = Settings.builder().flag(Setting.DB_PATH, dir.resolve("t.db").toString())
        .flag(Setting.RISK_MAX_OPEN_POSITIONS, "1").build();
    List<AgentEvent> events = new ArrayList<>();
    try (Registry r = OtterTrend.registry(settings, OtterTrend.Options.paperSynthetic(5).withListener(events::add))) {
      r.bindInstance(Clock.class, Clock.simulated(Instant.parse("2026-03-02T10:00:00Z")));
      RestingThenMarketBrain brain = new RestingThenMarketBrain();
      r.bindInstance(Brain.class, brain);
      Agent agent = OtterTrend.agent(r);
      agent.start();
      agent.run(10, Duration.ofMinutes(1), () -> false); // the entry's time limit is 5 minutes
      Memory memory = r.get(Memory.class);
      List<JournaledOrder> orders = memory.recentOrders(10);
      assertThat(orders).as("orders; events %s", events).anySatisfy(o -> {
        assertThat(o.symbol()).isEqualTo(brain.first);
        assertThat(o.state()).isEqualTo(OrderState.CANCELED);
        assertThat(o.reason()).contains("entry not filled within 300 s");
      });
      assertThat(orders).as("the second entry was refused: %s", events).anySatisfy(o -> {
        assertThat(o.symbol()).isEqualTo(brain.second);
        assertThat(o.state()).isEqualTo(OrderState.FILLED);
      });
      assertThat(agent.risk().counters().pendingEntries()).doesNotContain(brain.first);
    }
  }
}
