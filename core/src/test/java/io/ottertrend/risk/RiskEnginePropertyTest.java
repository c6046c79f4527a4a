package io.ottertrend.risk;

import static org.assertj.core.api.Assertions.assertThat;

import io.ottertrend.config.Setting;
import io.ottertrend.config.Settings;
import io.ottertrend.memory.TradeRecord;
import io.ottertrend.model.BookLevel;
import io.ottertrend.model.OrderBook;
import io.ottertrend.model.OrderRequest;
import io.ottertrend.model.OrderType;
import io.ottertrend.model.Portfolio;
import io.ottertrend.model.Position;
import io.ottertrend.model.Side;
import io.ottertrend.model.SymbolRules;
import io.ottertrend.model.SymbolStatus;
import io.ottertrend.model.Ticker;
import io.ottertrend.model.TradeSides;
import io.ottertrend.time.Clock;
import io.ottertrend.time.SimulatedClock;
import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/**
 * Reliability test plan items 14 and 20: random proposals (sizes from 0 to 1e9, negative, missing, garbage
 * prices, crossed and one-sided books, stale data, random ticks, steps, minimums, equity), random fills, exits,
 * stop-outs, restarts with new limits, kill-switch toggles and midnight crossings. Every approved order must
 * respect every limit after rounding; every rejection must name a known rule.
 */
class RiskEnginePropertyTest {
  private static final long SEED = Long.getLong("risk.seed", 0x07734E2026L);
  private static final int PROPOSALS = 100_000;
  private static final MathContext MC = new MathContext(24, RoundingMode.DOWN);
  private static final int SYMBOLS = 8;

  private final SplittableRandom rnd = new SplittableRandom(SEED);
  private final SimulatedClock clock = Clock.simulated(Instant.parse("2026-11-24T21:00:00Z"));
  private final InMemoryMemory memory = new InMemoryMemory();
  private final String[] names = new String[SYMBOLS];
  private final SymbolRules[] rules = new SymbolRules[SYMBOLS];
  private final double[] prices = new double[SYMBOLS];
  private final Map<String, BigDecimal> held = new HashMap<>();
  private BigDecimal cash = new BigDecimal("1000");
  private RiskLimits limits = RiskLimits.defaults();
  private RiskEngine engine;
  // the test's own record of approvals, kept across engine restarts
  private final Map<LocalDate, Integer> approvalsPerDay = new HashMap<>();
  private final Deque<Long> entryTimes = new ArrayDeque<>();
  private boolean halted;
  private int cid;

  private String seed() {
    return "seed " + SEED + " (rerun with -Drisk.seed=" + SEED + ")";
  }

