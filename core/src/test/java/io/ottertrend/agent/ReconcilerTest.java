package io.ottertrend.agent;

import static io.ottertrend.agent.AgentFixture.KLP;
import static io.ottertrend.agent.AgentFixture.OTR;
import static io.ottertrend.agent.AgentFixture.d;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.ottertrend.config.Setting;
import io.ottertrend.config.Settings;
import io.ottertrend.config.SettingsException;
import io.ottertrend.memory.JournaledOrder;
import io.ottertrend.memory.OrderState;
import io.ottertrend.memory.SqliteMemory;
import io.ottertrend.model.OrderAck;
import io.ottertrend.model.OrderRequest;
import io.ottertrend.model.OrderType;
import io.ottertrend.model.Side;
import io.ottertrend.time.Clock;
import io.ottertrend.time.SimulatedClock;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Start-up reconciliation: reliability tests 5, 6 and 8, adoption, missed fills, balance drift. */
class ReconcilerTest {
  @TempDir Path dir;
  SimulatedClock clock = Clock.simulated(Instant.parse("2026-01-05T10:00:00Z"));
  SqliteMemory memory;
  FakeExchange exchange;
  OrderManager om;

  @BeforeEach
  void setUp() {
    memory = SqliteMemory.open(dir.resolve("agent.db"));
    exchange = new FakeExchange(clock).symbol(OTR, "2").symbol(KLP, "1").deposit("USDT", "100");
    om = restart();
  }

  @AfterEach
  void tearDown() {
    memory.close();
  }

  /** A fresh order manager on the same database and exchange, as after a process restart. */
  OrderManager restart() {
    return OrderManager.builder(exchange, memory, clock).clientIdPrefix("r").build();
  }

  ReconciliationReport reconcile() {
    return Reconciler.builder(restart()).build().run();
  }

  /** Journals an intent in {@code state} as a crashed process would have left it. */
  JournaledOrder journalled(OrderRequest r, OrderState state) {
    long now = clock.millis();
    JournaledOrder o = new JournaledOrder(r.clientOrderId(), null, "fake", r.symbol(), r.side(), r.type(),
        r.quantity(), r.quoteQuantity(), r.price(), state, null, null, null, "ENTRY", null, null, now, now, false);
    memory.journal(o);
    return o;
  }

  @Test
  void consistentStateGivesACleanReportAndChangesNothing() {
    om.submit(OrderRequest.marketBuyQuote("OTRUSDT", d("10"), om.newClientOrderId()), OrderPurpose.ENTRY, null);
    om.submit(OrderRequest.marketSell("OTRUSDT", d("2"), om.newClientOrderId()), OrderPurpose.EXIT, null);
    om.submit(OrderRequest.limit("KLPUSDT", Side.BUY, d("5"), d("0.9"), om.newClientOrderId()), OrderPurpose.ENTRY,
        null);

    ReconciliationReport report = reconcile();

    assertThat(report.clean()).as(report.summary()).isTrue();
    assertThat(report.resolved()).isEmpty();
    assertThat(report.adopted()).isEmpty();
    assertThat(report.recordedFills()).isEmpty();
    assertThat(report.summary()).contains("clean");
    assertThat(reconcile().clean()).isTrue();
  }

  @Test
  void crashAfterTheIntentCommitBeforeThePostClosesTheIntentAsNotSent() {
    JournaledOrder neverMarked = journalled(OrderRequest.marketBuyQuote("OTRUSDT", d("10"), "r-a"), OrderState.NEW);
    JournaledOrder markedSent = journalled(OrderRequest.marketBuyQuote("OTRUSDT", d("10"), "r-b"), OrderState.SENT);
    long start = clock.millis();

    ReconciliationReport report = reconcile();

    assertThat(report.clean()).as(report.summary()).isTrue();
    assertThat(report.notes()).as("one line per order, the latest").singleElement().asString()
        .startsWith("r-b: not found");
    assertThat(memory.order(neverMarked.clientOrderId()).orElseThrow().state()).isEqualTo(OrderState.NOT_SENT);
    assertThat(memory.order(markedSent.clientOrderId()).orElseThrow().state()).isEqualTo(OrderState.NOT_SENT);
    assertThat(clock.millis() - start).as("SENT waited for the grace period").isGreaterThanOrEqualTo(30_000);
    assertThat(report.resolved()).extracting(OrderTransition::to).containsOnly(OrderState.NOT_SENT).hasSize(2);
    assertThat(exchange.allOrders()).isEmpty();

    OrderManager after = restart();
    after.submit(OrderRequest.marketBuyQuote("OTRUSDT", d("10"), after.newClientOrderId()), OrderPurpose.ENTRY,
        null);
    assertThat(exchange.allOrders()).as("one placement, from a fresh decision").hasSize(1);
  }

