package io.ottertrend.risk;

import static io.ottertrend.risk.Fixtures.SYMBOL;
import static io.ottertrend.risk.Fixtures.buy;
import static io.ottertrend.risk.Fixtures.cash;
import static io.ottertrend.risk.Fixtures.context;
import static io.ottertrend.risk.Fixtures.d;
import static org.assertj.core.api.Assertions.assertThat;

import io.ottertrend.config.Setting;
import io.ottertrend.config.Settings;
import io.ottertrend.memory.TradeRecord;
import io.ottertrend.model.BookLevel;
import io.ottertrend.model.OrderBook;
import io.ottertrend.model.OrderType;
import io.ottertrend.model.Portfolio;
import io.ottertrend.model.Side;
import io.ottertrend.model.SymbolStatus;
import io.ottertrend.model.TradeSides;
import io.ottertrend.risk.rules.Rules;
import io.ottertrend.time.Clock;
import io.ottertrend.time.SimulatedClock;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** One test (at least) per shipped rule, each breaking exactly one fact of an otherwise healthy order. */
class RiskRulesTest {
  private SimulatedClock clock;
  private InMemoryMemory memory;
  private RiskEngine engine;
  private long now;

  @BeforeEach
  void setUp() {
    clock = Clock.simulated(Fixtures.START);
    memory = new InMemoryMemory();
    engine = RiskEngine.builder(memory, clock, RiskLimits.defaults()).build();
    now = clock.millis();
  }

  private RiskDecision eval(RiskContext.Builder b) {
    return engine.evaluate(b.build());
  }

  private void assertRejectedBy(RiskDecision d, String rule) {
    assertThat(d.outcome()).as(d.summary()).isEqualTo(RiskDecision.Outcome.REJECT);
    assertThat(d.rule()).as(d.summary()).isEqualTo(rule);
    assertThat(d.reason()).isNotBlank();
    assertThat(d.order()).isNull();
  }

  @Test
  void healthyMarketBuyIsApprovedAndRoundedToTheQuoteTick() {
    RiskDecision d = eval(context(buy("10.123"), now));
    assertThat(d.outcome()).as(d.summary()).isEqualTo(RiskDecision.Outcome.APPROVE);
    assertThat(d.order().quoteQuantity()).isEqualByComparingTo("10.12");
    assertThat(d.order().type()).isEqualTo(OrderType.MARKET);
    assertThat(d.rule()).isEqualTo(RiskEngine.ENGINE);
  }

  @Test
  void limitBuyIsTruncatedToStepAndPriceRoundedDown() {
    OrderProposal p = OrderProposal.limitEntry(SYMBOL, d("0.1234567"), d("99.999"), "cid2", Origin.RULES);
    RiskDecision d = eval(context(p, now));
    assertThat(d.approved()).as(d.summary()).isTrue();
    assertThat(d.order().quantity()).isEqualByComparingTo("0.123");
    assertThat(d.order().price()).isEqualByComparingTo("99.99");
  }

  @Test
  void maxOrderUsdShrinksAHugeOrderToTwentyDollars() {
    RiskDecision d = eval(context(buy("1000000000"), now).portfolio(cash("100000", now)));
    assertThat(d.outcome()).as(d.summary()).isEqualTo(RiskDecision.Outcome.SHRINK);
    assertThat(d.order().quoteQuantity()).isLessThanOrEqualTo(d("20")).isGreaterThan(d("19.9"));
    assertThat(d.shrinks()).anyMatch(s -> s.startsWith(Rules.MAX_ORDER_USD));
  }

  @Test
  void maxEquityPctShrinksToFivePercentOfEquity() {
    RiskDecision d = eval(context(buy("20"), now).portfolio(cash("200", now)));
    assertThat(d.outcome()).isEqualTo(RiskDecision.Outcome.SHRINK);
    assertThat(d.rule()).isEqualTo(Rules.MAX_EQUITY_PCT);
    assertThat(d.order().quoteQuantity()).isLessThanOrEqualTo(d("10"));
  }

  @Test
  void shrinkingBelowTheMinimumPlusExitReserveRejects() {
    // 5 % of 100 = 5, but the symbol needs 5 * 1.1 = 5.5 to stay sellable
    assertRejectedBy(eval(context(buy("20"), now).portfolio(cash("100", now))), Rules.MIN_NOTIONAL);
  }

