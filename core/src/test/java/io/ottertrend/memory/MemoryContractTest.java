package io.ottertrend.memory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.ottertrend.model.Fill;
import io.ottertrend.model.OrderType;
import io.ottertrend.model.Side;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What every {@link Memory} must do, whatever it stores data in. {@link SqliteMemory} is the reference;
 * each implementation runs these scenarios through a subclass.
 */
abstract class MemoryContractTest {
  @TempDir Path dir;
  Memory memory;

  /** A new, empty memory; {@code dir} is a fresh temporary folder it may use. */
  abstract Memory open(Path dir);

  @BeforeEach
  void openMemory() {
    memory = open(dir);
  }

  @AfterEach
  void closeMemory() {
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

  static RunInfo runInfo() {
    return new RunInfo("backtest", "synthetic", "rules", "paper", "0.1", "abc", null);
  }

  static TradeRecord trade(Long runId, String symbol, long closedAt) {
    return new TradeRecord(0, runId, "paper", symbol, new BigDecimal("0.001"), new BigDecimal("50000"),
        new BigDecimal("51000"), closedAt - 1, closedAt, new BigDecimal("0.95"), new BigDecimal("0.05"), "SIGNAL");
  }

  static PositionRecord position(String exchange, String symbol, String quantity, long openedAt) {
    return new PositionRecord(exchange, symbol, new BigDecimal(quantity), new BigDecimal("100"),
        new BigDecimal("10"), openedAt, null, null, 0, false, openedAt);
  }

  static DecisionRecord decision(long at) {
    return new DecisionRecord(0, null, at, "h", "rules", "t", "[]", "[]", 0, 0, 0, "OK");
  }

  static RiskEvent riskEvent(long at) {
    return new RiskEvent(0, null, at, "APPROVE", "engine", null, "BTCUSDT", "BUY", "{}", "{}", null);
  }

  static void assertKind(ThrowingCallable call, MemoryException.Kind kind) {
    assertThatThrownBy(call).isInstanceOfSatisfying(MemoryException.class, e -> assertThat(e.kind()).isEqualTo(kind));
  }

  // --- scenarios moved from SqliteMemoryTest -------------------------------------------------------------

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
    assertKind(() -> memory.journal(intent("c-1", run, 12)), MemoryException.Kind.CONFLICT);
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

  /**
   * An {@link Error} (an assertion in an embedder's callback, a stack overflow) unwinds the transaction as an
   * exception does: nothing of it is kept, and the journal takes the next transaction instead of refusing every
   * later write because the failed one was never closed.
   */
  @Test
  void anErrorInsideATransactionRollsItBackAndLeavesTheJournalUsable() {
    assertThatThrownBy(() -> memory.inTransaction(() -> {
      memory.putState("a", "1", 1);
      memory.journal(intent("c-1", null, 1));
      throw new AssertionError("callback failed");
    })).isInstanceOf(AssertionError.class).hasMessage("callback failed");
    assertThat(memory.state("a")).isEmpty();
    assertThat(memory.order("c-1")).isEmpty();
    memory.putState("b", "2", 1);
    memory.inTransaction(() -> {
      memory.journal(intent("c-2", null, 2));
      return null;
    });
    assertThat(memory.state("b")).contains("2");
    assertThat(memory.order("c-2")).isPresent();
    assertThat(memory.states("")).doesNotContainKey("a");
  }

  @Test
  void concurrentWritersLoseNothing() throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(4);
    AtomicInteger next = new AtomicInteger();
    try {
      List<Future<?>> futures = new ArrayList<>();
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
  }

  // --- ids, ordering, limits ----------------------------------------------------------------------------

  @Test
  void idsStartAtOneAndIncreasePerTable() {
    assertThat(memory.startRun(runInfo(), 1)).isEqualTo(1);
    assertThat(memory.startRun(runInfo(), 2)).isEqualTo(2);
    assertThat(memory.recordDecision(decision(1))).isEqualTo(1);
    assertThat(memory.recordDecision(decision(1))).isEqualTo(2);
    assertThat(memory.recordTrade(trade(null, "BTCUSDT", 5))).isEqualTo(1);
    assertThat(memory.recordTrade(trade(1L, "BTCUSDT", 5))).isEqualTo(2);
    assertThat(memory.recordSignals(new SignalRecord(0, 1, "a", "s", "{}"))).isEqualTo(1);
    assertThat(memory.recordSignals(new SignalRecord(0, 1, "b", "s", "{}"))).isEqualTo(2);
    assertThat(memory.recordRiskEvent(riskEvent(1))).isEqualTo(1);
    assertThat(memory.recordRiskEvent(riskEvent(1))).isEqualTo(2);
    memory.log(null, 1, "INFO", "x", "one");
    memory.log(null, 1, "INFO", "x", "two");
    assertThat(memory.recentLogs(-1)).extracting(LogEntry::id).containsExactly(2L, 1L);
    assertThat(memory.trades(null, 10)).extracting(TradeRecord::id).containsExactly(2L, 1L);
    assertThat(memory.recentDecisions(10)).extracting(DecisionRecord::id).containsExactly(2L, 1L);
  }

  @Test
  void ordersAreOrderedByCreationTimeThenInsertion() {
    memory.journal(intent("late", null, 30));
    memory.journal(intent("early", null, 10));
    memory.journal(intent("tie-a", null, 20));
    memory.journal(intent("tie-b", null, 20));
    memory.updateOrder("tie-a", OrderState.OPEN, null, null, null, null, 40);
    assertThat(memory.orders(EnumSet.of(OrderState.NEW, OrderState.OPEN))).extracting(JournaledOrder::clientOrderId)
        .containsExactly("early", "tie-a", "tie-b", "late");
    assertThat(memory.orders(List.of(OrderState.NEW))).extracting(JournaledOrder::clientOrderId)
        .containsExactly("early", "tie-b", "late");
    assertThat(memory.recentOrders(3)).extracting(JournaledOrder::clientOrderId)
        .containsExactly("late", "tie-b", "tie-a");
    assertThat(memory.recentOrders(0)).isEmpty();
    assertThat(memory.recentOrders(-1)).hasSize(4);
  }

  @Test
  void updateOrderKeepsStoredValuesForNullArguments() {
    memory.journal(intent("c", null, 1));
    memory.updateOrder("c", OrderState.OPEN, "ex-1", new BigDecimal("0.5"), new BigDecimal("25"), "placed", 2);
    memory.updateOrder("c", null, null, null, null, null, 3);
    JournaledOrder o = memory.order("c").orElseThrow();
    assertThat(o.state()).isEqualTo(OrderState.OPEN);
    assertThat(o.exchangeOrderId()).isEqualTo("ex-1");
    assertThat(o.executedQty()).isEqualTo(new BigDecimal("0.5"));
    assertThat(o.cumulativeQuote()).isEqualTo(new BigDecimal("25"));
    assertThat(o.reason()).isEqualTo("placed");
    assertThat(o.updatedAt()).isEqualTo(3);
    assertThat(o.createdAt()).isEqualTo(1);
    assertKind(() -> memory.updateOrder("missing", null, null, null, null, null, 4), MemoryException.Kind.IO);
  }

  @Test
  void fillsAreOrderedByTimeThenInsertionAndFilteredInclusively() {
    memory.recordFill("paper", null, fill("b", "c", 20));
    memory.recordFill("paper", null, fill("a", "c", 10));
    memory.recordFill("paper", null, fill("c", "c", 20));
    memory.recordFill("paper", null, new Fill("ETHUSDT", "e", null, null, Side.SELL, BigDecimal.ONE, BigDecimal.TEN,
        null, null, null, true, 15));
    memory.recordFill("mexc", null, fill("m", "c", 12));
    assertThat(memory.fills("paper", null, 0)).extracting(Fill::tradeId).containsExactly("a", "e", "b", "c");
    assertThat(memory.fills("paper", null, 20)).extracting(Fill::tradeId).containsExactly("b", "c");
    assertThat(memory.fills("paper", "BTCUSDT", 10)).extracting(Fill::tradeId).containsExactly("a", "b", "c");
    assertThat(memory.fills("nowhere", null, 0)).isEmpty();
    assertThat(memory.fillsForOrder("c")).extracting(Fill::tradeId).containsExactly("a", "m", "b", "c");
    assertThat(memory.fillsForOrder("other")).isEmpty();
    assertThat(memory.fills("paper", "ETHUSDT", 0)).singleElement().satisfies(f -> {
      assertThat(f.orderId()).isNull();
      assertThat(f.clientOrderId()).isNull();
      assertThat(f.maker()).isTrue();
      assertThat(f.commissionAsset()).isEmpty();
    });
  }

  @Test
  void tradesAreMostRecentlyClosedFirstPerRunOrAll() {
    long run1 = memory.startRun(runInfo(), 1);
    long run2 = memory.startRun(runInfo(), 1);
    long a = memory.recordTrade(trade(run1, "A", 30));
    long b = memory.recordTrade(trade(run2, "B", 10));
    long c = memory.recordTrade(trade(run1, "C", 30));
    long d = memory.recordTrade(trade(null, "D", 20));
    assertThat(memory.trades(null, 10)).extracting(TradeRecord::id).containsExactly(c, a, d, b);
    assertThat(memory.trades(null, 2)).extracting(TradeRecord::id).containsExactly(c, a);
    assertThat(memory.trades(run1, 10)).extracting(TradeRecord::id).containsExactly(c, a);
    assertThat(memory.trades(run2, 10)).extracting(TradeRecord::id).containsExactly(b);
    assertThat(memory.trades(99L, 10)).isEmpty();
    assertThat(memory.trades(null, 0)).isEmpty();
  }

  @Test
  void positionsArePerExchangeOrderedByOpeningThenSymbol() {
    memory.upsertPosition(position("paper", "SOLUSDT", "1", 20));
    memory.upsertPosition(position("paper", "ETHUSDT", "1", 20));
    memory.upsertPosition(position("paper", "BTCUSDT", "1", 30));
    memory.upsertPosition(position("paper", "XRPUSDT", "1", 10));
    memory.upsertPosition(position("mexc", "BTCUSDT", "2", 10));
    assertThat(memory.positions("paper")).extracting(PositionRecord::symbol)
        .containsExactly("XRPUSDT", "ETHUSDT", "SOLUSDT", "BTCUSDT");
    assertThat(memory.positions("mexc")).extracting(PositionRecord::quantity).containsExactly(new BigDecimal("2"));
    memory.removePosition("paper", "ETHUSDT");
    memory.removePosition("paper", "NOTHELD");
    memory.removePosition("nowhere", "BTCUSDT");
    assertThat(memory.positions("paper")).extracting(PositionRecord::symbol)
        .containsExactly("XRPUSDT", "SOLUSDT", "BTCUSDT");
    assertThat(memory.positions("nowhere")).isEmpty();
  }

  @Test
  void decisionsRiskEventsAndLogsAreMostRecentFirstByTimeThenId() {
    memory.recordDecision(decision(20));
    memory.recordDecision(decision(10));
    memory.recordDecision(decision(20));
    assertThat(memory.recentDecisions(10)).extracting(DecisionRecord::id).containsExactly(3L, 1L, 2L);
    assertThat(memory.recentDecisions(1)).extracting(DecisionRecord::id).containsExactly(3L);
    memory.recordRiskEvent(riskEvent(5));
    memory.recordRiskEvent(riskEvent(3));
    assertThat(memory.recentRiskEvents(10)).extracting(RiskEvent::id).containsExactly(1L, 2L);
    memory.log(null, 7, "INFO", "x", "later");
    memory.log(null, 6, "INFO", "x", "earlier");
    assertThat(memory.recentLogs(10)).extracting(LogEntry::message).containsExactly("later", "earlier");
    assertThat(memory.recentRuns(0)).isEmpty();
  }

  @Test
  void signalsAreSelectedByKindAndInclusiveTimeRange() {
    memory.recordSignals(new SignalRecord(0, 100, "trends", "a", "1"));
    memory.recordSignals(new SignalRecord(0, 100, "trends", "b", "2"));
    memory.recordSignals(new SignalRecord(0, 300, "trends", "c", "3"));
    assertThat(memory.signalsAt("trends", 100)).hasValueSatisfying(s -> assertThat(s.payloadJson()).isEqualTo("2"));
    assertThat(memory.signals("trends", 100, 300)).extracting(SignalRecord::payloadJson).containsExactly("1", "2", "3");
    assertThat(memory.signals("trends", 101, 299)).isEmpty();
    assertThat(memory.signals("trends", 300, 100)).isEmpty();
    assertThat(memory.signals("news", 0, 1000)).isEmpty();
    assertThat(memory.signalsAt("news", 1000)).isEmpty();
  }

  @Test
  void tokensCountOnlyNetworkCallsInTheWindowAndRun() {
    long run1 = memory.startRun(runInfo(), 1);
    long run2 = memory.startRun(runInfo(), 1);
    memory.recordLlmUsage(new LlmUsage(run1, 10, "h", false, 10, 1));
    memory.recordLlmUsage(new LlmUsage(run2, 20, "h", false, 100, 10));
    memory.recordLlmUsage(new LlmUsage(null, 30, "h", false, 1000, 100));
    memory.recordLlmUsage(new LlmUsage(run1, 40, "h", true, 5, 5));
    assertThat(memory.llmTokensSpent(null, 0)).isEqualTo(1221);
    assertThat(memory.llmTokensSpent(null, 20)).isEqualTo(1210);
    assertThat(memory.llmTokensSpent(run1, 0)).isEqualTo(11);
    assertThat(memory.llmTokensSpent(run2, 21)).isZero();
    assertThat(memory.llmUsage(run1)).extracting(LlmUsage::at).containsExactly(10L, 40L);
  }

  @Test
  void statesAndConfigAreSortedByKey() {
    memory.putState("b.2", "x", 1);
    memory.putState("a", "x", 1);
    memory.putState("b.1", "y", 1);
    memory.putState("b", "z", 1);
    memory.putState("c", "x", 1);
    assertThat(new ArrayList<>(memory.states("b").keySet())).containsExactly("b", "b.1", "b.2");
    assertThat(new ArrayList<>(memory.states("b.").keySet())).containsExactly("b.1", "b.2");
    assertThat(new ArrayList<>(memory.states("").keySet())).containsExactly("a", "b", "b.1", "b.2", "c");
    assertThat(memory.states("zzz")).isEmpty();
    memory.putConfig("z", "1", 1);
    memory.putConfig("m", "2", 1);
    assertThat(new ArrayList<>(memory.allConfig().keySet())).containsExactly("m", "z");
    assertThat(memory.config("none")).isEmpty();
  }

  @Test
  void compareAndSetStateTreatsNullAsAbsent() {
    assertThat(memory.compareAndSetState("k", "v", "w", 1)).isFalse();
    assertThat(memory.state("k")).isEmpty();
    assertThat(memory.compareAndSetState("k", null, "v", 1)).isTrue();
    assertThat(memory.compareAndSetState("k", null, "w", 2)).isFalse();
    assertThat(memory.compareAndSetState("k", "x", "w", 2)).isFalse();
    assertThat(memory.state("k")).contains("v");
    assertThat(memory.compareAndSetState("k", "v", "w", 2)).isTrue();
    assertThat(memory.state("k")).contains("w");
    memory.deleteState("k");
    memory.deleteState("k");
    assertThat(memory.compareAndSetState("k", null, "again", 3)).isTrue();
    assertThat(memory.state("k")).contains("again");
  }

  // --- rules SQLite enforces ----------------------------------------------------------------------------

  @Test
  void brokenRulesAreConflictsThatWriteNothing() {
    assertKind(() -> memory.putState("k", null, 1), MemoryException.Kind.CONFLICT);
    assertKind(() -> memory.putConfig("k", null, 1), MemoryException.Kind.CONFLICT);
    assertKind(() -> memory.journal(intent("c", 42L, 1)), MemoryException.Kind.CONFLICT);
    assertKind(() -> memory.recordTrade(trade(42L, "BTCUSDT", 1)), MemoryException.Kind.CONFLICT);
    assertKind(() -> memory.recordEquity(new EquityPoint(42, 1, BigDecimal.ONE, BigDecimal.ONE)),
        MemoryException.Kind.CONFLICT);
    assertKind(() -> memory.recordFill("paper", 42L, fill("t", "c", 1)), MemoryException.Kind.CONFLICT);
    assertKind(() -> memory.recordRiskEvent(new RiskEvent(0, null, 1, "MAYBE", "r", null, null, null, null, null,
        null)), MemoryException.Kind.CONFLICT);
    assertKind(() -> memory.log(null, 1, "INFO", "x", null), MemoryException.Kind.CONFLICT);
    assertThat(memory.state("k")).isEmpty();
    assertThat(memory.order("c")).isEmpty();
    assertThat(memory.trades(null, -1)).isEmpty();
    assertThat(memory.fills("paper", null, 0)).isEmpty();
    assertThat(memory.recentRiskEvents(-1)).isEmpty();
    assertThat(memory.recentLogs(-1)).isEmpty();
    assertThat(memory.recordTrade(trade(null, "BTCUSDT", 1))).isEqualTo(1);
    assertThat(memory.recordFill(null, null, fill("t", "c", 1))).isFalse(); // INSERT OR IGNORE skips it
  }

  @Test
  void anOrderIsLinkedToTheDecisionThatPlacedItOnceAndOnlyOnce() {
    memory.journal(intent("tool", null, 1));
    memory.updateOrder("tool", OrderState.OPEN, "ex-1", null, null, null, 2);
    memory.linkDecision("tool", 7);
    memory.linkDecision("tool", 8); // a later decision does not take it over
    JournaledOrder linked = memory.order("tool").orElseThrow();
    assertThat(linked.decisionId()).isEqualTo(7L);
    assertThat(linked.state()).isEqualTo(OrderState.OPEN);
    assertThat(linked.exchangeOrderId()).isEqualTo("ex-1");
    assertThat(linked.updatedAt()).isEqualTo(2);
    assertThat(memory.orders(List.of(OrderState.OPEN))).singleElement()
        .satisfies(o -> assertThat(o.decisionId()).isEqualTo(7L));
    assertKind(() -> memory.linkDecision("missing", 7), MemoryException.Kind.IO);
  }

  @Test
  void decimalsComeBackAsStoredText() {
    memory.upsertPosition(new PositionRecord("paper", "BTCUSDT", new BigDecimal("1.500"), new BigDecimal("1E+3"),
        new BigDecimal("0"), 1, null, new BigDecimal("2.0E+1"), 0, false, 1));
    PositionRecord p = memory.positions("paper").get(0);
    assertThat(p.quantity()).isEqualTo(new BigDecimal("1.500"));
    assertThat(p.averageEntryPrice()).isEqualTo(new BigDecimal("1000"));
    assertThat(p.takeProfit()).isEqualTo(new BigDecimal("20"));
    assertThat(p.stopLoss()).isNull();
  }

  // --- transactions -------------------------------------------------------------------------------------

  private static final MemoryReads READS = new MemoryReads(List.of(1L, 2L, 3L), List.of("old", "new", "missing"),
      List.of("paper"), List.of("BTCUSDT", "ETHUSDT"), List.of(0L, 50L), List.of("trends"),
      List.of("keep", "change", "drop", "fresh"), List.of("", "c"), List.of("h-old", "h-new"));

  @Test
  void aRolledBackTransactionUndoesEveryKindOfWrite() {
    long run = memory.startRun(runInfo(), 1);
    memory.journal(intent("old", run, 1));
    memory.recordFill("paper", run, fill("t-old", "old", 1));
    memory.recordTrade(trade(run, "BTCUSDT", 2));
    memory.upsertPosition(position("paper", "BTCUSDT", "1", 1));
    memory.upsertPosition(position("paper", "ETHUSDT", "1", 1));
    memory.recordEquity(new EquityPoint(run, 1, BigDecimal.ONE, BigDecimal.ONE));
    memory.recordDecision(decision(1));
    memory.recordLlmCall(new LlmCall("h-old", "m", "q", "a", 1, 1, 1, 1));
    memory.recordLlmUsage(new LlmUsage(run, 1, "h-old", false, 1, 1));
    memory.recordSignals(new SignalRecord(0, 1, "trends", "s", "{}"));
    memory.recordRiskEvent(riskEvent(1));
    memory.log(run, 1, "INFO", "x", "before");
    memory.putConfig("keep", "1", 1);
    memory.putState("keep", "1", 1);
    memory.putState("change", "1", 1);
    memory.putState("drop", "1", 1);
    Map<String, Object> before = READS.of(memory);

    assertThatThrownBy(() -> memory.inTransaction(() -> {
      long newRun = memory.startRun(runInfo(), 60);
      memory.finishRun(run, "FAILED", 60);
      memory.journal(intent("new", newRun, 60));
      memory.updateOrder("old", OrderState.FILLED, "ex", BigDecimal.ONE, BigDecimal.TEN, "filled", 60);
      memory.linkDecision("old", 99);
      memory.recordFill("paper", newRun, fill("t-new", "old", 60));
      memory.recordTrade(trade(newRun, "ETHUSDT", 60));
      memory.upsertPosition(position("paper", "BTCUSDT", "2", 1));
      memory.removePosition("paper", "ETHUSDT");
      memory.upsertPosition(position("paper", "SOLUSDT", "3", 60));
      memory.recordEquity(new EquityPoint(run, 1, BigDecimal.TEN, BigDecimal.TEN));
      memory.recordEquity(new EquityPoint(run, 60, BigDecimal.TEN, BigDecimal.TEN));
      memory.recordDecision(decision(60));
      memory.recordLlmCall(new LlmCall("h-new", "m", "q", "a", 1, 1, 1, 60));
      memory.recordLlmUsage(new LlmUsage(newRun, 60, "h-new", false, 5, 5));
      memory.recordSignals(new SignalRecord(0, 60, "trends", "s", "{}"));
      memory.recordRiskEvent(riskEvent(60));
      memory.log(newRun, 60, "INFO", "x", "inside");
      memory.putConfig("keep", "2", 60);
      memory.putConfig("fresh", "2", 60);
      memory.putState("change", "2", 60);
      memory.deleteState("drop");
      memory.compareAndSetState("fresh", null, "2", 60);
      assertThat(READS.of(memory)).isNotEqualTo(before); // the transaction sees its own writes
      throw new IllegalStateException("undo all of it");
    })).hasMessage("undo all of it");

    assertThat(READS.of(memory)).isEqualTo(before);
    // ids taken by the rolled-back inserts are handed out again, as SQLite does
    assertThat(memory.startRun(runInfo(), 70)).isEqualTo(2);
    assertThat(memory.recordTrade(trade(null, "X", 70))).isEqualTo(2);
    assertThat(memory.recordDecision(decision(70))).isEqualTo(2);
  }

  @Test
  void nestedTransactionsJoinTheOuterOne() {
    assertThatThrownBy(() -> memory.inTransaction(() -> {
      memory.inTransaction(() -> {
        memory.putState("inner", "1", 1);
        return null;
      });
      throw new IllegalStateException("outer fails");
    })).hasMessage("outer fails");
    assertThat(memory.state("inner")).isEmpty(); // the inner "commit" was only part of the outer transaction

    // an inner failure caught by the outer work undoes nothing by itself: there are no savepoints
    memory.inTransaction(() -> {
      try {
        memory.inTransaction(() -> {
          memory.putState("joined", "1", 1);
          throw new IllegalStateException("inner fails");
        });
      } catch (IllegalStateException expected) {
        memory.putState("after", "1", 1);
      }
      return null;
    });
    assertThat(memory.states("")).containsOnlyKeys("joined", "after");
  }

  @Test
  void aFailedWriteInsideATransactionKeepsTheOthers() {
    memory.journal(intent("c", null, 1));
    memory.inTransaction(() -> {
      memory.putState("a", "1", 1);
      assertKind(() -> memory.journal(intent("c", null, 2)), MemoryException.Kind.CONFLICT);
      assertThat(memory.recordFill("paper", null, fill("t", "c", 1))).isTrue();
      assertThat(memory.recordFill("paper", null, fill("t", "c", 1))).isFalse();
      return null;
    });
    assertThat(memory.state("a")).contains("1");
    assertThat(memory.order("c")).hasValueSatisfying(o -> assertThat(o.createdAt()).isEqualTo(1));
    assertThat(memory.fills("paper", null, 0)).hasSize(1);
  }

  @Test
  void anotherThreadNeverSeesAHalfDoneTransaction() throws Exception {
    CountDownLatch firstWritten = new CountDownLatch(1);
    CountDownLatch release = new CountDownLatch(1);
    ExecutorService pool = Executors.newFixedThreadPool(2);
    try {
      Future<?> writer = pool.submit(() -> memory.inTransaction(() -> {
        memory.putState("a", "1", 1);
        firstWritten.countDown();
        await(release);
        memory.putState("b", "1", 1);
        return null;
      }));
      assertThat(firstWritten.await(10, TimeUnit.SECONDS)).isTrue();
      Future<Map<String, String>> reader = pool.submit(() -> memory.states(""));
      Thread.sleep(50);
      assertThat(reader.isDone()).isFalse(); // blocked until the transaction ends
      release.countDown();
      writer.get(10, TimeUnit.SECONDS);
      assertThat(reader.get(10, TimeUnit.SECONDS)).containsOnlyKeys("a", "b");
    } finally {
      release.countDown();
      pool.shutdownNow();
    }
  }

  private static void await(CountDownLatch latch) {
    try {
      assertThat(latch.await(10, TimeUnit.SECONDS)).isTrue();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  // --- results and lifecycle ----------------------------------------------------------------------------

  @Test
  void resultsAreSnapshotsUnaffectedByLaterWritesOrByTheirCaller() {
    memory.journal(intent("c", null, 1));
    memory.recordFill("paper", null, fill("t1", "c", 1));
    memory.putState("s.a", "1", 1);
    List<JournaledOrder> open = memory.orders(List.of(OrderState.NEW));
    List<Fill> fills = memory.fills("paper", null, 0);
    Map<String, String> states = memory.states("s.");
    memory.updateOrder("c", OrderState.OPEN, null, null, null, null, 2);
    memory.recordFill("paper", null, fill("t2", "c", 2));
    memory.putState("s.b", "2", 2);
    assertThat(open).singleElement().extracting(JournaledOrder::state).isEqualTo(OrderState.NEW);
    assertThat(fills).hasSize(1);
    assertThat(states).containsOnlyKeys("s.a");

    tryToChange(() -> memory.fills("paper", null, 0).clear());
    tryToChange(() -> memory.states("").clear());
    tryToChange(() -> memory.recentOrders(-1).clear());
    assertThat(memory.fills("paper", null, 0)).hasSize(2);
    assertThat(memory.states("")).hasSize(2);
    assertThat(memory.recentOrders(-1)).hasSize(1);
  }

  /** A caller may get an unmodifiable or a private copy; either way the memory must not change. */
  private static void tryToChange(Runnable change) {
    try {
      change.run();
    } catch (UnsupportedOperationException refused) {
      // an unmodifiable result is fine
    }
  }

  @Test
  void closedMemoryRefusesWork() {
    memory.putState("k", "v", 1);
    memory.close();
    memory.close();
    assertKind(() -> memory.state("k"), MemoryException.Kind.IO);
    assertKind(() -> memory.putState("k", "w", 2), MemoryException.Kind.IO);
    assertKind(() -> memory.recentOrders(1), MemoryException.Kind.IO);
    assertKind(() -> memory.inTransaction(() -> 1), MemoryException.Kind.IO);
    assertThatThrownBy(() -> memory.state("k")).hasMessageContaining("closed");
    assertThat(memory.location()).isNotBlank();
  }
}
