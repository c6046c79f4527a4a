package io.ottertrend.testing;

import io.ottertrend.OtterTrend;
import io.ottertrend.agent.Agent;
import io.ottertrend.brain.Brain;
import io.ottertrend.brain.Decision;
import io.ottertrend.brain.FallbackBrain;
import io.ottertrend.brain.MarketSnapshot;
import io.ottertrend.brain.rules.RulesBrain;
import io.ottertrend.brain.rules.RulesConfig;
import io.ottertrend.config.Setting;
import io.ottertrend.config.Settings;
import io.ottertrend.exchange.Exchange;
import io.ottertrend.llm.LlmException;
import io.ottertrend.memory.JournaledOrder;
import io.ottertrend.memory.Memory;
import io.ottertrend.memory.OrderState;
import io.ottertrend.memory.PositionRecord;
import io.ottertrend.memory.RiskEvent;
import io.ottertrend.model.Balance;
import io.ottertrend.model.Fill;
import io.ottertrend.model.Side;
import io.ottertrend.model.SymbolRules;
import io.ottertrend.registry.Registry;
import io.ottertrend.risk.RiskCounters;
import io.ottertrend.risk.RiskEngine;
import io.ottertrend.risk.RiskLimits;
import io.ottertrend.time.Clock;
import java.lang.management.ManagementFactory;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Soak (reliability test 39): the whole loop on an accelerated (simulated) clock over the synthetic market, the
 * rules brain behind an LLM-like failing brain in a {@link FallbackBrain}, and a {@link FaultyExchange} around the
 * paper exchange. Every simulated hour it forces a GC and samples heap used and live threads; at the end it
 * stops the faults, syncs once more and checks the invariants: journal fills equal the simulated balances, every
 * order passed the risk engine, no order left unresolved, journal fills equal the exchange's trades, positions
 * equal fills, and the live risk counters equal the ones a fresh engine rebuilds from the database.
 *
 * <p>Used by the short core test and by the 24-hour benchmark main. Not thread-safe; one run at a time.
 */
public final class SoakHarness {
  /** What to run. */
  public record Config(Duration simulated, Duration cycle, long seed, Path db, FaultyExchange.Faults faults,
      double brainFailure) {}

  /** One sample: after {@code hours} simulated hours. */
  public record Sample(double hours, long cycles, long heapUsedBytes, int liveThreads, long orders, long fills) {}

  /** The outcome. {@code violations} is empty when every invariant held. */
  public record Result(List<Sample> samples, Map<String, Long> faults, int brainFailures, long cycles,
      long orders, long fills, Map<String, String> invariants, List<String> violations, long wallMillis) {}

  private SoakHarness() {}

  /** Runs the soak. */
  public static Result run(Config c) throws InterruptedException {
    long wallStart = System.nanoTime();
    Settings settings = Settings.builder().flag(Setting.DB_PATH, c.db().toString()).build();
    Clock clock = Clock.simulated(Instant.parse("2026-03-01T23:30:00Z"));
    AtomicInteger brainFailures = new AtomicInteger();
    List<Sample> samples = new ArrayList<>();
    try (Registry r = OtterTrend.registry(settings, OtterTrend.Options.paperSynthetic(c.seed()))) {
      r.bindInstance(Clock.class, clock);
      Exchange paper = r.named(Exchange.class, "paper");
      FaultyExchange faulty = new FaultyExchange(paper, c.seed() ^ 0x5eed, clock, c.faults());
      r.bindInstance(Exchange.class, faulty);
      RulesBrain rules = new RulesBrain(RulesConfig.fromSettings(settings));
      Brain flaky = new FlakyBrain(rules, new Random(c.seed() ^ 0xb4a1), c.brainFailure(), brainFailures);
      r.bindInstance(Brain.class, new FallbackBrain(flaky, rules, n -> { }));
      Map<String, BigDecimal> initial = balances(paper);
      Agent agent = OtterTrend.agent(r);
      agent.start();
      long perHour = Math.max(1, Duration.ofHours(1).toMillis() / c.cycle().toMillis());
      long total = c.simulated().toMillis() / c.cycle().toMillis();
      long done = 0;
      Memory memory = r.get(Memory.class);
      samples.add(sample(0, 0, memory, paper.id()));
      while (done < total) {
        long n = Math.min(perHour, total - done);
        done += agent.run(n, c.cycle(), () -> false);
        clock.sleep(c.cycle());
        samples.add(sample(done * c.cycle().toMillis() / 3_600_000.0, done, memory, paper.id()));
      }
      faulty.quiet();
      agent.orders().sync();
      agent.finish("COMPLETED");
      Map<String, String> invariants = new LinkedHashMap<>();
      List<String> violations = new ArrayList<>();
      check(r, agent, paper, initial, memory, clock, invariants, violations);
      long orders = memory.recentOrders(1_000_000).size();
      long fills = memory.fills(paper.id(), null, 0).size();
      return new Result(samples, faulty.injected(), brainFailures.get(), done, orders, fills, invariants, violations,
          (System.nanoTime() - wallStart) / 1_000_000);
    }
  }