  @Test
  void noApprovedOrderBreaksALimitAndEveryRejectionNamesItsRule() {
    for (int i = 0; i < SYMBOLS; i++) {
      names[i] = "S" + i + "USDT";
      newSymbol(i);
    }
    engine = build();
    Set<String> known = new HashSet<>(engine.ruleNames());
    known.add(RiskEngine.PROPOSAL);
    known.add(RiskEngine.ENGINE);
    Map<String, Integer> rejectedBy = new TreeMap<>();
    Map<RiskDecision.Outcome, Integer> outcomes = new EnumMap<>(RiskDecision.Outcome.class);
    int restarts = 0;
    int midnights = 0;

    for (int n = 0; n < PROPOSALS; n++) {
      LocalDate before = clock.utcDate();
      moveTime();
      if (!clock.utcDate().equals(before)) {
        midnights++;
      }
      if (rnd.nextInt(2_000) == 0) {
        limits = randomLimits();
        engine = build();
        known.addAll(engine.ruleNames());
        restarts++;
      }
      if (rnd.nextInt(4_000) == 0) {
        if (halted) {
          engine.killSwitch().resume();
        } else {
          engine.killSwitch().halt("property test");
        }
        halted = !halted;
        engine.refresh();
      }
      if (rnd.nextInt(500) == 0) {
        newSymbol(rnd.nextInt(SYMBOLS));
      }
      if (cash.compareTo(new BigDecimal("30")) < 0 && rnd.nextInt(20) == 0) {
        cash = cash.add(new BigDecimal("1000"));
      }
      for (int i = 0; i < SYMBOLS; i++) {
        prices[i] *= Math.exp(rnd.nextGaussian() * 0.003);
      }

      int s = rnd.nextInt(SYMBOLS);
      long now = clock.millis();
      OrderBook book = book(s, now);
      Ticker ticker = ticker(s, now);
      Portfolio portfolio = portfolio(now);
      OrderProposal proposal = proposal(s);
      RiskContext ctx = RiskContext.builder(proposal)
          .symbolRules(rnd.nextInt(200) == 0 ? null : rules[s])
          .book(book)
          .ticker(ticker)
          .portfolio(portfolio)
          .previousPrice(rnd.nextInt(20) == 0 ? null
              : rnd.nextInt(50) == 0 ? BigDecimal.valueOf(prices[s] * 50) : BigDecimal.valueOf(prices[s]))
          .brainFailures(rnd.nextInt(100) < 97 ? 0 : rnd.nextInt(6))
          .llmTokensToday(rnd.nextInt(100) < 97 ? rnd.nextLong(0, 50_000) : rnd.nextLong(0, 300_000))
          .build();

      if (rnd.nextInt(10) == 0) {
        RiskCounters countersBefore = engine.counters();
        long eventsBefore = memory.eventCount();
        RiskDecision dry = engine.check(ctx);
        assertThat(dry.dryRun()).isTrue();
        assertThat(memory.eventCount()).as("dry run recorded an event, " + seed()).isEqualTo(eventsBefore);
        assertThat(engine.counters()).as("dry run changed counters, " + seed()).isEqualTo(countersBefore);
        if (dry.approved()) {
          checkApproved(dry, ctx, n);
        }
        continue;
      }

      int tradesBefore = approvalsPerDay.getOrDefault(clock.utcDate(), 0);
      while (!entryTimes.isEmpty() && entryTimes.peekFirst() <= now - 3_600_000L) {
        entryTimes.pollFirst();
      }
      int entriesLastHour = entryTimes.size();
      long eventsBefore = memory.eventCount();
      RiskDecision d = engine.evaluate(ctx);
      outcomes.merge(d.outcome(), 1, Integer::sum);
      assertThat(memory.eventCount()).as("every verdict is recorded, " + seed()).isEqualTo(eventsBefore + 1);
      if (!d.approved()) {
        assertThat(d.rule()).as("rejection #%d names a known rule, %s", n, seed()).isIn(known);
        assertThat(d.reason()).as("rejection #%d has a reason, %s", n, seed()).isNotBlank();
        assertThat(d.order()).isNull();
        rejectedBy.merge(d.rule(), 1, Integer::sum);
        continue;
      }
      checkApproved(d, ctx, n);
      if (proposal.intent() == Intent.ENTRY) {
        assertThat(tradesBefore).as("#%d entry beyond the daily trade limit, %s", n, seed())
            .isLessThan(limits.maxDailyTrades());
        assertThat(entriesLastHour).as("#%d entry beyond the hourly limit, %s", n, seed())
            .isLessThan(limits.maxEntriesPerHour());
        assertThat(halted).as("#%d entry while halted, %s", n, seed()).isFalse();
        assertThat(ctx.brainFailures()).isLessThan(limits.llmSafeModeAfter());
        entryTimes.addLast(now);
      }
      approvalsPerDay.merge(clock.utcDate(), 1, Integer::sum);
      fill(d, s);
    }

    System.out.println("risk property test: " + outcomes + " rejected by " + rejectedBy + " restarts " + restarts
        + " midnights " + midnights + ", " + seed());
    // the run must have exercised the engine, not just rejected everything
    assertThat(outcomes.getOrDefault(RiskDecision.Outcome.APPROVE, 0)).as(seed()).isGreaterThan(500);
    assertThat(outcomes.getOrDefault(RiskDecision.Outcome.SHRINK, 0)).as(seed()).isGreaterThan(500);
    assertThat(rejectedBy.keySet()).as("rules that fired: " + rejectedBy + ", " + seed()).hasSizeGreaterThan(18);
    assertThat(restarts).isGreaterThan(10);
    assertThat(midnights).isGreaterThan(3);
  }

