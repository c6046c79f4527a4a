package io.ottertrend.agent;

import static io.ottertrend.agent.AgentFixture.KLP;
import static io.ottertrend.agent.AgentFixture.MX;
import static io.ottertrend.agent.AgentFixture.OTR;
import static io.ottertrend.agent.AgentFixture.d;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.ottertrend.agent.FakeExchange.FeeMode;
import io.ottertrend.agent.FakeExchange.PlaceFault;
import io.ottertrend.exchange.ExchangeException;
import io.ottertrend.memory.JournaledOrder;
import io.ottertrend.memory.Memory;
import io.ottertrend.memory.OrderState;
import io.ottertrend.memory.PositionRecord;
import io.ottertrend.memory.SqliteMemory;
import io.ottertrend.memory.TradeRecord;
import io.ottertrend.model.OrderRequest;
import io.ottertrend.model.Side;
import io.ottertrend.time.Clock;
import io.ottertrend.time.SimulatedClock;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Order manager against the deterministic fake exchange: reliability tests 1–3, 5–7, 9–13 and 36. */
class OrderManagerTest {
  @TempDir Path dir;
  SimulatedClock clock = Clock.simulated(Instant.parse("2026-01-05T10:00:00Z"));
  SqliteMemory memory;
  FakeExchange exchange;
  OrderManager om;

  @BeforeEach
  void setUp() {
    memory = SqliteMemory.open(dir.resolve("agent.db"));
    exchange = new FakeExchange(clock).symbol(OTR, "2").symbol(KLP, "1").symbol(MX, "0.5").deposit("USDT", "100");
    om = manager(memory);
  }

  @AfterEach
  void tearDown() {
    memory.close();
  }

  OrderManager manager(Memory m) {
    return OrderManager.builder(exchange, m, clock).clientIdPrefix("t").build();
  }

  JournaledOrder buyQuote(String quote) {
    return om.submit(OrderRequest.marketBuyQuote("OTRUSDT", d(quote), om.newClientOrderId()), OrderPurpose.ENTRY,
        null);
  }

  JournaledOrder limit(Side side, String qty, String price) {
    return om.submit(OrderRequest.limit("OTRUSDT", side, d(qty), d(price), om.newClientOrderId()),
        side == Side.BUY ? OrderPurpose.ENTRY : OrderPurpose.EXIT, 7L);
  }

  BigDecimal positionQty() {
    return om.position("OTRUSDT").map(PositionRecord::quantity).orElse(BigDecimal.ZERO);
  }

  // --- placement outcomes -------------------------------------------------------------------------------

  @Test
  void acknowledgedMarketBuyIsFilledAndBecomesAPositionFromItsFills() {
    JournaledOrder o = buyQuote("10");

    assertThat(o.state()).isEqualTo(OrderState.FILLED);
    assertThat(o.exchangeOrderId()).isNotNull();
    assertThat(o.executedQty()).isEqualByComparingTo("5");
    PositionRecord p = om.position("OTRUSDT").orElseThrow();
    assertThat(p.quantity()).isEqualByComparingTo("5");
    assertThat(p.costBasis()).as("quote fee adds to the cost").isEqualByComparingTo("10.01");
    assertThat(p.averageEntryPrice()).isEqualByComparingTo("2");
    assertThat(memory.fillsForOrder(o.clientOrderId())).hasSize(1);
  }

  @Test
  void acceptedOrderWhoseAnswerTimesOutIsResolvedByQueryAndNeverResent() {
    exchange.failNextPlacement(PlaceFault.ACCEPT_THEN_TIMEOUT);
    String cid = om.newClientOrderId();
    exchange.hideFromQueries(cid, 1);

    JournaledOrder o = om.submit(OrderRequest.marketBuyQuote("OTRUSDT", d("10"), cid), OrderPurpose.ENTRY, null);
    assertThat(o.state()).as("first query missed it: still unknown, not failed").isEqualTo(OrderState.UNKNOWN);
    assertThat(o.reason()).contains("outcome unknown");

    SyncResult r = om.sync();
    assertThat(r.transitions()).extracting(OrderTransition::to).containsExactly(OrderState.FILLED);
    assertThat(exchange.placements(cid)).isEqualTo(1);
    assertThat(exchange.allOrders()).hasSize(1);
    assertThat(positionQty()).isEqualByComparingTo("5");
    assertThat(om.sync().newFills()).as("fills are applied once").isEmpty();
    assertThat(positionQty()).isEqualByComparingTo("5");
  }

