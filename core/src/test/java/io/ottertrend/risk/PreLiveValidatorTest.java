package io.ottertrend.risk;

import static org.assertj.core.api.Assertions.assertThat;

import io.ottertrend.config.Setting;
import io.ottertrend.config.Settings;
import io.ottertrend.exchange.ExchangeException;
import io.ottertrend.memory.MemoryException;
import io.ottertrend.memory.RunInfo;
import io.ottertrend.memory.SqliteMemory;
import io.ottertrend.memory.TradeRecord;
import io.ottertrend.model.SymbolRules;
import io.ottertrend.time.Clock;
import io.ottertrend.time.SimulatedClock;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The checklist passes on a healthy setup, and each check fails on its own when only its fact is broken. */
class PreLiveValidatorTest {
  @TempDir
  Path dir;

  private final SimulatedClock clock = Clock.simulated(Fixtures.START);
  private FakeExchange exchange;
  private Path paperDb;
  private Path liveDb;
  private Map<Setting, String> settings;

  @BeforeEach
  void setUp() {
    exchange = new FakeExchange(() -> clock.millis() + 250);
    paperDb = dir.resolve("paper.db");
    liveDb = dir.resolve("live.db");
    try (SqliteMemory paper = SqliteMemory.open(paperDb)) {
      long run = paper.startRun(new RunInfo("paper", "mexc", "rules", "paper", "0.1", "h", null), 1);
      for (int i = 0; i < 20; i++) {
        paper.recordTrade(new TradeRecord(0, run, "paper", "ABCUSDT", BigDecimal.ONE, BigDecimal.TEN, BigDecimal.TEN,
            i, i + 1, BigDecimal.ZERO, BigDecimal.ZERO, "SIGNAL"));
      }
    }
    settings = new HashMap<>();
    settings.put(Setting.MEXC_API_KEY, "mx0-key-abcdef");
    settings.put(Setting.MEXC_API_SECRET, "secret-abcdef");
    settings.put(Setting.PAPER_DB_PATH, paperDb.toString());
  }

  private PreLiveReport run() {
    try (SqliteMemory live = SqliteMemory.open(liveDb)) {
      return PreLiveValidator.validate(Settings.defaults().with(settings), exchange, live, clock);
    }
  }

  private void assertOnlyFailure(PreLiveReport report, String name) {
    assertThat(report.passed()).isFalse();
    assertThat(report.failures()).as(report.render()).extracting(PreLiveCheck::name).containsExactly(name);
    assertThat(report.check(name).reason()).isNotBlank();
  }

  @Test
  void healthySetupPassesEveryCheck() {
    PreLiveReport report = run();
    assertThat(report.passed()).as(report.render()).isTrue();
    assertThat(report.checks()).extracting(PreLiveCheck::name).containsExactly(PreLiveValidator.KEYS_PRESENT,
        PreLiveValidator.KEYS_ACCEPTED, PreLiveValidator.CLOCK_OFFSET, PreLiveValidator.SYMBOL_RULES,
        PreLiveValidator.LIMITS_SANE, PreLiveValidator.DATABASE_WRITABLE, PreLiveValidator.DATABASE_SEPARATE,
        PreLiveValidator.PAPER_TRACK_RECORD);
    assertThat(report.render()).contains("[ok]   clock_offset: exchange clock is 250 ms ahead");
    assertThat(report.render()).doesNotContain("mx0-key-abcdef").doesNotContain("secret-abcdef");
  }

  @Test
  void missingKeysFailKeysPresentAndKeysAccepted() {
    settings.remove(Setting.MEXC_API_SECRET);
    PreLiveReport report = run();
    assertThat(report.failures()).extracting(PreLiveCheck::name)
        .containsExactly(PreLiveValidator.KEYS_PRESENT, PreLiveValidator.KEYS_ACCEPTED);
  }

  @Test
  void rejectedKeyFailsKeysAccepted() {
    exchange.balances = () -> {
      throw new ExchangeException.AuthFailed("Api key info invalid", 10072);
    };
    assertOnlyFailure(run(), PreLiveValidator.KEYS_ACCEPTED);
    assertThat(run().check(PreLiveValidator.KEYS_ACCEPTED).reason()).contains("10072").contains("IP whitelist");
  }