  @Test
  void freeBalanceShrinksToCashNetOfFees() {
    Portfolio p = new Portfolio("USDT", d("8"), BigDecimal.ZERO,
        List.of(Fixtures.position("XYZUSDT", "10", "100")), now);
    RiskDecision d = eval(context(buy("20"), now).portfolio(p));
    assertThat(d.rule()).as(d.summary()).isEqualTo(Rules.FREE_BALANCE);
    assertThat(d.order().quoteQuantity().multiply(d("1.0005"))).isLessThanOrEqualTo(d("8"));
  }

  @Test
  void unknownSymbolRulesReject() {
    assertRejectedBy(eval(context(buy("10"), now).symbolRules(null)), Rules.SYMBOL_TRADABLE);
  }

  @Test
  void symbolNotApiTradableOrHaltedOrBuyNotAllowedRejects() {
    var base = Fixtures.rules();
    assertRejectedBy(eval(context(buy("10"), now).symbolRules(
        io.ottertrend.model.SymbolRules.builder(SYMBOL, "ABC", "USDT").apiTradable(false).build())),
        Rules.SYMBOL_TRADABLE);
    assertRejectedBy(eval(context(buy("10"), now).symbolRules(
        io.ottertrend.model.SymbolRules.builder(SYMBOL, "ABC", "USDT").status(SymbolStatus.PAUSED).build())),
        Rules.SYMBOL_TRADABLE);
    assertRejectedBy(eval(context(buy("10"), now).symbolRules(
        io.ottertrend.model.SymbolRules.builder(SYMBOL, "ABC", "USDT").sides(TradeSides.SELL_ONLY).build())),
        Rules.SYMBOL_TRADABLE);
    assertRejectedBy(eval(context(buy("10"), now).symbolRules(
        io.ottertrend.model.SymbolRules.builder(SYMBOL, "ABC", "USDT").orderTypes(Set.of(OrderType.LIMIT)).build())),
        Rules.SYMBOL_TRADABLE);
    assertRejectedBy(eval(context(buy("10"), now).symbolRules(
        io.ottertrend.model.SymbolRules.builder("OTHERUSDT", "O", "USDT").build())), Rules.SYMBOL_TRADABLE);
    assertThat(base.canTrade(Side.BUY)).isTrue();
  }

  @Test
  void symbolQuotedInAnotherCurrencyThanTheAccountRejects() {
    OrderProposal p = new OrderProposal("ABCBTC", Side.BUY, Intent.ENTRY, OrderType.MARKET, d("10"), null, null,
        "q1", Origin.LLM);
    RiskDecision d = eval(RiskContext.builder(p)
        .symbolRules(io.ottertrend.model.SymbolRules.builder("ABCBTC", "ABC", "BTC").build())
        .book(new OrderBook("ABCBTC", Fixtures.book(now).bids(), Fixtures.book(now).asks(), now))
        .portfolio(cash("1000", now)));
    assertRejectedBy(d, Rules.SYMBOL_TRADABLE);
    assertThat(d.reason()).contains("quoted in BTC");
  }

  @Test
  void marketDataOfAnotherSymbolRejects() {
    OrderBook other = new OrderBook("XYZUSDT", Fixtures.book(now).bids(), Fixtures.book(now).asks(), now);
    assertRejectedBy(eval(context(buy("10"), now).book(other)), Rules.PRICE_SANITY);
    io.ottertrend.model.Ticker t = Fixtures.ticker(now, "10000000");
    io.ottertrend.model.Ticker otherTicker = new io.ottertrend.model.Ticker("XYZUSDT", t.lastPrice(), t.bidPrice(),
        t.askPrice(), t.openPrice(), t.highPrice(), t.lowPrice(), 0, t.volume(), t.quoteVolume(), now);
    assertRejectedBy(eval(context(buy("10"), now).ticker(otherTicker)), Rules.PRICE_SANITY);
  }

