package io.ottertrend.risk;

import static io.ottertrend.risk.Fixtures.SYMBOL;
import static io.ottertrend.risk.Fixtures.buy;
import static io.ottertrend.risk.Fixtures.cash;
import static io.ottertrend.risk.Fixtures.context;
import static io.ottertrend.risk.Fixtures.d;
import static org.assertj.core.api.Assertions.assertThat;

import io.ottertrend.alert.Alert;
import io.ottertrend.alert.AlertKind;
import io.ottertrend.alert.Alerts;
import io.ottertrend.memory.RiskEvent;
import io.ottertrend.memory.SqliteMemory;
import io.ottertrend.model.Portfolio;
import io.ottertrend.model.Position;
import io.ottertrend.risk.rules.Rules;
import io.ottertrend.time.Clock;
import io.ottertrend.time.SimulatedClock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Engine behaviour on a real SQLite file: persistence, restarts, rollover, kill switch, fail-closed paths. */
class RiskEngineTest {
  @TempDir
  Path dir;

  private RiskEngine engine(SqliteMemory m, Clock c) {
    return RiskEngine.builder(m, c, RiskLimits.defaults()).build();
  }

  /** A portfolio holding ABC at {@code mark} with 900 cash: equity 900 + 1 * mark. */
  private static Portfolio holding(String mark, long at) {
    Position p = new Position(SYMBOL, "ABC", d("1"), d("100"), d("100"), d(mark), at, null, null);
    return new Portfolio("USDT", d("900"), null, List.of(p), at);
  }

  @Test
  void everyVerdictIsStoredWithTheOrderBeforeAndAfterAndTheDecidingRule() {
    SimulatedClock clock = Clock.simulated(Fixtures.START);
    try (SqliteMemory m = SqliteMemory.open(dir.resolve("a.db"))) {
      RiskEngine e = engine(m, clock);
      RiskDecision shrunk = e.evaluate(context(buy("500"), clock.millis()).build());
      RiskDecision rejected = e.evaluate(context(buy("-1"), clock.millis()).build());
      List<RiskEvent> events = m.recentRiskEvents(10);
      assertThat(events).hasSize(2);
      RiskEvent rej = events.get(0);
      assertThat(rej.verdict()).isEqualTo("REJECT");
      assertThat(rej.rule()).isEqualTo(RiskEngine.PROPOSAL);
      assertThat(rej.afterJson()).isNull();
      assertThat(rej.beforeJson()).contains("\"quoteAmount\":-1");
      RiskEvent shr = events.get(1);
      assertThat(shr.verdict()).isEqualTo("SHRINK");
      assertThat(shr.rule()).isEqualTo(shrunk.rule()).isEqualTo(Rules.MAX_ORDER_USD);
      assertThat(shr.beforeJson()).contains("\"quoteAmount\":500");
      assertThat(shr.afterJson()).contains("\"quoteQuantity\":20").contains("\"clientOrderId\":\"cid1\"");
      assertThat(shr.symbol()).isEqualTo(SYMBOL);
      assertThat(rejected.approved()).isFalse();
    }
  }

  @Test
  void dryRunChecksTheSameChainButRecordsAndCountsNothing() {
    SimulatedClock clock = Clock.simulated(Fixtures.START);
    try (SqliteMemory m = SqliteMemory.open(dir.resolve("dry.db"))) {
      RiskEngine e = engine(m, clock);
      RiskDecision dry = e.check(context(buy("10"), clock.millis()).build());
      assertThat(dry.approved()).isTrue();
      assertThat(dry.dryRun()).isTrue();
      assertThat(m.recentRiskEvents(10)).isEmpty();
      assertThat(e.counters().tradesToday()).isZero();
      assertThat(m.states("risk.")).doesNotContainKey("risk.trades");
      RiskDecision real = e.evaluate(context(buy("10"), clock.millis()).build());
      assertThat(real.order()).isEqualTo(dry.order());
      assertThat(e.counters().tradesToday()).isEqualTo(1);
    }
  }