  private void checkApproved(RiskDecision d, RiskContext ctx, int n) {
    OrderProposal p = ctx.proposal();
    OrderRequest o = d.order();
    SymbolRules r = ctx.symbolRules();
    String where = "#" + n + " " + d.summary() + ", " + seed();
    assertThat(o.symbol()).isEqualTo(p.symbol());
    assertThat(o.side()).isEqualTo(p.side());
    assertThat(r).as(where).isNotNull();
    if (o.quantity() != null) {
      assertThat(o.quantity().signum()).as(where).isPositive();
      assertThat(o.quantity().remainder(r.stepSize()).signum()).as("quantity on the step: " + where).isZero();
    }
    if (o.price() != null) {
      assertThat(o.price().remainder(r.tickSize()).signum()).as("price on the tick: " + where).isZero();
    }
    BigDecimal market = ctx.marketPrice();
    BigDecimal notional = o.quoteQuantity() != null ? o.quoteQuantity()
        : o.quantity().multiply(o.price() != null ? o.price() : market);
    if (p.intent() == Intent.EXIT) {
      BigDecimal h = ctx.heldQuantity();
      assertThat(o.quantity()).as("sell within the holding: " + where).isLessThanOrEqualTo(h);
      assertThat(notional).as("exit meets the minimum: " + where).isGreaterThanOrEqualTo(r.minNotional());
      return;
    }
    BigDecimal equity = ctx.portfolio().equity().orElseThrow();
    assertThat(notional).as("order limit: " + where).isLessThanOrEqualTo(limits.maxTradeUsd());
    assertThat(notional).as("equity fraction: " + where)
        .isLessThanOrEqualTo(equity.multiply(limits.maxTradePctEquity()));
    BigDecimal fee = r.fee(o.type() == OrderType.LIMIT_MAKER);
    assertThat(notional.multiply(BigDecimal.ONE.add(fee))).as("free balance: " + where)
        .isLessThanOrEqualTo(ctx.portfolio().freeCash());
    assertThat(notional).as("minimum plus exit reserve: " + where)
        .isGreaterThanOrEqualTo(r.minNotional().multiply(BigDecimal.ONE.add(limits.exitReservePct())));
    if (o.quoteQuantity() != null) {
      BigDecimal estimate = o.quoteQuantity().divide(market, MC);
      assertThat(estimate).as("minimum quantity plus reserve: " + where)
          .isGreaterThanOrEqualTo(r.minQuantity().multiply(BigDecimal.ONE.add(limits.exitReservePct())));
    } else {
      assertThat(o.quantity()).as("minimum quantity plus reserve: " + where)
          .isGreaterThanOrEqualTo(r.minQuantity().multiply(BigDecimal.ONE.add(limits.exitReservePct())));
    }
    double volume = ctx.ticker().quoteVolume().doubleValue();
    if (volume < limits.lowLiquidityThresholdUsd()) {
      assertThat(notional).as("low-liquidity cap: " + where).isLessThanOrEqualTo(limits.lowLiquidityCapUsd());
    }
    assertThat(volume).as("min liquidity: " + where).isGreaterThanOrEqualTo(limits.minLiquidityUsd());
    double spread = ctx.book() != null ? ctx.book().spreadFraction() : ctx.ticker().spreadFraction();
    assertThat(spread).as("spread: " + where).isLessThanOrEqualTo(limits.maxSpreadPct());
    long dataTime = ctx.book() != null ? ctx.book().timestamp() : ctx.ticker().closeTime();
    assertThat(clock.millis() - dataTime).as("fresh data: " + where).isLessThanOrEqualTo(limits.staleData().toMillis());
    if (p.symbol() != null && !ctx.holds(p.symbol())) {
      long open = ctx.portfolio().positions().stream().filter(x -> x.quantity().signum() > 0).count();
      assertThat(open).as("open positions: " + where).isLessThan(limits.maxOpenPositions());
    }
  }

  private void fill(RiskDecision d, int s) {
    OrderRequest o = d.order();
    BigDecimal price = BigDecimal.valueOf(prices[s]);
    if (o.side() == Side.BUY) {
      engine.onEntryDone(o.symbol());
      if (rnd.nextInt(5) == 0) {
        return; // not filled
      }
      BigDecimal spend = o.quoteQuantity() != null ? o.quoteQuantity() : o.quantity().multiply(o.price());
      BigDecimal qty = o.quoteQuantity() != null ? rules[s].truncateQuantity(spend.divide(price, MC)) : o.quantity();
      cash = cash.subtract(spend.multiply(new BigDecimal("1.0005")));
      held.merge(o.symbol(), qty, BigDecimal::add);
    } else {
      BigDecimal h = held.getOrDefault(o.symbol(), BigDecimal.ZERO).subtract(o.quantity());
      if (h.signum() <= 0) {
        held.remove(o.symbol());
      } else {
        held.put(o.symbol(), h);
      }
      cash = cash.add(o.quantity().multiply(price).multiply(new BigDecimal("0.9995")));
      BigDecimal pnl = BigDecimal.valueOf(rnd.nextDouble(-3, 2));
      TradeRecord t = new TradeRecord(0, null, "paper", o.symbol(), o.quantity(), price, price,
          clock.millis() - 60_000, clock.millis(), pnl, BigDecimal.ZERO, rnd.nextInt(3) == 0 ? "STOP_LOSS" : "SIGNAL");
      memory.recordTrade(t);
      engine.onTradeClosed(t);
    }
  }

