package io.ottertrend.risk;

import io.ottertrend.config.Setting;
import io.ottertrend.config.Settings;
import io.ottertrend.exchange.Exchange;
import io.ottertrend.exchange.ExchangeException;
import io.ottertrend.memory.Memory;
import io.ottertrend.memory.RunRecord;
import io.ottertrend.memory.SqliteMemory;
import io.ottertrend.memory.TradeRecord;
import io.ottertrend.model.Balance;
import io.ottertrend.model.Side;
import io.ottertrend.model.SymbolRules;
import io.ottertrend.time.Clock;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * The checks a live run must pass before its first order (spec T5.4.1). Each check is independent: one failing
 * never hides or skips another, so the checklist always shows everything that is wrong.
 *
 * <ol>
 *   <li>{@value #KEYS_PRESENT}: {@code MEXC_API_KEY} and {@code MEXC_API_SECRET} are set.
 *   <li>{@value #KEYS_ACCEPTED}: a signed call ({@link Exchange#balances()}) succeeds.
 *   <li>{@value #CLOCK_OFFSET}: exchange time minus the {@link Clock} (at the request's midpoint) is under 1 s.
 *   <li>{@value #SYMBOL_RULES}: trading rules are loaded and at least one pair in {@code QUOTE_ASSET} is
 *       API-tradable.
 *   <li>{@value #LIMITS_SANE}: the risk limits build and stay within bounds meant for real money (see
 *       {@link #liveBoundProblems}).
 *   <li>{@value #DATABASE_WRITABLE}: the live database accepts a write.
 *   <li>{@value #DATABASE_SEPARATE}: the live database is not the paper database ({@code PAPER_DB_PATH}) and holds
 *       no paper runs.
 *   <li>{@value #PAPER_TRACK_RECORD}: the paper database holds at least {@code PRELIVE_MIN_PAPER_TRADES} closed
 *       trades from paper runs.
 * </ol>
 *
 * <p>Stateless; never throws for a failing check (it becomes a failed line). The exchange and the databases are
 * only read, apart from one probe write (then deleted) in the live database.
 */
public final class PreLiveValidator {
  public static final String KEYS_PRESENT = "keys_present";
  public static final String KEYS_ACCEPTED = "keys_accepted";
  public static final String CLOCK_OFFSET = "clock_offset";
  public static final String SYMBOL_RULES = "symbol_rules";
  public static final String LIMITS_SANE = "limits_sane";
  public static final String DATABASE_WRITABLE = "database_writable";
  public static final String DATABASE_SEPARATE = "database_separate";
  public static final String PAPER_TRACK_RECORD = "paper_track_record";

  /** Largest clock offset accepted, in milliseconds. */
  public static final long MAX_CLOCK_OFFSET_MS = 1_000;

  private PreLiveValidator() {}

  /**
   * Runs every check.
   *
   * @param settings effective settings (keys, limits, {@code PAPER_DB_PATH}, {@code PRELIVE_MIN_PAPER_TRADES})
   * @param exchange the live exchange client
   * @param liveMemory the live database (its {@link Memory#location()} is the live database file)
   * @param clock the agent's clock
   */
  public static PreLiveReport validate(Settings settings, Exchange exchange, Memory liveMemory, Clock clock) {
    Objects.requireNonNull(settings, "settings");
    List<PreLiveCheck> checks = new ArrayList<>();
    boolean keys = settings.secret(Setting.MEXC_API_KEY).isPresent()
        && settings.secret(Setting.MEXC_API_SECRET).isPresent();
    checks.add(keys ? PreLiveCheck.pass(KEYS_PRESENT, "API key and secret are set")
        : PreLiveCheck.fail(KEYS_PRESENT, "set MEXC_API_KEY and MEXC_API_SECRET (a trade-only key, never withdrawal)"));
    checks.add(keysAccepted(keys, exchange));
    checks.add(clockOffset(exchange, clock));
    checks.add(symbolRules(exchange, settings.string(Setting.QUOTE_ASSET).strip()));
    checks.add(limits(settings));
    checks.add(writable(liveMemory, clock));
    Path paperDb = settings.path(Setting.PAPER_DB_PATH);
    checks.add(separate(liveMemory, paperDb));
    checks.add(trackRecord(liveMemory, paperDb, settings.integer(Setting.PRELIVE_MIN_PAPER_TRADES)));
    return new PreLiveReport(checks);
  }

  private static PreLiveCheck keysAccepted(boolean keys, Exchange exchange) {
    if (!keys) {
      return PreLiveCheck.fail(KEYS_ACCEPTED, "not tried: no keys");
    }
    try {
      List<Balance> balances = exchange.balances();
      return PreLiveCheck.pass(KEYS_ACCEPTED, "signed balance request accepted (" + balances.size() + " assets)");
    } catch (ExchangeException.AuthFailed e) {
      return PreLiveCheck.fail(KEYS_ACCEPTED, "the exchange refused the key (code " + e.code() + "): check the key,"
          + " its SPOT trade permission and the IP whitelist");
    } catch (RuntimeException e) {
      return PreLiveCheck.fail(KEYS_ACCEPTED, "could not check the key: " + e.getClass().getSimpleName()
          + (e.getMessage() == null ? "" : ": " + e.getMessage()));
    }
  }

  private static PreLiveCheck clockOffset(Exchange exchange, Clock clock) {
    try {
      long before = clock.millis();
      long server = exchange.serverTime();
      long after = clock.millis();
      long offset = server - (before + after) / 2;
      String text = "exchange clock is " + Math.abs(offset) + " ms " + (offset >= 0 ? "ahead" : "behind")
          + " (round trip " + (after - before) + " ms)";
      return Math.abs(offset) < MAX_CLOCK_OFFSET_MS ? PreLiveCheck.pass(CLOCK_OFFSET, text)
          : PreLiveCheck.fail(CLOCK_OFFSET, text + "; synchronise the system clock (NTP)");
    } catch (RuntimeException e) {
      return PreLiveCheck.fail(CLOCK_OFFSET, "could not read the exchange time: " + e.getClass().getSimpleName());
    }
  }

  private static PreLiveCheck symbolRules(Exchange exchange, String quote) {
    try {
      List<SymbolRules> all = exchange.symbolRules();
      long tradable = all.stream().filter(r -> r.quoteAsset().equalsIgnoreCase(quote) && r.canTrade(Side.BUY))
          .count();
      if (tradable == 0) {
        return PreLiveCheck.fail(SYMBOL_RULES, all.size() + " symbols loaded but none in " + quote
            + " is tradable through the API");
      }
      return PreLiveCheck.pass(SYMBOL_RULES, all.size() + " symbols loaded, " + tradable + " API-tradable in " + quote);
    } catch (RuntimeException e) {
      return PreLiveCheck.fail(SYMBOL_RULES, "could not load trading rules: " + e.getClass().getSimpleName());
    }
  }

  private static PreLiveCheck limits(Settings settings) {
    RiskLimits l;
    try {
      l = RiskLimits.from(settings);
    } catch (RuntimeException e) {
      return PreLiveCheck.fail(LIMITS_SANE, "risk limits invalid: " + e.getMessage());
    }
    List<String> problems = liveBoundProblems(l);
    return problems.isEmpty()
        ? PreLiveCheck.pass(LIMITS_SANE, "max order " + l.maxTradeUsd().toPlainString() + ", daily loss "
            + l.maxDailyLossUsd().toPlainString() + ", " + l.maxOpenPositions() + " positions")
        : PreLiveCheck.fail(LIMITS_SANE, String.join("; ", problems));
  }

  /**
   * Where limits that are valid settings are still too loose for real money: an order above 1000, more than 25 %
   * of equity per order, a daily loss above 100 full orders, a spread above 5 %, a drawdown lock above 50 %,
   * data accepted older than 15 minutes, or price jumps above 100 % accepted.
   */
  public static List<String> liveBoundProblems(RiskLimits l) {
    List<String> p = new ArrayList<>();
    if (l.maxTradeUsd().compareTo(new BigDecimal("1000")) > 0) {
      p.add("RISK_MAX_TRADE_USD above 1000");
    }
    if (l.maxTradePctEquity().compareTo(new BigDecimal("0.25")) > 0) {
      p.add("RISK_MAX_TRADE_PCT_EQUITY above 0.25");
    }
    if (l.maxDailyLossUsd().compareTo(l.maxTradeUsd().multiply(BigDecimal.valueOf(100))) > 0) {
      p.add("RISK_MAX_DAILY_LOSS_USD above 100 times RISK_MAX_TRADE_USD");
    }
    if (l.maxSpreadPct() > 0.05) {
      p.add("RISK_MAX_SPREAD_PCT above 0.05");
    }
    if (l.maxDrawdownPct().compareTo(new BigDecimal("0.5")) > 0) {
      p.add("RISK_MAX_DRAWDOWN_PCT above 0.5");
    }
    if (l.staleData().compareTo(Duration.ofMinutes(15)) > 0) {
      p.add("RISK_STALE_DATA above 15m");
    }
    if (l.maxPriceJumpPct() > 1) {
      p.add("RISK_MAX_PRICE_JUMP_PCT above 1");
    }
    return p;
  }

  private static PreLiveCheck writable(Memory memory, Clock clock) {
    String key = "prelive.probe";
    try {
      memory.putState(key, Long.toString(clock.millis()), clock.millis());
      memory.deleteState(key);
      return PreLiveCheck.pass(DATABASE_WRITABLE, memory.location() + " accepts writes");
    } catch (RuntimeException e) {
      return PreLiveCheck.fail(DATABASE_WRITABLE, "cannot write " + memory.location() + ": " + e.getMessage());
    }
  }

  private static PreLiveCheck separate(Memory live, Path paperDb) {
    try {
      if (sameFile(Path.of(live.location()), paperDb)) {
        return PreLiveCheck.fail(DATABASE_SEPARATE, "the live database " + live.location()
            + " is the paper database (PAPER_DB_PATH); use --db with another file for live trading");
      }
      long paperRuns = live.recentRuns(Integer.MAX_VALUE).stream().filter(r -> "paper".equals(r.mode())).count();
      if (paperRuns > 0) {
        return PreLiveCheck.fail(DATABASE_SEPARATE, live.location() + " holds " + paperRuns
            + " paper runs; live trading needs its own database");
      }
      return PreLiveCheck.pass(DATABASE_SEPARATE, live.location() + " is separate from the paper database " + paperDb);
    } catch (RuntimeException e) {
      return PreLiveCheck.fail(DATABASE_SEPARATE, "could not compare the databases: " + e.getMessage());
    }
  }

  private static boolean sameFile(Path a, Path b) {
    try {
      if (Files.exists(a) && Files.exists(b)) {
        return Files.isSameFile(a, b);
      }
    } catch (IOException e) {
      // fall back to comparing the normalised paths
    }
    return a.toAbsolutePath().normalize().equals(b.toAbsolutePath().normalize());
  }

  private static PreLiveCheck trackRecord(Memory live, Path paperDb, int minTrades) {
    if (!Files.isRegularFile(paperDb)) {
      return minTrades == 0 ? PreLiveCheck.pass(PAPER_TRACK_RECORD, "no paper trades required")
          : PreLiveCheck.fail(PAPER_TRACK_RECORD, "no paper database at " + paperDb + "; run `ottertrend paper` first"
              + " (" + minTrades + " closed paper trades required)");
    }
    try {
      long closed;
      if (sameFile(Path.of(live.location()), paperDb)) {
        closed = paperTrades(live);
      } else {
        try (SqliteMemory paper = SqliteMemory.open(paperDb)) {
          closed = paperTrades(paper);
        }
      }
      String text = closed + " closed paper trades in " + paperDb + " (" + minTrades + " required)";
      return closed >= minTrades ? PreLiveCheck.pass(PAPER_TRACK_RECORD, text)
          : PreLiveCheck.fail(PAPER_TRACK_RECORD, text + "; keep paper trading");
    } catch (RuntimeException e) {
      return PreLiveCheck.fail(PAPER_TRACK_RECORD, "cannot read the paper database " + paperDb + ": "
          + e.getMessage());
    }
  }

  private static long paperTrades(Memory m) {
    Set<Long> paperRuns = new HashSet<>();
    for (RunRecord r : m.recentRuns(Integer.MAX_VALUE)) {
      if ("paper".equals(r.mode())) {
        paperRuns.add(r.id());
      }
    }
    long n = 0;
    for (TradeRecord t : m.trades(null, Integer.MAX_VALUE)) {
      if (t.runId() != null && paperRuns.contains(t.runId())) {
        n++;
      }
    }
    return n;
  }
}