  @Test
  void emptyOneSidedOrCrossedBookRejects() {
    OrderBook oneSided = new OrderBook(SYMBOL, List.of(BookLevel.of("99", "1")), List.of(), now);
    assertRejectedBy(eval(context(buy("10"), now).book(oneSided)), Rules.PRICE_SANITY);
    OrderBook crossed = new OrderBook(SYMBOL, List.of(BookLevel.of("101", "1")), List.of(BookLevel.of("100", "1")),
        now);
    assertRejectedBy(eval(context(buy("10"), now).book(crossed)), Rules.PRICE_SANITY);
  }

  @Test
  void zeroNegativeAndJumpingPricesReject() {
    OrderBook zero = new OrderBook(SYMBOL, List.of(BookLevel.of("0", "1")), List.of(BookLevel.of("0", "1")), now);
    assertRejectedBy(eval(context(buy("10"), now).book(zero)), Rules.PRICE_SANITY);
    OrderBook negative = new OrderBook(SYMBOL, List.of(BookLevel.of("-2", "1")), List.of(BookLevel.of("-1", "1")),
        now);
    assertRejectedBy(eval(context(buy("10"), now).book(negative)), Rules.PRICE_SANITY);
    // 100x jump against the previous observation
    assertRejectedBy(eval(context(buy("10"), now).previousPrice(d("1"))), Rules.PRICE_SANITY);
    // a limit price far from the market
    OrderProposal far = OrderProposal.limitEntry(SYMBOL, d("0.1"), d("1000"), "cid3", Origin.LLM);
    assertRejectedBy(eval(context(far, now)), Rules.PRICE_SANITY);
    // no book and no ticker at all
    assertRejectedBy(eval(context(buy("10"), now).book(null).ticker(null)), Rules.PRICE_SANITY);
  }

  @Test
  void killSwitchBlocksEntriesButNotExits() {
    engine.killSwitch().halt("operator says stop");
    clock.advance(Duration.ofSeconds(2));
    now = clock.millis();
    assertRejectedBy(eval(context(buy("10"), now)), Rules.KILL_SWITCH);
    assertThat(engine.manualHalt()).contains("operator says stop");
    RiskDecision exit = eval(context(OrderProposal.marketExit(SYMBOL, d("0.1"), "x1", Origin.CODE), now)
        .portfolio(new Portfolio("USDT", d("10"), null, List.of(Fixtures.position(SYMBOL, "0.5", "100")), now)));
    assertThat(exit.approved()).as(exit.summary()).isTrue();
  }

  @Test
  void drawdownFromThePeakLocksEntries() {
    assertThat(eval(context(buy("10"), now).portfolio(cash("1000", now))).approved()).isTrue();
    // 20 % below the 1000 peak, but only 200 lost (daily loss limit 50 would fire first): loosen it
    RiskEngine loose = RiskEngine.builder(memory, clock, limits(Map.of(Setting.RISK_MAX_DAILY_LOSS_USD, "100000")))
        .build();
    assertRejectedBy(loose.evaluate(context(buy("10"), now).portfolio(cash("800", now)).build()),
        Rules.MAX_DRAWDOWN);
  }

  @Test
  void stopLossGuardLocksAfterThreeLosingStopOutsInTheWindow() {
    for (int i = 0; i < 3; i++) {
      engine.onTradeClosed(trade("S" + i + "USDT", "-1", "STOP_LOSS", now - 1000));
    }
    assertRejectedBy(eval(context(buy("10"), now)), Rules.STOPLOSS_GUARD);
    clock.advance(Duration.ofHours(7));
    now = clock.millis();
    assertThat(eval(context(buy("10"), now)).approved()).isTrue();
  }

  @Test
  void stopLossGuardIsRebuiltFromTheTradesTableAfterARestart() {
    for (int i = 0; i < 3; i++) {
      memory.recordTrade(trade("S" + i + "USDT", "-1", "STOP_LOSS", now - 1000));
    }
    RiskEngine restarted = RiskEngine.builder(memory, clock, RiskLimits.defaults()).build();
    assertRejectedBy(restarted.evaluate(context(buy("10"), now).build()), Rules.STOPLOSS_GUARD);
  }

  @Test
  void llmSafeModeAllowsOnlyExits() {
    assertRejectedBy(eval(context(buy("10"), now).brainFailures(3)), Rules.LLM_SAFE_MODE);
  }