  @Test
  void refusedConnectionIsClosedAsNotSentOnlyAfterGraceAndRepeatedMisses() {
    exchange.failNextPlacement(PlaceFault.REFUSE);
    JournaledOrder o = buyQuote("10");
    assertThat(o.state()).isEqualTo(OrderState.UNKNOWN);

    // many misses in a short time are not enough
    for (int i = 0; i < 5; i++) {
      clock.advance(Duration.ofSeconds(5));
      om.sync();
    }
    assertThat(om.order(o.clientOrderId()).state()).isEqualTo(OrderState.UNKNOWN);
    clock.advance(Duration.ofSeconds(6));
    SyncResult r = om.sync();
    assertThat(r.transitions()).singleElement().satisfies(t -> {
      assertThat(t.to()).isEqualTo(OrderState.NOT_SENT);
      assertThat(t.note()).contains("not found");
    });
    assertThat(exchange.placements(o.clientOrderId())).isZero();

    JournaledOrder fresh = buyQuote("10");
    assertThat(fresh.clientOrderId()).isNotEqualTo(o.clientOrderId());
    assertThat(fresh.state()).isEqualTo(OrderState.FILLED);
    assertThat(exchange.allOrders()).hasSize(1);
  }

  @Test
  void fewMissesOverALongTimeAreNotEnoughEither() {
    om = OrderManager.builder(exchange, memory, clock).clientIdPrefix("t").notFoundMisses(4)
        .notFoundGrace(Duration.ofSeconds(10)).build();
    exchange.failNextPlacement(PlaceFault.AMBIGUOUS_NOT_PLACED);
    JournaledOrder o = buyQuote("10"); // miss 1
    clock.advance(Duration.ofMinutes(10));
    om.sync(); // miss 2
    om.sync(); // miss 3
    assertThat(om.order(o.clientOrderId()).state()).isEqualTo(OrderState.UNKNOWN);
    om.sync(); // miss 4
    assertThat(om.order(o.clientOrderId()).state()).isEqualTo(OrderState.NOT_SENT);
  }

  @Test
  void http503AfterPlacementIsAmbiguousResolvedByQueryWithoutResend() {
    exchange.failNextPlacement(PlaceFault.AMBIGUOUS_PLACED);
    JournaledOrder o = buyQuote("10");

    assertThat(o.state()).isEqualTo(OrderState.FILLED);
    assertThat(exchange.placements(o.clientOrderId())).isEqualTo(1);
    assertThat(exchange.allOrders()).hasSize(1);
  }

  @Test
  void unexpectedExceptionFromTheClientIsTreatedAsUnknown() {
    exchange.rejectNextPlacement(new IllegalStateException("bug in a client"));
    JournaledOrder o = buyQuote("10");
    assertThat(o.state()).isEqualTo(OrderState.UNKNOWN);
    assertThat(exchange.allOrders()).isEmpty();
  }

  static Stream<ExchangeException> definitiveRejections() {
    return Stream.of(
        new ExchangeException.InvalidOrder("bad scale", 10096, ExchangeException.InvalidReason.PRECISION),
        new ExchangeException.InsufficientFunds("insufficient balance", 30004),
        new ExchangeException.SymbolNotApiTradable("symbol not support api", 10007),
        new ExchangeException.MarketOrdersDisabled("market orders disabled", 30018),
        new ExchangeException.UnknownSymbol("symbol offline", 30014),
        new ExchangeException.Rejected("something else", 12345),
        new ExchangeException.AuthFailed("api key invalid", 700002),
        new ExchangeException.RateLimited("too many requests", Duration.ofSeconds(3)),
        new ExchangeException.IpBanned("banned", Duration.ofMinutes(2)),
        new ExchangeException.ClockSkew("outside recvWindow", 700003));
  }

  @ParameterizedTest
  @MethodSource("definitiveRejections")
  void definitiveRejectionIsJournalledAsRejectedAndNotRetried(ExchangeException error) {
    exchange.rejectNextPlacement(error);
    JournaledOrder o = buyQuote("10");

    assertThat(o.state()).isEqualTo(OrderState.REJECTED);
    assertThat(o.reason()).contains(error.getClass().getSimpleName()).contains(error.getMessage());
    om.sync();
    clock.advance(Duration.ofMinutes(5));
    om.sync();
    assertThat(exchange.allOrders()).as("never re-sent").isEmpty();
    assertThat(om.order(o.clientOrderId()).state()).isEqualTo(OrderState.REJECTED);
  }

  @Test
  void realInsufficientFundsFromTheExchangeIsRejected() {
    JournaledOrder o = buyQuote("500");
    assertThat(o.state()).isEqualTo(OrderState.REJECTED);
    assertThat(o.reason()).contains("InsufficientFunds").contains("30004");
  }

  @Test
  void externalPurposeIsRefusedForOurOwnOrders() {
    assertThatThrownBy(() -> om.submit(OrderRequest.marketBuyQuote("OTRUSDT", d("10"), om.newClientOrderId()),
        OrderPurpose.EXTERNAL, null)).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("adopted");
    assertThat(exchange.allOrders()).isEmpty();
  }

