package io.ottertrend.agent;

import static org.assertj.core.api.Assertions.assertThat;

import io.ottertrend.exchange.paper.PaperExchange;
import io.ottertrend.memory.JournaledOrder;
import io.ottertrend.memory.OrderState;
import io.ottertrend.memory.SqliteMemory;
import io.ottertrend.model.OrderRequest;
import io.ottertrend.testing.ExchangeScenario;
import io.ottertrend.testing.ScenarioMarket;
import io.ottertrend.time.Clock;
import io.ottertrend.time.SimulatedClock;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.Instant;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The order manager and the start-up reconciliation over the paper exchange, which keeps its own account (and
 * its fills) in the same database: paper runs exercise the restart path every day.
 */
class OrderManagerOnPaperTest {
  @TempDir Path dir;
  SimulatedClock clock = Clock.simulated(Instant.ofEpochMilli(ExchangeScenario.STANDARD_NOW));
  ScenarioMarket market = new ScenarioMarket(ExchangeScenario.standard(), clock);
  SqliteMemory memory;

  @BeforeEach
  void open() {
    memory = SqliteMemory.open(dir.resolve("paper.db"));
  }

  @AfterEach
  void close() {
    memory.close();
  }

  OrderManager manager(String account) {
    OrderManager.Builder b = OrderManager.builder(PaperExchange.builder(market, memory).build(), memory, clock)
        .clientIdPrefix("p");
    return account == null ? b.build() : b.account(account).build();
  }

  @Test
  void sharingThePaperExchangesKeyStillAppliesEveryFillOnce() {
    OrderManager om = manager(null);
    assertThat(om.account()).isEqualTo("paper");
    JournaledOrder o = om.submit(OrderRequest.marketBuyQuote("BTCUSDT", new BigDecimal("20"),
        om.newClientOrderId()), OrderPurpose.ENTRY, null);

    assertThat(o.state()).isEqualTo(OrderState.FILLED);
    BigDecimal held = om.position("BTCUSDT").orElseThrow().quantity();
    assertThat(held).isPositive()
        .isEqualByComparingTo(AgentFixture.netBase(memory.fills("paper", "BTCUSDT", 0), "BTC"));
    ReconciliationReport report = Reconciler.builder(manager(null)).build().run();
    assertThat(report.clean()).as(report.summary()).isTrue();
    assertThat(report.recordedFills()).isEmpty();
    assertThat(manager(null).position("BTCUSDT").orElseThrow().quantity()).isEqualByComparingTo(held);
  }

  @Test
  void ownAccountTradesOnPaperAndARestartReconcilesClean() {
    OrderManager om = manager("paper-agent");
    JournaledOrder buy = om.submit(OrderRequest.marketBuyQuote("BTCUSDT", new BigDecimal("20"),
        om.newClientOrderId()), OrderPurpose.ENTRY, null);
    assertThat(buy.state()).isEqualTo(OrderState.FILLED);
    BigDecimal held = om.position("BTCUSDT").orElseThrow().quantity();
    assertThat(held)
        .isEqualByComparingTo(AgentFixture.netBase(memory.fills("paper-agent", "BTCUSDT", 0), "BTC"));

    OrderManager restarted = manager("paper-agent");
    ReconciliationReport report = Reconciler.builder(restarted).build().run();
    assertThat(report.clean()).as(report.summary()).isTrue();

    JournaledOrder sell = restarted.closePosition("BTCUSDT", OrderPurpose.TAKE_PROFIT, null).orElseThrow();
    assertThat(sell.state()).isEqualTo(OrderState.FILLED);
    assertThat(memory.trades(null, 5)).singleElement()
        .satisfies(t -> assertThat(t.exitReason()).isEqualTo("TAKE_PROFIT"));
    ReconciliationReport after = Reconciler.builder(manager("paper-agent")).build().run();
    assertThat(after.clean()).as(after.summary()).isTrue();
  }
}
