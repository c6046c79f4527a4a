package io.ottertrend.memory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.ottertrend.model.Fill;
import io.ottertrend.model.OrderType;
import io.ottertrend.model.Side;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SqliteMemoryTest {
  @TempDir Path dir;
  SqliteMemory memory;

  @BeforeEach
  void open() {
    memory = SqliteMemory.open(dir.resolve("t.db"));
  }

  @AfterEach
  void close() {
    memory.close();
  }

  static JournaledOrder intent(String id, Long runId, long at) {
    return new JournaledOrder(id, runId, "paper", "BTCUSDT", Side.BUY, OrderType.LIMIT, new BigDecimal("0.001"), null,
        new BigDecimal("50000"), OrderState.NEW, null, null, null, "ENTRY", null, null, at, at, false);
  }

  static Fill fill(String tradeId, String clientId, long at) {
    return new Fill("BTCUSDT", tradeId, "o-" + clientId, clientId, Side.BUY, new BigDecimal("50000"),
        new BigDecimal("0.001"), null, new BigDecimal("0.0000005"), "BTC", false, at);
  }

  @Test
  void runsAreRecordedAndFinished() {
    long id = memory.startRun(new RunInfo("paper", "synthetic", "rules", "paper", "0.1", "abc", 7L), 1000);
    assertThat(memory.run(id)).hasValueSatisfying(r -> {
      assertThat(r.status()).isEqualTo("RUNNING");
      assertThat(r.seed()).isEqualTo(7L);
      assertThat(r.endedAt()).isZero();
    });
    memory.finishRun(id, "STOPPED", 2000);
    assertThat(memory.recentRuns(10)).singleElement().satisfies(r -> {
      assertThat(r.status()).isEqualTo("STOPPED");
      assertThat(r.endedAt()).isEqualTo(2000);
    });
    assertThat(memory.run(999)).isEmpty();
  }

  @Test
  void intentJournalTracksStatesAndRefusesDuplicateIds() {
    long run = memory.startRun(new RunInfo("paper", "synthetic", "rules", "paper", "0.1", "abc", null), 1);
    memory.journal(intent("c-1", run, 10));
    memory.journal(intent("c-2", run, 11));
    assertThatThrownBy(() -> memory.journal(intent("c-1", run, 12)))
        .isInstanceOfSatisfying(MemoryException.class, e -> assertThat(e.kind()).isEqualTo(MemoryException.Kind.CONFLICT));
    memory.updateOrder("c-1", OrderState.SENT, null, null, null, null, 20);
    memory.updateOrder("c-1", OrderState.UNKNOWN, null, null, null, "read timeout", 21);
    memory.updateOrder("c-1", OrderState.FILLED, "ex-9", new BigDecimal("0.001"), new BigDecimal("50"), null, 22);
    JournaledOrder o = memory.order("c-1").orElseThrow();
    assertThat(o.state()).isEqualTo(OrderState.FILLED);
    assertThat(o.exchangeOrderId()).isEqualTo("ex-9");
    assertThat(o.reason()).isEqualTo("read timeout");
    assertThat(o.executedQty()).isEqualByComparingTo("0.001");
    assertThat(o.updatedAt()).isEqualTo(22);
    assertThat(memory.orders(EnumSet.of(OrderState.NEW, OrderState.UNKNOWN))).extracting(JournaledOrder::clientOrderId)
        .containsExactly("c-2");
    assertThat(memory.orders(List.of())).isEmpty();
    assertThat(memory.recentOrders(1)).extracting(JournaledOrder::clientOrderId).containsExactly("c-2");
    assertThatThrownBy(() -> memory.updateOrder("nope", OrderState.SENT, null, null, null, null, 1))
        .isInstanceOf(MemoryException.class);
    assertThat(OrderState.NOT_SENT.isFinal()).isTrue();
    assertThat(OrderState.UNKNOWN.isFinal()).isFalse();
  }

  @Test
  void fillsAreRecordedExactlyOncePerExchangeTradeId() {
    assertThat(memory.recordFill("paper", null, fill("t1", "c-1", 100))).isTrue();
    assertThat(memory.recordFill("paper", null, fill("t1", "c-1", 100))).isFalse();
    assertThat(memory.recordFill("mexc", null, fill("t1", "c-1", 100))).isTrue();
    assertThat(memory.recordFill("paper", null, fill("t2", "c-1", 200))).isTrue();
    assertThat(memory.fills("paper", null, 0)).extracting(Fill::tradeId).containsExactly("t1", "t2");
    assertThat(memory.fills("paper", "BTCUSDT", 150)).extracting(Fill::tradeId).containsExactly("t2");
    assertThat(memory.fills("paper", "ETHUSDT", 0)).isEmpty();
    Fill back = memory.fillsForOrder("c-1").get(0);
    assertThat(back.commission()).isEqualByComparingTo("0.0000005");
    assertThat(back.commissionAsset()).isEqualTo("BTC");
    assertThat(back.quoteQuantity()).isEqualByComparingTo("50");
  }

  @Test
  void tradesPositionsAndEquityRoundTrip() {
    long run = memory.startRun(new RunInfo("paper", "synthetic", "rules", "paper", "0.1", "abc", null), 1);
    memory.recordTrade(new TradeRecord(0, run, "paper", "BTCUSDT", new BigDecimal("0.001"), new BigDecimal("50000"),
        new BigDecimal("51000"), 10, 20, new BigDecimal("0.95"), new BigDecimal("0.05"), "TAKE_PROFIT"));
    assertThat(memory.trades(run, 10)).singleElement().satisfies(t -> {
      assertThat(t.pnl()).isEqualByComparingTo("0.95");
      assertThat(t.exitReason()).isEqualTo("TAKE_PROFIT");
    });
    assertThat(memory.trades(null, 10)).hasSize(1);
    memory.upsertPosition(new PositionRecord("paper", "BTCUSDT", new BigDecimal("0.002"), new BigDecimal("50000"),
        new BigDecimal("100.05"), 5, new BigDecimal("48500"), null, 0, false, 5));
    memory.upsertPosition(new PositionRecord("paper", "BTCUSDT", new BigDecimal("0.003"), new BigDecimal("50000"),
        new BigDecimal("150.05"), 5, new BigDecimal("48500"), new BigDecimal("53000"), 99, true, 6));
    assertThat(memory.positions("paper")).singleElement().satisfies(p -> {
      assertThat(p.quantity()).isEqualByComparingTo("0.003");
      assertThat(p.takeProfit()).isEqualByComparingTo("53000");
      assertThat(p.dust()).isTrue();
    });
    memory.removePosition("paper", "BTCUSDT");
    assertThat(memory.positions("paper")).isEmpty();
    memory.recordEquity(new EquityPoint(run, 1, new BigDecimal("1000"), new BigDecimal("1000")));
    memory.recordEquity(new EquityPoint(run, 2, new BigDecimal("1001.5"), new BigDecimal("900")));
    assertThat(memory.equity(run)).extracting(EquityPoint::equity).map(BigDecimal::toPlainString)
        .containsExactly("1000", "1001.5");
  }

  @Test
  void decisionsReplayCacheAndTokenAccounting() {
    long run = memory.startRun(new RunInfo("paper", "synthetic", "llm", "paper", "0.1", "abc", null), 1);
    memory.recordDecision(new DecisionRecord(0, run, 5, "h1", "llm-json", "buy the dip", "[]", "[]", 100, 20, 300, "OK"));
    assertThat(memory.recentDecisions(1)).singleElement().satisfies(d -> {
      assertThat(d.thoughts()).isEqualTo("buy the dip");
      assertThat(d.promptTokens()).isEqualTo(100);
    });
    memory.recordLlmCall(new LlmCall("hash", "m", "{req}", "{resp}", 100, 20, 300, 5));
    memory.recordLlmCall(new LlmCall("hash", "m", "{req}", "{other}", 1, 1, 1, 6));
    assertThat(memory.llmCall("hash")).hasValueSatisfying(c -> assertThat(c.responseJson()).isEqualTo("{resp}"));
    assertThat(memory.llmCall("missing")).isEmpty();
    memory.recordLlmUsage(new LlmUsage(run, 5, "hash", false, 100, 20));
    memory.recordLlmUsage(new LlmUsage(run, 6, "hash", true, 100, 20));
    assertThat(memory.llmTokensSpent(run, 0)).isEqualTo(120);
    assertThat(memory.llmTokensSpent(null, 6)).isZero();
    assertThat(memory.llmUsage(run)).extracting(LlmUsage::cached).containsExactly(false, true);
  }

  @Test
  void signalsAtNeverReturnsALaterSnapshot() {
    memory.recordSignals(new SignalRecord(0, 100, "trends", "google", "{\"v\":1}"));
    memory.recordSignals(new SignalRecord(0, 200, "trends", "google", "{\"v\":2}"));
    memory.recordSignals(new SignalRecord(0, 150, "news", "rss", "{\"n\":1}"));
    assertThat(memory.signalsAt("trends", 99)).isEmpty();
    assertThat(memory.signalsAt("trends", 100)).hasValueSatisfying(s -> assertThat(s.payloadJson()).contains("1"));
    assertThat(memory.signalsAt("trends", 199)).hasValueSatisfying(s -> assertThat(s.at()).isEqualTo(100));
    assertThat(memory.signalsAt("trends", 10_000)).hasValueSatisfying(s -> assertThat(s.at()).isEqualTo(200));
    assertThat(memory.signals("trends", 0, 150)).hasSize(1);
  }

  @Test
  void riskEventsLogsConfigAndState() {
    memory.recordRiskEvent(new RiskEvent(0, null, 5, "SHRINK", "max_order_usd", "20 USD cap", "BTCUSDT", "BUY",
        "{\"quote\":50}", "{\"quote\":20}", "c-1"));
    assertThat(memory.recentRiskEvents(5)).singleElement().satisfies(e -> {
      assertThat(e.rule()).isEqualTo("max_order_usd");
      assertThat(e.afterJson()).contains("20");
    });
    assertThatThrownBy(() -> memory.recordRiskEvent(new RiskEvent(0, null, 5, "MAYBE", "r", "", null, null, null, null,
        null))).isInstanceOf(MemoryException.class);
    memory.log(null, 1, "INFO", "loop", "started");
    assertThat(memory.recentLogs(1)).singleElement().extracting(LogEntry::message).isEqualTo("started");
    memory.putConfig("k", "v1", 1);
    memory.putConfig("k", "v2", 2);
    assertThat(memory.config("k")).contains("v2");
    assertThat(memory.allConfig()).containsExactly(Map.entry("k", "v2"));
    memory.putState("risk.day", "2026-01-01", 1);
    memory.putState("risk.trades", "3", 1);
    memory.putState("other", "x", 1);
    assertThat(memory.states("risk.")).containsOnlyKeys("risk.day", "risk.trades");
    assertThat(memory.compareAndSetState("risk.day", "2025-12-31", "2026-01-02", 2)).isFalse();
    assertThat(memory.compareAndSetState("risk.day", "2026-01-01", "2026-01-02", 2)).isTrue();
    assertThat(memory.compareAndSetState("absent", null, "1", 2)).isTrue();
    assertThat(memory.state("risk.day")).contains("2026-01-02");
    memory.deleteState("other");
    assertThat(memory.state("other")).isEmpty();
  }

  @Test
  void aFailedTransactionLeavesNothingHalfWritten() {
    assertThatThrownBy(() -> memory.inTransaction(() -> {
      memory.putState("a", "1", 1);
      memory.journal(intent("c-1", null, 1));
      throw new IllegalStateException("boom");
    })).hasMessage("boom");
    assertThat(memory.state("a")).isEmpty();
    assertThat(memory.order("c-1")).isEmpty();
    int result = memory.inTransaction(() -> {
      memory.putState("a", "1", 1);
      return memory.inTransaction(() -> {
        memory.putState("b", "2", 1);
        return 42;
      });
    });
    assertThat(result).isEqualTo(42);
    assertThat(memory.states("")).containsKeys("a", "b");
  }

  @Test
  void concurrentWritersLoseNothing() throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(4);
    AtomicInteger next = new AtomicInteger();
    try {
      List<Future<?>> futures = new java.util.ArrayList<>();
      for (int t = 0; t < 4; t++) {
        futures.add(pool.submit(() -> {
          for (int i = 0; i < 50; i++) {
            int n = next.incrementAndGet();
            memory.recordFill("paper", null, fill("t" + n, "c", n));
            memory.putState("counter." + n, "x", n);
          }
        }));
      }
      for (Future<?> f : futures) {
        f.get(60, TimeUnit.SECONDS);
      }
    } finally {
      pool.shutdownNow();
    }
    assertThat(memory.fills("paper", null, 0)).hasSize(200);
    assertThat(memory.states("counter.")).hasSize(200);
    assertThat(memory.integrityCheck()).isEqualTo("ok");
  }

  @Test
  void closedMemoryRefusesWork() {
    memory.close();
    memory.close();
    assertThatThrownBy(() -> memory.state("x")).isInstanceOf(MemoryException.class).hasMessageContaining("closed");
    assertThat(memory.location()).endsWith("t.db");
    assertThat(memory.toString()).contains("t.db");
  }
}
