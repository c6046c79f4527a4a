package io.ottertrend.risk;

import io.ottertrend.alert.AlertKind;
import io.ottertrend.alert.Alerts;
import io.ottertrend.memory.Memory;
import io.ottertrend.memory.RiskEvent;
import io.ottertrend.memory.TradeRecord;
import io.ottertrend.model.Decimals;
import io.ottertrend.model.OrderRequest;
import io.ottertrend.model.Side;
import io.ottertrend.model.SymbolRules;
import io.ottertrend.risk.rules.Rules;
import io.ottertrend.time.Clock;
import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The only way to an order: every proposal, from the LLM, the rule brain, code-enforced exits or a human,
 * goes through {@link #evaluate(RiskContext)} and only an approved, rounded {@link OrderRequest} may be sent.
 *
 * <p><b>What one evaluation does, in order.</b>
 * <ol>
 *   <li>Reads the kill switch and, when another process changed the risk state, reloads it (at most once per
 *       poll interval of the engine's clock; otherwise counters come from memory).
 *   <li>Rolls the daily counters over at 00:00 UTC on the {@link Clock}, exactly once: the rollover is a
 *       compare-and-set of the stored day, so restarts and concurrent engines cannot reset twice.
 *   <li>Replaces the caller's counters, limits, time and halt state with its own (a caller cannot loosen them),
 *       records the first equity of the day and the equity peak.
 *   <li>Validates the proposal (rule {@code proposal}) and normalises its size to a base quantity at the order
 *       price (a missing price rejects as {@code price_sanity}).
 *   <li>Runs the rules of {@link Rules#standard()}, then any added rules, in order. A rule may approve, reject
 *       or shrink; a shrink never grows the order, a shrink to nothing rejects.
 *   <li>Rounds: quantity truncated to the step, limit price rounded the conservative way for the side, a market
 *       buy's quote amount floored; then runs the whole chain again on the rounded order, which must pass
 *       without any change; then re-checks the core invariants directly (rule {@code engine}).
 *   <li>Records the verdict in {@code risk_events} (order before and after, deciding rule) and writes changed
 *       counters through, in one transaction. If that write fails the verdict becomes a rejection.
 * </ol>
 * Fail closed: an exception anywhere, a missing price, stale data or unknown equity rejects, with the rule that
 * could not decide.
 *
 * <p>{@link #check(RiskContext)} runs the same chain as a dry run: nothing is recorded or counted (for the LLM's
 * {@code risk_check_order} tool). {@link #counters()} and {@link #limits()} feed {@code risk_constraints} and
 * {@code status}.
 *
 * <p>Counters assume one trading engine per database (paper and live never share one); a second process (the
 * CLI) may halt, resume or read.
 *
 * <p>Thread-safe: evaluations are serialised on one lock (one chain costs a few microseconds).
 */
public final class RiskEngine {
  /** Rule name of the engine's own checks (proposal validation aside). */
  public static final String ENGINE = "engine";
  /** Rule name of structural proposal validation. */
  public static final String PROPOSAL = "proposal";

  private static final int CLIENT_ID_MAX = 32;
  private static final MathContext DIVIDE = new MathContext(24, RoundingMode.DOWN);
  private static final MathContext QUOTE_DIGITS = new MathContext(20, RoundingMode.HALF_EVEN);
  private static final int REJECT_ALERT_EVERY = 10;

  private final Memory memory;
  private final Clock clock;
  private final RiskLimits limits;
  private final List<RiskRule> rules;
  private final KillSwitch killSwitch;
  private final Alerts alerts;
  private final Long runId;
  private final long pollMillis;
  private final RiskState state;
  private final Object lock = new Object();
  private long lastPoll = Long.MIN_VALUE;
  /** The UTC day last asked for and its bounds [start, end) in epoch ms: most calls fall in the same day. */
  private LocalDate cachedDay;
  private long cachedDayStart = Long.MAX_VALUE;
  private long cachedDayEnd = Long.MIN_VALUE;
  private String manualHalt;
  private int consecutiveRejects;

  private RiskEngine(Builder b) {
    this.memory = b.memory;
    this.clock = b.clock;
    this.limits = b.limits;
    List<RiskRule> all = new ArrayList<>(Rules.standard());
    all.addAll(b.extra);
    this.rules = List.copyOf(all);
    this.alerts = b.alerts == null ? Alerts.none() : b.alerts;
    this.killSwitch = b.killSwitch != null ? b.killSwitch : KillSwitch.forMemory(memory, clock, alerts);
    this.runId = b.runId;
    this.pollMillis = b.pollInterval.toMillis();
    this.state = new RiskState(memory);
    synchronized (lock) {
      poll(clock.millis(), true);
    }
  }

  /**
   * A builder over the database holding the counters, the clock days are measured on, and the limits.
   */
  public static Builder builder(Memory memory, Clock clock, RiskLimits limits) {
    return new Builder(memory, clock, limits);
  }

  /** The limits enforced. */
  public RiskLimits limits() {
    return limits;
  }

  /** Names of the rules in the order they run. */
  public List<String> ruleNames() {
    return rules.stream().map(RiskRule::name).toList();
  }

  /** The kill switch this engine obeys. */
  public KillSwitch killSwitch() {
    return killSwitch;
  }

  /** Evaluates a proposal for real: the verdict is recorded and an approved order is counted. */
  public RiskDecision evaluate(RiskContext context) {
    return run(context, false);
  }

  /** Evaluates a proposal as a dry run: same chain and rounding, nothing recorded or counted. */
  public RiskDecision check(RiskContext context) {
    return run(context, true);
  }

  /**
   * Today's counters as the next evaluation would see them (after a rollover if the day changed), served from
   * memory. Reloads from the database when another process changed the risk state.
   */
  public RiskCounters counters() {
    synchronized (lock) {
      long now = clock.millis();
      poll(now, false);
      LocalDate today = dayOf(now);
      state.prune(now, limits.stoplossGuardWindow().toMillis());
      return state.day == null || today.isAfter(state.day) ? state.rolledView(today) : state.snapshot();
    }
  }

  /** Limits, today's counters and halts in one value (for the {@code risk_constraints} tool and status). */
  public RiskConstraints constraints() {
    RiskCounters c = counters();
    synchronized (lock) {
      return new RiskConstraints(limits, c, manualHalt, ruleNames());
    }
  }

  /** The manual halt reason seen at the last poll, or {@code null}. */
  public String manualHalt() {
    synchronized (lock) {
      return manualHalt;
    }
  }

  /**
   * Why new entries are halted — the manual kill switch (CLI, flag file, library call, IP ban) or today's
   * daily-loss latch, worded as {@link KillSwitch#status()} words them — or {@code null} when they are not. Reads
   * the kill switch at most once per poll interval, like every other call; otherwise it answers from memory.
   */
  public String haltReason() {
    synchronized (lock) {
      long now = clock.millis();
      poll(now, false);
      if (manualHalt != null) {
        return manualHalt;
      }
      // the latch belongs to its day: after midnight it no longer holds, as counters() shows
      return state.dailyHalt == null || state.day == null || RiskState.dayOf(now).isAfter(state.day) ? null
          : "daily loss: " + state.dailyHalt;
    }
  }

  /**
   * Marks the day to market with the portfolio's equity; the agent calls it after valuing the portfolio, every
   * cycle. The day's start equity is then the first valuation of the UTC day, not the equity at the day's first
   * proposal (which could come hours into a loss and hide it), the peak follows every valuation, and a loss since
   * the day's start that reaches {@code RISK_MAX_DAILY_LOSS_USD} latches the daily-loss halt now rather than at the
   * next entry proposal: a falling market with no proposal still halts, so the agent cancels its resting entries
   * ({@code RISK_HALT_CANCEL_ORDERS}) and {@code status} shows the halt. Writes only what changed, in one
   * transaction.
   *
   * <p>Fails closed: when the database cannot be written the latch still holds in this engine (and the error is
   * alerted), so entries stay refused.
   *
   * @return the daily-loss reason when this call latched the halt, else {@code null}
   */
  public String markToMarket(BigDecimal equity) {
    Objects.requireNonNull(equity, "equity");
    synchronized (lock) {
      long now = clock.millis();
      poll(now, false);
      LocalDate today = RiskState.dayOf(now);
      if (state.day == null || today.isAfter(state.day)) {
        rollover(today, now);
      }
      Map<String, String> writes = new LinkedHashMap<>();
      observe(equity, writes);
      String latched = null;
      BigDecimal loss = state.dayStartEquity.subtract(equity);
      if (state.dailyHalt == null && loss.compareTo(limits.maxDailyLossUsd()) >= 0) {
        latched = Rules.dailyLossReached(loss, limits.maxDailyLossUsd());
        writes.put(RiskState.DAILY_HALT, latched);
        state.dailyHalt = latched;
        state.invalidate();
      }
      if (!writes.isEmpty()) {
        try {
          memory.inTransaction(() -> {
            writes.forEach((k, v) -> memory.putState(k, v, now));
            return null;
          });
        } catch (RuntimeException e) {
          alerts.error("risk", "cannot record the day's valuation: " + describe(e));
        }
      }
      if (latched != null) {
        alerts.halt("daily loss limit: " + latched);
      }
      return latched;
    }
  }

  /** Forces a reload of the kill switch and the stored counters at the next call. */
  public void refresh() {
    synchronized (lock) {
      lastPoll = Long.MIN_VALUE;
    }
  }

  /**
   * Tells the engine a trade was closed (and recorded in {@code trades}): starts the pair's cooldown, counts a
   * losing stop-out for the stop-loss guard, adds to today's realised P&amp;L. After a restart the same facts
   * are read back from the {@code trades} table.
   */
  public void onTradeClosed(TradeRecord trade) {
    synchronized (lock) {
      long now = clock.millis();
      state.applyTrade(trade, now, limits.stoplossGuardWindow().toMillis(), startOfDay(now));
    }
  }

  /** Tells the engine an entry order of {@code symbol} is finished (filled, cancelled or refused). */
  public void onEntryDone(String symbol) {
    synchronized (lock) {
      if (state.pending.remove(symbol) != null) {
        state.invalidate();
      }
    }
  }

  // --- the evaluation ------------------------------------------------------------------------------------

  private RiskDecision run(RiskContext callerContext, boolean dryRun) {
    synchronized (lock) {
      long now = clock.millis();
      OrderProposal proposal = callerContext == null ? null : callerContext.proposal();
      try {
        if (proposal == null) {
          return finish(reject(placeholder(), PROPOSAL, "no proposal"), null, false, now, dryRun, Map.of());
        }
        poll(now, false);
        long window = limits.stoplossGuardWindow().toMillis();
        LocalDate today = dayOf(now);
        Map<String, String> writes = dryRun ? Map.of() : new LinkedHashMap<>();
        // roll forward only: a wall clock stepped back over midnight must not reset today's counters
        boolean newDay = state.day == null || today.isAfter(state.day);
        if (newDay && !dryRun) {
          rollover(today, now);
          newDay = false;
        }
        state.prune(now, window);
        if (!dryRun && !state.pending.isEmpty() && callerContext.portfolio() != null
            && dropHeld(callerContext.portfolio())) {
          state.invalidate();
        }
        RiskCounters counters = newDay ? state.rolledView(today) : state.snapshot();
        RiskContext ctx = callerContext.withEngineState(counters, limits, now, manualHalt);
        if (ctx.equity() != null) {
          ctx = observeEquity(ctx, dryRun, writes, now);
        }
        Result result = decide(ctx);
        return finish(result.decision, result.context, result.haltForDay, now, dryRun, writes);
      } catch (RuntimeException e) {
        RiskDecision d = reject(proposal == null ? placeholder() : proposal, ENGINE,
            "risk check failed, order refused: " + describe(e));
        if (!dryRun) {
          try {
            memory.recordRiskEvent(event(d, now));
          } catch (RuntimeException ignored) {
            // the database is the problem; the refusal stands and the alert says so
          }
          alerts.error("risk", d.reason());
        }
        return d;
      }
    }
  }

  /** {@link RiskState#dayOf}, kept for the day it falls in (caller holds the lock). */
  private LocalDate dayOf(long now) {
    if (now < cachedDayStart || now >= cachedDayEnd) {
      LocalDate day = RiskState.dayOf(now);
      cachedDayStart = RiskState.startOf(day);
      cachedDayEnd = RiskState.startOf(day.plusDays(1));
      cachedDay = day;
    }
    return cachedDay;
  }

  /** Epoch ms of 00:00 UTC of the day of {@code now} (caller holds the lock). */
  private long startOfDay(long now) {
    dayOf(now);
    return cachedDayStart;
  }

  /** Forgets the pending entries {@code portfolio} now shows as positions; true when it forgot any. */
  private boolean dropHeld(io.ottertrend.model.Portfolio portfolio) {
    boolean any = false;
    for (java.util.Iterator<String> i = state.pending.keySet().iterator(); i.hasNext(); ) {
      if (RiskContext.holdsPosition(portfolio, i.next())) {
        i.remove();
        any = true;
      }
    }
    return any;
  }

  private void poll(long now, boolean force) {
    if (!force && lastPoll != Long.MIN_VALUE && now - lastPoll < pollMillis && now >= lastPoll) {
      return;
    }
    Map<String, String> states = memory.states("risk.");
    if (force || !Objects.equals(states.get(KillSwitch.GENERATION), state.generation) || state.day == null) {
      state.load(states, now, limits.stoplossGuardWindow().toMillis());
    }
    KillSwitch.HaltStatus status = killSwitch.statusFrom(states);
    String previous = manualHalt;
    manualHalt = status.manual() ? status.reason() : null;
    if (manualHalt != null && previous == null && !force) {
      // e.g. a flag file appeared: say so once (a CLI halt alerts on its own; the dispatcher rate-limits)
      alerts.halt(manualHalt);
    }
    lastPoll = now;
  }

  private void rollover(LocalDate today, long now) {
    // compare-and-set on the stored day: whoever moves it from the day it read resets the counters; a loser
    // (another engine on the same file, or a stale cache) reloads and retries against what is stored now
    for (int attempt = 0; attempt < 3; attempt++) {
      String expected = state.day == null ? null : state.day.toString();
      boolean rolled = memory.inTransaction(() -> {
        if (!memory.compareAndSetState(RiskState.DAY, expected, today.toString(), now)) {
          return false;
        }
        memory.putState(RiskState.TRADES, "0", now);
        memory.putState(RiskState.ENTRIES, "0", now);
        memory.deleteState(RiskState.DAY_START_EQUITY);
        memory.deleteState(RiskState.DAILY_HALT);
        return true;
      });
      if (rolled) {
        state.resetDaily(today);
        return;
      }
      state.load(memory.states("risk."), now, limits.stoplossGuardWindow().toMillis());
      if (today.equals(state.day)) {
        return;
      }
    }
    throw new IllegalStateException("day rollover to " + today + " kept losing races; stored day " + state.day);
  }

  private RiskContext observeEquity(RiskContext ctx, boolean dryRun, Map<String, String> writes, long now) {
    BigDecimal equity = ctx.equity();
    RiskCounters c = ctx.counters();
    boolean needStart = c.dayStartEquity() == null;
    boolean newPeak = c.equityPeak() == null || equity.compareTo(c.equityPeak()) > 0;
    if (!needStart && !newPeak) {
      return ctx;
    }
    if (dryRun) {
      RiskCounters view = new RiskCounters(c.day(), c.tradesToday(), c.entriesToday(), c.entryTimes(),
          needStart ? equity : c.dayStartEquity(), newPeak ? equity : c.equityPeak(), c.realizedPnlToday(),
          c.stopOutTimes(), c.lastExitAt(), c.pendingEntries(), c.dailyHalt());
      return ctx.withCounters(view);
    }
    observe(equity, writes);
    return ctx.withCounters(state.snapshot());
  }

  /** Takes {@code equity} as the day's start when there is none yet and as the peak when above it. */
  private void observe(BigDecimal equity, Map<String, String> writes) {
    if (state.dayStartEquity == null) {
      state.dayStartEquity = equity;
      writes.put(RiskState.DAY_START_EQUITY, equity.toPlainString());
      state.invalidate();
    }
    if (state.equityPeak == null || equity.compareTo(state.equityPeak) > 0) {
      state.equityPeak = equity;
      writes.put(RiskState.EQUITY_PEAK, equity.toPlainString());
      state.invalidate();
    }
  }

  private record Result(RiskDecision decision, RiskContext context, boolean haltForDay) {}

  private Result decide(RiskContext ctx) {
    OrderProposal original = ctx.proposal();
    String invalid = validate(original);
    if (invalid != null) {
      return new Result(reject(original, PROPOSAL, invalid), ctx, false);
    }
    // sizing needs a price: normalise to a base quantity (a market buy keeps its quote amount)
    BigDecimal price = ctx.orderPrice();
    if (price == null || price.signum() <= 0) {
      return new Result(reject(original, Rules.PRICE_SANITY, price == null
          ? "no market price (empty or one-sided book)" : "price not positive"), ctx, false);
    }
    ctx = ctx.withProposal(normalise(original, price));

    List<String> shrinks = new ArrayList<>(2);
    String shrinkRule = null;
    String shrinkReason = null;
    for (RiskRule rule : rules) {
      RiskVerdict v = apply(rule, ctx);
      switch (v) {
        case RiskVerdict.Approve a -> { }
        case RiskVerdict.Reject r -> {
          return new Result(reject(original, rule.name(), r.reason()), ctx, r.haltForDay());
        }
        case RiskVerdict.Shrink s -> {
          if (s.quantity().signum() <= 0) {
            return new Result(reject(original, rule.name(), s.reason() + "; nothing left"), ctx, false);
          }
          if (s.quantity().compareTo(ctx.proposal().quantity()) < 0) {
            ctx = ctx.withProposal(resize(ctx, s.quantity()));
            shrinks.add(rule.name().concat(": ").concat(String.valueOf(s.reason())));
            shrinkRule = rule.name();
            shrinkReason = s.reason();
          }
        }
      }
    }

    OrderProposal rounded = round(ctx);
    if (rounded == null) {
      return new Result(reject(original, Rules.PRICE_SANITY, "limit price below one tick"), ctx, false);
    }
    RiskContext after = ctx.withProposal(rounded);
    for (RiskRule rule : rules) {
      RiskVerdict v = apply(rule, after);
      if (v instanceof RiskVerdict.Shrink s && s.quantity().compareTo(rounded.quantity()) >= 0) {
        continue; // a "shrink" that would not make the order smaller changes nothing
      }
      if (!(v instanceof RiskVerdict.Approve)) {
        String why = v instanceof RiskVerdict.Reject r ? r.reason() : ((RiskVerdict.Shrink) v).reason();
        return new Result(reject(original, rule.name(), "after rounding: " + why), after, false);
      }
    }
    String broken = invariants(after);
    if (broken != null) {
      return new Result(reject(original, ENGINE, broken), after, false);
    }
    OrderRequest order;
    try {
      order = new OrderRequest(rounded.symbol(), rounded.side(), rounded.type(),
          rounded.quoteSized() ? null : rounded.quantity(), rounded.quoteSized() ? rounded.quoteAmount() : null,
          rounded.type().needsPrice() ? rounded.limitPrice() : null, rounded.clientOrderId());
    } catch (IllegalArgumentException e) {
      return new Result(reject(original, ENGINE, "cannot build the order: " + e.getMessage()), after, false);
    }
    RiskDecision d = shrinkRule == null
        ? new RiskDecision(RiskDecision.Outcome.APPROVE, ENGINE, "all rules passed", original, order, shrinks, false)
        : new RiskDecision(RiskDecision.Outcome.SHRINK, shrinkRule, shrinkReason, original, order, shrinks, false);
    return new Result(d, after, false);
  }

  private static RiskVerdict apply(RiskRule rule, RiskContext ctx) {
    try {
      RiskVerdict v = rule.evaluate(ctx);
      return v == null ? RiskVerdict.reject("rule gave no verdict") : v;
    } catch (RuntimeException e) {
      return RiskVerdict.reject("rule failed, order refused: " + describe(e));
    }
  }

  /** Structural problems of a proposal, or {@code null}. */
  private static String validate(OrderProposal p) {
    if (p.symbol() == null || p.symbol().isBlank()) {
      return "no symbol";
    }
    if (p.side() == null || p.intent() == null || p.type() == null) {
      return "side, intent and order type are required";
    }
    if (!validClientId(p.clientOrderId())) {
      return "client order id must be 1-32 characters of [A-Za-z0-9_-]";
    }
    if (p.intent() == Intent.ENTRY && p.side() != Side.BUY) {
      return "an entry must be a BUY (spot, long only)";
    }
    if (p.intent() == Intent.EXIT && p.side() != Side.SELL) {
      return "an exit must be a SELL (spot, long only)";
    }
    if (p.type().needsPrice() && (p.limitPrice() == null || p.limitPrice().signum() <= 0)) {
      return p.type() + " order needs a positive limit price";
    }
    if (p.quantity() == null && p.quoteAmount() == null) {
      return "no size";
    }
    if (!plausible(p.quantity()) || !plausible(p.quoteAmount()) || !plausible(p.limitPrice())) {
      // absurd magnitudes (1e999999999) would cost unbounded time and memory to round and print
      return "size or price outside any plausible range";
    }
    if (p.quantity() != null && p.quantity().signum() <= 0) {
      return "quantity not positive: " + Decimals.plain(p.quantity());
    }
    if (p.quoteAmount() != null && p.quoteAmount().signum() <= 0) {
      return "quote amount not positive: " + Decimals.plain(p.quoteAmount());
    }
    return null;
  }

  /**
   * True for 1-32 characters of {@code [A-Za-z0-9_-]}: the regex {@code [A-Za-z0-9_-]{1,32}} as a loop, since it
   * runs for every proposal (a surrogate pair fails both ways: neither half is in the class).
   */
  static boolean validClientId(String id) {
    if (id == null || id.isEmpty() || id.length() > CLIENT_ID_MAX) {
      return false;
    }
    for (int i = 0; i < id.length(); i++) {
      char c = id.charAt(i);
      boolean ok = c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '_' || c == '-';
      if (!ok) {
        return false;
      }
    }
    return true;
  }

  /** Null, or below 10^16 with at most 30 decimals. */
  private static boolean plausible(BigDecimal v) {
    return v == null || v.signum() == 0 || v.precision() - v.scale() <= 16 && v.scale() <= 30;
  }

  /** The proposal with a base quantity set; when both sizes were given, the smaller order. */
  private static OrderProposal normalise(OrderProposal p, BigDecimal price) {
    OrderProposal q = p.type().needsPrice() ? p : p.withLimitPrice(null);
    BigDecimal qty = q.quantity();
    BigDecimal quote = q.quoteAmount();
    if (quote != null) {
      BigDecimal fromQuote = quote.divide(price, DIVIDE);
      qty = qty == null ? fromQuote : qty.min(fromQuote);
    }
    if (q.quoteSized()) {
      if (quote == null) {
        return q.withSize(qty, qty.multiply(price));
      }
      BigDecimal value = q.quantity() == null ? quote : q.quantity().multiply(price).min(quote);
      return q.withSize(qty, value);
    }
    return q.withSize(qty, null);
  }

  private static OrderProposal resize(RiskContext ctx, BigDecimal qty) {
    OrderProposal p = ctx.proposal();
    if (p.quoteSized()) {
      // qty was derived as cap / price rounded down; 20 digits undo that division's last-digit loss
      BigDecimal quote = qty.multiply(ctx.orderPrice()).round(QUOTE_DIGITS);
      return p.withSize(qty, p.quoteAmount() == null ? quote : quote.min(p.quoteAmount()));
    }
    return p.withSize(qty, null);
  }

  /** Rounds to the symbol's tick and step; {@code null} when a limit price rounds to nothing. */
  private static OrderProposal round(RiskContext ctx) {
    SymbolRules r = ctx.symbolRules();
    OrderProposal p = ctx.proposal();
    if (p.quoteSized()) {
      BigDecimal quote = Decimals.floorToStep(p.quoteAmount(), quoteStep(r));
      BigDecimal qty = r.truncateQuantity(quote.divide(ctx.marketPrice(), DIVIDE));
      return p.withSize(qty, quote);
    }
    BigDecimal qty = r.truncateQuantity(p.quantity());
    if (p.type().needsPrice()) {
      BigDecimal price = r.roundPrice(p.limitPrice(), p.side());
      if (price.signum() <= 0) {
        return null;
      }
      return p.withSize(qty, null).withLimitPrice(price);
    }
    return p.withSize(qty, null);
  }

  /** Increment of a market buy's quote amount: the tick's precision, at most 8 decimals. */
  private static BigDecimal quoteStep(SymbolRules r) {
    return Decimals.incrementForDecimals(Math.min(r.priceDecimals(), 8));
  }

  /** The core limits, checked once more on the final order; a message when one is broken. */
  private static String invariants(RiskContext ctx) {
    BigDecimal notional = ctx.notional();
    BigDecimal qty = ctx.proposal().quantity();
    if (notional == null || qty == null || notional.signum() <= 0 || qty.signum() <= 0) {
      return "final order has no size";
    }
    if (ctx.isExit()) {
      BigDecimal held = ctx.heldQuantity();
      return held != null && qty.compareTo(held) <= 0 ? null : "final sell exceeds the holding";
    }
    RiskLimits l = ctx.limits();
    BigDecimal equity = ctx.equity();
    BigDecimal free = ctx.freeCash();
    if (notional.compareTo(l.maxTradeUsd()) > 0) {
      return "final order above the order limit";
    }
    if (equity == null || notional.compareTo(equity.multiply(l.maxTradePctEquity())) > 0) {
      return "final order above the equity fraction";
    }
    if (free == null || notional.compareTo(free) > 0) {
      return "final order above the free balance";
    }
    SymbolRules r = ctx.symbolRules();
    if (notional.compareTo(r.minNotional().multiply(BigDecimal.ONE.add(l.exitReservePct()))) < 0) {
      return "final order below the minimum plus the exit reserve";
    }
    return null;
  }

  // --- recording -----------------------------------------------------------------------------------------

  private RiskDecision finish(RiskDecision d, RiskContext ctx, boolean haltForDay, long now, boolean dryRun,
      Map<String, String> writes) {
    if (dryRun) {
      return new RiskDecision(d.outcome(), d.rule(), d.reason(), d.proposal(), d.order(), d.shrinks(), true);
    }
    boolean entry = d.approved() && d.proposal().intent() == Intent.ENTRY;
    boolean exit = d.approved() && d.proposal().intent() == Intent.EXIT;
    if (d.approved()) {
      writes.put(RiskState.TRADES, Integer.toString(state.trades + 1));
      if (entry) {
        writes.put(RiskState.ENTRIES, Integer.toString(state.entries + 1));
        state.entryTimes.add(now);
        writes.put(RiskState.ENTRY_TIMES, state.entryTimesText());
        state.entryTimes.remove(state.entryTimes.size() - 1);
      }
    }
    if (haltForDay) {
      writes.put(RiskState.DAILY_HALT, d.reason());
    }
    RiskEvent event = event(d, now);
    try {
      if (writes.isEmpty()) {
        memory.recordRiskEvent(event); // a refusal changes no counter: one write, its own transaction
      } else {
        // a class, not a lambda: a backtest's per-cycle path runs mostly C1-compiled, where a capturing lambda
        // costs a call into the VM
        memory.inTransaction(new java.util.function.Supplier<Void>() {
          @Override
          public Void get() {
            for (Map.Entry<String, String> w : writes.entrySet()) {
              memory.putState(w.getKey(), w.getValue(), now);
            }
            memory.recordRiskEvent(event);
            return null;
          }
        });
      }
    } catch (RuntimeException e) {
      RiskDecision refused = reject(d.proposal(), ENGINE, "cannot record the risk verdict, order refused: "
          + describe(e));
      alerts.error("risk", refused.reason());
      return refused;
    }
    if (d.approved()) {
      state.trades++;
      consecutiveRejects = 0;
      if (entry) {
        state.entries++;
        state.entryTimes.add(now);
        if (ctx != null && !ctx.holds(d.proposal().symbol())) {
          state.pending.put(d.proposal().symbol(), now);
        }
      }
      if (exit) {
        state.recordExit(d.proposal().symbol(), now);
      }
      state.invalidate();
    } else {
      consecutiveRejects++;
      if (consecutiveRejects % REJECT_ALERT_EVERY == 0) {
        alerts.alert(AlertKind.REPEATED_REJECTS, "", consecutiveRejects + " orders rejected in a row; last: "
            + d.rule() + ": " + d.reason());
      }
    }
    if (haltForDay) {
      state.dailyHalt = d.reason();
      state.invalidate();
      alerts.halt("daily loss limit: " + d.reason());
    }
    return d;
  }

  private RiskEvent event(RiskDecision d, long now) {
    OrderProposal p = d.proposal();
    return new RiskEvent(0, runId, now, d.outcome().name(), d.rule(), d.reason(), p.symbol(),
        p.side() == null ? null : p.side().name(), p.toJson(), d.orderJson(), p.clientOrderId());
  }

  private static RiskDecision reject(OrderProposal p, String rule, String reason) {
    return new RiskDecision(RiskDecision.Outcome.REJECT, rule, reason, p, null, List.of(), false);
  }

  private static OrderProposal placeholder() {
    return new OrderProposal(null, null, null, null, null, null, null, null, null);
  }

  private static String describe(Throwable e) {
    String msg = e.getMessage();
    return e.getClass().getSimpleName() + (msg == null ? "" : ": " + msg);
  }

  /** Builder of an engine. Not thread-safe. */
  public static final class Builder {
    private final Memory memory;
    private final Clock clock;
    private final RiskLimits limits;
    private final List<RiskRule> extra = new ArrayList<>();
    private Alerts alerts;
    private KillSwitch killSwitch;
    private Long runId;
    private Duration pollInterval = Duration.ofSeconds(1);

    private Builder(Memory memory, Clock clock, RiskLimits limits) {
      this.memory = Objects.requireNonNull(memory, "memory");
      this.clock = Objects.requireNonNull(clock, "clock");
      this.limits = Objects.requireNonNull(limits, "limits");
    }

    /** Adds rules after the standard ones, e.g. {@code registry.all(RiskRule.class)}. */
    public Builder addRules(java.util.Collection<? extends RiskRule> more) {
      more.forEach(this::addRule);
      return this;
    }

    /** Adds a rule after the standard ones (rules can be added, never removed). */
    public Builder addRule(RiskRule rule) {
      extra.add(Objects.requireNonNull(rule, "rule"));
      return this;
    }

    public Builder alerts(Alerts a) {
      this.alerts = a;
      return this;
    }

    /** The kill switch to obey; by default the one of {@code memory} with its flag file. */
    public Builder killSwitch(KillSwitch k) {
      this.killSwitch = k;
      return this;
    }

    /** Run id stored with every risk event. */
    public Builder runId(Long id) {
      this.runId = id;
      return this;
    }

    /**
     * How often (on the engine's clock) the kill switch and the stored state are re-read; default 1 s. Between
     * polls counters come from memory.
     */
    public Builder pollInterval(Duration d) {
      if (d.isNegative()) {
        throw new IllegalArgumentException("pollInterval must be >= 0");
      }
      this.pollInterval = d;
      return this;
    }

    /**
     * Builds the engine and loads its state.
     *
     * @throws io.ottertrend.memory.MemoryException when the stored state cannot be read
     */
    public RiskEngine build() {
      return new RiskEngine(this);
    }
  }
}