  private RiskEngine build() {
    return RiskEngine.builder(memory, clock, limits).build();
  }

  private RiskLimits randomLimits() {
    String maxTrade = pick("5", "20", "20", "100");
    Map<Setting, String> m = new HashMap<>();
    m.put(Setting.RISK_MAX_TRADE_USD, maxTrade);
    m.put(Setting.RISK_LOW_LIQUIDITY_CAP_USD, new BigDecimal(maxTrade).min(BigDecimal.TEN).toPlainString());
    m.put(Setting.RISK_MAX_TRADE_PCT_EQUITY, pick("0.01", "0.05", "0.05", "0.2"));
    m.put(Setting.RISK_MAX_DAILY_TRADES, pick("5", "50", "50"));
    m.put(Setting.RISK_MAX_ENTRIES_PER_HOUR, pick("2", "10", "10"));
    m.put(Setting.RISK_MAX_OPEN_POSITIONS, pick("1", "5", "5"));
    m.put(Setting.RISK_EXIT_RESERVE_PCT, pick("0", "0.1", "0.5"));
    m.put(Setting.RISK_MAX_DAILY_LOSS_USD, pick("50", "50", "500"));
    return RiskLimits.from(Settings.defaults().with(m));
  }

  private String pick(String... options) {
    return options[rnd.nextInt(options.length)];
  }

  private void moveTime() {
    int t = rnd.nextInt(1_000);
    if (t < 600) {
      clock.advance(Duration.ofMillis(rnd.nextLong(0, 90_000)));
    } else if (t < 603) {
      // to the last millisecond of the UTC day, then across midnight
      LocalDate day = clock.utcDate();
      clock.set(day.plusDays(1).atStartOfDay(ZoneOffset.UTC).toInstant().minusMillis(1));
    } else if (t < 606) {
      clock.advance(Duration.ofMillis(1));
    } else if (t < 610) {
      clock.advance(Duration.ofMinutes(rnd.nextLong(10, 240)));
    }
  }

  private void newSymbol(int i) {
    double price = Math.pow(10, rnd.nextDouble(-5, 4.5));
    prices[i] = price;
    int magnitude = (int) Math.floor(Math.log10(price));
    int tickDecimals = Math.max(0, Math.min(10, 4 - magnitude + rnd.nextInt(-1, 2)));
    int stepDecimals = Math.max(0, Math.min(8, magnitude + 2 + rnd.nextInt(-2, 3)));
    String minNotional = pick("0", "1", "5", "5", "10");
    BigDecimal step = BigDecimal.ONE.scaleByPowerOfTen(-stepDecimals);
    rules[i] = SymbolRules.builder(names[i], names[i].replace("USDT", ""), "USDT")
        .tickSize(BigDecimal.ONE.scaleByPowerOfTen(-tickDecimals))
        .stepSize(step)
        .minQuantity(rnd.nextInt(4) == 0 ? step.multiply(BigDecimal.valueOf(rnd.nextInt(1, 50))).toPlainString() : "0")
        .minNotional(minNotional)
        .maxNotional(rnd.nextInt(10) == 0 ? pick("8", "1000") : null)
        .status(rnd.nextInt(40) == 0 ? SymbolStatus.PAUSED : SymbolStatus.TRADING)
        .apiTradable(rnd.nextInt(40) != 0)
        .sides(rnd.nextInt(40) == 0 ? TradeSides.SELL_ONLY : TradeSides.BOTH)
        .build();
  }