  @Test
  void llmBudgetBlocksLlmEntriesButNotRuleBrainEntries() {
    assertRejectedBy(eval(context(buy("10"), now).llmTokensToday(100_000)), Rules.LLM_BUDGET);
    OrderProposal rules = OrderProposal.marketEntry(SYMBOL, d("10"), "r1", Origin.RULES);
    assertThat(eval(context(rules, now).llmTokensToday(100_000)).approved()).isTrue();
  }

  @Test
  void staleBookTickerOrValuationRejectsEntries() {
    long old = now - Duration.ofMinutes(4).toMillis();
    assertRejectedBy(eval(context(buy("10"), now).book(Fixtures.book(old))), Rules.STALE_DATA);
    assertRejectedBy(eval(context(buy("10"), now).book(Fixtures.book(0))), Rules.STALE_DATA);
    assertRejectedBy(eval(context(buy("10"), now).ticker(Fixtures.ticker(old, "10000000"))), Rules.STALE_DATA);
    assertRejectedBy(eval(context(buy("10"), now).portfolio(cash("1000", old))), Rules.STALE_DATA);
    assertRejectedBy(eval(context(buy("10"), now).book(Fixtures.book(now + 3_600_000))), Rules.STALE_DATA);
  }

  @Test
  void wideSpreadRejects() {
    OrderBook wide = new OrderBook(SYMBOL, List.of(BookLevel.of("97", "100")), List.of(BookLevel.of("100", "100")),
        now);
    assertRejectedBy(eval(context(buy("10"), now).book(wide).previousPrice(null)), Rules.MAX_SPREAD);
  }

  @Test
  void thinPairsAreBlockedOrCapped() {
    assertRejectedBy(eval(context(buy("10"), now).ticker(Fixtures.ticker(now, "1000"))), Rules.MIN_LIQUIDITY);
    RiskDecision capped = eval(context(buy("20"), now).ticker(Fixtures.ticker(now, "100000")));
    assertThat(capped.rule()).as(capped.summary()).isEqualTo(Rules.LOW_LIQUIDITY_CAP);
    assertThat(capped.order().quoteQuantity()).isLessThanOrEqualTo(d("10"));
  }

  @Test
  void callerLiquidityFiguresNeverOverrideWhatTheTickerShows() {
    Liquidity claimed = new Liquidity(1e12, 1e12, 1e12, 1e12, 1e12);
    assertRejectedBy(eval(context(buy("10"), now).ticker(Fixtures.ticker(now, "1000")).liquidity(claimed)),
        Rules.MIN_LIQUIDITY);
    Liquidity thin = new Liquidity(1000, Double.NaN, Double.NaN, Double.NaN, Double.NaN);
    assertRejectedBy(eval(context(buy("10"), now).liquidity(thin)), Rules.MIN_LIQUIDITY);
    assertThat(claimed.conservative(Liquidity.UNKNOWN)).isEqualTo(claimed);
  }

  @Test
  void marketEntryIsCappedAtTheAskDepthWithinOnePercent() {
    OrderBook shallow = new OrderBook(SYMBOL, List.of(BookLevel.of("99.95", "50")),
        List.of(BookLevel.of("100.05", "0.1")), now);
    RiskDecision d = eval(context(buy("20"), now).book(shallow));
    assertThat(d.rule()).as(d.summary()).isEqualTo(Rules.LOW_LIQUIDITY_CAP);
    assertThat(d.order().quoteQuantity()).isLessThanOrEqualTo(d("10.005"));
  }

  @Test
  void cooldownBlocksReentryAfterAnExit() {
    engine.onTradeClosed(trade(SYMBOL, "1", "SIGNAL", now - 60_000));
    assertRejectedBy(eval(context(buy("10"), now)), Rules.COOLDOWN);
    clock.advance(Duration.ofMinutes(15));
    now = clock.millis();
    assertThat(eval(context(buy("10"), now)).approved()).isTrue();
  }