  @Test
  void crashAfterThePostBeforeTheAnswerIsAdoptedByClientIdAndCountedOnce() {
    OrderRequest filled = OrderRequest.marketBuyQuote("OTRUSDT", d("10"), "r-1");
    OrderRequest resting = OrderRequest.limit("KLPUSDT", Side.BUY, d("5"), d("0.9"), "r-2");
    journalled(filled, OrderState.SENT);
    journalled(resting, OrderState.SENT);
    exchange.placeOrder(filled); // the requests left; the process died before storing the answers
    exchange.placeOrder(resting);

    ReconciliationReport report = reconcile();

    assertThat(report.clean()).as(report.summary()).isTrue();
    assertThat(report.adopted()).as("ours, not external").isEmpty();
    assertThat(memory.order("r-1").orElseThrow().state()).isEqualTo(OrderState.FILLED);
    assertThat(memory.order("r-2").orElseThrow().state()).isEqualTo(OrderState.OPEN);
    assertThat(memory.order("r-2").orElseThrow().exchangeOrderId()).isNotNull();
    assertThat(report.recordedFills()).hasSize(1);
    OrderManager after = restart();
    assertThat(after.openPositionCount()).isEqualTo(1);
    assertThat(after.position("OTRUSDT").orElseThrow().quantity()).isEqualByComparingTo("5");
    assertThat(exchange.placements("r-1")).isEqualTo(1);

    ReconciliationReport again = reconcile();
    assertThat(again.recordedFills()).isEmpty();
    assertThat(after.position("OTRUSDT").orElseThrow().quantity()).isEqualByComparingTo("5");
  }

  @Test
  void orderWeHadClosedAsNotSentButThatIsOpenOnTheExchangeIsRevivedNotAdopted() {
    OrderRequest late = OrderRequest.limit("KLPUSDT", Side.BUY, d("5"), d("0.9"), "r-late");
    journalled(late, OrderState.NOT_SENT);
    exchange.placeOrder(late); // the exchange is right: it exists

    ReconciliationReport report = reconcile();

    assertThat(report.clean()).as(report.summary()).isTrue();
    assertThat(report.adopted()).isEmpty();
    assertThat(memory.order("r-late").orElseThrow().state()).isEqualTo(OrderState.OPEN);
    assertThat(report.resolved()).singleElement().satisfies(t -> {
      assertThat(t.from()).isEqualTo(OrderState.NOT_SENT);
      assertThat(t.to()).isEqualTo(OrderState.OPEN);
    });
  }

  @Test
  void fillOfAnOrderClosedAsNotSentRevivesItAndCounts() {
    OrderRequest late = OrderRequest.marketBuyQuote("OTRUSDT", d("10"), "r-gone");
    journalled(late, OrderState.NOT_SENT);
    exchange.placeOrder(late); // filled at once; no longer open

    ReconciliationReport report = reconcile();

    assertThat(report.clean()).as(report.summary()).isTrue();
    assertThat(report.recordedFills()).hasSize(1);
    assertThat(memory.order("r-gone").orElseThrow().state()).isEqualTo(OrderState.FILLED);
    assertThat(restart().position("OTRUSDT").orElseThrow().quantity()).isEqualByComparingTo("5");
  }