  @Test
  void markToMarketDailyLossHaltsEntriesKeepsExitsAndSurvivesRestart() {
    SimulatedClock clock = Clock.simulated(Fixtures.START);
    Path db = dir.resolve("loss.db");
    try (SqliteMemory m = SqliteMemory.open(db)) {
      RiskEngine e = engine(m, clock);
      long now = clock.millis();
      assertThat(e.evaluate(context(buy("10"), now).portfolio(holding("100", now)).build()).approved()).isTrue();
      // the held coin falls 50: no trade closed, equity 1000 -> 950
      clock.advance(Duration.ofMinutes(1));
      now = clock.millis();
      RiskDecision halted = e.evaluate(context(buy("10"), now).portfolio(holding("50", now)).previousPrice(null)
          .build());
      assertThat(halted.rule()).as(halted.summary()).isEqualTo(Rules.DAILY_LOSS);
      // prices recover: still halted (latched for the day)
      RiskDecision still = e.evaluate(context(buy("10"), now).portfolio(holding("100", now)).build());
      assertThat(still.rule()).isEqualTo(Rules.DAILY_LOSS);
      assertThat(still.reason()).contains("halted until 00:00 UTC");
      RiskDecision exit = e.evaluate(context(OrderProposal.marketExit(SYMBOL, d("1"), "x1", Origin.CODE), now)
          .portfolio(holding("100", now)).build());
      assertThat(exit.approved()).as(exit.summary()).isTrue();
    }
    try (SqliteMemory m = SqliteMemory.open(db)) {
      RiskEngine e = engine(m, clock);
      long now = clock.millis();
      RiskDecision afterRestart = e.evaluate(context(buy("10"), now).portfolio(holding("100", now)).build());
      assertThat(afterRestart.rule()).isEqualTo(Rules.DAILY_LOSS);
      assertThat(KillSwitch.forMemory(m, clock, null).status().halted()).isTrue();
      // next UTC day: the halt is gone
      clock.set(Instant.parse("2026-11-25T00:00:00Z"));
      now = clock.millis();
      assertThat(e.evaluate(context(buy("10"), now).portfolio(holding("100", now)).build()).approved()).isTrue();
    }
  }

  /**
   * The day's loss is measured from its first valuation, and marking it latches the halt with no proposal at all:
   * before {@code markToMarket} the day started at its first proposal, so a loss taken before it was never counted.
   */
  @Test
  void markingTheDayLatchesTheDailyLossWithoutAProposalAndStartsTheDayAtItsFirstValuation() {
    SimulatedClock clock = Clock.simulated(Fixtures.START);
    Path db = dir.resolve("mark.db");
    try (SqliteMemory m = SqliteMemory.open(db)) {
      RiskEngine e = engine(m, clock);
      assertThat(e.markToMarket(d("1000"))).isNull();
      clock.advance(Duration.ofMinutes(5));
      assertThat(e.markToMarket(d("1010"))).isNull();
      assertThat(e.counters().dayStartEquity()).isEqualByComparingTo("1000");
      assertThat(e.counters().equityPeak()).isEqualByComparingTo("1010");
      clock.advance(Duration.ofMinutes(5));
      assertThat(e.markToMarket(d("960"))).as("a $40 loss is within the $50 limit").isNull();
      long now = clock.millis();
      // the first proposal of the day comes after the loss: it is measured from 1,000, not from 960
      RiskDecision late = e.evaluate(context(buy("10"), now).portfolio(holding("40", now)).previousPrice(null)
          .build());
      assertThat(late.rule()).as(late.summary()).isEqualTo(Rules.DAILY_LOSS);
      assertThat(late.reason()).isEqualTo("loss today 60 reached the daily limit 50");
    }
    List<Alert> seen = new CopyOnWriteArrayList<>();
    try (SqliteMemory m = SqliteMemory.open(dir.resolve("mark2.db"));
        Alerts alerts = Alerts.builder(clock).sink(recording(seen)).build()) {
      RiskEngine e = RiskEngine.builder(m, clock, RiskLimits.defaults()).alerts(alerts).build();
      e.markToMarket(d("1000"));
      clock.advance(Duration.ofMinutes(5));
      String latched = e.markToMarket(d("949.5"));
      assertThat(latched).isEqualTo("loss today 50.5 reached the daily limit 50");
      assertThat(e.haltReason()).isEqualTo("daily loss: " + latched);
      assertThat(e.markToMarket(d("940"))).as("latched once").isNull();
      alerts.flush(Duration.ofSeconds(5));
      assertThat(seen).extracting(Alert::kind).containsExactly(AlertKind.HALT);
      assertThat(m.recentRiskEvents(10)).as("no proposal, no verdict").isEmpty();
      long now = clock.millis();
      RiskDecision refused = e.evaluate(context(buy("10"), now).portfolio(holding("100", now)).build());
      assertThat(refused.rule()).isEqualTo(Rules.DAILY_LOSS);
      assertThat(refused.reason()).contains("halted until 00:00 UTC");
    }
    try (SqliteMemory m = SqliteMemory.open(dir.resolve("mark2.db"))) {
      RiskEngine restarted = engine(m, clock);
      assertThat(restarted.haltReason()).startsWith("daily loss: loss today 50.5");
      clock.set(Instant.parse("2026-11-25T00:00:00Z"));
      assertThat(restarted.markToMarket(d("940"))).isNull();
      assertThat(restarted.haltReason()).isNull();
      assertThat(restarted.counters().dayStartEquity()).isEqualByComparingTo("940");
    }
  }