  @Test
  void maxDailyTradesStopsEntriesAtTheLimit() {
    RiskEngine e = RiskEngine.builder(memory, clock, limits(Map.of(Setting.RISK_MAX_DAILY_TRADES, "2"))).build();
    assertThat(e.evaluate(context(buy("10"), now).build()).approved()).isTrue();
    assertThat(e.evaluate(context(buy("10"), now).build()).approved()).isTrue();
    assertRejectedBy(e.evaluate(context(buy("10"), now).build()), Rules.MAX_DAILY_TRADES);
    assertThat(e.counters().tradesToday()).isEqualTo(2);
  }

  @Test
  void entriesPerHourIsARollingWindow() {
    RiskEngine e = RiskEngine.builder(memory, clock, limits(Map.of(Setting.RISK_MAX_ENTRIES_PER_HOUR, "2"))).build();
    assertThat(e.evaluate(context(buy("10"), now).build()).approved()).isTrue();
    clock.advance(Duration.ofMinutes(30));
    now = clock.millis();
    assertThat(e.evaluate(context(buy("10"), now).build()).approved()).isTrue();
    assertRejectedBy(e.evaluate(context(buy("10"), now).build()), Rules.ENTRIES_PER_HOUR);
    clock.advance(Duration.ofMinutes(31));
    now = clock.millis();
    assertThat(e.evaluate(context(buy("10"), now).build()).approved()).isTrue();
  }

  @Test
  void maxOpenPositionsCountsHeldAndInFlightEntries() {
    RiskEngine e = RiskEngine.builder(memory, clock, limits(Map.of(Setting.RISK_MAX_OPEN_POSITIONS, "2"))).build();
    Portfolio one = new Portfolio("USDT", d("1000"), null, List.of(Fixtures.position("XYZUSDT", "0.01", "100")),
        now);
    assertThat(e.evaluate(context(buy("10"), now).portfolio(one).build()).approved()).isTrue();
    // ABC is now in flight: a third symbol is refused, adding to ABC is not
    OrderProposal other = new OrderProposal("DEFUSDT", Side.BUY, Intent.ENTRY, OrderType.MARKET, d("10"), null, null,
        "d1", Origin.LLM);
    RiskContext.Builder b = RiskContext.builder(other)
        .symbolRules(io.ottertrend.model.SymbolRules.builder("DEFUSDT", "DEF", "USDT").minNotional("5").build())
        .book(new OrderBook("DEFUSDT", Fixtures.book(now).bids(), Fixtures.book(now).asks(), now))
        .ticker(new io.ottertrend.model.Ticker("DEFUSDT", d("100"), d("99.95"), d("100.05"), d("98"), d("102"),
            d("97"), 0.02, d("100000"), d("10000000"), now)).portfolio(one);
    assertRejectedBy(e.evaluate(b.build()), Rules.MAX_OPEN_POSITIONS);
    assertThat(e.evaluate(context(buy("10"), now).portfolio(one).build()).approved()).isTrue();
    e.onEntryDone(SYMBOL);
    assertThat(e.evaluate(b.build()).approved()).isTrue();
  }

  @Test
  void maxOpenPositionsReleasesTheSlotOfADustPosition() {
    // Reliability plan 13: the order manager flags an unsellable remainder as dust and releases its slot; the
    // engine used to count it anyway, so dust in RISK_MAX_OPEN_POSITIONS symbols blocked every entry for good.
    RiskEngine e = RiskEngine.builder(memory, clock, limits(Map.of(Setting.RISK_MAX_OPEN_POSITIONS, "1"))).build();
    Portfolio dustOnly = new Portfolio("USDT", d("1000"), null,
        List.of(Fixtures.position("XYZUSDT", "0.001", "100")), now);
    assertRejectedBy(e.evaluate(context(buy("10"), now).portfolio(dustOnly).build()), Rules.MAX_OPEN_POSITIONS);
    assertThat(e.evaluate(context(buy("10"), now).portfolio(dustOnly).dustSymbols(Set.of("XYZUSDT")).build())
        .approved()).as("the dust position does not take the only slot").isTrue();
  }