  @Test
  void sameClientIdIsNeverSentTwice() {
    String cid = om.newClientOrderId();
    om.submit(OrderRequest.marketBuyQuote("OTRUSDT", d("10"), cid), OrderPurpose.ENTRY, null);

    assertThatThrownBy(() -> om.submit(OrderRequest.marketBuyQuote("OTRUSDT", d("10"), cid), OrderPurpose.ENTRY,
        null)).isInstanceOf(OrderManagerException.class)
        .extracting(e -> ((OrderManagerException) e).kind()).isEqualTo(OrderManagerException.Kind.DUPLICATE_CLIENT_ID);
    assertThat(exchange.placements(cid)).isEqualTo(1);
  }

  // --- journal failures (reliability 36) ------------------------------------------------------------------

  @Test
  void journalWriteFailureSendsNothingAndRaisesATypedError() {
    OrderManager broken = manager(AgentFixture.failing(memory, Set.of("journal")));
    String cid = om.newClientOrderId();

    assertThatThrownBy(() -> broken.submit(OrderRequest.marketBuyQuote("OTRUSDT", d("10"), cid),
        OrderPurpose.ENTRY, null))
        .isInstanceOfSatisfying(OrderManagerException.class, e -> {
          assertThat(e.kind()).isEqualTo(OrderManagerException.Kind.JOURNAL_FAILED);
          assertThat(e.getMessage()).contains("nothing sent").contains("disk is full");
        });
    assertThat(exchange.allOrders()).isEmpty();
    assertThat(memory.order(cid)).isEmpty();
  }

  @Test
  void failureToMarkSentSendsNothingAndRestartClosesTheIntentAsNotSent() {
    OrderManager broken = manager(AgentFixture.failing(memory, Set.of("updateOrder")));
    String cid = om.newClientOrderId();
    assertThatThrownBy(() -> broken.submit(OrderRequest.marketBuyQuote("OTRUSDT", d("10"), cid),
        OrderPurpose.ENTRY, null)).isInstanceOf(OrderManagerException.class);
    assertThat(exchange.allOrders()).isEmpty();
    assertThat(memory.order(cid).orElseThrow().state()).isEqualTo(OrderState.NEW);

    ReconciliationReport report = Reconciler.builder(om).build().run();
    assertThat(report.clean()).as(report.summary()).isTrue();
    assertThat(memory.order(cid).orElseThrow().state()).isEqualTo(OrderState.NOT_SENT);
  }

  @Test
  void syncStopsOnABrokenJournalInsteadOfReportingAProblem() {
    limit(Side.BUY, "5", "1.9");
    exchange.setPrice("OTRUSDT", "1.8"); // fills: sync must write
    OrderManager broken = manager(AgentFixture.failing(memory, Set.of("recordFill", "updateOrder")));
    assertThatThrownBy(broken::sync).isInstanceOfSatisfying(OrderManagerException.class,
        e -> assertThat(e.kind()).isEqualTo(OrderManagerException.Kind.JOURNAL_FAILED));
  }

  @Test
  void counterThatCannotBePersistedRefusesToHandOutAnId() {
    OrderManager broken = manager(AgentFixture.failing(memory, Set.of("compareAndSetState")));
    assertThatThrownBy(broken::newClientOrderId).isInstanceOfSatisfying(OrderManagerException.class,
        e -> assertThat(e.kind()).isEqualTo(OrderManagerException.Kind.JOURNAL_FAILED));
  }

  // --- client order ids ---------------------------------------------------------------------------------

  @Test
  void clientIdsAreValidUniqueAndNeverReusedAfterRestart() {
    Set<String> seen = new HashSet<>();
    for (int i = 0; i < 50; i++) {
      seen.add(om.newClientOrderId());
    }
    OrderManager restarted = manager(memory);
    for (int i = 0; i < 50; i++) {
      seen.add(restarted.newClientOrderId());
    }
    assertThat(seen).hasSize(100).allSatisfy(id -> assertThat(id).matches("[A-Za-z0-9_-]{1,32}"));
  }

