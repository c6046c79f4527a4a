package io.ottertrend.benchmarks;

import io.ottertrend.memory.Memory;
import io.ottertrend.model.BookLevel;
import io.ottertrend.model.OrderBook;
import io.ottertrend.model.Portfolio;
import io.ottertrend.model.Position;
import io.ottertrend.model.SymbolRules;
import io.ottertrend.model.Ticker;
import io.ottertrend.risk.OrderProposal;
import io.ottertrend.risk.Origin;
import io.ottertrend.risk.RiskContext;
import io.ottertrend.risk.RiskDecision;
import io.ottertrend.risk.RiskEngine;
import io.ottertrend.risk.RiskLimits;
import io.ottertrend.time.Clock;
import java.lang.reflect.Proxy;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Cost of one full risk-chain evaluation (all 21 standard rules, rounding to tick and step, the second full pass
 * on the rounded order and the invariant re-check), with counters served from the engine's in-memory cache.
 *
 * <ul>
 *   <li>{@code checkApprove}: a healthy 10 USDT market entry that every rule approves (dry run: nothing recorded).
 *   <li>{@code checkShrink}: a 500 USDT entry shrunk to the 20 USDT limit (dry run).
 *   <li>{@code evaluateExit}: a real evaluation of an exit, including building the risk event and writing it
 *       through to a {@link Memory} that keeps nothing (so SQLite's fsync is not what is measured).
 * </ul>
 * The clock is fixed, so the kill switch and the stored state are read once, not per evaluation.
 *
 * <p>Run: {@code java -jar benchmarks/target/benchmarks.jar RiskEngineBenchmark}
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class RiskEngineBenchmark {
  private RiskEngine engine;
  private RiskContext approve;
  private RiskContext shrink;
  private RiskContext exit;

  @Setup
  public void setUp() {
    Clock clock = Clock.simulated(Instant.parse("2026-11-24T12:00:00Z"));
    long now = clock.millis();
    engine = RiskEngine.builder(discardingMemory(), clock, RiskLimits.defaults()).build();
    SymbolRules rules = SymbolRules.builder("ABCUSDT", "ABC", "USDT").tickSize("0.01").stepSize("0.001")
        .minNotional("5").build();
    OrderBook book = new OrderBook("ABCUSDT",
        List.of(BookLevel.of("99.95", "50"), BookLevel.of("99.5", "100")),
        List.of(BookLevel.of("100.05", "50"), BookLevel.of("100.5", "100")), now);
    Ticker ticker = new Ticker("ABCUSDT", new BigDecimal("100"), new BigDecimal("99.95"), new BigDecimal("100.05"),
        new BigDecimal("98"), new BigDecimal("102"), new BigDecimal("97"), 0.02, new BigDecimal("100000"),
        new BigDecimal("10000000"), now);
    Position held = new Position("ABCUSDT", "ABC", new BigDecimal("0.5"), new BigDecimal("100"),
        new BigDecimal("50"), new BigDecimal("100"), now, null, null);
    Portfolio portfolio = new Portfolio("USDT", new BigDecimal("1000"), BigDecimal.ZERO, List.of(held), now);
    approve = RiskContext.builder(OrderProposal.marketEntry("ABCUSDT", new BigDecimal("10"), "b1", Origin.LLM))
        .symbolRules(rules).book(book).ticker(ticker).portfolio(portfolio).previousPrice(new BigDecimal("100"))
        .build();
    shrink = RiskContext.builder(OrderProposal.marketEntry("ABCUSDT", new BigDecimal("500"), "b2", Origin.LLM))
        .symbolRules(rules).book(book).ticker(ticker).portfolio(portfolio).previousPrice(new BigDecimal("100"))
        .build();
    exit = RiskContext.builder(OrderProposal.marketExit("ABCUSDT", new BigDecimal("0.2"), "b3", Origin.CODE))
        .symbolRules(rules).book(book).ticker(ticker).portfolio(portfolio).previousPrice(new BigDecimal("100"))
        .build();
    check(engine.check(approve), RiskDecision.Outcome.APPROVE);
    check(engine.check(shrink), RiskDecision.Outcome.SHRINK);
    check(engine.evaluate(exit), RiskDecision.Outcome.APPROVE);
  }

  private static void check(RiskDecision d, RiskDecision.Outcome expected) {
    if (d.outcome() != expected) {
      throw new IllegalStateException("benchmark set-up is wrong: " + d.summary());
    }
  }

  @Benchmark
  public RiskDecision checkApprove() {
    return engine.check(approve);
  }

  @Benchmark
  public RiskDecision checkShrink() {
    return engine.check(shrink);
  }

  @Benchmark
  public RiskDecision evaluateExit() {
    return engine.evaluate(exit);
  }

  /** A Memory that accepts the engine's writes and keeps nothing: the benchmark measures the engine, not I/O. */
  static Memory discardingMemory() {
    AtomicLong events = new AtomicLong();
    return (Memory) Proxy.newProxyInstance(Memory.class.getClassLoader(), new Class<?>[] {Memory.class},
        (proxy, method, args) -> switch (method.getName()) {
          case "states", "allConfig" -> Map.of();
          case "state", "config", "run", "order", "llmCall", "signalsAt" -> Optional.empty();
          case "trades", "recentRuns", "positions", "recentRiskEvents", "fills" -> List.of();
          case "inTransaction" -> ((Supplier<?>) args[0]).get();
          case "compareAndSetState" -> true;
          case "recordRiskEvent" -> events.incrementAndGet();
          case "location" -> "discarding";
          case "toString" -> "DiscardingMemory";
          case "hashCode" -> System.identityHashCode(proxy);
          case "equals" -> proxy == args[0];
          default -> null;
        });
  }
}
