package io.ottertrend.agent;

import static org.assertj.core.api.Assertions.assertThat;

import com.squareup.moshi.Moshi;
import io.ottertrend.OtterTrend;
import io.ottertrend.config.Setting;
import io.ottertrend.config.Settings;
import io.ottertrend.memory.JournaledOrder;
import io.ottertrend.memory.Memory;
import io.ottertrend.memory.OrderState;
import io.ottertrend.memory.PositionRecord;
import io.ottertrend.memory.SqliteMemory;
import io.ottertrend.model.Fill;
import io.ottertrend.model.Side;
import io.ottertrend.registry.Registry;
import io.ottertrend.time.Clock;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 10's crash test at the level of the whole loop: a child JVM runs {@code paper} on the synthetic market
 * (paper venue and agent in one SQLite file, as in production) and is killed with SIGKILL after a seeded random
 * number of events, 30 times. After each kill the loop restarts in this JVM (reconciliation, then two cycles)
 * and the test checks against the paper venue's own ledger: no client order id placed twice, nothing placed
 * that was not journalled first, every venue fill recorded exactly once in the agent's account, positions equal
 * to the fills, no intent left unresolved, and a trade counter never lower than what was placed.
 */
class AgentKillRestartTest {
  private static final Instant START = Instant.parse("2026-05-04T08:00:00Z");
  private static final String VENUE = "paper-venue";
  @TempDir Path dir;

  static Settings settings(Path db) {
    // A busy configuration: more entries per hour and a short entry TTL give the kill more places to land.
    return Settings.builder().flag(Setting.DB_PATH, db.toString()).flag("RISK_MAX_ENTRIES_PER_HOUR=1000")
        .flag("RISK_MAX_DAILY_TRADES=1000").flag("RISK_COOLDOWN=0s").build();
  }

  /** Where a restarted run's simulated clock resumes: after everything already recorded. */
  static Instant resumeAt(Path db) {
    if (!Files.exists(db)) {
      return START;
    }
    try (SqliteMemory m = SqliteMemory.open(db)) {
      long last = START.toEpochMilli();
      for (JournaledOrder o : m.recentOrders(100_000)) {
        last = Math.max(last, o.updatedAt());
      }
      for (Fill f : m.fills(VENUE, null, 0)) {
        last = Math.max(last, f.time());
      }
      return Instant.ofEpochMilli((last / 60_000 + 2) * 60_000);
    }
  }

  /** Child process: the paper loop, printing one line per event so the parent can kill it mid-way. */
  public static void main(String[] args) throws Exception {
    Path db = Path.of(args[0]);
    Instant start = resumeAt(db);
    try (Registry r = OtterTrend.registry(settings(db), OtterTrend.Options.paperSynthetic(3).withListener(e -> {
      System.out.println("event " + e.getClass().getSimpleName());
      System.out.flush();
    }))) {
      r.bindInstance(Clock.class, Clock.simulated(start));
      Agent agent = OtterTrend.agent(r);
      agent.start();
      agent.run(500, Duration.ofMinutes(1), () -> false);
    }
  }

  @Test
  void killedAtRandomPointsTheLoopRestartsWithoutDuplicatesOrLostFills() throws Exception {
    SplittableRandom random = new SplittableRandom(20261124);
    int[] killAfter = new int[30];
    for (int seed = 0; seed < killAfter.length; seed++) {
      killAfter[seed] = 20 + random.nextInt(220);
    }
    // Two runs at a time (one per core); each has its own database, so they cannot disturb each other.
    java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(2);
    java.util.concurrent.atomic.AtomicInteger kills = new java.util.concurrent.atomic.AtomicInteger();
    try {
      List<java.util.concurrent.Future<?>> runs = new ArrayList<>();
      for (int seed = 0; seed < killAfter.length; seed++) {
        int s = seed;
        runs.add(pool.submit(() -> {
          Path db = dir.resolve("crash-" + s + ".db");
          int seen = runChildAndKill(db, killAfter[s]);
          if (seen >= killAfter[s]) {
            kills.incrementAndGet();
          }
          restartAndVerify(db, "seed " + s + " (killed after " + seen + " events)");
          return null;
        }));
      }
      for (java.util.concurrent.Future<?> f : runs) {
        f.get(10, TimeUnit.MINUTES);
      }
    } finally {
      pool.shutdownNow();
    }
    assertThat(kills.get()).as("runs actually killed mid-way").isGreaterThanOrEqualTo(25);
  }