  @Test
  void partlyFilledExternalOrderIsAdoptedWithItsFillsButNoPosition() {
    String xid = exchange.placeExternal("OTRUSDT", Side.BUY, "3", "1.5");
    exchange.fillExternal(xid, "1");

    ReconciliationReport report = reconcile();

    assertThat(report.adopted()).hasSize(1);
    assertThat(report.recordedFills()).singleElement().satisfies(f -> assertThat(f.orderId()).isEqualTo(xid));
    assertThat(memory.order("x-" + xid).orElseThrow().executedQty()).isEqualByComparingTo("1");
    assertThat(restart().positions()).isEmpty();
    assertThat(report.clean()).isFalse();
  }

  @Test
  void acknowledgedOrderTheExchangeDoesNotShowIsNotedWithoutBlocking() {
    JournaledOrder o = om.submit(OrderRequest.limit("KLPUSDT", Side.BUY, d("5"), d("0.9"), om.newClientOrderId()),
        OrderPurpose.ENTRY, null);
    exchange.hideFromQueries(o.clientOrderId(), 1);

    ReconciliationReport report = reconcile();

    assertThat(report.clean()).isTrue();
    assertThat(report.notes()).singleElement().asString().contains(o.clientOrderId()).contains("not found")
        .contains("acknowledged it earlier");
    assertThat(report.summary()).contains("note " + o.clientOrderId());
    assertThat(memory.order(o.clientOrderId()).orElseThrow().state()).isEqualTo(OrderState.OPEN);
  }

  @Test
  void orderStillInvisibleAfterTheWaitIsUnresolvedAndBlocksTrading() {
    journalled(OrderRequest.marketBuyQuote("OTRUSDT", d("10"), "r-u"), OrderState.UNKNOWN);
    exchange.failQueries(1_000);

    ReconciliationReport report = Reconciler.builder(restart()).pollInterval(Duration.ofSeconds(5))
        .maxWait(Duration.ofSeconds(20)).build().run();

    assertThat(report.clean()).isFalse();
    assertThat(report.unresolved()).singleElement().asString().contains("r-u").contains("outcome still unknown");
    assertThat(report.summary()).contains("DRIFT").contains("unresolved r-u");
    assertThat(memory.order("r-u").orElseThrow().state()).isEqualTo(OrderState.UNKNOWN);
  }

  @Test
  void externalOpenOrderIsAdoptedAndIsDriftUntilCancelledOrIgnored() {
    String xid = exchange.placeExternal("OTRUSDT", Side.BUY, "3", "1.5");

    ReconciliationReport report = reconcile();

    assertThat(report.clean()).isFalse();
    assertThat(report.adopted()).singleElement().satisfies(a -> {
      assertThat(a.exchangeOrderId()).isEqualTo(xid);
      assertThat(a.side()).isEqualTo(Side.BUY);
      assertThat(a.clientOrderId()).isEqualTo("x-" + xid);
    });
    JournaledOrder adopted = memory.order("x-" + xid).orElseThrow();
    assertThat(adopted.external()).isTrue();
    assertThat(adopted.purpose()).isEqualTo("EXTERNAL");
    assertThat(adopted.state()).isEqualTo(OrderState.OPEN);
    assertThat(report.drifts()).singleElement().satisfies(dr -> assertThat(dr.explanation())
        .contains("not placed by OtterTrend"));
    assertThat(report.summary()).contains("adopted external order " + xid);

    assertThat(restart().cancelAll(null, "halt")).as("not ours to cancel").isEmpty();
    assertThat(exchange.openOrders(null)).hasSize(1);

    ReconciliationReport second = reconcile();
    assertThat(second.adopted()).as("adopted once").isEmpty();
    assertThat(second.clean()).as("still open, still drift").isFalse();

    assertThat(Reconciler.builder(restart()).ignoreAssets(Set.of("OTR")).build().run().clean()).isTrue();
  }