  @Test
  void manualResumeClearsTheDailyHaltAndRebasesTheLoss() {
    SimulatedClock clock = Clock.simulated(Fixtures.START);
    try (SqliteMemory m = SqliteMemory.open(dir.resolve("resume.db"))) {
      RiskEngine e = engine(m, clock);
      long now = clock.millis();
      e.evaluate(context(buy("10"), now).portfolio(holding("100", now)).build());
      assertThat(e.evaluate(context(buy("10"), now).portfolio(holding("40", now)).previousPrice(null).build()).rule())
          .isEqualTo(Rules.DAILY_LOSS);
      e.killSwitch().resume();
      clock.advance(Duration.ofSeconds(2));
      now = clock.millis();
      RiskDecision d = e.evaluate(context(buy("10"), now).portfolio(holding("40", now)).previousPrice(null).build());
      assertThat(d.approved()).as(d.summary()).isTrue();
    }
  }

  @Test
  void dayRollsOverAtMidnightUtcExactlyOnceAndNotAgainAfterRestart() {
    SimulatedClock clock = Clock.simulated(Instant.parse("2026-11-24T23:59:59.999Z"));
    Path db = dir.resolve("roll.db");
    try (SqliteMemory m = SqliteMemory.open(db)) {
      RiskEngine e = engine(m, clock);
      assertThat(e.evaluate(context(buy("10"), clock.millis()).build()).approved()).isTrue();
      assertThat(e.evaluate(context(buy("10"), clock.millis()).build()).approved()).isTrue();
      assertThat(e.counters().day()).hasToString("2026-11-24");
      assertThat(e.counters().tradesToday()).isEqualTo(2);
      clock.advance(Duration.ofMillis(1));
      assertThat(e.counters().day()).hasToString("2026-11-25");
      assertThat(e.counters().tradesToday()).isZero();
      assertThat(e.evaluate(context(buy("10"), clock.millis()).build()).approved()).isTrue();
      assertThat(e.counters().tradesToday()).isEqualTo(1);
      assertThat(m.state("risk.day")).contains("2026-11-25");
    }
    try (SqliteMemory m = SqliteMemory.open(db)) {
      RiskEngine e = engine(m, clock);
      assertThat(e.counters().tradesToday()).as("no second reset after restart").isEqualTo(1);
      assertThat(e.evaluate(context(buy("10"), clock.millis()).build()).approved()).isTrue();
      assertThat(e.counters().tradesToday()).isEqualTo(2);
      assertThat(m.state("risk.trades")).contains("2");
    }
  }

  @Test
  void aClockSteppedBackOverMidnightDoesNotResetTheCounters() {
    // the system clock may step back (NTP); the engine's clock here is a hand-made one that can
    long[] time = {Instant.parse("2026-11-25T00:00:00.500Z").toEpochMilli()};
    Clock stepping = new Clock() {
      @Override
      public long millis() {
        return time[0];
      }

      @Override
      public void sleep(Duration d) {
        time[0] += d.toMillis();
      }
    };
    InMemoryMemory m = new InMemoryMemory();
    RiskEngine e = RiskEngine.builder(m, stepping,
        RiskRulesTest.limits(java.util.Map.of(io.ottertrend.config.Setting.RISK_MAX_DAILY_TRADES, "1"))).build();
    assertThat(e.evaluate(context(buy("10"), time[0]).build()).approved()).isTrue();
    time[0] -= 1_000; // back to 23:59:59.500 of the previous day
    assertThat(e.counters().tradesToday()).isEqualTo(1);
    assertThat(e.evaluate(context(buy("10"), time[0]).build()).rule()).isEqualTo(Rules.MAX_DAILY_TRADES);
    assertThat(m.state("risk.day")).contains("2026-11-25");
  }