  @Test
  void unreachableExchangeFailsKeysAccepted() {
    exchange.balances = () -> {
      throw new ExchangeException.Unavailable("connection refused", 0);
    };
    assertOnlyFailure(run(), PreLiveValidator.KEYS_ACCEPTED);
  }

  @Test
  void clockOffsetOfOneSecondOrMoreFails() {
    exchange.serverTime = () -> clock.millis() - 1_500;
    assertOnlyFailure(run(), PreLiveValidator.CLOCK_OFFSET);
    assertThat(run().check(PreLiveValidator.CLOCK_OFFSET).reason()).contains("1500 ms behind");
    exchange.serverTime = () -> {
      throw new ExchangeException.Unavailable("down", 0);
    };
    assertOnlyFailure(run(), PreLiveValidator.CLOCK_OFFSET);
  }

  @Test
  void noApiTradableSymbolFailsSymbolRules() {
    exchange.rules = () -> List.of(SymbolRules.builder("ABCUSDT", "ABC", "USDT").apiTradable(false).build(),
        SymbolRules.builder("ABCBTC", "ABC", "BTC").build());
    assertOnlyFailure(run(), PreLiveValidator.SYMBOL_RULES);
    exchange.rules = () -> {
      throw new ExchangeException.Unavailable("down", 0);
    };
    assertOnlyFailure(run(), PreLiveValidator.SYMBOL_RULES);
  }

  @Test
  void limitsTooLooseForRealMoneyFail() {
    settings.put(Setting.RISK_MAX_TRADE_PCT_EQUITY, "0.5");
    assertOnlyFailure(run(), PreLiveValidator.LIMITS_SANE);
    assertThat(run().check(PreLiveValidator.LIMITS_SANE).reason()).contains("RISK_MAX_TRADE_PCT_EQUITY");
  }

  @Test
  void unwritableDatabaseFailsDatabaseWritable() {
    try (SqliteMemory live = SqliteMemory.open(liveDb)) {
      InMemoryMemory broken = new InMemoryMemory() {
        @Override
        public String location() {
          return live.location();
        }

        @Override
        public java.util.List<io.ottertrend.memory.RunRecord> recentRuns(int limit) {
          return live.recentRuns(limit);
        }
      };
      broken.failWrites = true;
      PreLiveReport report = PreLiveValidator.validate(Settings.defaults().with(settings), exchange, broken, clock);
      assertOnlyFailure(report, PreLiveValidator.DATABASE_WRITABLE);
      assertThat(new MemoryException(MemoryException.Kind.NOT_WRITABLE, "x", null).kind())
          .isEqualTo(MemoryException.Kind.NOT_WRITABLE);
    }
  }

  @Test
  void liveDatabaseHoldingPaperRunsFailsDatabaseSeparate() {
    try (SqliteMemory live = SqliteMemory.open(liveDb)) {
      live.startRun(new RunInfo("paper", "synthetic", "rules", "paper", "0.1", "h", 1L), 1);
    }
    assertOnlyFailure(run(), PreLiveValidator.DATABASE_SEPARATE);
  }

  @Test
  void liveDatabaseThatIsThePaperDatabaseFailsDatabaseSeparate() {
    liveDb = paperDb;
    PreLiveReport report = run();
    assertThat(report.failures()).extracting(PreLiveCheck::name).contains(PreLiveValidator.DATABASE_SEPARATE)
        .doesNotContain(PreLiveValidator.PAPER_TRACK_RECORD);
  }

  @Test
  void tooFewPaperTradesFailPaperTrackRecord() {
    settings.put(Setting.PRELIVE_MIN_PAPER_TRADES, "21");
    assertOnlyFailure(run(), PreLiveValidator.PAPER_TRACK_RECORD);
    assertThat(run().check(PreLiveValidator.PAPER_TRACK_RECORD).reason()).contains("20 closed paper trades");
  }

  @Test
  void missingPaperDatabaseFailsPaperTrackRecord() {
    settings.put(Setting.PAPER_DB_PATH, dir.resolve("nothing-here.db").toString());
    assertOnlyFailure(run(), PreLiveValidator.PAPER_TRACK_RECORD);
    assertThat(dir.resolve("nothing-here.db")).doesNotExist();
  }
}