  @Test
  void theCounterKeptInMemoryYieldsToAnotherWriterAndToARollback() {
    assertThat(om.newClientOrderId()).isEqualTo("t-1");
    assertThat(om.newClientOrderId()).isEqualTo("t-2");
    // another manager on the same database moves the counter: the next id continues from what is stored
    assertThat(memory.compareAndSetState("orders.clientId.counter.t", "2", "9", 0)).isTrue();
    assertThat(om.newClientOrderId()).isEqualTo("t-a"); // 10 in base 36
    assertThat(memory.state("orders.clientId.counter.t")).contains("10");
    // an id taken inside a transaction that rolls back is given out again, as the stored counter says
    assertThatThrownBy(() -> memory.inTransaction(() -> {
      assertThat(om.newClientOrderId()).isEqualTo("t-b");
      throw new IllegalStateException("boom");
    })).isInstanceOf(IllegalStateException.class);
    assertThat(memory.state("orders.clientId.counter.t")).contains("10");
    assertThat(om.newClientOrderId()).isEqualTo("t-b");
    assertThat(manager(memory).newClientOrderId()).isEqualTo("t-c");
  }

  @Test
  void defaultPrefixIsRandomPerDatabaseAndKeptAcrossRestarts() {
    OrderManager a = OrderManager.builder(exchange, memory, clock).build();
    OrderManager again = OrderManager.builder(exchange, memory, clock).build();
    try (SqliteMemory other = SqliteMemory.open(dir.resolve("other.db"))) {
      OrderManager b = OrderManager.builder(exchange, other, clock).build();
      assertThat(a.clientIdPrefix()).isEqualTo(again.clientIdPrefix()).startsWith("ot")
          .isNotEqualTo(b.clientIdPrefix());
      assertThat(a.newClientOrderId()).hasSizeLessThanOrEqualTo(32).startsWith(a.clientIdPrefix() + "-");
    }
  }