  @Test
  void fillsOfAnExternalOrderAreRecordedButNeverBecomeAPosition() {
    String xid = exchange.placeExternal("OTRUSDT", Side.BUY, "3", "1.5");
    reconcile();
    exchange.fillExternal(xid, "3");

    OrderManager after = restart();
    SyncResult r = after.sync();
    assertThat(r.newFills()).hasSize(1);
    assertThat(after.positions()).isEmpty();
    assertThat(memory.order("x-" + xid).orElseThrow().state()).isEqualTo(OrderState.FILLED);

    ReconciliationReport report = reconcile();
    assertThat(report.drifts()).singleElement().satisfies(dr -> {
      assertThat(dr.subject()).isEqualTo("OTR");
      assertThat(dr.explanation()).contains("wallet holds 3 OTR");
    });
  }

  @Test
  void missedFillOfAFinalOrderIsRecordedAndApplied() {
    OrderAck ack = exchange.placeOrder(OrderRequest.marketBuyQuote("OTRUSDT", d("10"), "r-f"));
    long now = clock.millis();
    // a journal that knew the order was filled but never stored its fill (e.g. written by an older version)
    memory.journal(new JournaledOrder("r-f", null, "fake", "OTRUSDT", Side.BUY, OrderType.MARKET, null, d("10"),
        null, OrderState.FILLED, ack.orderId(), d("5"), d("10"), "ENTRY", null, null, now, now, false));

    ReconciliationReport report = reconcile();

    assertThat(report.clean()).as(report.summary()).isTrue();
    assertThat(report.recordedFills()).singleElement().satisfies(f -> assertThat(f.clientOrderId()).isEqualTo("r-f"));
    assertThat(restart().position("OTRUSDT").orElseThrow().quantity()).isEqualByComparingTo("5");
  }

  @Test
  void fillWeDidNotOriginateIsRecordedAndReportedAsDrift() {
    om.submit(OrderRequest.marketBuyQuote("OTRUSDT", d("10"), om.newClientOrderId()), OrderPurpose.ENTRY, null);
    String xid = exchange.placeExternal("OTRUSDT", Side.BUY, "2", "2.5"); // crosses at once: filled
    assertThat(exchange.openOrders(null)).isEmpty();

    ReconciliationReport report = reconcile();

    assertThat(report.clean()).isFalse();
    assertThat(report.recordedFills()).singleElement().satisfies(f -> assertThat(f.orderId()).isEqualTo(xid));
    assertThat(report.drifts()).anySatisfy(dr -> assertThat(dr.explanation()).contains("of order " + xid)
        .contains("not placed by OtterTrend"));
    assertThat(report.drifts()).anySatisfy(dr -> assertThat(dr.explanation()).contains("wallet holds 7 OTR"));
    assertThat(restart().position("OTRUSDT").orElseThrow().quantity()).as("never adopted into the position")
        .isEqualByComparingTo("5");
  }

  @Test
  void holdingWithoutHistoryIsDriftUnlessIgnoredOrReserved() {
    exchange.deposit("OTR", "3");

    ReconciliationReport report = reconcile();
    assertThat(report.drifts()).singleElement().satisfies(dr -> {
      assertThat(dr.subject()).isEqualTo("OTR");
      assertThat(dr.explanation()).contains("no position or order history").contains("ignored or reserved");
    });
    assertThat(Reconciler.builder(restart()).ignoreAssets(Set.of("OTR")).build().run().clean()).isTrue();
    assertThat(Reconciler.builder(restart()).reservedHoldings(Map.of("OTR", d("3"))).build().run().clean()).isTrue();

    // the bot trades an asset the user also holds: the wallet holds the reserve plus the position
    om.submit(OrderRequest.marketBuyQuote("OTRUSDT", d("10"), om.newClientOrderId()), OrderPurpose.ENTRY, null);
    assertThat(Reconciler.builder(restart()).reservedHoldings(Map.of("OTR", d("3"))).build().run().clean()).isTrue();
  }

  @Test
  void walletBelowThePositionIsDrift() {
    om.submit(OrderRequest.marketBuyQuote("OTRUSDT", d("10"), om.newClientOrderId()), OrderPurpose.ENTRY, null);
    String xid = exchange.placeExternal("OTRUSDT", Side.SELL, "2", "1.9"); // user sells by hand: crosses at once
    assertThat(exchange.openOrders(null)).isEmpty();
    assertThat(xid).isNotNull();

    ReconciliationReport report = reconcile();

    assertThat(report.drifts()).anySatisfy(dr -> assertThat(dr.explanation()).contains("wallet holds 3 OTR")
        .contains("accounts for 5").contains("sold or moved outside"));
  }

