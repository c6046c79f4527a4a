package io.ottertrend.agent;

import static org.assertj.core.api.Assertions.assertThat;

import io.ottertrend.OtterTrend;
import io.ottertrend.config.Setting;
import io.ottertrend.config.Settings;
import io.ottertrend.memory.JournaledOrder;
import io.ottertrend.memory.Memory;
import io.ottertrend.memory.PositionRecord;
import io.ottertrend.memory.RiskEvent;
import io.ottertrend.model.Fill;
import io.ottertrend.model.Side;
import io.ottertrend.registry.Registry;
import io.ottertrend.time.Clock;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The whole loop offline: synthetic market, paper exchange, rules brain, the real risk engine and order manager,
 * SQLite memory. Proves the MVP checklist end to end: it starts, trades on paper, every order passed the risk
 * engine, positions equal the fills, restart continues, and the same seed gives the same fills.
 */
class AgentPaperSyntheticTest {
  private static final Instant START = Instant.parse("2026-03-02T10:00:00Z");
  @TempDir Path dir;

  record Outcome(List<AgentEvent> events, String fingerprint) {}

  private Outcome run(Path db, int cycles, long seed) throws InterruptedException {
    Settings settings = Settings.builder().flag(Setting.DB_PATH, db.toString()).build();
    List<AgentEvent> events = new ArrayList<>();
    try (Registry r = OtterTrend.registry(settings, OtterTrend.Options.paperSynthetic(seed).withListener(events::add))) {
      r.bindInstance(Clock.class, Clock.simulated(START));
      Agent agent = OtterTrend.agent(r);
      agent.start();
      agent.run(cycles, Duration.ofMinutes(1), () -> false);
      agent.finish("COMPLETED");
      return new Outcome(events, fingerprint(r.get(Memory.class)));
    }
  }

  static String fingerprint(Memory m) throws RuntimeException {
    try {
      MessageDigest sha = MessageDigest.getInstance("SHA-256");
      for (Fill f : m.fills("paper", null, 0)) {
        sha.update((f.symbol() + "|" + f.side() + "|" + f.price().toPlainString() + "|" + f.quantity().toPlainString()
            + "|" + f.time() + "\n").getBytes(StandardCharsets.UTF_8));
      }
      return HexFormat.of().formatHex(sha.digest());
    } catch (java.security.NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  @Test
  void offlinePaperRunTradesThroughTheRiskEngineAndPositionsEqualFills() throws Exception {
    Path db = dir.resolve("paper.db");
    Outcome o = run(db, 40, 7);
    assertThat(o.events()).filteredOn(e -> e instanceof AgentEvent.DecisionMade).hasSize(40);
    assertThat(o.events()).filteredOn(e -> e instanceof AgentEvent.FillRecorded).isNotEmpty();
    try (Memory m = io.ottertrend.memory.SqliteMemory.open(db)) {
      List<JournaledOrder> journal = m.recentOrders(10_000);
      assertThat(journal).isNotEmpty();
      assertThat(journal.stream().map(JournaledOrder::clientOrderId).collect(Collectors.toSet())).hasSize(journal.size());
      Set<String> approved = new java.util.HashSet<>();
      for (RiskEvent e : m.recentRiskEvents(10_000)) {
        if (!e.verdict().equals("REJECT")) {
          approved.add(e.clientOrderId());
        }
      }
      for (JournaledOrder j : journal) {
        assertThat(approved).as("order %s passed the risk engine", j.clientOrderId()).contains(j.clientOrderId());
        BigDecimal notional = j.quoteQuantity() != null && j.price() == null ? j.quoteQuantity()
            : j.quantity().multiply(j.price() == null ? BigDecimal.ZERO : j.price());
        if (j.side() == Side.BUY) {
          assertThat(notional).as("entry %s within RISK_MAX_TRADE_USD", j.clientOrderId())
              .isLessThanOrEqualTo(new BigDecimal("20"));
        }
      }
      Map<String, BigDecimal> net = new HashMap<>();
      for (Fill f : m.fills("paper", null, 0)) {
        BigDecimal q = f.side() == Side.BUY ? f.quantity() : f.quantity().negate();
        if (f.side() == Side.BUY && f.commissionAsset().equals(f.symbol().replace("USDT", ""))) {
          q = q.subtract(f.commission());
        }
        net.merge(f.symbol(), q, BigDecimal::add);
      }
      for (PositionRecord p : m.positions("paper")) {
        assertThat(p.quantity()).as("position %s equals its fills", p.symbol()).isEqualByComparingTo(net.get(p.symbol()));
      }
      net.forEach((symbol, qty) -> {
        if (qty.signum() > 0) {
          assertThat(m.positions("paper")).extracting(PositionRecord::symbol).contains(symbol);
        }
      });
      assertThat(m.recentDecisions(100)).hasSize(40);
      assertThat(m.equity(m.recentRuns(1).get(0).id())).hasSize(40);
      assertThat(m.recentRuns(1).get(0).status()).isEqualTo("COMPLETED");
    }
  }

  @Test
  void theSameSeedGivesTheSameFillsAndARestartContinuesWithoutDuplicates() throws Exception {
    Outcome a = run(dir.resolve("a.db"), 25, 11);
    Outcome b = run(dir.resolve("b.db"), 25, 11);
    assertThat(a.fingerprint()).isEqualTo(b.fingerprint());
    Outcome other = run(dir.resolve("c.db"), 25, 12);
    assertThat(other.fingerprint()).isNotEqualTo(a.fingerprint());

    Path db = dir.resolve("restart.db");
    run(db, 10, 5);
    Outcome second = run(db, 10, 5);
    assertThat(second.events()).filteredOn(e -> e instanceof AgentEvent.Notice n && n.message().contains("reconciliation"))
        .allSatisfy(e -> assertThat(((AgentEvent.Notice) e).message()).contains("clean"));
    try (Memory m = io.ottertrend.memory.SqliteMemory.open(db)) {
      List<JournaledOrder> journal = m.recentOrders(10_000);
      assertThat(journal.stream().map(JournaledOrder::clientOrderId).distinct().count()).isEqualTo(journal.size());
      assertThat(m.recentRuns(10)).hasSize(2);
    }
  }

  @Test
  void pendingEntriesAreNotStackedAndStaleOnesExpire() throws Exception {
    Path db = dir.resolve("ttl.db");
    Outcome o = run(db, 30, 7);
    try (Memory m = io.ottertrend.memory.SqliteMemory.open(db)) {
      Map<String, Long> openBuys = m.orders(java.util.EnumSet.of(io.ottertrend.memory.OrderState.OPEN)).stream()
          .filter(j -> j.side() == Side.BUY).collect(Collectors.groupingBy(JournaledOrder::symbol, Collectors.counting()));
      assertThat(openBuys.values()).allSatisfy(n -> assertThat(n).isEqualTo(1L));
      long now = START.plus(Duration.ofMinutes(29)).toEpochMilli();
      for (JournaledOrder j : m.orders(java.util.EnumSet.of(io.ottertrend.memory.OrderState.OPEN))) {
        assertThat(now - j.createdAt()).as("open order %s younger than the TTL", j.clientOrderId())
            .isLessThanOrEqualTo(Duration.ofMinutes(6).toMillis());
      }
    }
    assertThat(o.events()).filteredOn(e -> e instanceof AgentEvent.OrderUpdate u && u.state().equals("CANCELED"))
        .isNotEmpty();
  }
}