  @Test
  void builderRefusesBadSettings() {
    var b = OrderManager.builder(exchange, memory, clock);
    assertThatThrownBy(() -> b.clientIdPrefix("has space")).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> b.clientIdPrefix("x".repeat(17))).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> b.notFoundMisses(0)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> b.notFoundGrace(Duration.ofSeconds(-1))).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> b.fillSlack(null)).isInstanceOf(IllegalArgumentException.class);
  }

  // --- not found after placement (reliability 7) -----------------------------------------------------------

  @Test
  void acknowledgedOrderReportedMissingIsNeverClosedAndLaterFillsApply() {
    String cid = om.newClientOrderId();
    exchange.hideFromQueries(cid, 6);
    JournaledOrder o = om.submit(OrderRequest.limit("OTRUSDT", Side.BUY, d("5"), d("1.9"), cid),
        OrderPurpose.ENTRY, null);
    assertThat(o.state()).isEqualTo(OrderState.OPEN);
    for (int i = 0; i < 5; i++) {
      clock.advance(Duration.ofMinutes(1));
      SyncResult r = om.sync();
      assertThat(r.problems()).anyMatch(p -> p.contains("not found"));
    }
    assertThat(om.order(cid).state()).as("the exchange acknowledged it: a miss is not absence")
        .isEqualTo(OrderState.OPEN);

    exchange.setPrice("OTRUSDT", "1.85");
    SyncResult r = om.sync();
    assertThat(r.transitions()).extracting(OrderTransition::to).containsExactly(OrderState.FILLED);
    assertThat(positionQty()).isEqualByComparingTo("5");
  }

  @Test
  void unknownOrderThatShowsUpLateIsFoundNotClosed() {
    exchange.failNextPlacement(PlaceFault.ACCEPT_THEN_TIMEOUT);
    String cid = om.newClientOrderId();
    exchange.hideFromQueries(cid, 3);
    om.submit(OrderRequest.marketBuyQuote("OTRUSDT", d("10"), cid), OrderPurpose.ENTRY, null); // miss 1
    clock.advance(Duration.ofSeconds(20));
    om.sync(); // miss 2
    clock.advance(Duration.ofSeconds(5));
    om.sync(); // miss 3, grace not over
    assertThat(om.order(cid).state()).isEqualTo(OrderState.UNKNOWN);
    clock.advance(Duration.ofSeconds(20));
    om.sync(); // found
    assertThat(om.order(cid).state()).isEqualTo(OrderState.FILLED);
    assertThat(exchange.placements(cid)).isEqualTo(1);
    assertThat(positionQty()).isEqualByComparingTo("5");
  }

  @Test
  void queryFailuresAreReportedAndChangeNothing() {
    JournaledOrder o = limit(Side.BUY, "5", "1.9");
    exchange.failQueries(1);
    SyncResult r = om.sync();
    assertThat(r.checked()).isEqualTo(1);
    assertThat(r.problems()).singleElement().asString().contains("query failed").contains("Unavailable");
    assertThat(om.order(o.clientOrderId()).state()).isEqualTo(OrderState.OPEN);
  }

  // --- partial fills and cancels (reliability 9, 10) ------------------------------------------------------

  @Test
  void partialFillThenCancelLeavesThePositionOfTheFilledQuantityNetOfFeesAndNoReorder() {
    exchange.feeMode("OTRUSDT", FeeMode.RECEIVED);
    JournaledOrder o = limit(Side.BUY, "5", "1.9");
    exchange.fill(o.clientOrderId(), "2");
    SyncResult r = om.sync();
    assertThat(r.newFills()).hasSize(1);
    assertThat(om.order(o.clientOrderId()).state()).isEqualTo(OrderState.OPEN);
    assertThat(om.order(o.clientOrderId()).executedQty()).isEqualByComparingTo("2");

    JournaledOrder cancelled = om.cancel(o.clientOrderId(), "brain changed its mind");
    assertThat(cancelled.state()).isEqualTo(OrderState.CANCELED);
    assertThat(cancelled.reason()).contains("cancel requested: brain changed its mind");
    om.sync();
    clock.advance(Duration.ofMinutes(1));
    om.sync();

    assertThat(positionQty()).as("2 filled minus a 0.002 base fee").isEqualByComparingTo("1.998");
    assertThat(exchange.allOrders()).as("no automatic re-order of the remainder").hasSize(1);
    assertThat(exchange.free("OTR")).isEqualByComparingTo(positionQty());
  }

  @Test
  void cancelRacingAFullFillResolvesToFilledWithoutAPhantomOpenOrder() {
    JournaledOrder o = limit(Side.BUY, "5", "1.9");
    exchange.fillBeforeCancel(o.clientOrderId());

    JournaledOrder after = om.cancel(o.clientOrderId(), "timeout");

    assertThat(after.state()).isEqualTo(OrderState.FILLED);
    assertThat(exchange.openOrders(null)).isEmpty();
    assertThat(om.sync().checked()).isZero();
    assertThat(positionQty()).isEqualByComparingTo("5");
  }

  @Test
  void cancelOfAFinalOrderIsANoOpAndOfAnUnknownIdATypedError() {
    JournaledOrder o = buyQuote("10");
    assertThat(om.cancel(o.clientOrderId(), "late")).isEqualTo(om.order(o.clientOrderId()));
    assertThatThrownBy(() -> om.cancel("nope-1", "x")).isInstanceOfSatisfying(OrderManagerException.class,
        e -> assertThat(e.kind()).isEqualTo(OrderManagerException.Kind.UNKNOWN_ORDER));
  }

  @Test
  void cancelAllCancelsEveryOpenOrderOfTheSymbolOnly() {
    JournaledOrder a = limit(Side.BUY, "1", "1.5");
    JournaledOrder b = limit(Side.BUY, "1", "1.6");
    JournaledOrder k = om.submit(OrderRequest.limit("KLPUSDT", Side.BUY, d("2"), d("0.9"), om.newClientOrderId()),
        OrderPurpose.ENTRY, null);

    List<JournaledOrder> done = om.cancelAll("OTRUSDT", "halt");

    assertThat(done).extracting(JournaledOrder::clientOrderId).containsExactly(a.clientOrderId(), b.clientOrderId());
    assertThat(done).allSatisfy(o -> assertThat(o.state()).isEqualTo(OrderState.CANCELED));
    assertThat(om.order(k.clientOrderId()).state()).isEqualTo(OrderState.OPEN);
    assertThat(om.cancelAll(null, "stop")).hasSize(1);
    assertThat(memory.orders(OrderManager.NON_FINAL)).isEmpty();
  }

  @Test
  void filledOrderWhoseFillsLagStaysOpenUntilTheyAreRecorded() {
    exchange.hideTrades(true);
    JournaledOrder o = buyQuote("10");
    assertThat(o.state()).as("a final state would never be looked at again").isEqualTo(OrderState.OPEN);
    assertThat(o.reason()).contains("waiting for fills");
    assertThat(om.positions()).isEmpty();

    exchange.hideTrades(false);
    SyncResult r = om.sync();
    assertThat(r.newFills()).hasSize(1);
    assertThat(om.order(o.clientOrderId()).state()).isEqualTo(OrderState.FILLED);
    assertThat(positionQty()).isEqualByComparingTo("5");
  }

  @Test
  void unconfirmedCancelIsATypedErrorAndCancelAllStillTriesTheRest() {
    JournaledOrder a = limit(Side.BUY, "1", "1.5");
    JournaledOrder b = limit(Side.BUY, "1", "1.6");
    exchange.failCancels(1);

    assertThatThrownBy(() -> om.cancelAll("OTRUSDT", "halt")).isInstanceOfSatisfying(OrderManagerException.class,
        e -> {
          assertThat(e.kind()).isEqualTo(OrderManagerException.Kind.CANCEL_FAILED);
          assertThat(e.getMessage()).contains(a.clientOrderId()).contains("cancel again");
        });
    assertThat(om.order(a.clientOrderId()).state()).isEqualTo(OrderState.OPEN);
    assertThat(om.order(b.clientOrderId()).state()).isEqualTo(OrderState.CANCELED);
    assertThat(om.cancel(a.clientOrderId(), "retry").state()).isEqualTo(OrderState.CANCELED);
  }

  // --- fees (reliability 11, 12) --------------------------------------------------------------------------

  @Test
  void baseAssetFeeMakesTheExitSellTheWalletAmountTruncatedToStep() {
    exchange.feeMode("OTRUSDT", FeeMode.RECEIVED);
    buyQuote("10"); // 5 OTR minus a 0.005 OTR fee
    assertThat(positionQty()).isEqualByComparingTo("4.995");
    assertThat(exchange.free("OTR")).isEqualByComparingTo("4.995");
    assertThat(om.sellableQuantity("OTRUSDT")).isEqualByComparingTo("4.99");

    exchange.setPrice("OTRUSDT", "2.2");
    JournaledOrder sell = om.closePosition("OTRUSDT", OrderPurpose.TAKE_PROFIT, null).orElseThrow();

    assertThat(sell.state()).as("no insufficient balance").isEqualTo(OrderState.FILLED);
    assertThat(sell.quantity()).isEqualByComparingTo("4.99");
    TradeRecord t = memory.trades(null, 10).getFirst();
    assertThat(t.exitReason()).isEqualTo("TAKE_PROFIT");
    assertThat(t.quantity()).isEqualByComparingTo("4.99");
    // cost of 4.99 of 4.995 units bought for 10 USDT; proceeds 4.99 * 2.2 minus a 0.1% quote fee
    BigDecimal cost = d("10").multiply(d("4.99")).divide(d("4.995"), java.math.MathContext.DECIMAL64);
    BigDecimal proceeds = d("10.978").subtract(d("0.010978"));
    assertThat(t.pnl()).isEqualByComparingTo(proceeds.subtract(cost));
    PositionRecord left = om.position("OTRUSDT").orElseThrow();
    assertThat(left.quantity()).isEqualByComparingTo("0.005");
    assertThat(left.dust()).as("0.005 OTR cannot be sold").isTrue();
    assertThat(om.openPositionCount()).isZero();
  }

  @Test
  void thirdAssetFeeLeavesTheBaseAmountUnchangedAndCountsInPnl() {
    exchange.feeMode("OTRUSDT", FeeMode.THIRD).deposit("MX", "10");
    buyQuote("10"); // fee 0.01 USDT worth = 0.02 MX at 0.5
    assertThat(positionQty()).isEqualByComparingTo("5");
    assertThat(exchange.free("MX")).isEqualByComparingTo("9.98");
    assertThat(om.position("OTRUSDT").orElseThrow().costBasis()).isEqualByComparingTo("10.01");

    exchange.setPrice("OTRUSDT", "3");
    om.closePosition("OTRUSDT", OrderPurpose.EXIT, null).orElseThrow();

    TradeRecord t = memory.trades(null, 10).getFirst();
    // proceeds 15 minus 0.015 USDT of MX fee, cost 10.01
    assertThat(t.pnl()).isEqualByComparingTo("4.975");
    assertThat(t.fees()).isEqualByComparingTo("0.015");
    assertThat(t.exitReason()).isEqualTo("SIGNAL");
    assertThat(om.position("OTRUSDT")).isEmpty();
    assertThat(memory.fills("fake", "OTRUSDT", 0)).allSatisfy(f -> assertThat(f.commissionAsset()).isEqualTo("MX"));
  }

  @Test
  void thirdAssetFeeWithoutAMarketIsRecordedButNotValued() {
    exchange.feeMode("KLPUSDT", FeeMode.THIRD).deposit("MX", "10");
    // no MXUSDT price exists in a fresh exchange without the MX symbol
    FakeExchange bare = new FakeExchange(clock).symbol(KLP, "1").deposit("USDT", "50").feeMode("KLPUSDT",
        FeeMode.THIRD).deposit("MX", "5");
    OrderManager m = OrderManager.builder(bare, memory, clock).clientIdPrefix("b").build();
    m.submit(OrderRequest.marketBuyQuote("KLPUSDT", d("10"), m.newClientOrderId()), OrderPurpose.ENTRY, null);
    assertThat(m.position("KLPUSDT").orElseThrow().costBasis()).isEqualByComparingTo("10");
    assertThat(memory.fills("fake", "KLPUSDT", 0)).singleElement()
        .satisfies(f -> assertThat(f.commission()).isPositive());
  }

  // --- dust (reliability 13) ------------------------------------------------------------------------------

  @Test
  void positionBelowMinNotionalIsDustNeverLoopsOnSellsAndReleasesItsSlot() {
    buyQuote("10");
    assertThat(om.openPositionCount()).isEqualTo(1);
    exchange.setPrice("OTRUSDT", "0.1"); // 5 OTR now worth 0.5 < 1 minimum

    assertThat(om.refreshDust("OTRUSDT", d("0.1"))).isTrue();
    for (int i = 0; i < 3; i++) {
      assertThat(om.closePosition("OTRUSDT", OrderPurpose.STOP_LOSS, null)).isEmpty();
    }
    assertThat(exchange.allOrders()).as("no sell was sent").hasSize(1);
    assertThat(om.openPositionCount()).isZero();
    assertThat(om.position("OTRUSDT").orElseThrow().dust()).isTrue();

    exchange.setPrice("OTRUSDT", "2");
    assertThat(om.refreshDust("OTRUSDT", d("2"))).as("worth selling again").isFalse();
    assertThat(om.openPositionCount()).isEqualTo(1);
    assertThat(om.refreshDust("KLPUSDT", d("1"))).isFalse();
  }

  @Test
  void sellRejectedBelowMinimumNotionalFlagsTheDust() {
    buyQuote("10");
    exchange.rejectNextPlacement(new ExchangeException.InvalidOrder("amount below minimum", 30002,
        ExchangeException.InvalidReason.BELOW_MIN_NOTIONAL));
    JournaledOrder sell = om.submit(OrderRequest.marketSell("OTRUSDT", d("5"), om.newClientOrderId()),
        OrderPurpose.EXIT, null);
    assertThat(sell.state()).isEqualTo(OrderState.REJECTED);
    assertThat(sell.reason()).contains("BELOW_MIN_NOTIONAL");
    assertThat(om.position("OTRUSDT").orElseThrow().dust()).isTrue();
  }

  @Test
  void closePositionSendsNothingWhileASellIsPendingOrWithoutPosition() {
    assertThat(om.closePosition("OTRUSDT", OrderPurpose.EXIT, null)).isEmpty();
    buyQuote("10");
    JournaledOrder resting = limit(Side.SELL, "5", "2.5");
    assertThat(resting.state()).isEqualTo(OrderState.OPEN);
    assertThat(om.closePosition("OTRUSDT", OrderPurpose.TIME_EXIT, null)).isEmpty();
    assertThat(exchange.allOrders()).hasSize(2);
  }

  // --- exits and partial exits ----------------------------------------------------------------------------

  @Test
  void exitsSetBeforeTheEntryFillsAreAppliedAndSurviveLaterFills() {
    JournaledOrder entry = limit(Side.BUY, "4", "1.9");
    om.setExits("OTRUSDT", d("1.7"), d("2.5"), 123_456L);
    exchange.fill(entry.clientOrderId(), "1");
    om.sync();
    exchange.fill(entry.clientOrderId(), "3");
    om.sync();
    PositionRecord p = om.position("OTRUSDT").orElseThrow();
    assertThat(p.quantity()).isEqualByComparingTo("4");
    assertThat(p.stopLoss()).isEqualByComparingTo("1.7");
    assertThat(p.takeProfit()).isEqualByComparingTo("2.5");
    assertThat(p.exitDeadline()).isEqualTo(123_456L);

    om.setExits("OTRUSDT", d("1.8"), null, 0);
    JournaledOrder sell = om.submit(OrderRequest.limit("OTRUSDT", Side.SELL, d("1"), d("1.9"),
        om.newClientOrderId()), OrderPurpose.STOP_LOSS, null);
    assertThat(sell.state()).isEqualTo(OrderState.FILLED);
    PositionRecord after = om.position("OTRUSDT").orElseThrow();
    assertThat(after.quantity()).isEqualByComparingTo("3");
    assertThat(after.stopLoss()).isEqualByComparingTo("1.8");
    assertThat(after.takeProfit()).isNull();
    assertThat(memory.trades(null, 5)).singleElement().satisfies(t -> {
      assertThat(t.exitReason()).isEqualTo("STOP_LOSS");
      assertThat(t.quantity()).isEqualByComparingTo("1");
    });
  }

  @Test
  void positionEqualsTheSumOfFillsOverManyRandomOrders() {
    long seed = 20260105L;
    java.util.SplittableRandom random = new java.util.SplittableRandom(seed);
    exchange.feeMode("OTRUSDT", FeeMode.RECEIVED).deposit("USDT", "1000");
    for (int i = 0; i < 40; i++) {
      if (random.nextBoolean() || positionQty().signum() == 0) {
        buyQuote(Integer.toString(2 + random.nextInt(20)));
      } else {
        om.closePosition("OTRUSDT", OrderPurpose.EXIT, null);
      }
      exchange.setPrice("OTRUSDT", new BigDecimal(150 + random.nextInt(100)).movePointLeft(2).toPlainString());
      om.refreshDust("OTRUSDT", exchange.ticker("OTRUSDT").lastPrice());
    }
    BigDecimal fromFills = AgentFixture.netBase(memory.fills("fake", "OTRUSDT", 0), "OTR");
    assertThat(positionQty()).as("seed " + seed).isEqualByComparingTo(fromFills);
    assertThat(exchange.free("OTR")).as("seed " + seed).isEqualByComparingTo(fromFills);
    assertThat(memory.orders(EnumSet.of(OrderState.UNKNOWN, OrderState.SENT, OrderState.NEW))).isEmpty();
  }

  @Test
  void fillsTheExchangeItselfStoredInTheSameMemoryStillReachThePositionOnce() {
    // an exchange that records its fills in the same memory under its own id, as the paper exchange does
    exchange.afterAccept(() -> exchange.allTrades().forEach(t -> memory.recordFill("fake", null, t)));

    JournaledOrder shared = buyQuote("10");
    assertThat(shared.state()).isEqualTo(OrderState.FILLED);
    assertThat(positionQty()).isEqualByComparingTo("5");
    om.sync();
    assertThat(manager(memory).sync().newFills()).isEmpty();
    assertThat(positionQty()).as("applied once").isEqualByComparingTo("5");

    OrderManager separate = OrderManager.builder(exchange, memory, clock).clientIdPrefix("s").account("agent")
        .build();
    JournaledOrder o = separate.submit(OrderRequest.marketBuyQuote("KLPUSDT", d("10"), separate.newClientOrderId()),
        OrderPurpose.ENTRY, null);
    assertThat(o.exchange()).isEqualTo("agent");
    assertThat(separate.account()).isEqualTo("agent");
    assertThat(separate.position("KLPUSDT").orElseThrow().quantity()).isEqualByComparingTo("10");
    assertThat(memory.fills("agent", "KLPUSDT", 0)).hasSize(1);
    assertThatThrownBy(() -> OrderManager.builder(exchange, memory, clock).account(" "))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void fillsBeyondOneTradePageAreAllRecorded() {
    JournaledOrder o = om.submit(OrderRequest.limit("KLPUSDT", Side.BUY, d("25"), d("0.9"), om.newClientOrderId()),
        OrderPurpose.ENTRY, null);
    for (int i = 0; i < 250; i++) {
      exchange.fill(o.clientOrderId(), "0.1");
      if (i % 3 == 2) {
        clock.advance(Duration.ofMillis(1)); // several fills share a millisecond, also at page borders
      }
    }
    SyncResult r = om.sync();
    assertThat(r.newFills()).hasSize(250);
    assertThat(om.order(o.clientOrderId()).state()).isEqualTo(OrderState.FILLED);
    assertThat(om.position("KLPUSDT").orElseThrow().quantity()).isEqualByComparingTo("25");
  }

  @Test
  void sellBeyondThePositionClosesItAndBooksOnlyOurShare() {
    exchange.deposit("OTR", "2"); // the user's own coins
    buyQuote("10"); // 5 OTR for 10.01 USDT with the fee
    JournaledOrder sell = om.submit(OrderRequest.marketSell("OTRUSDT", d("7"), om.newClientOrderId()),
        OrderPurpose.MANUAL, null);

    assertThat(sell.state()).isEqualTo(OrderState.FILLED);
    assertThat(om.positions()).isEmpty();
    TradeRecord t = memory.trades(null, 5).getFirst();
    assertThat(t.quantity()).isEqualByComparingTo("5");
    assertThat(t.exitReason()).isEqualTo("MANUAL");
    // 7 sold for 14 minus a 0.014 fee; 5/7 of that is ours: 9.99 against a cost of 10.01
    assertThat(t.pnl()).isEqualByComparingTo("-0.02");
  }

  @Test
  void sellWithoutAPositionRecordsTheFillButBooksNoTrade() {
    exchange.deposit("OTR", "3");
    JournaledOrder sell = om.submit(OrderRequest.marketSell("OTRUSDT", d("3"), om.newClientOrderId()),
        OrderPurpose.EXIT, null);
    assertThat(sell.state()).isEqualTo(OrderState.FILLED);
    assertThat(memory.fillsForOrder(sell.clientOrderId())).hasSize(1);
    assertThat(memory.trades(null, 5)).isEmpty();
    assertThat(om.positions()).isEmpty();
  }

  @Test
  void missingSymbolRulesAreATypedError() {
    assertThatThrownBy(() -> om.rules("NOPEUSDT")).isInstanceOfSatisfying(OrderManagerException.class,
        e -> assertThat(e.kind()).isEqualTo(OrderManagerException.Kind.NO_RULES));
  }
}
