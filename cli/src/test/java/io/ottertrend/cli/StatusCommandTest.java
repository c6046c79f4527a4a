package io.ottertrend.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.squareup.moshi.Moshi;
import io.ottertrend.memory.DecisionRecord;
import io.ottertrend.memory.EquityPoint;
import io.ottertrend.memory.JournaledOrder;
import io.ottertrend.memory.OrderState;
import io.ottertrend.memory.PositionRecord;
import io.ottertrend.memory.RunInfo;
import io.ottertrend.memory.SqliteMemory;
import io.ottertrend.model.OrderType;
import io.ottertrend.model.Side;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StatusCommandTest {
  @TempDir Path dir;

  @SuppressWarnings("unchecked")
  private static Map<String, Object> parse(String json) throws IOException {
    return (Map<String, Object>) new Moshi.Builder().build().adapter(Object.class).fromJson(json);
  }

  @Test
  void onAFreshFolderStatusJsonSaysNoRunAndCreatesNoDatabase() throws IOException {
    CliRunner.Result r = CliRunner.run(dir, Map.of(), "status", "--json");
    assertThat(r.exitCode()).as(r.err()).isZero();
    Map<String, Object> json = parse(r.out());
    assertThat(json.get("hasRuns")).isEqualTo(false);
    assertThat(StatusCommandTest.<Map<String, Object>>cast(json.get("database"))).containsEntry("exists", false);
    assertThat(StatusCommandTest.<Map<String, Object>>cast(json.get("limits"))).containsEntry("RISK_MAX_TRADE_USD", "20");
    assertThat(StatusCommandTest.<Map<String, Object>>cast(json.get("simd"))).containsKeys("backend", "doubleLanes", "vectorBits");
    assertThat(StatusCommandTest.<List<Object>>cast(json.get("settings"))).hasSizeGreaterThan(40);
    assertThat(Files.exists(dir.resolve("ottertrend.db"))).isFalse();
  }

  @SuppressWarnings("unchecked")
  private static <T> T cast(Object o) {
    return (T) o;
  }

  @Test
  void plainTextOnAFreshFolderTellsHowToStart() {
    CliRunner.Result r = CliRunner.run(dir, Map.of(), "status");
    assertThat(r.exitCode()).isZero();
    assertThat(r.out()).contains("No run yet").contains("ottertrend paper").contains("Risk limits:")
        .contains("RISK_MAX_DAILY_LOSS_USD").contains("SIMD:");
  }

  @Test
  void anInvalidLimitExitsTwoNamingTheSetting() {
    CliRunner.Result r = CliRunner.run(dir, Map.of("RISK_MAX_TRADE_USD", "-5"), "status");
    assertThat(r.exitCode()).isEqualTo(ExitCodes.USAGE);
    assertThat(r.err().lines()).singleElement().asString().startsWith("error: RISK_MAX_TRADE_USD='-5'");
    assertThat(r.out()).isEmpty();
  }

  @Test
  void setFlagAndDbFlagOverrideTheEnvironment() throws IOException {
    Files.writeString(dir.resolve(".env"), "RISK_MAX_OPEN_POSITIONS=4\n");
    CliRunner.Result r = CliRunner.run(dir, Map.of("RISK_MAX_TRADE_USD", "15"), "status", "--json",
        "--set", "RISK_MAX_TRADE_USD=12", "--db", "custom.db");
    assertThat(r.exitCode()).as(r.err()).isZero();
    Map<String, Object> json = parse(r.out());
    Map<String, Object> limits = cast(json.get("limits"));
    assertThat(limits).containsEntry("RISK_MAX_TRADE_USD", "12").containsEntry("RISK_MAX_OPEN_POSITIONS", "4");
    assertThat(String.valueOf(StatusCommandTest.<Map<String, Object>>cast(json.get("database")).get("path"))).endsWith("custom.db");
  }

  @Test
  void withDataStatusShowsRunsEquityPositionsOpenOrdersAndTheLastDecision() throws IOException {
    Path db = dir.resolve("ottertrend.db");
    long now = System.currentTimeMillis();
    try (SqliteMemory m = SqliteMemory.open(db)) {
      long run = m.startRun(new RunInfo("paper", "synthetic", "rules", "paper", "0.1", "h", 7L), now - 1000);
      m.recordEquity(new EquityPoint(run, now - 900, new BigDecimal("1000"), new BigDecimal("1000")));
      m.recordEquity(new EquityPoint(run, now - 100, new BigDecimal("1003.25"), new BigDecimal("980")));
      m.upsertPosition(new PositionRecord("paper", "ETHUSDT", new BigDecimal("0.01"), new BigDecimal("2300"),
          new BigDecimal("23.01"), now - 500, new BigDecimal("2231"), new BigDecimal("2438"), 0, false, now));
      m.journal(new JournaledOrder("c-open", run, "paper", "SOLUSDT", Side.BUY, OrderType.LIMIT, new BigDecimal("0.1"),
          null, new BigDecimal("150.5"), OrderState.OPEN, "x1", null, null, "ENTRY", null, null, now - 50, now - 50,
          false));
      m.recordDecision(new DecisionRecord(0, run, now - 60, "h", "rules", "ETH trending up; buying a small size.", "[]",
          "[]", 0, 0, 1, "OK"));
      // the risk engine's counters, as it stores them when it approves the order and values the day's start
      m.putState("risk.day", java.time.LocalDate.now(java.time.ZoneOffset.UTC).toString(), now - 50);
      m.putState("risk.trades", "1", now - 50);
      m.putState("risk.day_start_equity", "1010", now - 900);
    }
    CliRunner.Result text = CliRunner.run(dir, Map.of(), "status");
    assertThat(text.exitCode()).as(text.err()).isZero();
    assertThat(text.out()).contains("Runs (newest first)").contains("Equity: 1003.25").contains("ETHUSDT")
        .contains("SOLUSDT").contains("c-open").contains("trades 1/50").contains("ETH trending up")
        .contains("P&L -6.75 marked to market");

    CliRunner.Result json = CliRunner.run(dir, Map.of(), "status", "--json");
    Map<String, Object> j = parse(json.out());
    assertThat(j.get("hasRuns")).isEqualTo(true);
    assertThat(StatusCommandTest.<Map<String, Object>>cast(j.get("equity"))).containsEntry("equity", "1003.25");
    assertThat(StatusCommandTest.<List<Object>>cast(j.get("positions"))).hasSize(1);
    assertThat(StatusCommandTest.<List<Object>>cast(j.get("openOrders"))).hasSize(1);
    assertThat(StatusCommandTest.<Map<String, Object>>cast(j.get("today"))).containsEntry("maxTrades", 50.0);
  }

  /**
   * Today's line shows what the risk engine will enforce: its own trade count (not the journal's orders), the
   * day's loss marked to market as the daily-loss halt measures it (not only closed trades), the open positions
   * without dust, and nothing of a day that has ended.
   */
  @Test
  void todayShowsTheRiskEnginesCountersAndTheMarkedLossNotTheJournals() throws IOException {
    Path db = dir.resolve("ottertrend.db");
    long now = System.currentTimeMillis();
    String today = java.time.LocalDate.now(java.time.ZoneOffset.UTC).toString();
    try (SqliteMemory m = SqliteMemory.open(db)) {
      long run = m.startRun(new RunInfo("paper", "synthetic", "rules", "paper", "0.1", "h", 7L), now - 1000);
      m.recordEquity(new EquityPoint(run, now - 100, new BigDecimal("958"), new BigDecimal("900")));
      m.upsertPosition(new PositionRecord("paper", "ETHUSDT", new BigDecimal("0.025"), new BigDecimal("2300"),
          new BigDecimal("57.5"), now - 500, null, null, 0, false, now));
      m.upsertPosition(new PositionRecord("paper", "XRPUSDT", new BigDecimal("0.3"), new BigDecimal("0.5"),
          new BigDecimal("0.15"), now - 500, null, null, 0, true, now));
      for (int i = 0; i < 3; i++) { // orders the engine never approved (e.g. refused by the exchange) count nothing
        m.journal(new JournaledOrder("c-" + i, run, "paper", "SOLUSDT", Side.BUY, OrderType.LIMIT,
            new BigDecimal("0.1"), null, new BigDecimal("150.5"), OrderState.CANCELED, "x" + i, null, null, "ENTRY",
            null, null, now - 50, now - 50, false));
      }
      m.putState("risk.day", today, now - 50);
      m.putState("risk.trades", "2", now - 50);
      m.putState("risk.entries", "1", now - 50);
      m.putState("risk.day_start_equity", "1000", now - 900);
    }
    Map<String, Object> t = cast(parse(CliRunner.run(dir, Map.of(), "status", "--json").out()).get("today"));
    assertThat(t).containsEntry("day", today).containsEntry("trades", 2.0).containsEntry("entries", 1.0)
        .containsEntry("openPositions", 1.0).containsEntry("dayStartEquity", "1000").containsEntry("dayPnl", "-42")
        .containsEntry("realisedPnl", "0");
    CliRunner.Result text = CliRunner.run(dir, Map.of(), "status");
    assertThat(text.out()).contains("trades 2/50, P&L -42 marked to market (realised 0; halt at -50)")
        .contains("open positions 1/5");

    try (SqliteMemory m = SqliteMemory.open(db)) {
      m.putState("risk.day", "2020-01-01", now); // the engine has not run today: yesterday's counts are gone
    }
    Map<String, Object> fresh = cast(parse(CliRunner.run(dir, Map.of(), "status", "--json").out()).get("today"));
    assertThat(fresh).containsEntry("day", today).containsEntry("trades", 0.0).containsEntry("dayPnl", null);
  }

  @Test
  void aForeignFileGivenAsDatabaseIsRefusedUntouched() throws IOException {
    Path notes = dir.resolve("notes.txt");
    Files.writeString(notes, "not a database ".repeat(200));
    byte[] before = Files.readAllBytes(notes);
    CliRunner.Result r = CliRunner.run(dir, Map.of(), "status", "--db", "notes.txt");
    assertThat(r.exitCode()).isEqualTo(ExitCodes.USAGE);
    assertThat(r.err()).contains("not an OtterTrend database");
    assertThat(Files.readAllBytes(notes)).isEqualTo(before);
  }

  @Test
  void secretsAppearInNoOutputAndNoFile() throws IOException {
    String secret = "SuperSecretValue1234567890abcdef";
    String key = "mx0vglKEYVALUE998877";
    Map<String, String> env = Map.of("MEXC_API_SECRET", secret, "MEXC_API_KEY", key, "GROQ_API_KEY", "gsk_live_77889900",
        "TELEGRAM_BOT_TOKEN", "123456:telegram-token-value");
    SqliteMemory.open(dir.resolve("ottertrend.db")).close();
    CliRunner.Result text = CliRunner.run(dir, env, "status");
    CliRunner.Result json = CliRunner.run(dir, env, "status", "--json");
    CliRunner.Result bad = CliRunner.run(dir, Map.of("MEXC_API_SECRET", secret, "RISK_MAX_TRADE_USD", "x"), "status");
    for (String output : List.of(text.out(), text.err(), json.out(), json.err(), bad.out(), bad.err())) {
      for (String s : List.of(secret, key, "gsk_live_77889900", "telegram-token-value")) {
        assertThat(output).doesNotContain(s);
      }
    }
    assertThat(text.out()).contains("MEXC_API_SECRET").contains("****");
    try (Stream<Path> files = Files.walk(dir)) {
      for (Path f : files.filter(Files::isRegularFile).toList()) {
        String content = new String(Files.readAllBytes(f), java.nio.charset.StandardCharsets.ISO_8859_1);
        assertThat(content).as(f.toString()).doesNotContain(secret).doesNotContain(key);
      }
    }
  }

  @Test
  void helpListsSubcommandsAndExitCodesAndVersionPrints() {
    CliRunner.Result help = CliRunner.run(dir, Map.of(), "--help");
    assertThat(help.exitCode()).isZero();
    assertThat(help.out()).contains("status").contains("Exit codes").contains("--set KEY=VALUE");
    CliRunner.Result version = CliRunner.run(dir, Map.of(), "--version");
    assertThat(version.out()).startsWith("ottertrend ");
    CliRunner.Result unknown = CliRunner.run(dir, Map.of(), "frobnicate");
    assertThat(unknown.exitCode()).isEqualTo(ExitCodes.USAGE);
    assertThat(unknown.err()).contains("frobnicate");
  }
}