  @Test
  void buyingMoreOfADustSymbolOpensAPositionRatherThanAddingToOne() {
    RiskEngine e = RiskEngine.builder(memory, clock, limits(Map.of(Setting.RISK_MAX_OPEN_POSITIONS, "1"))).build();
    Portfolio heldAndDust = new Portfolio("USDT", d("1000"), null, List.of(Fixtures.position(SYMBOL, "0.2", "100"),
        Fixtures.position("XYZUSDT", "0.001", "100")), now);
    OrderProposal intoDust = new OrderProposal("XYZUSDT", Side.BUY, Intent.ENTRY, OrderType.MARKET, d("10"), null,
        null, "x1", Origin.LLM);
    RiskContext.Builder b = RiskContext.builder(intoDust)
        .symbolRules(io.ottertrend.model.SymbolRules.builder("XYZUSDT", "XYZ", "USDT").minNotional("5").build())
        .book(new OrderBook("XYZUSDT", Fixtures.book(now).bids(), Fixtures.book(now).asks(), now))
        .ticker(new io.ottertrend.model.Ticker("XYZUSDT", d("100"), d("99.95"), d("100.05"), d("98"), d("102"),
            d("97"), 0.02, d("100000"), d("10000000"), now))
        .portfolio(heldAndDust).dustSymbols(Set.of("XYZUSDT"));
    assertRejectedBy(e.evaluate(b.build()), Rules.MAX_OPEN_POSITIONS);
    assertThat(e.evaluate(context(buy("10"), now).portfolio(heldAndDust).dustSymbols(Set.of("XYZUSDT")).build())
        .approved()).as("adding to the real position still needs no new slot").isTrue();
  }

  @Test
  void symbolMaximumNotionalShrinks() {
    RiskDecision d = eval(context(buy("20"), now).symbolRules(io.ottertrend.model.SymbolRules
        .builder(SYMBOL, "ABC", "USDT").tickSize("0.01").stepSize("0.001").minNotional("1").maxNotional("8").build()));
    assertThat(d.rule()).as(d.summary()).isEqualTo(Rules.SYMBOL_MAX_NOTIONAL);
    assertThat(d.order().quoteQuantity()).isLessThanOrEqualTo(d("8"));
  }

  @Test
  void exitsSellAtMostWhatIsHeldAndRejectDust() {
    Portfolio held = new Portfolio("USDT", d("0"), null, List.of(Fixtures.position(SYMBOL, "0.2", "100")), now);
    RiskDecision d = eval(context(OrderProposal.marketExit(SYMBOL, d("5"), "x1", Origin.LLM), now).portfolio(held));
    assertThat(d.rule()).as(d.summary()).isEqualTo(Rules.FREE_BALANCE);
    assertThat(d.order().quantity()).isEqualByComparingTo("0.2");
    Portfolio dust = new Portfolio("USDT", d("0"), null, List.of(Fixtures.position(SYMBOL, "0.01", "100")), now);
    assertRejectedBy(eval(context(OrderProposal.marketExit(SYMBOL, d("0.01"), "x2", Origin.LLM), now)
        .portfolio(dust)), Rules.MIN_NOTIONAL);
    assertRejectedBy(eval(context(OrderProposal.marketExit(SYMBOL, d("1"), "x3", Origin.LLM), now)),
        Rules.FREE_BALANCE);
  }

  @Test
  void malformedProposalsAreRejectedByTheProposalCheck() {
    assertRejectedBy(eval(context(buy("-5"), now)), RiskEngine.PROPOSAL);
    assertRejectedBy(eval(context(buy("0"), now)), RiskEngine.PROPOSAL);
    assertRejectedBy(eval(context(OrderProposal.marketEntry(SYMBOL, null, "c", Origin.LLM), now)),
        RiskEngine.PROPOSAL);
    assertRejectedBy(eval(context(OrderProposal.marketEntry(SYMBOL, d("10"), "bad id!", Origin.LLM), now)),
        RiskEngine.PROPOSAL);
    assertRejectedBy(eval(context(new OrderProposal(SYMBOL, Side.SELL, Intent.ENTRY, OrderType.MARKET, null, d("1"),
        null, "c", Origin.LLM), now)), RiskEngine.PROPOSAL);
    assertRejectedBy(eval(context(new OrderProposal(SYMBOL, Side.BUY, Intent.EXIT, OrderType.MARKET, d("1"), null,
        null, "c", Origin.LLM), now)), RiskEngine.PROPOSAL);
    assertRejectedBy(eval(context(new OrderProposal(SYMBOL, Side.BUY, Intent.ENTRY, OrderType.LIMIT, null, d("1"),
        null, "c", Origin.LLM), now)), RiskEngine.PROPOSAL);
    assertRejectedBy(eval(context(new OrderProposal(null, Side.BUY, Intent.ENTRY, OrderType.MARKET, d("1"), null,
        null, "c", Origin.LLM), now)), RiskEngine.PROPOSAL);
    assertRejectedBy(engine.evaluate(null), RiskEngine.PROPOSAL);
  }

