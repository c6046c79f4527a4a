package io.ottertrend.agent;

import static org.assertj.core.api.Assertions.assertThat;

import io.ottertrend.OtterTrend;
import io.ottertrend.config.Setting;
import io.ottertrend.config.Settings;
import io.ottertrend.exchange.Exchange;
import io.ottertrend.memory.DecisionRecord;
import io.ottertrend.memory.Memory;
import io.ottertrend.registry.Registry;
import io.ottertrend.time.Clock;
import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What a cycle reads and writes: order books only for the symbols it acts on (a live cycle used to read a dozen
 * books it never used, each a weighted request), and in backtests no heartbeat and no journalled holds.
 */
class AgentCycleCostTest {
  private static final Instant START = Instant.parse("2026-03-02T10:00:00Z");
  @TempDir Path dir;

  private record Run(List<AgentEvent> events, List<DecisionRecord> journalled, boolean heartbeat,
      List<Integer> booksPerCycle, List<Integer> verdictsPerCycle, List<Object> journal) {}

  private Run run(String mode, int cycles) throws InterruptedException {
    return run(mode, cycles, kind -> true, Memory.inMemory());
  }

  private Run run(String mode, int cycles, java.util.function.Predicate<Class<? extends AgentEvent>> wants,
      Memory memory) throws InterruptedException {
    Settings settings = Settings.builder().flag(Setting.DB_PATH, dir.resolve(mode + ".db").toString()).build();
    List<AgentEvent> events = new ArrayList<>();
    AtomicInteger books = new AtomicInteger();
    List<Integer> booksPerCycle = new ArrayList<>();
    List<Integer> verdictsPerCycle = new ArrayList<>();
    int[] cycleBooks = {0};
    int[] cycleVerdicts = {0};
    AgentListener recording = e -> {
      events.add(e);
      if (e instanceof AgentEvent.CycleStarted) {
        cycleBooks[0] = books.get();
        cycleVerdicts[0] = 0;
      } else if (e instanceof AgentEvent.RiskVerdict) {
        cycleVerdicts[0]++;
      } else if (e instanceof AgentEvent.CycleFinished) {
        booksPerCycle.add(books.get() - cycleBooks[0]);
        verdictsPerCycle.add(cycleVerdicts[0]);
      }
    };
    AgentListener listener = new AgentListener() {
      @Override
      public void on(AgentEvent e) {
        recording.on(e);
      }

      @Override
      public boolean wants(Class<? extends AgentEvent> kind) {
        return wants.test(kind);
      }
    };
    OtterTrend.Options options = new OtterTrend.Options(mode, "synthetic", "rules", 7, false, listener);
    try (Registry r = OtterTrend.registry(settings, options)) {
      r.bindInstance(Clock.class, Clock.simulated(START));
      r.bindInstance(Memory.class, memory);
      Exchange paper = r.named(Exchange.class, "paper");
      r.bindInstance(Exchange.class, countingBooks(paper, books));
      Agent agent = OtterTrend.agent(r);
      agent.start();
      agent.run(cycles, Duration.ofMinutes(1), () -> false);
      return new Run(events, memory.recentDecisions(1_000), memory.state(Agent.HEARTBEAT_KEY).isPresent(),
          booksPerCycle, verdictsPerCycle, journal(memory));
    }
  }

  /** Decisions, risk events, orders and state rows, with the random client order id prefix of the run blanked. */
  private static List<Object> journal(Memory memory) {
    String prefix = memory.state("orders.clientId.prefix").orElseThrow();
    List<Object> out = new ArrayList<>();
    for (Object rows : List.of(memory.recentDecisions(-1), memory.recentRiskEvents(-1), memory.recentOrders(-1),
        memory.states(""))) {
      out.add(rows.toString().replace(prefix, "PREFIX"));
    }
    return out;
  }

  /** The exchange with every orderBook call counted. */
  private static Exchange countingBooks(Exchange real, AtomicInteger books) {
    InvocationHandler h = (proxy, method, args) -> {
      if (method.getName().equals("orderBook")) {
        books.incrementAndGet();
      }
      try {
        return method.invoke(real, args);
      } catch (InvocationTargetException e) {
        throw e.getCause();
      }
    };
    return (Exchange) Proxy.newProxyInstance(Exchange.class.getClassLoader(), new Class<?>[] {Exchange.class}, h);
  }

  @Test
  void aCycleReadsBooksOnlyForTheOrdersItProposes() throws Exception {
    Run run = run("paper", 40);
    assertThat(run.verdictsPerCycle()).hasSize(40).anyMatch(v -> v > 0);
    for (int c = 0; c < 40; c++) {
      // at most one book per proposal (a proposal's book is read once and shared with the risk check)
      assertThat(run.booksPerCycle().get(c)).as("cycle %d", c + 1).isLessThanOrEqualTo(run.verdictsPerCycle().get(c));
    }
    assertThat(run.booksPerCycle()).contains(0); // holding cycles read no book at all
  }

  @Test
  void backtestsJournalOnlyDecisionsThatActAndLeaveNoHeartbeat() throws Exception {
    Run backtest = run(OtterTrend.BACKTEST, 40);
    assertThat(backtest.events()).filteredOn(e -> e instanceof AgentEvent.DecisionMade).hasSize(40);
    List<DecisionRecord> journalled = backtest.journalled();
    assertThat(journalled).isNotEmpty().hasSizeLessThan(40);
    assertThat(journalled).allMatch(d -> !d.actionsJson().equals("[]") || !d.droppedJson().equals("[]"));
    assertThat(backtest.heartbeat()).isFalse();

    Run paper = run("paper", 40);
    assertThat(paper.journalled()).hasSize(40); // the live audit trail keeps every hold
    assertThat(paper.heartbeat()).isTrue();
  }

  @Test
  void eventsNoListenerWantsAreSkippedAndTheJournalIsTheSame() throws Exception {
    Run everything = run(OtterTrend.BACKTEST, 60, kind -> true, Memory.inMemory());
    Run equityOnly = run(OtterTrend.BACKTEST, 60,
        kind -> kind == AgentEvent.EquityUpdate.class || kind == AgentEvent.CycleFinished.class, Memory.inMemory());

    assertThat(everything.events()).anyMatch(e -> e instanceof AgentEvent.DecisionMade)
        .anyMatch(e -> e instanceof AgentEvent.OrderUpdate).anyMatch(e -> e instanceof AgentEvent.RiskVerdict);
    assertThat(equityOnly.events()).noneMatch(e -> e instanceof AgentEvent.DecisionMade
        || e instanceof AgentEvent.OrderUpdate || e instanceof AgentEvent.RiskVerdict);
    assertThat(equityOnly.events()).filteredOn(e -> e instanceof AgentEvent.EquityUpdate)
        .isEqualTo(everything.events().stream().filter(e -> e instanceof AgentEvent.EquityUpdate).toList());
    assertThat(everything.journal()).allMatch(rows -> rows.toString().length() > 100);
    assertThat(equityOnly.journal()).isEqualTo(everything.journal());
  }

  @Test
  void theSilentListenerWantsNothing() {
    assertThat(AgentListener.none().wants(AgentEvent.DecisionMade.class)).isFalse();
    AgentListener lambda = e -> { };
    assertThat(lambda.wants(AgentEvent.DecisionMade.class)).isTrue();
  }
}