  private static Sample sample(double hours, long cycles, Memory memory, String exchange) {
    System.gc();
    System.gc();
    long heap = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
    int threads = ManagementFactory.getThreadMXBean().getThreadCount();
    return new Sample(hours, cycles, heap, threads, memory.recentOrders(1_000_000).size(),
        memory.fills(exchange, null, 0).size());
  }

  private static Map<String, BigDecimal> balances(Exchange e) {
    Map<String, BigDecimal> m = new TreeMap<>();
    for (Balance b : e.balances()) {
      m.put(b.asset(), b.free().add(b.locked()));
    }
    return m;
  }

  private static void check(Registry r, Agent agent, Exchange paper, Map<String, BigDecimal> initial, Memory memory,
      Clock clock, Map<String, String> invariants, List<String> violations) {
    Map<String, SymbolRules> rules = new HashMap<>();
    for (SymbolRules s : paper.symbolRules()) {
      rules.put(s.symbol(), s);
    }
    List<Fill> fills = memory.fills(paper.id(), null, 0);
    // 1. the ledger (journal fills from the starting wallet) equals the simulated exchange's balances
    Map<String, BigDecimal> expected = new TreeMap<>(initial);
    Map<String, BigDecimal> netBase = new TreeMap<>();
    for (Fill f : fills) {
      SymbolRules s = rules.get(f.symbol());
      BigDecimal quote = f.quoteQuantity() != null ? f.quoteQuantity() : f.price().multiply(f.quantity());
      int sign = f.side() == Side.BUY ? 1 : -1;
      expected.merge(s.baseAsset(), f.quantity().multiply(BigDecimal.valueOf(sign)), BigDecimal::add);
      expected.merge(s.quoteAsset(), quote.multiply(BigDecimal.valueOf(-sign)), BigDecimal::add);
      netBase.merge(f.symbol(), f.quantity().multiply(BigDecimal.valueOf(sign)), BigDecimal::add);
      if (f.commission() != null && f.commission().signum() != 0) {
        expected.merge(f.commissionAsset(), f.commission().negate(), BigDecimal::add);
        if (f.commissionAsset().equals(s.baseAsset())) {
          netBase.merge(f.symbol(), f.commission().negate(), BigDecimal::add);
        }
      }
    }
    Map<String, BigDecimal> actual = balances(paper);
    Set<String> assets = new HashSet<>(expected.keySet());
    assets.addAll(actual.keySet());
    BigDecimal tolerance = new BigDecimal("1e-8");
    int mismatched = 0;
    for (String a : assets) {
      BigDecimal e = expected.getOrDefault(a, BigDecimal.ZERO);
      BigDecimal x = actual.getOrDefault(a, BigDecimal.ZERO);
      if (e.subtract(x).abs().compareTo(tolerance) > 0) {
        mismatched++;
        violations.add("ledger: " + a + " journal says " + e.toPlainString() + ", exchange holds " + x.toPlainString());
      }
    }
    invariants.put("ledger equals simulated balances", assets.size() + " assets, " + mismatched + " mismatched");
    // 2. every journalled order passed the risk engine (an approving or shrinking verdict with its client id)
    List<JournaledOrder> journal = memory.recentOrders(1_000_000);
    Set<String> approved = new HashSet<>();
    for (RiskEvent e : memory.recentRiskEvents(1_000_000)) {
      if (!e.verdict().equals("REJECT") && e.clientOrderId() != null) {
        approved.add(e.clientOrderId());
      }
    }
    long bypass = journal.stream().filter(o -> !approved.contains(o.clientOrderId())).count();
    journal.stream().filter(o -> !approved.contains(o.clientOrderId()))
        .forEach(o -> violations.add("order without risk approval: " + o.clientOrderId()));
    invariants.put("every order passed risk", journal.size() + " orders, " + bypass + " without approval");
    // 3. nothing left in doubt, no duplicate client ids
    List<JournaledOrder> doubtful = memory.orders(EnumSet.of(OrderState.NEW, OrderState.SENT, OrderState.UNKNOWN));
    doubtful.forEach(o -> violations.add("unresolved order " + o.clientOrderId() + " " + o.state()));
    long distinct = journal.stream().map(JournaledOrder::clientOrderId).distinct().count();
    if (distinct != journal.size()) {
      violations.add("duplicate client order ids: " + (journal.size() - distinct));
    }
    invariants.put("no order unresolved or duplicated", doubtful.size() + " unresolved, "
        + (journal.size() - distinct) + " duplicated");
    // 4. no lost or duplicated fill: per symbol, the journal holds exactly the exchange's trades
    Map<String, Long> journalTrades = new TreeMap<>();
    fills.forEach(f -> journalTrades.merge(f.symbol(), 1L, Long::sum));
    long lost = 0;
    for (Map.Entry<String, Long> e : journalTrades.entrySet()) {
      long venue = paper.myTrades(e.getKey(), 0, 100_000).size();
      if (venue != e.getValue()) {
        lost += Math.abs(venue - e.getValue());
        violations.add("fills of " + e.getKey() + ": journal " + e.getValue() + ", exchange " + venue);
      }
    }
    invariants.put("journal fills equal exchange trades", fills.size() + " fills, " + lost + " differing");
    // 5. positions equal their fills
    int wrong = 0;
    for (PositionRecord p : memory.positions(paper.id())) {
      BigDecimal n = netBase.getOrDefault(p.symbol(), BigDecimal.ZERO);
      if (p.quantity().subtract(n).abs().compareTo(tolerance) > 0) {
        wrong++;
        violations.add("position " + p.symbol() + " " + p.quantity().toPlainString() + " vs fills " + n.toPlainString());
      }
    }
    invariants.put("positions equal fills", memory.positions(paper.id()).size() + " positions, " + wrong + " wrong");
    // 6. the live counters equal what a fresh engine rebuilds from the database (nothing counted only in memory)
    RiskCounters live = agent.risk().counters();
    RiskCounters rebuilt = RiskEngine.builder(memory, clock, RiskLimits.from(r.settings())).build().counters();
    boolean same = live.tradesToday() == rebuilt.tradesToday() && live.entriesToday() == rebuilt.entriesToday()
        && live.realizedPnlToday().compareTo(rebuilt.realizedPnlToday()) == 0;
    if (!same) {
      violations.add("risk counters: live " + live + " vs rebuilt " + rebuilt);
    }
    RiskLimits limits = agent.risk().limits();
    // exits stay allowed past the daily trade limit (a position must be closable); entries must not pass it
    if (live.entriesToday() > limits.maxDailyTrades() || agent.orders().openPositionCount() > limits.maxOpenPositions()) {
      violations.add("limits exceeded: entries today " + live.entriesToday() + " (limit " + limits.maxDailyTrades()
          + "), open positions " + agent.orders().openPositionCount());
    }
    String halt = agent.risk().manualHalt() != null ? agent.risk().manualHalt() : live.dailyHalt();
    invariants.put("state at end", "open positions (order manager) " + agent.orders().openPositionCount()
        + ", position records " + agent.orders().positions().size() + ", halt " + halt);
    invariants.put("risk counters consistent", "trades today " + live.tradesToday() + " (rebuilt "
        + rebuilt.tradesToday() + "), entries today " + live.entriesToday() + " (rebuilt " + rebuilt.entriesToday()
        + "), realised P&L today " + live.realizedPnlToday().toPlainString());
  }

  /** An LLM-like brain: answers like its delegate but fails the way a hosted LLM does, at a seeded rate. */
  static final class FlakyBrain implements Brain {
    private final Brain delegate;
    private final Random random;
    private final double failure;
    private final AtomicInteger failures;

    FlakyBrain(Brain delegate, Random random, double failure, AtomicInteger failures) {
      this.delegate = delegate;
      this.random = random;
      this.failure = failure;
      this.failures = failures;
    }

    @Override
    public String name() {
      return "llm-like";
    }

    @Override
    public Decision decide(MarketSnapshot snapshot) {
      double u = random.nextDouble();
      if (u < failure) {
        failures.incrementAndGet();
        int kind = random.nextInt(3);
        throw switch (kind) {
          case 0 -> new LlmException.ServerError("injected 503", 503);
          case 1 -> new LlmException.Timeout("injected timeout", null);
          default -> new LlmException.RateLimited("injected 429", Duration.ofSeconds(2));
        };
      }
      return delegate.decide(snapshot);
    }
  }
}
