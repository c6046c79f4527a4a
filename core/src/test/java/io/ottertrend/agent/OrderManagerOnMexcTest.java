package io.ottertrend.agent;

import static org.assertj.core.api.Assertions.assertThat;

import io.ottertrend.exchange.mexc.MexcExchange;
import io.ottertrend.memory.JournaledOrder;
import io.ottertrend.memory.OrderState;
import io.ottertrend.memory.SqliteMemory;
import io.ottertrend.model.Fill;
import io.ottertrend.model.OrderRequest;
import io.ottertrend.testing.ExchangeScenario;
import io.ottertrend.testing.FakeMexcServer;
import io.ottertrend.testing.FakeMexcServer.Fault;
import io.ottertrend.time.Clock;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * End to end: the order manager over the real MEXC client against the loopback MEXC server. The server accepts
 * the order and never answers (the client's read times out): exactly one order exists, the journal resolves it by
 * client order id, the position equals its fills, and a restart reconciles clean.
 */
class OrderManagerOnMexcTest {
  private static final String ORDER = "POST /api/v3/order";

  @TempDir Path dir;

  @Test
  void readTimeoutAfterAcceptanceLeavesExactlyOneOrderAndOnePosition() {
    try (FakeMexcServer fake = FakeMexcServer.start(ExchangeScenario.standard());
        MexcExchange exchange = fake.exchangeBuilder().build();
        SqliteMemory memory = SqliteMemory.open(dir.resolve("live.db"))) {
      OrderManager om = OrderManager.builder(exchange, memory, Clock.system()).clientIdPrefix("e2e").build();
      fake.failNext(ORDER, Fault.stallAfterExecute());

      JournaledOrder o = om.submit(OrderRequest.marketBuyQuote("BTCUSDT", new BigDecimal("10"),
          om.newClientOrderId()), OrderPurpose.ENTRY, null);
      om.sync();

      assertThat(fake.requestCount(ORDER)).as("never re-sent").isEqualTo(1);
      assertThat(fake.orderCount()).isEqualTo(1);
      JournaledOrder after = om.order(o.clientOrderId());
      assertThat(after.state()).isEqualTo(OrderState.FILLED);
      assertThat(after.exchangeOrderId()).isNotNull();
      BigDecimal fromFills = AgentFixture.netBase(memory.fillsForOrder(o.clientOrderId()), "BTC");
      assertThat(memory.fillsForOrder(o.clientOrderId())).isNotEmpty().allSatisfy(f -> assertThat(f.orderId())
          .isEqualTo(after.exchangeOrderId()));
      assertThat(om.position("BTCUSDT").orElseThrow().quantity()).isPositive().isEqualByComparingTo(fromFills);

      OrderManager restarted = OrderManager.builder(exchange, memory, Clock.system()).clientIdPrefix("e2e").build();
      ReconciliationReport report = Reconciler.builder(restarted)
          .reservedHoldings(Map.of("BTC", new BigDecimal("0.01"))).build().run();
      assertThat(report.clean()).as(report.summary()).isTrue();
      assertThat(report.recordedFills()).isEmpty();
      assertThat(memory.fills("mexc", "BTCUSDT", 0)).extracting(Fill::tradeId).doesNotHaveDuplicates();
      assertThat(fake.requestCount(ORDER)).isEqualTo(1);
    }
  }
}
