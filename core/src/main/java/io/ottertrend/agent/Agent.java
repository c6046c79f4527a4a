package io.ottertrend.agent;

import io.ottertrend.brain.Action;
import io.ottertrend.brain.Brain;
import io.ottertrend.brain.Decision;
import io.ottertrend.brain.DecisionJson;
import io.ottertrend.brain.MarketSnapshot;
import io.ottertrend.brain.OrderGateway;
import io.ottertrend.config.Setting;
import io.ottertrend.config.Settings;
import io.ottertrend.exchange.Exchange;
import io.ottertrend.exchange.ExchangeException;
import io.ottertrend.memory.DecisionRecord;
import io.ottertrend.memory.EquityPoint;
import io.ottertrend.memory.JournaledOrder;
import io.ottertrend.memory.Memory;
import io.ottertrend.memory.PositionRecord;
import io.ottertrend.model.Balance;
import io.ottertrend.model.Candle;
import io.ottertrend.model.Interval;
import io.ottertrend.model.OrderBook;
import io.ottertrend.model.OrderType;
import io.ottertrend.model.Portfolio;
import io.ottertrend.model.Position;
import io.ottertrend.model.QuoteBoard;
import io.ottertrend.model.Side;
import io.ottertrend.model.SymbolRules;
import io.ottertrend.model.Ticker;
import io.ottertrend.risk.Intent;
import io.ottertrend.risk.Origin;
import io.ottertrend.risk.OrderProposal;
import io.ottertrend.risk.RiskContext;
import io.ottertrend.risk.RiskCounters;
import io.ottertrend.risk.RiskDecision;
import io.ottertrend.risk.RiskEngine;
import io.ottertrend.risk.RiskLimits;
import io.ottertrend.signals.SignalsService;
import io.ottertrend.signals.TrendsSnapshot;
import io.ottertrend.time.Clock;
import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.BooleanSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The autonomous loop: Observe → Think → Act, the same in paper, live and backtest runs (only the
 * {@link Exchange} and the {@link Clock} differ).
 *
 * <ol>
 *   <li><b>Observe</b>: sync the order journal with the exchange, read every ticker, update the cross-sectional
 *       analytics, read books for the candidates, take the signals snapshot, value the portfolio.
 *   <li><b>Think</b>: the {@link Brain} turns the compact {@link MarketSnapshot} into a {@link Decision}, which is
 *       recorded with its thoughts.
 *   <li><b>Act</b>: every action becomes an {@link OrderProposal}, goes through the {@link RiskEngine} (the only
 *       door to the exchange) and, when approved, through the {@link OrderManager}. Then code enforces each
 *       position's stop-loss, take-profit and time exit — even when the brain is down.
 * </ol>
 *
 * <p>Before the first cycle {@link #start()} reconciles the journal with the exchange and refuses to trade on
 * unexplained drift. Not thread-safe: one agent, one thread; {@link #requestStop()} may be called from any
 * thread (signal handlers, the dashboard's {@code q} key).
 */
public final class Agent {
  private static final Logger LOG = LoggerFactory.getLogger(Agent.class);

  /** {@link Memory#state} key of the heartbeat a running agent leaves for {@code ottertrend status}. */
  public static final String HEARTBEAT_KEY = "agent.heartbeat";
  /**
   * {@link Memory#state} key where a started agent leaves its {@link CancelOnHalt} word, so that {@code ottertrend
   * halt}, run from another process, can say what the agent will do with its resting orders.
   */
  public static final String CANCEL_ON_HALT_KEY = "agent.cancel_on_halt";
  private static final MathContext MC = new MathContext(20, RoundingMode.HALF_EVEN);
  private static final long DAY_MILLIS = 86_400_000L;

  private final Exchange exchange;
  private final Memory memory;
  private final Clock clock;
  private final Settings settings;
  private final Brain brain;
  private final RiskEngine risk;
  private final OrderManager orders;
  private final Reconciler reconciler;
  private final SignalsService signals;
  private final java.util.function.LongFunction<TrendsSnapshot> recordedSignals;
  private final AgentListener listener;
  /** Whether the listener wants decisions, orders and risk verdicts described (asked once: the answer is fixed). */
  private final boolean decisionEvents;
  private final boolean orderEvents;
  private final boolean verdictEvents;
  private final Long runId;
  private final String quoteAsset;
  private final int universeSize;
  private final boolean heartbeat;
  private final boolean journalHolds;
  private final boolean warmUp;
  private final java.util.function.IntSupplier brainFailures;
  private final Duration entryTtl;
  private final io.ottertrend.alert.Alerts alerts;
  private final CancelOnHalt cancelOnHalt;
  /**
   * While halted, the resting exits whose cancel ({@link CancelOnHalt#ALL}) is not confirmed yet; {@code null}
   * while not halted, so that the first halted cycle (also the first after a restart) takes every resting order.
   */
  private Set<String> haltExitsLeft;
  /**
   * {@code 1 - RISK_STOP_LOSS_PCT}, {@code 1 + RISK_TAKE_PROFIT_PCT} and {@code RISK_MAX_HOLD}: the default exits
   * of an entry, read from the (immutable) settings once rather than at every entry.
   */
  private final BigDecimal stopFactor;
  private final BigDecimal targetFactor;
  private final long maxHoldMillis;
  private long lastTradeId;
  /** {@link OrderManager#tradesRecorded()} when the journal's trades were last read. */
  private long tradesSeen = -1;
  private Map<String, String> lastProviders = Map.of();
  private volatile boolean stopRequested;
  private volatile boolean paused;
  private Map<String, SymbolRules> rules = Map.of();
  private MarketView view;
  private long cycle;
  private boolean started;
  private Decision lastDecision;
  private final io.ottertrend.brain.tools.AgentPorts.Signals toolSignals;
  /**
   * What the ports of the cycle in progress are built from (null between cycles): what {@link LoopPorts} forwards
   * to. The ports themselves are built on the first tool call of the cycle: a brain that calls no tool (the rules
   * brain, a JSON-mode model) never pays for them.
   */
  private volatile CyclePorts cyclePorts;
  /** Whether {@link LoopPorts} were attached, the only reader of {@link #cyclePorts}. */
  private final boolean servesTools;

  private Agent(Builder b) {
    this.exchange = b.exchange;
    this.memory = b.memory;
    this.clock = b.clock;
    this.settings = b.settings;
    this.brain = Objects.requireNonNull(b.brain, "brain");
    this.risk = Objects.requireNonNull(b.risk, "risk");
    this.orders = Objects.requireNonNull(b.orders, "orders");
    this.reconciler = b.reconciler;
    this.signals = b.signals;
    this.recordedSignals = b.recordedSignals;
    this.listener = b.listener;
    this.decisionEvents = listener.wants(AgentEvent.DecisionMade.class);
    this.orderEvents = listener.wants(AgentEvent.OrderUpdate.class);
    this.verdictEvents = listener.wants(AgentEvent.RiskVerdict.class);
    this.runId = b.runId;
    this.quoteAsset = settings.string(Setting.QUOTE_ASSET);
    this.universeSize = b.universeSize;
    this.heartbeat = b.heartbeat;
    this.journalHolds = b.journalHolds;
    this.warmUp = b.warmUp;
    this.brainFailures = b.brainFailures;
    this.entryTtl = b.entryTtl;
    this.alerts = b.alerts;
    this.cancelOnHalt = b.cancelOnHalt != null ? b.cancelOnHalt : CancelOnHalt.from(settings);
    this.stopFactor = BigDecimal.ONE.subtract(settings.decimal(Setting.RISK_STOP_LOSS_PCT));
    this.targetFactor = BigDecimal.ONE.add(settings.decimal(Setting.RISK_TAKE_PROFIT_PCT));
    this.maxHoldMillis = settings.duration(Setting.RISK_MAX_HOLD).toMillis();
    this.toolSignals = b.toolSignals;
    this.servesTools = b.loopPorts != null;
    if (servesTools) {
      b.loopPorts.attach(() -> {
        CyclePorts c = cyclePorts;
        return c == null ? null : c.ports();
      });
    }
  }

  public static Builder builder(Exchange exchange, Memory memory, Clock clock, Settings settings) {
    return new Builder(exchange, memory, clock, settings);
  }

  /** The order manager (for status and for embedding programs). */
  public OrderManager orders() {
    return orders;
  }

  /** The risk engine. */
  public RiskEngine risk() {
    return risk;
  }

  /** The last decision, if any. */
  public Optional<Decision> lastDecision() {
    return Optional.ofNullable(lastDecision);
  }

  /** Marks the run finished in the database ({@code COMPLETED}, {@code STOPPED}, {@code INTERRUPTED}, {@code FAILED}). */
  public void finish(String status) {
    if (runId != null) {
      memory.finishRun(runId, status, clock.millis());
    }
  }

  /** Asks the loop to stop after the current step. Thread-safe. */
  public void requestStop() {
    stopRequested = true;
  }

  /** Pauses or resumes thinking and entries (positions keep being managed). Thread-safe. */
  public void setPaused(boolean paused) {
    this.paused = paused;
    emit(new AgentEvent.Notice(clock.millis(), "INFO", paused ? "paused: no new decisions" : "resumed"));
  }

  public boolean paused() {
    return paused;
  }

  /**
   * Reconciles the journal with the exchange and prepares the analytics. Must be called before the first cycle.
   *
   * @throws AgentRefusedException when reconciliation finds drift it cannot explain
   */
  public ReconciliationReport start() {
    ReconciliationReport report = reconciler == null ? null : reconciler.run();
    if (report != null) {
      emit(new AgentEvent.Notice(clock.millis(), report.clean() ? "INFO" : "ERROR",
          "reconciliation: " + report.summary()));
      if (!report.clean()) {
        alerts.drift(report.summary());
        throw new AgentRefusedException("reconciliation found drift the journal cannot explain; not trading. "
            + report.summary());
      }
    }
    loadRules();
    lastTradeId = memory.trades(null, 1).stream().mapToLong(io.ottertrend.memory.TradeRecord::id).max().orElse(0);
    List<Ticker> tickers = tradableTickers();
    List<String> universe = tickers.stream()
        .sorted(Comparator.comparing((Ticker t) -> t.quoteVolume()).reversed())
        .limit(universeSize).map(Ticker::symbol).toList();
    view = new MarketView(universe);
    if (warmUp) {
      Map<String, List<Candle>> bars = new LinkedHashMap<>();
      for (String s : universe) {
        try {
          bars.put(s, exchange.klines(s, Interval.M1, null, clock.millis(), 60));
        } catch (ExchangeException e) {
          LOG.debug("no warm-up bars for {}: {}", s, e.getMessage());
        }
      }
      view.warmUp(bars);
    }
    if (heartbeat) {
      try {
        memory.putState(CANCEL_ON_HALT_KEY, cancelOnHalt.word(), clock.millis());
      } catch (RuntimeException e) {
        LOG.warn("could not record {}: {}", CANCEL_ON_HALT_KEY, e.toString());
      }
    }
    started = true;
    emit(new AgentEvent.Notice(clock.millis(), "INFO", "watching " + universe.size() + " " + quoteAsset + " pairs"));
    return report;
  }

  private void loadRules() {
    Map<String, SymbolRules> m = new HashMap<>();
    for (SymbolRules r : exchange.symbolRules()) {
      m.put(r.symbol(), r);
    }
    rules = m;
  }

  /** Whether the agent may buy {@code r}'s symbol: known rules, this run's quote asset, buying enabled. */
  private boolean tradable(SymbolRules r) {
    return r != null && r.quoteAsset().equals(quoteAsset) && r.canTrade(Side.BUY);
  }

  /** Whether board entry {@code i} exists, is tradable and has a positive last price: all a cycle looks at. */
  private static boolean priced(QuoteBoard board, boolean[] tradable, int i) {
    return i >= 0 && tradable[i] && board.last(i) > 0;
  }

  private List<Ticker> tradableTickers() {
    List<Ticker> out = new ArrayList<>();
    for (Ticker t : exchange.tickers()) {
      SymbolRules r = rules.get(t.symbol());
      if (tradable(r) && t.lastPrice().signum() > 0) {
        out.add(t);
      }
    }
    return out;
  }

  /**
   * Runs cycles until {@code maxCycles} (0 = unbounded), a stop request, or {@code stop} says so; sleeps the
   * cycle interval on the {@link Clock} between cycles (a simulated clock does not wait).
   *
   * @return the number of cycles run
   */
  public long run(long maxCycles, Duration interval, BooleanSupplier stop) throws InterruptedException {
    if (!started) {
      start();
    }
    long done = 0;
    while (!stopRequested && !stop.getAsBoolean() && (maxCycles <= 0 || done < maxCycles)) {
      cycle();
      done++;
      if (maxCycles > 0 && done >= maxCycles || stopRequested || stop.getAsBoolean()) {
        break;
      }
      clock.sleep(interval);
    }
    return done;
  }

  /** Result of one cycle. */
  public record CycleReport(long cycle, Decision decision, int proposals, int approved, int submitted,
      BigDecimal equity, List<String> problems) {}

  /** One Observe → Think → Act step. Never throws for market or brain trouble: it reports and holds. */
  public CycleReport cycle() {
    if (!started) {
      start();
    }
    long begin = clock.millis();
    cycle++;
    emit(new AgentEvent.CycleStarted(begin, cycle));
    List<String> problems = new ArrayList<>();
    Counts counts = new Counts();
    Decision decision = null;
    BigDecimal equity = null;
    try {
      SyncResult sync = orders.sync();
      reportSync(sync);
      problems.addAll(sync.problems());
      cancelWhileHalted(problems);
      expireEntries(problems);
      Observation obs = observe();
      equity = obs.portfolio.equity().orElse(null);
      enforceExits(obs, counts);
      if (paused) {
        decision = Decision.hold("paused", "paused by the operator");
      } else {
        emit(new AgentEvent.Thinking(clock.millis(), brain.name()));
        AgentGateway gateway = new AgentGateway(obs, counts);
        // only a tool-calling brain's loop ports read them: without any, building them per cycle is waste
        cyclePorts = servesTools ? new CyclePorts(obs, gateway) : null;
        try {
          decision = brain.decide(obs.snapshot);
        } finally {
          cyclePorts = null; // a tool call after the decision must not act on a finished cycle
        }
        Long decisionId = record(decision, obs);
        lastDecision = decision;
        gateway.decided(decisionId);
        if (!decision.executed()) {
          gateway.submit(decision);
        }
      }
      SyncResult after = orders.sync();
      reportSync(after);
      Observation valued = valuation(obs);
      equity = valued.portfolio.equity().orElse(equity);
      recordEquity(valued);
    } catch (ExchangeException.IpBanned e) {
      // A ban escalates if we keep calling: halt new entries, say so once, and let a human resume.
      problems.add("IP banned: " + e.getMessage());
      alerts.ban(e.getMessage() + " (retry after " + e.retryAfter().toSeconds() + " s)");
      risk.killSwitch().halt("exchange banned this IP: " + e.getMessage());
      emit(new AgentEvent.Notice(clock.millis(), "ERROR", "IP banned by the exchange; trading halted: " + e.getMessage()));
    } catch (ExchangeException e) {
      problems.add(e.getClass().getSimpleName() + ": " + e.getMessage());
      emit(new AgentEvent.Notice(clock.millis(), "WARN", "exchange trouble, holding this cycle: " + e.getMessage()));
    }
    long end = clock.millis();
    if (heartbeat) {
      heartbeat(end, decision, problems);
    }
    emit(new AgentEvent.CycleFinished(end, cycle, end - begin, end));
    return new CycleReport(cycle, decision, counts.proposals, counts.approved, counts.submitted, equity, problems);
  }

  /**
   * Leaves a small heartbeat in the database so that {@code ottertrend status}, run from another process, can
   * show the running loop's last cycle, outcome and health. A failed write never stops trading.
   */
  private void heartbeat(long at, Decision decision, List<String> problems) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("cycle", cycle);
    m.put("at", java.time.Instant.ofEpochMilli(at).toString());
    m.put("brain", brain.name());
    m.put("outcome", decision == null ? "NO_DECISION" : decision.outcome());
    m.put("exchange", problems.isEmpty() ? exchange.id() + " ok" : exchange.id() + " " + String.join("; ", problems));
    m.put("providers", lastProviders.isEmpty() ? "none" : lastProviders.toString());
    m.put("paused", paused);
    if (exchange instanceof io.ottertrend.exchange.mexc.MexcExchange mexc) {
      m.put("http", httpSummary(mexc.httpMetrics()));
    }
    try {
      memory.putState(HEARTBEAT_KEY, HEARTBEAT_JSON.toJson(m), at);
    } catch (RuntimeException e) {
      LOG.warn("could not write the heartbeat: {}", e.toString());
    }
  }

  /** Per-endpoint latency and errors, breaker states and limiter saturation: what status shows of the stack. */
  static Map<String, Object> httpSummary(io.ottertrend.net.HttpMetrics h) {
    Map<String, Object> out = new LinkedHashMap<>();
    List<String> endpoints = new ArrayList<>();
    for (var e : h.endpoints()) {
      endpoints.add(String.format(java.util.Locale.ROOT, "%s n=%d err=%d p50=%.0fms p99=%.0fms", e.endpoint(),
          e.requests(), e.errors(), e.p50Millis(), e.p99Millis()));
    }
    out.put("endpoints", endpoints);
    List<String> breakers = new ArrayList<>();
    h.breakers().forEach(b -> breakers.add(b.group() + " " + b.state()));
    out.put("breakers", breakers);
    List<String> limiters = new ArrayList<>();
    h.limiters().forEach(l -> limiters.add(String.format(java.util.Locale.ROOT, "%s %.0f%%", l.pool(), 100 * l.saturation())));
    out.put("limiters", limiters);
    out.put("bannedForMillis", h.bannedForMillis());
    return out;
  }

  private static final com.squareup.moshi.JsonAdapter<Object> HEARTBEAT_JSON =
      new com.squareup.moshi.Moshi.Builder().build().adapter(Object.class);

  private static final class Counts {
    int proposals;
    int approved;
    int submitted;
  }

  /**
   * Everything observed in one cycle. Tickers and books are built only for the symbols the cycle acts on or values
   * (positions, proposals): the board carries every other symbol in doubles.
   */
  private final class Observation {
    MarketSnapshot snapshot;
    Portfolio portfolio;
    final long at;
    private final QuoteBoard board;
    private final boolean[] tradable;
    private final Map<String, Ticker> tickers = new HashMap<>();
    private final Map<String, OrderBook> books = new HashMap<>();

    Observation(QuoteBoard board, boolean[] tradable, long at) {
      this.board = board;
      this.tradable = tradable;
      this.at = at;
    }

    /** A valuation-only observation over tickers already read. */
    Observation(Map<String, Ticker> tickers, long at) {
      this(QuoteBoard.empty(), new boolean[0], at);
      this.tickers.putAll(tickers);
    }

    /** The ticker of a tradable symbol on the board (or read for valuation), or null. */
    Ticker ticker(String symbol) {
      Ticker t = tickers.get(symbol);
      if (t != null) {
        return t;
      }
      int i = board.indexOf(symbol);
      if (!priced(board, tradable, i)) {
        return null;
      }
      t = board.ticker(i);
      tickers.put(symbol, t);
      return t;
    }

    /** The book of {@code symbol} read once per cycle on first use, or null when the exchange has none. */
    OrderBook book(String symbol) {
      if (symbol == null) {
        return null;
      }
      OrderBook b = books.get(symbol);
      if (b == null && !books.containsKey(symbol)) {
        try {
          b = exchange.orderBook(symbol, 20);
        } catch (ExchangeException e) {
          LOG.debug("no book for {}: {}", symbol, e.getMessage());
          b = null; // the risk engine fails closed on a missing book where it needs one
        }
        books.put(symbol, b);
      }
      return b;
    }
  }

  /** Tradable flags per board entry, cached while the board's symbols and the rules stay the same. */
  private String[] tradableFor;
  private Map<String, SymbolRules> tradableRules;
  private boolean[] tradableMask = new boolean[0];
  private long[] listedAt = new long[0];
  private int[] universeEntry = new int[0];

  private boolean[] tradableFlags(QuoteBoard board) {
    String[] symbols = board.symbolsShared();
    if (symbols != tradableFor || rules != tradableRules) {
      boolean[] mask = new boolean[symbols.length];
      long[] listed = new long[symbols.length];
      for (int i = 0; i < symbols.length; i++) {
        SymbolRules r = rules.get(symbols[i]);
        mask[i] = tradable(r);
        listed[i] = r == null ? 0 : r.listedAtMillis();
      }
      int[] entry = new int[view.universe().size()];
      for (int u = 0; u < entry.length; u++) {
        entry[u] = board.indexOf(view.universe().get(u));
      }
      tradableMask = mask;
      listedAt = listed;
      universeEntry = entry;
      tradableFor = symbols;
      tradableRules = rules;
    }
    return tradableMask;
  }

  private Observation observe() {
    long now = clock.millis();
    QuoteBoard board = exchange.quotes();
    boolean[] tradable = tradableFlags(board);
    view.update(board);
    Observation obs = new Observation(board, tradable, now);
    Portfolio portfolio = portfolio(obs, now);
    boolean[] gainer = gainers(board, tradable, 10);
    List<MarketSnapshot.SymbolView> views = new ArrayList<>(universeEntry.length);
    Set<String> listings = new LinkedHashSet<>();
    TrendsSnapshot trends = null;
    if (signals != null) {
      try {
        trends = signals.collect();
        lastProviders = new LinkedHashMap<>();
        for (io.ottertrend.signals.ProviderHealth h : trends.providers()) {
          lastProviders.put(h.provider(), h.status().name());
        }
        trends.listings().forEach(l -> listings.add(l.value().symbol()));
      } catch (RuntimeException e) {
        emit(new AgentEvent.Notice(now, "WARN", "signals unavailable this cycle: " + e.getMessage()));
      }
    } else if (recordedSignals != null) {
      // Backtests: the snapshot recorded at or before the simulated time, never a later one.
      trends = recordedSignals.apply(now);
      if (trends != null) {
        trends.listings().forEach(l -> listings.add(l.value().symbol()));
      }
    }
    long week = Duration.ofDays(7).toMillis();
    for (int u = 0; u < universeEntry.length; u++) {
      int i = universeEntry[u];
      if (!priced(board, tradable, i)) {
        continue;
      }
      String s = board.symbol(i);
      boolean fresh = listedAt[i] > 0 && now - listedAt[i] < week;
      boolean listed = fresh || !listings.isEmpty() && listings.contains(s);
      views.add(view.symbolView(u, s, board.last(i), board.change(i), board.quoteVolume(i), board.spreadFraction(i),
          listed, gainer[i]));
    }
    obs.portfolio = portfolio;
    obs.snapshot = new MarketSnapshot(now, quoteAsset, portfolioView(portfolio, now), views,
        trends == null ? MarketSnapshot.Signals.EMPTY : io.ottertrend.signals.SignalsPort.toMarketSignals(trends),
        riskView(portfolio));
    return obs;
  }

  /**
   * The {@code k} watched, tradable entries with the largest 24 h change (ties: board order), flagged per entry. A
   * bounded insertion into {@code k} slots: no sort of the whole board.
   */
  private boolean[] gainers(QuoteBoard board, boolean[] tradable, int k) {
    int[] top = new int[k];
    int n = 0;
    for (int u = 0; u < universeEntry.length; u++) {
      int i = universeEntry[u];
      if (!priced(board, tradable, i)) {
        continue;
      }
      double c = board.change(i);
      if (n == k && !(c > board.change(top[k - 1]) || c == board.change(top[k - 1]) && i < top[k - 1])) {
        continue;
      }
      int at = n < k ? n++ : k - 1;
      while (at > 0 && (c > board.change(top[at - 1]) || c == board.change(top[at - 1]) && i < top[at - 1])) {
        top[at] = top[at - 1];
        at--;
      }
      top[at] = i;
    }
    boolean[] flags = new boolean[board.size()];
    for (int j = 0; j < n; j++) {
      flags[top[j]] = true;
    }
    return flags;
  }

  /**
   * The portfolio after acting. Quotes of the same instant are reused (a simulated clock has not moved); a live
   * cycle reads fresh tickers of the positions.
   */
  private Observation valuation(Observation before) {
    long now = clock.millis();
    Map<String, Ticker> bySymbol = new LinkedHashMap<>();
    for (PositionRecord p : orders.positions()) {
      Ticker t = now == before.at ? before.ticker(p.symbol()) : null;
      if (t == null) {
        try {
          t = exchange.ticker(p.symbol());
        } catch (ExchangeException e) {
          LOG.debug("no ticker for {}: {}", p.symbol(), e.getMessage());
        }
      }
      if (t != null) {
        bySymbol.put(p.symbol(), t);
      }
    }
    Observation valued = new Observation(bySymbol, now);
    valued.portfolio = portfolio(valued, now);
    return valued;
  }

  private Portfolio portfolio(Observation obs, long now) {
    BigDecimal free = BigDecimal.ZERO;
    BigDecimal locked = BigDecimal.ZERO;
    for (Balance b : exchange.balances()) {
      if (b.asset().equals(quoteAsset)) {
        free = b.free();
        locked = b.locked();
      }
    }
    List<Position> positions = new ArrayList<>();
    for (PositionRecord p : orders.positions()) {
      Ticker t = obs.ticker(p.symbol());
      BigDecimal mark = t == null ? null : t.lastPrice();
      if (mark == null) {
        try {
          mark = exchange.ticker(p.symbol()).lastPrice();
        } catch (ExchangeException e) {
          mark = null; // unknown: equity becomes unknown and the risk engine refuses entries
        }
      }
      SymbolRules r = rules.get(p.symbol());
      positions.add(new Position(p.symbol(), r == null ? "" : r.baseAsset(), p.quantity(), p.averageEntryPrice(),
          p.costBasis(), mark, p.openedAt(), p.stopLoss(), p.takeProfit()));
    }
    return new Portfolio(quoteAsset, free, locked, positions, now);
  }

  private static MarketSnapshot.Portfolio portfolioView(Portfolio p, long now) {
    List<MarketSnapshot.PositionView> views = new ArrayList<>();
    for (Position pos : p.positions()) {
      double mark = pos.markPrice() == null ? Double.NaN : pos.markPrice().doubleValue();
      BigDecimal pnl = pos.unrealizedPnl();
      views.add(new MarketSnapshot.PositionView(pos.symbol(), pos.quantity().doubleValue(),
          pos.averageEntryPrice().doubleValue(), mark, pnl == null ? Double.NaN : pnl.doubleValue(),
          pos.unrealizedPnlFraction(), now - pos.openedAt(),
          pos.stopLoss() == null ? Double.NaN : pos.stopLoss().doubleValue(),
          pos.takeProfit() == null ? Double.NaN : pos.takeProfit().doubleValue()));
    }
    double equity = p.equity().map(BigDecimal::doubleValue).orElse(Double.NaN);
    return new MarketSnapshot.Portfolio(equity, p.freeCash().add(p.lockedCash()).doubleValue(), views);
  }

  private MarketSnapshot.Risk riskView(Portfolio p) {
    RiskLimits l = risk.limits();
    RiskCounters c = risk.counters();
    String halt = risk.manualHalt() != null ? risk.manualHalt() : c.dailyHalt();
    BigDecimal pnl = pnlToday(p, c);
    return new MarketSnapshot.Risk(l.maxTradeUsd().doubleValue(), l.maxTradePctEquity().doubleValue(),
        l.maxOpenPositions(), l.maxDailyTrades(), l.maxDailyLossUsd().doubleValue(), l.maxSpreadPct(),
        l.minLiquidityUsd(), c.tradesToday(), orders.openPositionCount(), pnl.doubleValue(),
        halt != null, brainFailures.getAsInt() >= l.llmSafeModeAfter(), halt);
  }

  // --- act --------------------------------------------------------------------------------------------------

  /**
   * Cancels entry orders that rested longer than the entry time-to-live: a stale bid is a decision the brain no
   * longer holds, and it keeps cash locked. What the cancels change is reported as a sync's changes
   * are: order updates, fills that won the race, and the release of the slot the risk engine held for each entry in
   * flight (before, an expired entry kept its slot against {@code RISK_MAX_OPEN_POSITIONS} until a restart). A cancel
   * not confirmed is a problem of the cycle and is tried again on the next.
   */
  private void expireEntries(List<String> problems) {
    long now = clock.millis();
    long ttl = entryTtl.toMillis();
    java.util.function.Predicate<JournaledOrder> stale = o -> o.side() == Side.BUY
        && o.state() == io.ottertrend.memory.OrderState.OPEN && now - o.createdAt() >= ttl;
    boolean any = false;
    for (JournaledOrder o : pendingEntries()) {
      any |= stale.test(o);
    }
    if (!any) {
      return;
    }
    OrderManager.Cancellation c = orders.cancelWhere(stale, "entry not filled within " + entryTtl.toSeconds() + " s");
    reportSync(c.changes());
    for (String problem : c.changes().problems()) {
      problems.add("stale entry: " + problem);
      emit(new AgentEvent.Notice(now, "WARN", "could not cancel stale entry " + problem));
    }
  }

  /**
   * While halted, cancels the resting orders {@link CancelOnHalt} selects through the order manager: on the first
   * cycle that sees the halt (the first after a restart too), and on later ones those whose cancel was not
   * confirmed. Exits the agent places while halted are left to work. When not halted this is one look at the halt
   * state the risk engine already knows.
   */
  private void cancelWhileHalted(List<String> problems) {
    if (cancelOnHalt == CancelOnHalt.NONE) {
      return;
    }
    String halt = risk.haltReason();
    if (halt == null) {
      haltExitsLeft = null;
      return;
    }
    boolean first = haltExitsLeft == null;
    Set<String> exitsLeft = first ? Set.of() : haltExitsLeft;
    String setting = Setting.RISK_HALT_CANCEL_ORDERS.name() + "=" + cancelOnHalt.word();
    OrderManager.Cancellation c = orders.cancelWhere(
        o -> cancelOnHalt.selects(o, first || exitsLeft.contains(o.clientOrderId())),
        "trading halted (" + halt + "); " + setting);
    Set<String> left = new HashSet<>();
    int cancelled = 0;
    int filled = 0;
    int working = 0;
    for (JournaledOrder o : c.orders()) {
      switch (o.state()) {
        case CANCELED -> cancelled++;
        case FILLED -> filled++;
        default -> {
          if (!o.state().isFinal()) {
            working++;
            if (o.side() == Side.SELL) {
              left.add(o.clientOrderId());
            }
          }
        }
      }
    }
    haltExitsLeft = left;
    reportSync(c.changes());
    problems.addAll(c.changes().problems());
    if (c.orders().isEmpty()) {
      return;
    }
    String message = "trading halted (" + halt + "): cancelled " + cancelled + " of " + c.orders().size()
        + (cancelOnHalt == CancelOnHalt.ALL ? " resting orders" : " resting entry orders")
        + (filled > 0 ? "; " + filled + " filled before the cancel arrived" : "")
        + (working > 0 ? "; " + working + " not confirmed cancelled, trying again next cycle" : "")
        + " (" + setting + ")";
    long now = clock.millis();
    emit(new AgentEvent.Notice(now, working > 0 ? "ERROR" : "WARN", message));
    alerts.alert(io.ottertrend.alert.AlertKind.HALT, "resting orders", message);
    memory.log(runId, now, working > 0 ? "ERROR" : "WARN", "halt", message);
  }

  private List<JournaledOrder> pendingEntries() {
    List<JournaledOrder> out = new ArrayList<>();
    for (JournaledOrder o : orders.pending(OrderManager.NON_FINAL)) {
      if (o.side() == Side.BUY) {
        out.add(o);
      }
    }
    return out;
  }

  /** Whether an entry order of {@code symbol} is still working. */
  private boolean entryPending(String symbol) {
    for (JournaledOrder o : pendingEntries()) {
      if (o.symbol().equals(symbol)) {
        return true;
      }
    }
    return false;
  }

  /** Code-enforced exits: stop-loss, take-profit and time limit of every managed position, every cycle. */
  private void enforceExits(Observation obs, Counts counts) {
    for (PositionRecord p : orders.positions()) {
      if (p.dust()) {
        continue;
      }
      Ticker t = obs.ticker(p.symbol());
      if (t == null) {
        continue;
      }
      BigDecimal price = t.bidPrice() != null && t.bidPrice().signum() > 0 ? t.bidPrice() : t.lastPrice();
      OrderPurpose purpose = null;
      if (p.stopLoss() != null && price.compareTo(p.stopLoss()) <= 0) {
        purpose = OrderPurpose.STOP_LOSS;
      } else if (p.takeProfit() != null && price.compareTo(p.takeProfit()) >= 0) {
        purpose = OrderPurpose.TAKE_PROFIT;
      } else if (p.exitDeadline() > 0 && obs.at >= p.exitDeadline()) {
        purpose = OrderPurpose.TIME_EXIT;
      }
      if (purpose != null) {
        exit(obs, p.symbol(), BigDecimal.ONE, purpose, Origin.CODE, null, counts,
            purpose + " at " + price.stripTrailingZeros().toPlainString());
      }
    }
  }

  /**
   * Sends every action of a decision through risk and the order manager; the tool-calling brain uses it too, while
   * it decides. Its orders are journalled before the decision is recorded, without a decision id: the gateway keeps
   * their ids and links them once the decision is recorded ({@link #decided}), so the journal tells which decision
   * placed every order whichever brain placed it.
   */
  private final class AgentGateway implements OrderGateway {
    private final Observation obs;
    private final Counts counts;
    private Long decisionId;
    /** Orders journalled while the decision was being made; null until there is one. */
    private List<String> undecided;

    AgentGateway(Observation obs, Counts counts) {
      this.obs = obs;
      this.counts = counts;
    }

    /** The decision is recorded as {@code id} (null: not journalled): later orders carry it, earlier ones get it. */
    void decided(Long id) {
      decisionId = id;
      if (id != null && undecided != null) {
        for (String clientOrderId : undecided) {
          memory.linkDecision(clientOrderId, id);
        }
      }
      undecided = null;
    }

    @Override
    public Result open(Action.Open a) {
      return journalled(entry(obs, a, counts, decisionId));
    }

    @Override
    public Result close(Action.Close a) {
      return journalled(
          exit(obs, a.symbol(), a.fraction(), OrderPurpose.EXIT, origin(), decisionId, counts, a.reason()));
    }

    private Result journalled(Result r) {
      if (decisionId == null && !r.orderId().isEmpty()) {
        if (undecided == null) {
          undecided = new ArrayList<>();
        }
        undecided.add(r.orderId());
      }
      return r;
    }

    @Override
    public Result cancel(String symbol, String clientOrderId) {
      try {
        JournaledOrder o = orders.cancel(clientOrderId, "brain asked to cancel");
        emitOrder(o, "cancel requested");
        return new Result(true, clientOrderId, o.state().name());
      } catch (RuntimeException e) {
        return Result.rejected(e.getMessage());
      }
    }
  }

  private Origin origin() {
    return brain.name().startsWith("rules") ? Origin.RULES : Origin.LLM;
  }

  private OrderGateway.Result entry(Observation obs, Action.Open a, Counts counts, Long decisionId) {
    counts.proposals++;
    if (a.side() != Side.BUY) {
      return reject(obs, a.symbol(), a.side(), "spot only: an entry is a BUY; use CLOSE to sell what is held");
    }
    if (entryPending(a.symbol())) {
      return reject(obs, a.symbol(), a.side(), "an entry order for " + a.symbol() + " is already pending");
    }
    OrderProposal proposal = entryProposal(obs, a, orders.newClientOrderId());
    RiskDecision d = risk.evaluate(context(obs, proposal));
    emitVerdict(a.symbol(), "BUY", d.outcome().name(), d.rule(), d.reason());
    if (!d.approved()) {
      return refused(d);
    }
    counts.approved++;
    JournaledOrder o = orders.submit(d.order(), OrderPurpose.ENTRY, decisionId);
    counts.submitted++;
    emitOrder(o, a.reason());
    setExits(a, d, o);
    String state = o.state().name();
    return new OrderGateway.Result(o.state() != io.ottertrend.memory.OrderState.REJECTED, o.clientOrderId(),
        o.reason() == null ? state : state.concat(": ").concat(o.reason()));
  }

  /**
   * {@code "<rule>: <reason>"} of a refusal. Concatenated explicitly: most proposals are refused, and in the
   * C1-compiled code a backtest's per-cycle path mostly runs, a {@code +} concatenation goes through method handles.
   */
  private static OrderGateway.Result refused(RiskDecision d) {
    return OrderGateway.Result.rejected(String.valueOf(d.rule()).concat(": ").concat(String.valueOf(d.reason())));
  }

  private OrderProposal entryProposal(Observation obs, Action.Open a, String clientId) {
    Optional<BigDecimal> equity = obs.portfolio.equity();
    BigDecimal quote = equity.isPresent() ? equity.get().multiply(a.sizePctEquity(), MC) : BigDecimal.ZERO;
    OrderType type = a.orderType();
    BigDecimal limit = a.limitPrice();
    if (type != OrderType.MARKET && limit == null) {
      // Join the bid: MEXC charges 0 % maker, so a resting buy at the best bid is the cheap default. The book and
      // ticker are read only here (the risk context reads them anyway, once per cycle and symbol).
      OrderBook book = obs.book(a.symbol());
      Ticker ticker = obs.ticker(a.symbol());
      limit = book != null && book.bestBid() != null ? book.bestBid() : ticker == null ? null : ticker.bidPrice();
    }
    if (type == OrderType.MARKET) {
      return new OrderProposal(a.symbol(), Side.BUY, Intent.ENTRY, type, quote, null, null, clientId, origin());
    }
    BigDecimal qty = limit == null || limit.signum() <= 0 ? null : quote.divide(limit, MC);
    return new OrderProposal(a.symbol(), Side.BUY, Intent.ENTRY, type, quote, qty, limit, clientId, origin());
  }

  /** One cycle's observation and gateway, and the tool ports over them once a tool asked for them. */
  private final class CyclePorts {
    private final Observation obs;
    private final AgentGateway gateway;
    private io.ottertrend.brain.tools.AgentPorts ports;

    CyclePorts(Observation obs, AgentGateway gateway) {
      this.obs = obs;
      this.gateway = gateway;
    }

    synchronized io.ottertrend.brain.tools.AgentPorts ports() {
      if (ports == null) {
        ports = Agent.this.ports(obs, gateway);
      }
      return ports;
    }
  }

  /**
   * The tool ports of one cycle: the cycle's snapshot and books, exchange reads for the analytics, the risk
   * engine's dry run, and {@code gateway} (risk engine, then order manager) as the only way to act.
   */
  private io.ottertrend.brain.tools.AgentPorts ports(Observation obs, AgentGateway gateway) {
    var market = new io.ottertrend.brain.tools.AgentPorts.MarketData() {
      @Override
      public MarketSnapshot snapshot() {
        return obs.snapshot;
      }

      @Override
      public OrderBook orderBook(String symbol, int depth) {
        if (!rules.containsKey(symbol)) {
          throw new IllegalArgumentException("unknown symbol " + symbol);
        }
        OrderBook b = obs.book(symbol);
        return b != null ? b : exchange.orderBook(symbol, 20);
      }
    };
    var gate = new io.ottertrend.brain.tools.AgentPorts.RiskGate() {
      @Override
      public MarketSnapshot.Risk constraints() {
        return riskView(obs.portfolio);
      }

      @Override
      public Verdict check(Action.Open open) {
        RiskDecision d = risk.check(context(obs, entryProposal(obs, open, "dryrun")));
        BigDecimal equity = obs.portfolio.equity().orElse(BigDecimal.ZERO);
        BigDecimal quote = d.order() == null ? null : d.order().quoteQuantity() != null ? d.order().quoteQuantity()
            : d.order().price() == null ? null : d.order().quantity().multiply(d.order().price(), MC);
        double pct = quote == null || equity.signum() <= 0 ? 0 : quote.divide(equity, MC).doubleValue();
        return new Verdict(d.approved(), d.approved() ? pct : 0, d.outcome() + " " + d.rule() + ": " + d.reason());
      }
    };
    return new io.ottertrend.brain.tools.AgentPorts(market,
        new ExchangeAnalytics(exchange, clock, rules::containsKey), toolSignals,
        () -> obs.snapshot.portfolio(), gate, gateway);
  }

  private void setExits(Action.Open a, RiskDecision d, JournaledOrder o) {
    BigDecimal ref = d.order().price();
    if (ref == null) {
      Ticker t = exchange.ticker(a.symbol());
      ref = t.askPrice() != null ? t.askPrice() : t.lastPrice();
    }
    // A brain-given stop or target is used only when it is on the right side of the entry price.
    BigDecimal stop = a.stopLoss() != null && a.stopLoss().compareTo(ref) < 0 ? a.stopLoss()
        : ref.multiply(stopFactor, MC);
    BigDecimal target = a.takeProfit() != null && a.takeProfit().compareTo(ref) > 0 ? a.takeProfit()
        : ref.multiply(targetFactor, MC);
    long deadline = clock.millis() + maxHoldMillis;
    if (o.state() != io.ottertrend.memory.OrderState.REJECTED) {
      orders.setExits(a.symbol(), stop, target, deadline);
    }
  }

  private OrderGateway.Result exit(Observation obs, String symbol, BigDecimal fraction, OrderPurpose purpose,
      Origin origin, Long decisionId, Counts counts, String reason) {
    counts.proposals++;
    BigDecimal sellable = orders.sellableQuantity(symbol);
    if (sellable.signum() <= 0) {
      return reject(obs, symbol, Side.SELL, "nothing to sell in " + symbol);
    }
    BigDecimal qty = fraction.compareTo(BigDecimal.ONE) >= 0 ? sellable : sellable.multiply(fraction, MC);
    OrderProposal proposal = new OrderProposal(symbol, Side.SELL, Intent.EXIT, OrderType.MARKET, null, qty, null,
        orders.newClientOrderId(), origin);
    RiskDecision d = risk.evaluate(context(obs, proposal));
    emitVerdict(symbol, "SELL", d.outcome().name(), d.rule(), d.reason());
    if (!d.approved()) {
      Ticker t = obs.ticker(symbol);
      if (t != null) {
        orders.refreshDust(symbol, t.lastPrice());
      }
      return refused(d);
    }
    counts.approved++;
    JournaledOrder o = orders.submit(d.order(), purpose, decisionId);
    counts.submitted++;
    emitOrder(o, reason);
    return new OrderGateway.Result(o.state() != io.ottertrend.memory.OrderState.REJECTED, o.clientOrderId(),
        o.state().name());
  }

  private OrderGateway.Result reject(Observation obs, String symbol, Side side, String why) {
    emitVerdict(symbol, side.name(), "REJECT", "agent", why);
    return OrderGateway.Result.rejected(why);
  }

  /** Announces a verdict on a proposal, when the listener wants verdicts. */
  private void emitVerdict(String symbol, String side, String outcome, String rule, String reason) {
    if (verdictEvents) {
      emit(new AgentEvent.RiskVerdict(clock.millis(), symbol, side, outcome, rule, reason));
    }
  }

  private RiskContext context(Observation obs, OrderProposal proposal) {
    String symbol = proposal.symbol();
    OrderBook book = obs.book(symbol);
    double prev = view.previousClose(symbol);
    // the start of the UTC day (clock.utcDate() at 00:00), without the calendar arithmetic
    long dayStart = Math.floorDiv(clock.millis(), DAY_MILLIS) * DAY_MILLIS;
    return RiskContext.builder(proposal)
        .portfolio(obs.portfolio)
        .dustSymbols(orders.dustSymbols())
        .symbolRules(rules.get(symbol))
        .book(book)
        .ticker(obs.ticker(symbol))
        .previousPrice(Double.isFinite(prev) && prev > 0 ? BigDecimal.valueOf(prev) : null)
        .brainFailures(brainFailures.getAsInt())
        .llmTokensToday(memory.llmTokensSpent(null, dayStart))
        .now(clock.millis())
        .build();
  }

  // --- records and events -------------------------------------------------------------------------------------

  /** Journals {@code d} and returns its id, or null when it is a hold that is not journalled. */
  private Long record(Decision d, Observation obs) {
    if (decisionEvents) {
      List<String> actions = d.actions().stream().map(Agent::describe).toList();
      List<String> dropped = d.dropped().stream().map(x -> x.proposal() + " (" + x.reason() + ")").toList();
      emit(new AgentEvent.DecisionMade(clock.millis(), d.brain(), d.thoughts(), actions, dropped, d.outcome(),
          d.promptTokens(), d.completionTokens(), d.latencyMillis()));
    }
    if (!journalHolds && d.actions().isEmpty() && d.dropped().isEmpty() && d.flags().isEmpty()) {
      return null;
    }
    long id = memory.recordDecision(new DecisionRecord(0, runId, clock.millis(), hash(obs.snapshot), d.brain(),
        d.thoughts(), DecisionJson.actions(d.actions()), DecisionJson.dropped(d.dropped()), d.promptTokens(),
        d.completionTokens(), d.latencyMillis(), d.outcome()));
    // Flags (suspicious content, look-alike symbols, unknown tools, fallbacks) go to the log table, as
    // RecordingBrain does, so the operator sees what the model tried.
    for (String flag : d.flags()) {
      boolean warn = flag.startsWith("suspicious") || flag.startsWith("look-alike") || flag.startsWith("fallback")
          || flag.startsWith("unknown tool");
      memory.log(runId, clock.millis(), warn ? "WARN" : "INFO", "brain",
          io.ottertrend.brain.Untrusted.clean(flag, 300));
    }
    return id;
  }

  static String describe(Action a) {
    return switch (a) {
      case Action.Open o -> "OPEN " + o.side() + " " + o.symbol() + " " + o.sizePctEquity().movePointRight(2)
          .stripTrailingZeros().toPlainString() + "% " + o.orderType();
      case Action.Close c -> "CLOSE " + c.symbol() + " " + c.fraction().movePointRight(2).stripTrailingZeros()
          .toPlainString() + "%";
    };
  }

  /**
   * A 64-bit fingerprint of the snapshot a decision was made from, over its fields (enums by ordinal, so it is the
   * same in every JVM). Printing a snapshot of hundreds of symbols to text and hashing that cost more than the rest
   * of a backtest cycle.
   */
  static String hash(MarketSnapshot s) {
    // Two independent polynomial accumulators (multiply-add chains the CPU runs side by side), mixed at the end.
    long a = mix(s.at(), s.quoteAsset().hashCode());
    long b = mix(portfolioHash(s.portfolio()), riskHash(s.risk())); // the records' own hashes, stable in every JVM
    // may hold enums; small, and empty in most cycles (then its text is always the same)
    b = b * K + (s.signals() == MarketSnapshot.Signals.EMPTY ? EMPTY_SIGNALS_HASH
        : String.valueOf(s.signals()).hashCode());
    // Per view, each accumulator takes five fields: acc = acc*K + f1, then f2, ..., f5. In wrapping 64-bit
    // arithmetic that is exactly acc*K^5 + (f1*K^4 + f2*K^3 + f3*K^2 + f4*K + f5), whose bracket does not wait for
    // the previous view: one dependent multiply-add per view and accumulator instead of five.
    for (MarketSnapshot.SymbolView v : s.symbols()) {
      long fa = v.symbol().hashCode() * K4 + Double.doubleToLongBits(v.change24h()) * K3
          + Double.doubleToLongBits(v.spreadPct()) * K2 + Double.doubleToLongBits(v.trend()) * K
          + Double.doubleToLongBits(v.volatility());
      long fb = Double.doubleToLongBits(v.lastPrice()) * K4 + Double.doubleToLongBits(v.quoteVolume()) * K3
          + Double.doubleToLongBits(v.rsi()) * K2 + Double.doubleToLongBits(v.momentum()) * K
          + (v.regime().ordinal() * 4L + (v.newListing() ? 2 : 0) + (v.topGainer() ? 1 : 0));
      a = a * K5 + fa;
      b = b * K5 + fb;
    }
    return HexFormat.of().toHexDigits(mix(mix(a, b), s.symbols().size()));
  }

  private static final int EMPTY_SIGNALS_HASH = String.valueOf(MarketSnapshot.Signals.EMPTY).hashCode();

  /**
   * {@code p.hashCode()} as a record computes it (31 times the hash so far plus each component's hash, in order),
   * written out: the generated method runs through method handles that cost more than the rest of the hash.
   */
  static int portfolioHash(MarketSnapshot.Portfolio p) {
    int positions = 1; // List.hashCode
    for (MarketSnapshot.PositionView v : p.positions()) {
      int h = hashOn(Objects.hashCode(v.symbol()), v.quantity(), v.entryPrice(), v.markPrice(), v.pnlUsd(),
          v.pnlPct());
      positions = positions * 31 + hashOn(h * 31 + Long.hashCode(v.heldMillis()), v.stopPrice(), v.targetPrice());
    }
    return hashOn(Double.hashCode(p.equity()), p.cash()) * 31 + positions;
  }

  /** {@code r.hashCode()} as a record computes it, written out (see {@link #portfolioHash}). */
  static int riskHash(MarketSnapshot.Risk r) {
    int h = hashOn(Double.hashCode(r.maxTradeUsd()), r.maxTradePctEquity());
    h = (h * 31 + r.maxOpenPositions()) * 31 + r.maxDailyTrades();
    h = hashOn(h, r.maxDailyLossUsd(), r.maxSpreadPct(), r.minLiquidityUsd());
    h = hashOn((h * 31 + r.tradesToday()) * 31 + r.openPositions(), r.pnlTodayUsd());
    h = (h * 31 + Boolean.hashCode(r.halted())) * 31 + Boolean.hashCode(r.safeMode());
    return h * 31 + Objects.hashCode(r.haltReason());
  }

  /** {@code h} followed by the record-hash steps of {@code fields}, in order. */
  private static int hashOn(int h, double... fields) {
    for (double f : fields) {
      h = h * 31 + Double.hashCode(f);
    }
    return h;
  }

  /** An odd 64-bit multiplier (the golden ratio's): every bit of a field reaches the high bits of the sum. */
  private static final long K = 0x9E3779B97F4A7C15L;
  /** Powers of {@link #K} (wrapping), for five fields at a time. */
  private static final long K2 = K * K;
  private static final long K3 = K2 * K;
  private static final long K4 = K3 * K;
  private static final long K5 = K4 * K;

  /** One step of a 64-bit hash: SplitMix64's finaliser over the running value and the next field. */
  private static long mix(long h, long field) {
    long z = (h ^ field) * 0x9E3779B97F4A7C15L;
    z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
    z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
    return z ^ (z >>> 31);
  }


  private void recordEquity(Observation valued) {
    Optional<BigDecimal> eq = valued.portfolio.equity();
    BigDecimal cash = valued.portfolio.freeCash().add(valued.portfolio.lockedCash());
    if (eq.isPresent() && runId != null) {
      memory.recordEquity(new EquityPoint(runId, valued.at, eq.get(), cash));
    }
    if (eq.isPresent()) {
      // the day's loss is marked every cycle, so a market falling while nothing is proposed still halts entries
      String latched = risk.markToMarket(eq.get());
      if (latched != null) {
        emit(new AgentEvent.Notice(valued.at, "WARN", "daily loss limit reached, entries halted until 00:00 UTC: "
            + latched));
      }
    }
    RiskCounters c = risk.counters();
    RiskLimits l = risk.limits();
    List<AgentEvent.PositionLine> lines = new ArrayList<>();
    for (Position p : valued.portfolio.positions()) {
      lines.add(new AgentEvent.PositionLine(p.symbol(), p.quantity(), p.averageEntryPrice(), p.markPrice(),
          p.unrealizedPnl(), p.unrealizedPnlFraction()));
    }
    emit(new AgentEvent.EquityUpdate(valued.at, eq.orElse(null), cash, lines, c.tradesToday(), l.maxDailyTrades(),
        pnlToday(valued.portfolio, c), l.maxDailyLossUsd(), orders.openPositionCount(), l.maxOpenPositions()));
  }

  /**
   * Today's P&L as the daily-loss halt measures it (equity against the day's first valuation), so that what the
   * brain and the dashboard are shown against the limit is the number the limit is enforced on; realised plus open
   * P&L only before the day has a valuation.
   */
  private static BigDecimal pnlToday(Portfolio p, RiskCounters c) {
    Optional<BigDecimal> equity = p.equity();
    return equity.isPresent() && c.dayStartEquity() != null ? equity.get().subtract(c.dayStartEquity())
        : c.realizedPnlToday().add(p.unrealizedPnl());
  }

  private void reportSync(SyncResult sync) {
    for (OrderTransition t : sync.transitions()) {
      JournaledOrder o = orders.order(t.clientOrderId());
      if (o != null) {
        emitOrder(o, t.note());
        if (t.to().isFinal() && o.side() == Side.BUY) {
          risk.onEntryDone(o.symbol()); // releases the pending-entry slot the engine held for it
        }
      }
    }
    long recorded = orders.tradesRecorded();
    if (recorded != tradesSeen) {
      // Only fills record trades: read the journal's newest trades only when the order manager recorded some.
      List<io.ottertrend.memory.TradeRecord> newest = memory.trades(runId, 100);
      for (io.ottertrend.memory.TradeRecord trade : newest) {
        if (trade.id() > lastTradeId) {
          risk.onTradeClosed(trade); // cooldowns, stop-loss guard, realised P&L
        }
      }
      // the newest trade's id, as a one-row read of the same journal would give it
      lastTradeId = Math.max(lastTradeId, newest.isEmpty() ? 0 : newest.get(0).id());
      tradesSeen = recorded;
    }
    for (var f : sync.newFills()) {
      emit(new AgentEvent.FillRecorded(f.time(), f.symbol(), f.side().name(), f.price(), f.quantity(),
          f.commission(), f.commissionAsset()));
    }
    for (String p : sync.problems()) {
      emit(new AgentEvent.Notice(clock.millis(), "WARN", p));
    }
  }

  private void emitOrder(JournaledOrder o, String message) {
    if (!orderEvents) {
      return;
    }
    emit(new AgentEvent.OrderUpdate(clock.millis(), o.clientOrderId(), o.symbol(), o.side().name(), o.type().name(),
        o.state().name(), o.quantity(), o.quoteQuantity(), o.price(), o.purpose(),
        message == null || message.isBlank() ? o.reason() : message));
  }

  private void emit(AgentEvent e) {
    try {
      listener.on(e);
    } catch (RuntimeException ex) {
      LOG.warn("agent listener failed on {}: {}", e.getClass().getSimpleName(), ex.toString());
    }
  }

  /** Builder; not thread-safe. */
  public static final class Builder {
    private final Exchange exchange;
    private final Memory memory;
    private final Clock clock;
    private final Settings settings;
    private Brain brain;
    private RiskEngine risk;
    private OrderManager orders;
    private Reconciler reconciler;
    private SignalsService signals;
    private java.util.function.LongFunction<TrendsSnapshot> recordedSignals;
    private AgentListener listener = AgentListener.none();
    private Long runId;
    private int universeSize = 100;
    private boolean heartbeat = true;
    private boolean journalHolds = true;
    private boolean warmUp = true;
    private java.util.function.IntSupplier brainFailures = () -> 0;
    private Duration entryTtl = Duration.ofMinutes(5);
    private io.ottertrend.alert.Alerts alerts = io.ottertrend.alert.Alerts.none();
    private io.ottertrend.brain.tools.AgentPorts.Signals toolSignals;
    private LoopPorts loopPorts;
    private CancelOnHalt cancelOnHalt;

    private Builder(Exchange exchange, Memory memory, Clock clock, Settings settings) {
      this.exchange = Objects.requireNonNull(exchange, "exchange");
      this.memory = Objects.requireNonNull(memory, "memory");
      this.clock = Objects.requireNonNull(clock, "clock");
      this.settings = Objects.requireNonNull(settings, "settings");
    }

    public Builder brain(Brain v) { this.brain = v; return this; }
    public Builder risk(RiskEngine v) { this.risk = v; return this; }
    public Builder orders(OrderManager v) { this.orders = v; return this; }
    public Builder reconciler(Reconciler v) { this.reconciler = v; return this; }
    public Builder signals(SignalsService v) { this.signals = v; return this; }
    /**
     * Recorded signals for backtests and replays, used when no live {@link #signals(SignalsService)} is set: called
     * with the simulated time, returns the snapshot current then (or null). Must never return a later snapshot.
     */
    public Builder recordedSignals(java.util.function.LongFunction<TrendsSnapshot> v) { this.recordedSignals = v; return this; }
    public Builder listener(AgentListener v) { this.listener = v == null ? AgentListener.none() : v; return this; }
    public Builder runId(Long v) { this.runId = v; return this; }
    /** Pairs watched (by 24 h quote volume), default 100. */
    public Builder universeSize(int v) { this.universeSize = Math.max(1, v); return this; }
    /**
     * Whether each cycle leaves a heartbeat for {@code ottertrend status} (default true). A backtest has no
     * operator watching its scratch journal and turns it off.
     */
    public Builder heartbeat(boolean v) { this.heartbeat = v; return this; }
    /**
     * Whether decisions that do nothing (no action, nothing dropped, no flag) are journalled (default true: a live
     * agent's audit trail shows every hold). A backtest turns it off: a year of 5m bars would be 100,000 rows of
     * "hold"; they are still announced to the listener.
     */
    public Builder journalHolds(boolean v) { this.journalHolds = v; return this; }
    /** Whether to seed the analytics with 60 one-minute bars per pair at start (default true). */
    public Builder warmUp(boolean v) { this.warmUp = v; return this; }
    /** How long an entry limit order may rest before it is cancelled (default 5 minutes). */
    public Builder entryTtl(Duration v) { this.entryTtl = Objects.requireNonNull(v); return this; }
    /** Where ban and drift alerts go (default: nowhere). */
    public Builder alerts(io.ottertrend.alert.Alerts v) { this.alerts = Objects.requireNonNull(v); return this; }
    /**
     * Which resting orders the agent cancels when it finds itself halted (default: the settings'
     * {@code RISK_HALT_CANCEL_ORDERS}, itself {@link CancelOnHalt#ENTRIES} by default).
     */
    public Builder cancelOnHalt(CancelOnHalt v) { this.cancelOnHalt = Objects.requireNonNull(v); return this; }
    /** Consecutive brain failures, for the LLM safe mode rule. */
    public Builder brainFailures(java.util.function.IntSupplier v) { this.brainFailures = v; return this; }

    /** Signals for the tool-calling brain's signal tools (default: unavailable, e.g. offline). */
    public Builder toolSignals(io.ottertrend.brain.tools.AgentPorts.Signals v) { this.toolSignals = v; return this; }
    /** Ports a tool-calling brain was built with; this agent serves them during each cycle. */
    public Builder loopPorts(LoopPorts v) { this.loopPorts = v; return this; }

    public Agent build() {
      return new Agent(this);
    }
  }
}