  private OrderBook book(int s, long now) {
    int g = rnd.nextInt(1_000);
    double mid = prices[s];
    double half = mid * (rnd.nextInt(20) == 0 ? rnd.nextDouble(0.01, 0.05) : rnd.nextDouble(0.00001, 0.002));
    BigDecimal bid = BigDecimal.valueOf(mid - half);
    BigDecimal ask = BigDecimal.valueOf(mid + half);
    long at = rnd.nextInt(50) == 0 ? now - rnd.nextLong(0, 600_000) : now - rnd.nextLong(0, 5_000);
    if (g < 5) {
      return null;
    } else if (g < 10) {
      return new OrderBook(names[s], List.of(), List.of(), at);
    } else if (g < 15) {
      return new OrderBook(names[s], List.of(new BookLevel(bid, BigDecimal.ONE)), List.of(), at);
    } else if (g < 20) {
      return new OrderBook(names[s], List.of(new BookLevel(ask, BigDecimal.ONE)), List.of(new BookLevel(bid,
          BigDecimal.ONE)), at);
    } else if (g < 23) {
      return new OrderBook(names[s], List.of(new BookLevel(BigDecimal.ZERO, BigDecimal.ONE)),
          List.of(new BookLevel(BigDecimal.ZERO, BigDecimal.ONE)), at);
    } else if (g < 26) {
      return new OrderBook(names[s], List.of(new BookLevel(bid.negate(), BigDecimal.ONE)),
          List.of(new BookLevel(ask.negate(), BigDecimal.ONE)), at);
    } else if (g < 30) {
      BigDecimal jump = ask.multiply(BigDecimal.valueOf(100));
      return new OrderBook(names[s], List.of(new BookLevel(bid.multiply(BigDecimal.valueOf(100)), BigDecimal.ONE)),
          List.of(new BookLevel(jump, BigDecimal.ONE)), at);
    }
    BigDecimal depth = BigDecimal.valueOf(Math.pow(10, rnd.nextDouble(0, 6)) / mid);
    return new OrderBook(names[s], List.of(new BookLevel(bid, depth)), List.of(new BookLevel(ask, depth)),
        rnd.nextInt(200) == 0 ? 0 : at);
  }

  private Ticker ticker(int s, long now) {
    BigDecimal p = BigDecimal.valueOf(prices[s]);
    double volume = Math.pow(10, rnd.nextDouble(3, 9));
    return new Ticker(names[s], p, p, p, p, p, p, 0, BigDecimal.ONE, BigDecimal.valueOf(volume),
        rnd.nextInt(100) == 0 ? now - 3_600_000 : now);
  }

  private Portfolio portfolio(long now) {
    List<Position> positions = new ArrayList<>();
    boolean unknownMark = rnd.nextInt(100) == 0;
    for (Map.Entry<String, BigDecimal> e : held.entrySet()) {
      int i = Integer.parseInt(e.getKey().substring(1, e.getKey().length() - 4));
      positions.add(new Position(e.getKey(), "", e.getValue(), null, null,
          unknownMark ? null : BigDecimal.valueOf(prices[i]), 0, null, null));
    }
    BigDecimal free = rnd.nextInt(200) == 0 ? cash.negate() : cash.max(BigDecimal.ZERO);
    return new Portfolio("USDT", free, BigDecimal.ZERO, positions, rnd.nextInt(200) == 0 ? now - 900_000 : now);
  }

  private BigDecimal amount() {
    int g = rnd.nextInt(100);
    if (g < 15) {
      return null;
    } else if (g < 18) {
      return BigDecimal.ZERO;
    } else if (g < 21) {
      return BigDecimal.valueOf(-rnd.nextDouble(0, 1e6));
    } else if (g < 24) {
      return new BigDecimal("1000000000");
    } else if (g < 26) {
      return new BigDecimal("1E-12");
    }
    return BigDecimal.valueOf(Math.pow(10, rnd.nextDouble(-8, 9)));
  }

  private OrderProposal proposal(int s) {
    Intent intent = rnd.nextInt(10) < 7 ? Intent.ENTRY : Intent.EXIT;
    Side side = (intent == Intent.ENTRY) == (rnd.nextInt(50) != 0) ? Side.BUY : Side.SELL;
    OrderType type = rnd.nextInt(2) == 0 ? OrderType.MARKET : OrderType.values()[rnd.nextInt(OrderType.values().length)];
    BigDecimal quote = amount();
    BigDecimal qty = amount();
    if (intent == Intent.EXIT && rnd.nextInt(2) == 0) {
      BigDecimal h = held.get(names[s]);
      qty = h == null ? qty : h.multiply(BigDecimal.valueOf(rnd.nextDouble(0.1, 1.2)));
      quote = null;
    } else if (intent == Intent.ENTRY && rnd.nextInt(2) == 0) {
      quote = BigDecimal.valueOf(rnd.nextDouble(1, 60));
    }
    BigDecimal limit = null;
    if (type.needsPrice()) {
      int g = rnd.nextInt(40);
      limit = g == 0 ? null : g == 1 ? BigDecimal.valueOf(-1) : g == 2 ? BigDecimal.valueOf(prices[s] * 1000)
          : BigDecimal.valueOf(prices[s] * (1 + rnd.nextGaussian() * 0.01));
    }
    String id = rnd.nextInt(100) == 0 ? "bad id " + cid : "c" + (cid++);
    String symbol = rnd.nextInt(500) == 0 ? "NOPE" : names[s];
    return new OrderProposal(symbol, side, intent, type, quote, qty, limit, id,
        Origin.values()[rnd.nextInt(Origin.values().length)]);
  }
}