  @Test
  void absurdMagnitudesAreRejectedQuicklyAndRecordedCompactly() {
    RiskDecision huge = eval(context(buy("1E+999999999"), now));
    assertRejectedBy(huge, RiskEngine.PROPOSAL);
    assertThat(huge.reason()).contains("plausible");
    assertRejectedBy(eval(context(buy("-1E+999999999"), now)), RiskEngine.PROPOSAL);
    assertRejectedBy(eval(context(buy("1E-999999999"), now)), RiskEngine.PROPOSAL);
    assertThat(huge.proposal().toJson()).contains("\"quoteAmount\":1E+999999999").hasSizeLessThan(300);
    assertThat(memory.recentRiskEvents(1).get(0).beforeJson()).hasSizeLessThan(300);
  }

  @Test
  void limitsCannotBeSwitchedOff() {
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> limits(Map.of(Setting.RISK_MAX_TRADE_USD, "0")))
        .isInstanceOf(RuntimeException.class);
    RiskLimits l = RiskLimits.defaults();
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> new RiskLimits(BigDecimal.ZERO, l.maxTradePctEquity(),
        l.maxDailyTrades(), l.maxDailyLossUsd(), l.maxOpenPositions(), l.maxSpreadPct(), l.minLiquidityUsd(),
        l.lowLiquidityThresholdUsd(), l.lowLiquidityCapUsd(), l.maxDrawdownPct(), l.maxEntriesPerHour(),
        l.cooldown(), l.stoplossGuardCount(), l.stoplossGuardWindow(), l.staleData(), l.maxPriceJumpPct(),
        l.exitReservePct(), l.llmSafeModeAfter(), l.llmDailyTokenBudget()))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("maxTradeUsd");
    assertThat(l.maxTradeUsd()).isEqualByComparingTo("20");
    assertThat(l.maxTradePctEquity()).isEqualByComparingTo("0.05");
    assertThat(l.maxDailyTrades()).isEqualTo(50);
    assertThat(l.maxDailyLossUsd()).isEqualByComparingTo("50");
    assertThat(l.maxOpenPositions()).isEqualTo(5);
    assertThat(l.maxSpreadPct()).isEqualTo(0.02);
  }

  @Test
  void engineRunsTheDocumentedOrderAndAddedRulesLast() {
    RiskRule extra = new RiskRule() {
      @Override
      public String name() {
        return "no_abc";
      }

      @Override
      public RiskVerdict evaluate(RiskContext ctx) {
        return ctx.isEntry() ? RiskVerdict.reject("not this one") : RiskVerdict.approve();
      }
    };
    RiskEngine e = RiskEngine.builder(memory, clock, RiskLimits.defaults()).addRule(extra).build();
    assertThat(e.ruleNames()).first().isEqualTo(Rules.SYMBOL_TRADABLE);
    assertThat(e.ruleNames()).last().isEqualTo("no_abc");
    assertThat(e.ruleNames()).containsSubsequence(Rules.MAX_ORDER_USD, Rules.FREE_BALANCE, Rules.MIN_NOTIONAL);
    assertRejectedBy(e.evaluate(context(buy("10"), now).build()), "no_abc");
  }

  static RiskLimits limits(Map<Setting, String> overrides) {
    return RiskLimits.from(Settings.defaults().with(overrides));
  }

  static TradeRecord trade(String symbol, String pnl, String reason, long closedAt) {
    return new TradeRecord(0, null, "paper", symbol, d("1"), d("100"), d("99"), closedAt - 60_000, closedAt, d(pnl),
        d("0.01"), reason);
  }
}
