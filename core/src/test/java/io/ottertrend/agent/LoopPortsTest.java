package io.ottertrend.agent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.ottertrend.OtterTrend;
import io.ottertrend.brain.Action;
import io.ottertrend.brain.Brain;
import io.ottertrend.brain.Decision;
import io.ottertrend.brain.MarketSnapshot;
import io.ottertrend.brain.OrderGateway;
import io.ottertrend.brain.tools.AgentPorts;
import io.ottertrend.config.Setting;
import io.ottertrend.config.Settings;
import io.ottertrend.memory.JournaledOrder;
import io.ottertrend.memory.Memory;
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
 * The tool ports a running agent serves to a tool-calling brain: during a cycle they read the cycle's snapshot,
 * books, bars and analytics, dry-run the risk engine, and act only through the agent's gateway (risk engine,
 * then order manager); outside a cycle they refuse.
 */
class LoopPortsTest {
  @TempDir Path dir;

  /** A brain that uses every port the way the standard tools do, once, on the first cycle. */
  static final class PortsBrain implements Brain {
    final AgentPorts ports;
    final List<Object> seen = new ArrayList<>();
    boolean done;

    PortsBrain(AgentPorts ports) {
      this.ports = ports;
    }

    @Override
    public String name() {
      return "llm-tools-test";
    }

    @Override
    public Decision decide(MarketSnapshot snapshot) {
      if (done) {
        return Decision.hold(name(), "holding");
      }
      done = true;
      String symbol = ports.market().snapshot().symbols().get(0).symbol();
      seen.add(ports.market().orderBook(symbol, 5));
      seen.add(ports.analytics().regime(symbol));
      seen.add(ports.analytics().forecastVolatility(symbol, 10));
      seen.add(ports.analytics().estimateSlippage(symbol, Side.BUY, 50));
      seen.add(ports.analytics().anomalies(symbol));
      seen.add(ports.portfolio().portfolio());
      seen.add(ports.risk().constraints());
      Action.Open huge = new Action.Open(symbol, Side.BUY, new BigDecimal("0.9"), OrderType.MARKET, null, null, null,
          "oversized on purpose");
      AgentPorts.RiskGate.Verdict dry = ports.risk().check(huge);
      seen.add(dry);
      OrderGateway.Result placed = ports.orders().open(huge);
      seen.add(placed);
      try {
        ports.market().orderBook("NOPEUSDT", 5);
      } catch (IllegalArgumentException e) {
        seen.add(e.getMessage());
      }
      try {
        ports.signals().trendingTokens();
      } catch (UnsupportedOperationException e) {
        seen.add(e.getMessage());
      }
      return new Decision(name(), "acted through the ports", List.of(huge), List.of(), List.of(), 0, 0, 0, false,
          true, null);
    }
  }

  @Test
  void portsActThroughTheRiskEngineDuringACycleAndRefuseOutsideIt() throws Exception {
    Settings settings = Settings.builder().flag(Setting.DB_PATH, dir.resolve("t.db").toString()).build();
    try (Registry r = OtterTrend.registry(settings, OtterTrend.Options.paperSynthetic(5))) {
      r.bindInstance(Clock.class, Clock.simulated(Instant.parse("2026-03-02T10:00:00Z")));
      LoopPorts loop = r.get(LoopPorts.class);
      PortsBrain brain = new PortsBrain(loop.ports());
      r.bindInstance(Brain.class, brain);
      assertThatThrownBy(() -> loop.ports().portfolio().portfolio()).isInstanceOf(IllegalStateException.class);
      Agent agent = OtterTrend.agent(r);
      agent.start();
      agent.run(3, Duration.ofMinutes(1), () -> false);
      assertThat(brain.seen).hasSize(11);
      AgentPorts.RiskGate.Verdict dry = (AgentPorts.RiskGate.Verdict) brain.seen.get(7);
      assertThat(dry.approved()).isTrue();
      // 90 % of 1,000 USDT asked; the dry run shows the 20 USDT cap as a fraction of equity
      assertThat(dry.sizePctEquity()).isGreaterThan(0).isLessThanOrEqualTo(0.0201);
      assertThat(dry.reason()).startsWith("SHRINK");
      assertThat(((OrderGateway.Result) brain.seen.get(8)).accepted()).isTrue();
      assertThat(brain.seen.get(9)).asString().contains("unknown symbol NOPEUSDT");
      assertThat(brain.seen.get(10)).asString().contains("not available");
      List<JournaledOrder> orders = r.get(Memory.class).recentOrders(10);
      assertThat(orders).singleElement().satisfies(o -> assertThat(o.quoteQuantity())
          .isLessThanOrEqualTo(new BigDecimal("20")));
      assertThat(r.get(Memory.class).recentDecisions(10)).hasSize(3);
      // the order was journalled while the brain decided, before its decision was: it is linked to it afterwards
      long acting = r.get(Memory.class).recentDecisions(10).stream()
          .filter(d -> d.thoughts().equals("acted through the ports")).findFirst().orElseThrow().id();
      assertThat(orders.get(0).decisionId()).isEqualTo(acting);
      // after the cycle the ports no longer act
      assertThatThrownBy(() -> loop.ports().orders().open(new Action.Open("BTCUSDT", Side.BUY,
          new BigDecimal("0.01"), OrderType.MARKET, null, null, null, "late"))).isInstanceOf(IllegalStateException.class);
    }
  }
}