  @Test
  void concurrentEnginesOnOneDatabaseRollTheDayOnce() throws Exception {
    SimulatedClock clock = Clock.simulated(Instant.parse("2026-11-24T23:59:59.999Z"));
    Path db = dir.resolve("race.db");
    try (SqliteMemory a = SqliteMemory.open(db); SqliteMemory b = SqliteMemory.open(db)) {
      RiskEngine ea = engine(a, clock);
      RiskEngine eb = engine(b, clock);
      ea.evaluate(context(buy("10"), clock.millis()).build());
      clock.advance(Duration.ofMillis(1));
      ExecutorService pool = Executors.newFixedThreadPool(2);
      CountDownLatch go = new CountDownLatch(1);
      try {
        Future<RiskDecision> fa = pool.submit(() -> {
          go.await();
          return ea.evaluate(context(buy("10"), clock.millis()).build());
        });
        Future<RiskDecision> fb = pool.submit(() -> {
          go.await();
          return eb.evaluate(context(OrderProposal.marketEntry(SYMBOL, d("10"), "cid9", Origin.LLM), clock.millis())
              .build());
        });
        go.countDown();
        RiskDecision da = fa.get(30, TimeUnit.SECONDS);
        RiskDecision dB = fb.get(30, TimeUnit.SECONDS);
        assertThat(da.approved()).as(da.summary()).isTrue();
        assertThat(dB.approved()).as(dB.summary()).isTrue();
      } finally {
        pool.shutdownNow();
      }
      // both approvals of the new day survive: the loser of the race took the winner's counters
      assertThat(a.state("risk.day")).contains("2026-11-25");
      assertThat(Integer.parseInt(a.state("risk.trades").orElseThrow())).isBetween(1, 2);
    }
  }

  @Test
  void killSwitchHaltSurvivesRestartAndResumeLiftsIt() {
    SimulatedClock clock = Clock.simulated(Fixtures.START);
    Path db = dir.resolve("kill.db");
    try (SqliteMemory m = SqliteMemory.open(db)) {
      KillSwitch ks = KillSwitch.forMemory(m, clock, null);
      ks.halt("  ");
      assertThat(ks.status().reason()).isEqualTo("manual halt");
      ks.halt("maintenance");
      assertThat(ks.status()).extracting(KillSwitch.HaltStatus::halted, KillSwitch.HaltStatus::source)
          .containsExactly(true, "database");
    }
    try (SqliteMemory m = SqliteMemory.open(db)) {
      RiskEngine e = engine(m, clock);
      RiskDecision d = e.evaluate(context(buy("10"), clock.millis()).build());
      assertThat(d.rule()).isEqualTo(Rules.KILL_SWITCH);
      assertThat(d.reason()).contains("maintenance");
      e.killSwitch().resume();
      assertThat(e.killSwitch().status().halted()).isFalse();
      e.refresh();
      assertThat(e.evaluate(context(buy("10"), clock.millis()).build()).approved()).isTrue();
    }
  }

  @Test
  void haltFromAnotherProcessIsSeenWithinOnePollInterval() {
    SimulatedClock clock = Clock.simulated(Fixtures.START);
    Path db = dir.resolve("cli.db");
    try (SqliteMemory agent = SqliteMemory.open(db); SqliteMemory cli = SqliteMemory.open(db)) {
      RiskEngine e = engine(agent, clock);
      assertThat(e.evaluate(context(buy("10"), clock.millis()).build()).approved()).isTrue();
      KillSwitch.forMemory(cli, clock, null).halt("from the CLI");
      clock.advance(Duration.ofSeconds(1));
      assertThat(e.evaluate(context(buy("10"), clock.millis()).build()).rule()).isEqualTo(Rules.KILL_SWITCH);
      KillSwitch.forMemory(cli, clock, null).resume();
      clock.advance(Duration.ofSeconds(1));
      assertThat(e.evaluate(context(buy("10"), clock.millis()).build()).approved()).isTrue();
      assertThat(e.counters().tradesToday()).as("counters reloaded, not lost").isEqualTo(2);
    }
  }

  @Test
  void flagFileNextToTheDatabaseHaltsEntriesFromTheNextStep() throws Exception {
    SimulatedClock clock = Clock.simulated(Fixtures.START);
    try (SqliteMemory m = SqliteMemory.open(dir.resolve("flag.db"))) {
      RiskEngine e = engine(m, clock);
      assertThat(e.evaluate(context(buy("10"), clock.millis()).build()).approved()).isTrue();
      Path flag = KillSwitch.flagFileFor(m);
      assertThat(flag.getFileName()).hasToString("flag.db.halt");
      Files.writeString(flag, "\nfat finger on the desk\n");
      clock.advance(Duration.ofSeconds(1));
      RiskDecision d = e.evaluate(context(buy("10"), clock.millis()).build());
      assertThat(d.rule()).isEqualTo(Rules.KILL_SWITCH);
      assertThat(d.reason()).contains("fat finger on the desk");
      assertThat(e.killSwitch().status().source()).isEqualTo("flag file");
      e.killSwitch().resume();
      assertThat(flag).doesNotExist();
      e.refresh();
      assertThat(e.evaluate(context(buy("10"), clock.millis()).build()).approved()).isTrue();
    }
  }