  private static int runChildAndKill(Path db, int killAfter) throws Exception {
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    Process p = new ProcessBuilder(List.of(java, "--add-modules", "jdk.incubator.vector",
        "--enable-native-access=ALL-UNNAMED", "-XX:TieredStopAtLevel=1", "-Xshare:auto", "-cp",
        System.getProperty("java.class.path"), AgentKillRestartTest.class.getName(), db.toString()))
        .redirectErrorStream(true).start();
    int events = 0;
    try (BufferedReader r = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
      String line;
      while ((line = r.readLine()) != null) {
        if (line.startsWith("event ") && ++events >= killAfter) {
          p.destroyForcibly(); // SIGKILL, anywhere in the cycle: no hooks, no close()
          break;
        }
      }
    }
    assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
    return events;
  }

  private void restartAndVerify(Path db, String what) throws Exception {
    try (Registry r = OtterTrend.registry(settings(db), OtterTrend.Options.paperSynthetic(3))) {
      r.bindInstance(Clock.class, Clock.simulated(resumeAt(db)));
      Agent agent = OtterTrend.agent(r);
      agent.start(); // refuses on unexplained drift: a crash must never produce one
      agent.run(2, Duration.ofMinutes(1), () -> false);
      Memory m = r.get(Memory.class);
      List<String> venueClientIds = new ArrayList<>();
      for (String json : m.states(VENUE + ".order.").values()) {
        Object parsed = new Moshi.Builder().build().adapter(Object.class).fromJson(json);
        venueClientIds.add(String.valueOf(((Map<?, ?>) parsed).get("clientOrderId")));
      }
      assertThat(venueClientIds).as(what + ": client ids placed once").doesNotHaveDuplicates();
      Set<String> journalled = m.recentOrders(100_000).stream().map(JournaledOrder::clientOrderId)
          .collect(Collectors.toSet());
      assertThat(journalled).as(what + ": journalled before sent").containsAll(venueClientIds);
      Set<String> venueTrades = m.fills(VENUE, null, 0).stream().map(Fill::tradeId).collect(Collectors.toSet());
      List<String> agentTrades = m.fills("paper", null, 0).stream().map(Fill::tradeId).toList();
      assertThat(agentTrades).as(what + ": fills recorded once").doesNotHaveDuplicates();
      assertThat(new HashSet<>(agentTrades)).as(what + ": no fill lost").isEqualTo(venueTrades);
      Map<String, BigDecimal> net = new HashMap<>();
      for (Fill f : m.fills("paper", null, 0)) {
        BigDecimal q = f.side() == Side.BUY ? f.quantity() : f.quantity().negate();
        if (f.side() == Side.BUY && f.symbol().equals(f.commissionAsset() + "USDT")) {
          q = q.subtract(f.commission());
        }
        net.merge(f.symbol(), q, BigDecimal::add);
      }
      for (PositionRecord p : m.positions("paper")) {
        assertThat(p.quantity()).as(what + ": position " + p.symbol()).isEqualByComparingTo(net.get(p.symbol()));
      }
      assertThat(m.orders(EnumSet.of(OrderState.NEW, OrderState.SENT))).as(what + ": unresolved intents").isEmpty();
      long placed = venueClientIds.size();
      int counted = agent.risk().counters().tradesToday();
      assertThat((long) counted).as(what + ": trades counter never under-counts").isGreaterThanOrEqualTo(
          Math.min(placed, counted == 0 && placed > 0 ? 1 : placed));
    }
  }
}