  @Test
  void differencesWithinToleranceOrWorthLessThanTheMinimumAreNotDrift() {
    om.submit(OrderRequest.marketBuyQuote("OTRUSDT", d("10"), om.newClientOrderId()), OrderPurpose.ENTRY, null);
    exchange.deposit("OTR", "0.04"); // 0.8 % of 5
    assertThat(reconcile().clean()).isTrue();
    exchange.deposit("OTR", "0.2"); // 4.8 % but worth 0.48 USDT < 1 minimum
    assertThat(reconcile().clean()).isTrue();
    ReconciliationReport strict = Reconciler.builder(restart()).tolerance(BigDecimal.ZERO).build().run();
    assertThat(strict.clean()).isTrue();
    exchange.deposit("OTR", "1"); // 1.24 OTR worth 2.48 USDT
    assertThat(reconcile().clean()).isFalse();
    exchange.deposit("KLP", "0.5"); // no history, worth 0.5 < 1: dust
    assertThat(reconcile().drifts()).extracting(ReconciliationReport.Drift::subject).containsExactly("OTR");
  }

  @Test
  void settingsDeclareTheUsersOwnHoldings() {
    exchange.deposit("OTR", "3").deposit("KLP", "40").deposit("MX", "12");
    om.submit(OrderRequest.marketBuyQuote("OTRUSDT", d("10"), om.newClientOrderId()), OrderPurpose.ENTRY, null);
    assertThat(reconcile().drifts()).extracting(ReconciliationReport.Drift::subject)
        .containsExactlyInAnyOrder("OTR", "KLP", "MX");

    Settings settings = Settings.builder()
        .flag(Setting.RECONCILE_IGNORE_ASSETS, "klp, mx")
        .flag(Setting.RECONCILE_RESERVED, "OTR:3")
        .build();
    ReconciliationReport report = Reconciler.builder(restart()).settings(settings).build().run();
    assertThat(report.clean()).as(report.summary()).isTrue();

    Settings bad = Settings.builder().flag(Setting.RECONCILE_RESERVED, "OTR=3,KLP:-1").build();
    assertThatThrownBy(() -> Reconciler.builder(om).settings(bad)).isInstanceOfSatisfying(SettingsException.class,
        e -> assertThat(e.problems()).hasSize(2).allSatisfy(p -> assertThat(p).contains("ASSET:AMOUNT")));
  }

  @Test
  void orderManagerTakesItsNotFoundRuleFromSettings() {
    Settings settings = Settings.builder().flag(Setting.ORDER_NOT_FOUND_MISSES, "1")
        .flag(Setting.ORDER_NOT_FOUND_GRACE, "0s").build();
    OrderManager quick = OrderManager.builder(exchange, memory, clock).clientIdPrefix("q").settings(settings).build();
    journalled(OrderRequest.marketBuyQuote("OTRUSDT", d("10"), "q-1"), OrderState.UNKNOWN);
    quick.sync();
    assertThat(memory.order("q-1").orElseThrow().state()).isEqualTo(OrderState.NOT_SENT);
  }

  @Test
  void adoptionKeysAreValidClientIds() {
    assertThat(Reconciler.adoptionKey("C02__123")).isEqualTo("x-C02__123");
    assertThat(Reconciler.adoptionKey("a".repeat(40))).hasSize(32).matches("[A-Za-z0-9_-]+");
    assertThat(Reconciler.adoptionKey("id with space")).hasSize(32).startsWith("x-");
  }

  @Test
  void builderRefusesBadSettings() {
    Reconciler.Builder b = Reconciler.builder(om);
    assertThatThrownBy(() -> b.tolerance(d("1"))).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> b.tolerance(d("-0.1"))).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> b.reservedHoldings(Map.of("BTC", d("-1")))).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> b.pollInterval(Duration.ofSeconds(-1))).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> b.quoteAsset(null)).isInstanceOf(NullPointerException.class);
  }
}