  @Test
  void flagFileHaltIsAlertedOnceAndConstraintsShowIt() throws Exception {
    SimulatedClock clock = Clock.simulated(Fixtures.START);
    List<Alert> seen = new CopyOnWriteArrayList<>();
    try (SqliteMemory m = SqliteMemory.open(dir.resolve("alert.db"));
        Alerts alerts = Alerts.builder(clock).sink(recording(seen)).build()) {
      RiskEngine e = RiskEngine.builder(m, clock, RiskLimits.defaults()).alerts(alerts)
          .addRules(List.of(rule("extra", ctx -> RiskVerdict.approve()))).build();
      assertThat(e.constraints().entriesHalted()).isFalse();
      assertThat(e.constraints().tradesLeftToday()).isEqualTo(50);
      assertThat(e.constraints().rules()).last().isEqualTo("extra");
      Files.writeString(KillSwitch.flagFileFor(m), "stop");
      for (int i = 0; i < 3; i++) {
        clock.advance(Duration.ofSeconds(1));
        e.evaluate(context(buy("10"), clock.millis()).build());
      }
      alerts.flush(Duration.ofSeconds(5));
      assertThat(seen).extracting(Alert::kind).containsExactly(AlertKind.HALT);
      assertThat(e.constraints().entriesHalted()).isTrue();
      assertThat(e.constraints().manualHalt()).contains("stop");
    }
  }

  @Test
  void unknownEquityRejectsEntriesButExitsStillPass() {
    SimulatedClock clock = Clock.simulated(Fixtures.START);
    try (SqliteMemory m = SqliteMemory.open(dir.resolve("eq.db"))) {
      RiskEngine e = engine(m, clock);
      long now = clock.millis();
      Portfolio unknown = new Portfolio("USDT", d("1000"), null,
          List.of(new Position(SYMBOL, "ABC", d("1"), d("100"), d("100"), null, now, null, null)), now);
      RiskDecision entry = e.evaluate(context(buy("10"), now).portfolio(unknown).build());
      assertThat(entry.approved()).isFalse();
      assertThat(entry.reason()).contains("equity unknown");
      assertThat(e.evaluate(context(buy("10"), now).portfolio(null).build()).approved()).isFalse();
      RiskDecision exit = e.evaluate(context(OrderProposal.marketExit(SYMBOL, d("1"), "x", Origin.CODE), now)
          .portfolio(unknown).build());
      assertThat(exit.approved()).as(exit.summary()).isTrue();
    }
  }

  @Test
  void aRuleThatThrowsRejectsWithItsName() {
    SimulatedClock clock = Clock.simulated(Fixtures.START);
    RiskRule broken = new RiskRule() {
      @Override
      public String name() {
        return "broken";
      }

      @Override
      public RiskVerdict evaluate(RiskContext ctx) {
        throw new IllegalStateException("boom");
      }
    };
    RiskRule silent = new RiskRule() {
      @Override
      public String name() {
        return "silent";
      }

      @Override
      public RiskVerdict evaluate(RiskContext ctx) {
        return null;
      }
    };
    InMemoryMemory m = new InMemoryMemory();
    RiskDecision d = RiskEngine.builder(m, clock, RiskLimits.defaults()).addRule(broken).build()
        .evaluate(context(buy("10"), clock.millis()).build());
    assertThat(d.rule()).isEqualTo("broken");
    assertThat(d.reason()).contains("boom").contains("refused");
    RiskDecision d2 = RiskEngine.builder(m, clock, RiskLimits.defaults()).addRule(silent).build()
        .evaluate(context(buy("10"), clock.millis()).build());
    assertThat(d2.rule()).isEqualTo("silent");
  }

