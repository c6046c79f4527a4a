package io.ottertrend.agent;

import static io.ottertrend.agent.AgentFixture.KLP;
import static io.ottertrend.agent.AgentFixture.OTR;
import static org.assertj.core.api.Assertions.assertThat;

import io.ottertrend.agent.FakeExchange.FeeMode;
import io.ottertrend.agent.FakeExchange.PlaceFault;
import io.ottertrend.memory.JournaledOrder;
import io.ottertrend.memory.Memory;
import io.ottertrend.memory.OrderState;
import io.ottertrend.memory.PositionRecord;
import io.ottertrend.memory.SqliteMemory;
import io.ottertrend.model.Fill;
import io.ottertrend.model.Order;
import io.ottertrend.model.OrderRequest;
import io.ottertrend.model.Side;
import io.ottertrend.model.SymbolRules;
import io.ottertrend.time.Clock;
import io.ottertrend.time.SimulatedClock;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The crash test: 30 seeded runs in which a child JVM drives an {@link OrderManager} against a
 * persistent fake exchange and is killed ({@code destroyForcibly}, SIGKILL) at a seeded crash point — after
 * any journal, fill or position write (inside or outside a transaction) or after the exchange accepted an
 * order but before the answer returned. A fresh process (this test JVM, which never shared memory with the
 * child) then runs the {@link Reconciler} and {@link OrderManager#sync()}, and the test checks: no client
 * order id placed twice, every exchange fill recorded exactly once, positions equal to the sum of fills and to
 * the wallet, no intent left unresolved, and a client id counter that never hands out a used id.
 */
class CrashRecoveryTest {
  private static final int RUNS = 30;
  private static final long START = Instant.parse("2026-01-05T10:00:00Z").toEpochMilli();
  private static final Set<String> WRITES = Set.of("journal", "updateOrder", "recordFill", "upsertPosition",
      "removePosition", "recordTrade", "putState", "deleteState", "compareAndSetState");

  @TempDir Path dir;

  static FakeExchange exchange(Clock clock, Path state) {
    return new FakeExchange(clock, state).symbol(OTR, "2").symbol(KLP, "1").feeMode("OTRUSDT", FeeMode.RECEIVED)
        .feeMode("KLPUSDT", FeeMode.QUOTE);
  }

  /** Child: {@code db exchangeState seed killAt}. Prints CRASH-POINT and blocks when the kill point is reached. */
  public static void main(String[] args) throws Exception {
    Path db = Path.of(args[0]);
    long seed = Long.parseLong(args[2]);
    int killAt = Integer.parseInt(args[3]);
    SimulatedClock clock = Clock.simulated(Instant.ofEpochMilli(START));
    int[] points = {0};
    Runnable point = () -> {
      if (++points[0] == killAt) {
        System.out.println("CRASH-POINT " + killAt);
        System.out.flush();
        while (true) {
          try {
            Thread.sleep(60_000);
          } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
          }
        }
      }
    };
    FakeExchange exchange = exchange(clock, Path.of(args[1]));
    exchange.afterAccept(point);
    try (SqliteMemory real = SqliteMemory.open(db)) {
      Memory memory = hooked(real, point);
      OrderManager om = OrderManager.builder(exchange, memory, clock).clientIdPrefix("c").build();
      ReconciliationReport start = Reconciler.builder(om).build().run();
      if (!start.clean()) {
        throw new IllegalStateException(start.summary());
      }
      drive(om, exchange, clock, new SplittableRandom(seed), 14);
    }
    System.out.println("DONE " + points[0]);
  }

  static Memory hooked(SqliteMemory real, Runnable point) {
    return (Memory) Proxy.newProxyInstance(Memory.class.getClassLoader(), new Class<?>[] {Memory.class},
        (proxy, method, args) -> {
          Object result;
          try {
            result = method.invoke(real, args);
          } catch (InvocationTargetException e) {
            throw e.getCause();
          }
          if (WRITES.contains(method.getName())) {
            point.run();
          }
          return result;
        });
  }

  /** A seeded session: entries, resting limits, exits, price moves, cancels, syncs, with injected faults. */
  static void drive(OrderManager om, FakeExchange exchange, SimulatedClock clock, SplittableRandom random,
      int steps) {
    List<SymbolRules> symbols = List.of(OTR, KLP);
    for (int step = 0; step < steps; step++) {
      SymbolRules s = symbols.get(random.nextInt(symbols.size()));
      BigDecimal price = exchange.ticker(s.symbol()).lastPrice();
      if (random.nextInt(5) == 0) {
        exchange.failNextPlacement(PlaceFault.values()[random.nextInt(PlaceFault.values().length)]);
      }
      switch (random.nextInt(6)) {
        case 0, 1 -> {
          String cid = om.newClientOrderId();
          if (random.nextInt(4) == 0) {
            exchange.hideFromQueries(cid, 1 + random.nextInt(2));
          }
          om.submit(OrderRequest.marketBuyQuote(s.symbol(), new BigDecimal(5 + random.nextInt(20)), cid),
              OrderPurpose.ENTRY, null);
        }
        case 2 -> om.submit(OrderRequest.limit(s.symbol(), Side.BUY, s.truncateQuantity(new BigDecimal(4)),
            s.roundPrice(price.multiply(new BigDecimal("0.97")), Side.BUY), om.newClientOrderId()),
            OrderPurpose.ENTRY, null);
        case 3 -> om.closePosition(s.symbol(), OrderPurpose.EXIT, null);
        case 4 -> {
          BigDecimal moved = price.multiply(new BigDecimal(90 + random.nextInt(20))).movePointLeft(2);
          exchange.setPrice(s.symbol(), s.roundPrice(moved, Side.BUY).toPlainString());
          om.sync();
        }
        default -> {
          List<JournaledOrder> open = om.memory().orders(EnumSet.of(OrderState.OPEN));
          if (!open.isEmpty()) {
            om.cancel(open.get(random.nextInt(open.size())).clientOrderId(), "seeded cancel");
          } else {
            om.sync();
          }
        }
      }
      clock.advance(Duration.ofSeconds(1 + random.nextInt(3)));
    }
  }

  @Test
  void killedAtSeededPointsLosesNothingAndDuplicatesNothing() throws Exception {
    int kills = 0;
    List<String> summary = new ArrayList<>();
    for (int run = 0; run < RUNS; run++) {
      long seed = 7_000 + run;
      SplittableRandom random = new SplittableRandom(seed);
      int killAt = 1 + random.nextInt(70);
      Path runDir = Files.createDirectories(dir.resolve("run-" + run));
      Path db = runDir.resolve("agent.db");
      Path state = runDir.resolve("exchange.bin");
      exchange(Clock.simulated(Instant.ofEpochMilli(START)), state).deposit("USDT", "500");

      String outcome = runChild(db, state, seed, killAt);
      if (outcome.startsWith("CRASH-POINT")) {
        kills++;
      }
      summary.add("seed " + seed + " killAt " + killAt + ": " + outcome);
      verifyRecovery(db, state, "seed " + seed + " killAt " + killAt + " (" + outcome + ")");
    }
    assertThat(kills).as(String.join("\n", summary)).isGreaterThanOrEqualTo(25);
  }

  private String runChild(Path db, Path state, long seed, int killAt) throws Exception {
    String javaBin = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    List<String> command = List.of(javaBin, "--enable-native-access=ALL-UNNAMED", "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-XX:-UsePerfData",
        "-Xshare:auto", "-cp", System.getProperty("java.class.path"), CrashRecoveryTest.class.getName(),
        db.toString(), state.toString(), Long.toString(seed), Integer.toString(killAt));
    Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
    String outcome = "exited without a marker";
    StringBuilder output = new StringBuilder();
    try (BufferedReader r = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
      String line;
      while ((line = r.readLine()) != null) {
        output.append(line).append('\n');
        if (line.startsWith("CRASH-POINT")) {
          outcome = line;
          p.destroyForcibly(); // SIGKILL: no shutdown hooks, no close()
          break;
        }
        if (line.startsWith("DONE")) {
          outcome = line;
        }
      }
    }
    assertThat(p.waitFor(30, TimeUnit.SECONDS)).as("child of seed " + seed + " ended").isTrue();
    assertThat(outcome).as("child of seed " + seed + " output:\n" + output).matches("(CRASH-POINT|DONE).*");
    return outcome;
  }

  private void verifyRecovery(Path db, Path state, String label) {
    // later than anything the child's clock reached, as after a restart
    SimulatedClock clock = Clock.simulated(Instant.ofEpochMilli(START).plus(Duration.ofHours(1)));
    FakeExchange exchange = exchange(clock, state);
    try (SqliteMemory memory = SqliteMemory.open(db)) {
      assertThat(memory.integrityCheck()).as(label).isEqualTo("ok");
      OrderManager om = OrderManager.builder(exchange, memory, clock).clientIdPrefix("c").build();
      ReconciliationReport report = Reconciler.builder(om).build().run();
      om.sync();
      assertThat(report.clean()).as(label + "\n" + report.summary()).isTrue();
      check(memory, exchange, om, label);

      // the recovered agent trades on (with faults), restarts once more, and the invariants still hold
      drive(om, exchange, clock, new SplittableRandom(label.hashCode()), 8);
      OrderManager again = OrderManager.builder(exchange, memory, clock).clientIdPrefix("c").build();
      ReconciliationReport second = Reconciler.builder(again).build().run();
      assertThat(second.clean()).as(label + " after more trading\n" + second.summary()).isTrue();
      check(memory, exchange, again, label + " after more trading");
    }
  }

  private static void check(SqliteMemory memory, FakeExchange exchange, OrderManager om, String label) {
    {

      // no duplicate order per intent
      assertThat(exchange.allPlacements()).as(label).allSatisfy((cid, n) -> assertThat(n).as(cid).isEqualTo(1));

      // every exchange order is journalled with the exchange's state; nothing left unresolved
      Map<String, JournaledOrder> journal = memory.orders(EnumSet.allOf(OrderState.class)).stream()
          .collect(Collectors.toMap(JournaledOrder::clientOrderId, o -> o));
      for (Order x : exchange.allOrders()) {
        JournaledOrder o = journal.get(x.clientOrderId());
        assertThat(o).as(label + ": exchange order " + x.clientOrderId() + " journalled").isNotNull();
        assertThat(o.exchangeOrderId()).as(label).isEqualTo(x.orderId());
        assertThat(o.state()).as(label + " " + x.clientOrderId()).isEqualTo(OrderManager.stateOf(x.status()));
        assertThat(o.executedQty()).as(label).isEqualByComparingTo(x.executedQty());
      }
      Set<String> atExchange = exchange.allOrders().stream().map(Order::clientOrderId).collect(Collectors.toSet());
      for (JournaledOrder o : journal.values()) {
        assertThat(o.state()).as(label + " " + o.clientOrderId()).isNotIn(OrderState.NEW, OrderState.SENT,
            OrderState.UNKNOWN);
        if (!atExchange.contains(o.clientOrderId())) {
          assertThat(o.state()).as(label + " " + o.clientOrderId()).isIn(OrderState.NOT_SENT, OrderState.REJECTED);
        }
      }

      // no lost fill, none recorded twice
      List<Fill> recorded = memory.fills("fake", null, 0);
      assertThat(recorded.stream().map(Fill::tradeId).sorted().toList()).as(label)
          .isEqualTo(exchange.allTrades().stream().map(Fill::tradeId).sorted().toList());

      // positions are the sum of their fills and match the wallet
      Map<String, BigDecimal> positions = new HashMap<>();
      for (PositionRecord p : om.positions()) {
        positions.put(p.symbol(), p.quantity());
      }
      for (SymbolRules s : List.of(OTR, KLP)) {
        BigDecimal fromFills = AgentFixture.netBase(memory.fills("fake", s.symbol(), 0), s.baseAsset());
        BigDecimal held = exchange.balances().stream().filter(b -> b.asset().equals(s.baseAsset()))
            .map(b -> b.total()).findFirst().orElse(BigDecimal.ZERO);
        assertThat(positions.getOrDefault(s.symbol(), BigDecimal.ZERO)).as(label + " " + s.symbol())
            .isEqualByComparingTo(fromFills).isEqualByComparingTo(held);
      }

      // the id counter never hands out an id that exists
      String next = om.newClientOrderId();
      assertThat(journal).as(label).doesNotContainKey(next);
      assertThat(atExchange).as(label).doesNotContain(next);
    }
  }
}