  @Test
  void aShrinkThatWouldGrowTheOrderIsIgnoredAndAShrinkToNothingRejects() {
    SimulatedClock clock = Clock.simulated(Fixtures.START);
    RiskRule grow = rule("grow", ctx -> RiskVerdict.shrink(d("1000000"), "bigger"));
    RiskDecision d = RiskEngine.builder(new InMemoryMemory(), clock, RiskLimits.defaults()).addRule(grow).build()
        .evaluate(context(buy("10"), clock.millis()).build());
    assertThat(d.outcome()).isEqualTo(RiskDecision.Outcome.APPROVE);
    assertThat(d.order().quoteQuantity()).isEqualByComparingTo("10");
    RiskRule zero = rule("zero", ctx -> RiskVerdict.shrink(d("0"), "none"));
    RiskDecision z = RiskEngine.builder(new InMemoryMemory(), clock, RiskLimits.defaults()).addRule(zero).build()
        .evaluate(context(buy("10"), clock.millis()).build());
    assertThat(z.rule()).isEqualTo("zero");
    assertThat(z.approved()).isFalse();
  }

  @Test
  void databaseThatCannotBeWrittenTurnsApprovalsIntoRejectionsAndAlerts() {
    SimulatedClock clock = Clock.simulated(Fixtures.START);
    InMemoryMemory m = new InMemoryMemory();
    List<Alert> seen = new CopyOnWriteArrayList<>();
    try (Alerts alerts = Alerts.builder(clock).sink(recording(seen)).build()) {
      RiskEngine e = RiskEngine.builder(m, clock, RiskLimits.defaults()).alerts(alerts).build();
      m.failWrites = true;
      RiskDecision d = e.evaluate(context(buy("10"), clock.millis()).build());
      assertThat(d.approved()).isFalse();
      assertThat(d.rule()).isEqualTo(RiskEngine.ENGINE);
      assertThat(d.reason()).contains("disk full");
      assertThat(e.counters().tradesToday()).isZero();
      alerts.flush(Duration.ofSeconds(5));
      assertThat(seen).extracting(Alert::kind).contains(AlertKind.ERROR);
      m.failWrites = false;
      assertThat(e.evaluate(context(buy("10"), clock.millis()).build()).approved()).isTrue();
    }
  }

  @Test
  void repeatedRejectsRaiseOneRateLimitedAlert() {
    SimulatedClock clock = Clock.simulated(Fixtures.START);
    List<Alert> seen = new CopyOnWriteArrayList<>();
    try (Alerts alerts = Alerts.builder(clock).sink(recording(seen)).build()) {
      RiskEngine e = RiskEngine.builder(new InMemoryMemory(), clock, RiskLimits.defaults()).alerts(alerts).build();
      for (int i = 0; i < 25; i++) {
        e.evaluate(context(buy("-1"), clock.millis()).build());
      }
      alerts.flush(Duration.ofSeconds(5));
      assertThat(seen).extracting(Alert::kind).containsExactly(AlertKind.REPEATED_REJECTS);
      assertThat(seen.get(0).message()).contains("10 orders rejected in a row").contains(RiskEngine.PROPOSAL);
    }
  }

  @Test
  void countersIgnoreWhatTheCallerClaims() {
    SimulatedClock clock = Clock.simulated(Fixtures.START);
    RiskEngine e = RiskEngine.builder(new InMemoryMemory(), clock,
        RiskRulesTest.limits(java.util.Map.of(io.ottertrend.config.Setting.RISK_MAX_DAILY_TRADES, "1"))).build();
    assertThat(e.evaluate(context(buy("10"), clock.millis()).build()).approved()).isTrue();
    RiskLimits loose = RiskRulesTest.limits(java.util.Map.of(io.ottertrend.config.Setting.RISK_MAX_DAILY_TRADES,
        "1000"));
    RiskDecision d = e.evaluate(context(buy("10"), clock.millis()).limits(loose)
        .counters(RiskCounters.empty(clock.utcDate())).manualHalt(null).build());
    assertThat(d.rule()).isEqualTo(Rules.MAX_DAILY_TRADES);
    assertThat(cash("1", 0).equity()).isPresent();
  }

  static RiskRule rule(String name, java.util.function.Function<RiskContext, RiskVerdict> f) {
    return new RiskRule() {
      @Override
      public String name() {
        return name;
      }

      @Override
      public RiskVerdict evaluate(RiskContext ctx) {
        return f.apply(ctx);
      }
    };
  }

  static io.ottertrend.alert.AlertSink recording(List<Alert> into) {
    return new io.ottertrend.alert.AlertSink() {
      @Override
      public String name() {
        return "recording";
      }

      @Override
      public void send(Alert alert) {
        into.add(alert);
      }
    };
  }
}
