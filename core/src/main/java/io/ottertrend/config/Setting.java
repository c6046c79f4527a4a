package io.ottertrend.config;

import java.math.BigDecimal;
import java.util.List;
import java.util.Locale;

/**
 * Every setting OtterTrend reads, with its default, its description and its bounds. The names are the
 * environment variable names; {@code .env.example} and the README's settings table are generated from here.
 *
 * <p>Bounds are deliberately finite: the risk limits can be tightened or loosened within sane ranges but
 * never switched off (there is no value that disables the risk engine).
 */
public enum Setting {
  // --- Exchange ---------------------------------------------------------------------------------------
  EXCHANGE_ID(Group.EXCHANGE, SettingType.CHOICE, "mexc", "Exchange implementation for live trading.",
      choices("mexc")),
  EXCHANGE_TESTNET(Group.EXCHANGE, SettingType.BOOLEAN, "false",
      "Use the exchange's test environment where one exists (MEXC has none: live runs refuse when true)."),
  PAPER_TRADING(Group.EXCHANGE, SettingType.BOOLEAN, "true",
      "Simulated wallet. `ottertrend run` trades real money only when this is false (or with --live)."),
  MEXC_API_KEY(Group.EXCHANGE, SettingType.SECRET, "", "MEXC API key (trade-only; never grant withdrawal)."),
  MEXC_API_SECRET(Group.EXCHANGE, SettingType.SECRET, "", "MEXC API secret."),
  MEXC_BASE_URL(Group.EXCHANGE, SettingType.URL, "https://api.mexc.com",
      "MEXC REST base URL; several comma-separated URLs enable failover."),
  MEXC_RECV_WINDOW_MS(Group.EXCHANGE, SettingType.INTEGER, "5000",
      "Receive window for signed requests in ms (MEXC maximum 60000).", range(100, 60000)),
  HTTP_TIMEOUT(Group.EXCHANGE, SettingType.DURATION, "10s", "Per-attempt HTTP timeout.",
      durationRange("100ms", "5m")),

  // --- LLM ------------------------------------------------------------------------------------------------
  GROQ_API_KEY(Group.LLM, SettingType.SECRET, "", "Groq (or any OpenAI-compatible) API key; enables the LLM brain."),
  LLM_BASE_URL(Group.LLM, SettingType.URL, "https://api.groq.com/openai/v1",
      "OpenAI-compatible base URL (Groq, OpenRouter, Ollama, llama.cpp, vLLM)."),
  LLM_MODEL(Group.LLM, SettingType.STRING, "llama-3.3-70b-versatile", "Model name sent to the LLM server."),
  LLM_MODE(Group.LLM, SettingType.CHOICE, "json", "LLM brain mode: json (one JSON decision) or tools (function calling).",
      choices("json", "tools")),
  LLM_TEMPERATURE(Group.LLM, SettingType.DECIMAL, "0.2", "Sampling temperature.", decimalRange("0", "2")),
  LLM_MAX_COMPLETION_TOKENS(Group.LLM, SettingType.INTEGER, "1024", "Completion token cap per call.",
      range(64, 32768)),
  LLM_TIMEOUT(Group.LLM, SettingType.DURATION, "30s", "Timeout of one LLM call.", durationRange("1s", "10m")),
  LLM_MAX_TOOL_CALLS(Group.LLM, SettingType.INTEGER, "8", "Tool calls allowed per decision cycle.", range(1, 64)),
  LLM_DAILY_TOKEN_BUDGET(Group.LLM, SettingType.INTEGER, "100000",
      "Tokens per UTC day; when spent the brain falls back (risk rule llm_budget).", range(1000, 100_000_000)),
  LLM_FALLBACK(Group.LLM, SettingType.CHOICE, "rules", "What decides when the LLM fails: rules or hold.",
      choices("rules", "hold")),
  LLM_TRAINING_CUTOFF(Group.LLM, SettingType.STRING, "2023-12-01",
      "Model training cut-off (YYYY-MM-DD): backtests before it are flagged as possibly leaked."),
  LLM_SNAPSHOT_TOKENS(Group.LLM, SettingType.INTEGER, "1500", "Prompt token budget of the market snapshot.",
      range(200, 100_000)),
  LLM_CACHE_ONLY(Group.LLM, SettingType.BOOLEAN, "false",
      "Serve LLM calls only from the replay store (--llm-cache-only); a miss fails instead of calling the network."),

  // --- Risk -----------------------------------------------------------------------------------------------
  RISK_MAX_TRADE_USD(Group.RISK, SettingType.DECIMAL, "20", "Largest order value in USD.",
      decimalRange("0.01", "1000000")),
  RISK_MAX_TRADE_PCT_EQUITY(Group.RISK, SettingType.DECIMAL, "0.05", "Largest order as a fraction of equity.",
      decimalRange("0.0001", "1")),
  RISK_MAX_DAILY_TRADES(Group.RISK, SettingType.INTEGER, "50", "Orders per UTC day.", range(1, 100_000)),
  RISK_MAX_DAILY_LOSS_USD(Group.RISK, SettingType.DECIMAL, "50",
      "Realised + unrealised loss per UTC day (fees included) that halts new entries.",
      decimalRange("0.01", "10000000")),
  RISK_MAX_OPEN_POSITIONS(Group.RISK, SettingType.INTEGER, "5", "Open positions at once.", range(1, 1000)),
  RISK_MAX_SPREAD_PCT(Group.RISK, SettingType.DECIMAL, "0.02", "Largest bid/ask spread as a fraction of mid.",
      decimalRange("0.0001", "0.5")),
  RISK_MIN_LIQUIDITY_USD(Group.RISK, SettingType.DECIMAL, "50000",
      "24 h quote volume below which a pair is blocked.", decimalRange("0", "10000000000")),
  RISK_LOW_LIQUIDITY_THRESHOLD_USD(Group.RISK, SettingType.DECIMAL, "500000",
      "24 h quote volume below which orders are capped at RISK_LOW_LIQUIDITY_CAP_USD.",
      decimalRange("0", "10000000000")),
  RISK_LOW_LIQUIDITY_CAP_USD(Group.RISK, SettingType.DECIMAL, "10",
      "Largest order value on low-liquidity pairs (never above RISK_MAX_TRADE_USD).", decimalRange("0.01", "1000000")),
  RISK_MAX_DRAWDOWN_PCT(Group.RISK, SettingType.DECIMAL, "0.15",
      "Drawdown from the equity peak that locks new entries.", decimalRange("0.005", "0.9")),
  RISK_MAX_ENTRIES_PER_HOUR(Group.RISK, SettingType.INTEGER, "10", "New entries per rolling hour.", range(1, 10_000)),
  RISK_COOLDOWN(Group.RISK, SettingType.DURATION, "15m", "Pause on a pair after an exit.", durationRange("0s", "7d")),
  RISK_STOPLOSS_GUARD_COUNT(Group.RISK, SettingType.INTEGER, "3", "Stop-outs within the window that lock trading.",
      range(1, 1000)),
  RISK_STOPLOSS_GUARD_WINDOW(Group.RISK, SettingType.DURATION, "6h", "Window of the stop-loss guard.",
      durationRange("1m", "30d")),
  RISK_STALE_DATA(Group.RISK, SettingType.DURATION, "3m", "Market data older than this blocks entries.",
      durationRange("1s", "1d")),
  RISK_MAX_PRICE_JUMP_PCT(Group.RISK, SettingType.DECIMAL, "0.5",
      "Price move against the previous observation treated as a glitch.", decimalRange("0.01", "100")),
  RISK_EXIT_RESERVE_PCT(Group.RISK, SettingType.DECIMAL, "0.1",
      "Margin above the minimum notional so a position stays sellable after a fall.", decimalRange("0", "2")),
  RISK_LLM_SAFE_MODE_AFTER(Group.RISK, SettingType.INTEGER, "3",
      "Failed brain cycles in a row after which only exits are allowed.", range(1, 1000)),
  RISK_STOP_LOSS_PCT(Group.RISK, SettingType.DECIMAL, "0.03", "Default stop-loss distance enforced by code.",
      decimalRange("0.001", "0.9")),
  RISK_TAKE_PROFIT_PCT(Group.RISK, SettingType.DECIMAL, "0.06", "Default take-profit distance enforced by code.",
      decimalRange("0.001", "100")),
  RISK_MAX_HOLD(Group.RISK, SettingType.DURATION, "24h", "Positions older than this are closed by code.",
      durationRange("1m", "365d")),
  RISK_HALT_CANCEL_ORDERS(Group.RISK, SettingType.CHOICE, "entries",
      "Resting orders the agent cancels when it finds itself halted (kill switch, daily loss, IP ban): entries (its "
          + "buy orders), all (its exits too) or none.",
      choices("entries", "all", "none")),

  // --- Signals --------------------------------------------------------------------------------------------
  TRENDS_KEYWORDS(Group.SIGNALS, SettingType.LIST, "socialfi,crypto airdrop,memecoin",
      "Google Trends keywords (at most 5)."),
  TRENDS_ENABLED(Group.SIGNALS, SettingType.BOOLEAN, "true", "Query Google Trends (optional, rate-limited)."),
  TRENDS_BASE_URL(Group.SIGNALS, SettingType.URL, "https://trends.google.com", "Google Trends base URL."),
  TRENDS_GEO(Group.SIGNALS, SettingType.STRING, "", "Trends region: empty for worldwide, or e.g. US."),
  TRENDS_TIMEFRAME(Group.SIGNALS, SettingType.STRING, "now 7-d", "Trends timeframe (now 1-d, now 7-d, today 1-m ...)."),
  TRENDS_CACHE_TTL(Group.SIGNALS, SettingType.DURATION, "2h", "How long Trends answers are reused.",
      durationRange("1m", "7d")),
  NEWS_ENABLED(Group.SIGNALS, SettingType.BOOLEAN, "true", "Fetch crypto news."),
  CRYPTOCOMPARE_BASE_URL(Group.SIGNALS, SettingType.URL, "https://min-api.cryptocompare.com",
      "CryptoCompare news base URL."),
  CRYPTOCOMPARE_API_KEY(Group.SIGNALS, SettingType.SECRET, "", "Optional CryptoCompare API key."),
  NEWS_RSS_FEEDS(Group.SIGNALS, SettingType.LIST,
      "https://www.coindesk.com/arc/outboundfeeds/rss/,https://cointelegraph.com/rss,https://decrypt.co/feed,"
          + "https://www.theblock.co/rss.xml,https://bitcoinmagazine.com/feed,https://cryptoslate.com/feed/",
      "RSS/Atom feeds to read."),
  NARRATIVES(Group.SIGNALS, SettingType.LIST, "socialfi,memecoin,ai,airdrop,defi,gaming",
      "Narratives scored by ml_narrative_strength."),
  SIGNALS_TIMEOUT(Group.SIGNALS, SettingType.DURATION, "20s",
      "Longest wait for one signals provider per cycle; a slower provider is reported unavailable.",
      durationRange("100ms", "5m")),
  SIGNALS_GAINERS_MIN_QUOTE_VOLUME(Group.SIGNALS, SettingType.DECIMAL, "50000",
      "Minimum 24 h quote volume for a symbol to count as a top gainer.", decimalRange("0", "1000000000000")),

  // --- Agent ----------------------------------------------------------------------------------------------
  CYCLE_INTERVAL(Group.AGENT, SettingType.DURATION, "60s", "Time between decision cycles.",
      durationRange("100ms", "1d")),
  QUOTE_ASSET(Group.AGENT, SettingType.STRING, "USDT", "Quote currency traded against."),
  AGENT_UNIVERSE_SIZE(Group.AGENT, SettingType.INTEGER, "100",
      "Pairs the agent watches each cycle, the most traded first (24 h quote volume at start).", range(1, 5_000)),
  PAPER_STARTING_BALANCE(Group.AGENT, SettingType.DECIMAL, "1000", "Starting quote balance of a paper wallet.",
      decimalRange("1", "1000000000")),
  PAPER_MAKER_FEE(Group.AGENT, SettingType.DECIMAL, "0", "Paper maker fee fraction (MEXC: 0).",
      decimalRange("0", "0.05")),
  PAPER_TAKER_FEE(Group.AGENT, SettingType.DECIMAL, "0.0005", "Paper taker fee fraction (MEXC: 0.05 %).",
      decimalRange("0", "0.05")),
  SYNTHETIC_SYMBOLS(Group.AGENT, SettingType.INTEGER, "60", "Pairs in the synthetic market.", range(2, 10_000)),
  PRELIVE_MIN_PAPER_TRADES(Group.AGENT, SettingType.INTEGER, "20",
      "Closed paper trades required before the first live run.", range(0, 100_000)),
  DB_PATH(Group.AGENT, SettingType.PATH, "ottertrend.db", "SQLite database file (paper and live must differ)."),
  PAPER_DB_PATH(Group.AGENT, SettingType.PATH, "ottertrend.db",
      "Paper database holding the track record the pre-live check reads (must differ from the live database)."),
  LOG_LEVEL(Group.AGENT, SettingType.CHOICE, "info", "Log level of the log file.",
      choices("trace", "debug", "info", "warn", "error")),
  ORDER_NOT_FOUND_MISSES(Group.AGENT, SettingType.INTEGER, "3",
      "Queries that must miss an order whose outcome is unknown before it counts as never placed.", range(1, 100)),
  ORDER_NOT_FOUND_GRACE(Group.AGENT, SettingType.DURATION, "30s",
      "Time from the first miss before an order whose outcome is unknown counts as never placed.",
      durationRange("0s", "1h")),
  RECONCILE_IGNORE_ASSETS(Group.AGENT, SettingType.LIST, "",
      "Wallet assets the start-up check never compares (your own holdings the agent does not trade, a fee token such as MX)."),
  RECONCILE_RESERVED(Group.AGENT, SettingType.LIST, "",
      "Your own holdings of assets the agent also trades, as ASSET:AMOUNT (e.g. BTC:0.05): held on top of its positions."),
  RECONCILE_TOLERANCE_PCT(Group.AGENT, SettingType.DECIMAL, "0.01",
      "Wallet vs position difference accepted as fees or rounding, as a fraction.", decimalRange("0", "0.5")),

  // --- Alerts ---------------------------------------------------------------------------------------------
  ALERT_WEBHOOK_URL(Group.ALERTS, SettingType.SECRET, "", "Generic JSON webhook receiving alerts."),
  TELEGRAM_BOT_TOKEN(Group.ALERTS, SettingType.SECRET, "", "Telegram bot token for alerts."),
  TELEGRAM_CHAT_ID(Group.ALERTS, SettingType.STRING, "", "Telegram chat id for alerts."),
  TELEGRAM_BASE_URL(Group.ALERTS, SettingType.URL, "https://api.telegram.org", "Telegram Bot API base URL."),
  DISCORD_WEBHOOK_URL(Group.ALERTS, SettingType.SECRET, "", "Discord webhook URL for alerts."),
  ALERT_MIN_INTERVAL(Group.ALERTS, SettingType.DURATION, "5m", "Minimum time between two alerts of one kind.",
      durationRange("0s", "1d"));

  /** Setting groups, in display order. */
  public enum Group {
    EXCHANGE,
    LLM,
    RISK,
    SIGNALS,
    AGENT,
    ALERTS
  }

  private final Group group;
  private final SettingType type;
  private final String defaultValue;
  private final String description;
  private final Bounds bounds;

  Setting(Group group, SettingType type, String defaultValue, String description) {
    this(group, type, defaultValue, description, Bounds.NONE);
  }

  Setting(Group group, SettingType type, String defaultValue, String description, Bounds bounds) {
    this.group = group;
    this.type = type;
    this.defaultValue = defaultValue;
    this.description = description;
    this.bounds = bounds;
  }

  public Group group() {
    return group;
  }

  public SettingType type() {
    return type;
  }

  public String defaultValue() {
    return defaultValue;
  }

  public String description() {
    return description;
  }

  /** Human text of what values are allowed, e.g. {@code a decimal between 0.01 and 1000000}. */
  public String allowed() {
    return bounds.describe(type);
  }

  Bounds bounds() {
    return bounds;
  }

  /** True for secrets, whose values are never shown. */
  public boolean isSecret() {
    return type == SettingType.SECRET;
  }

  /** Finds a setting by name, case-insensitively, accepting dashes for underscores. */
  public static java.util.Optional<Setting> find(String name) {
    String key = name.strip().toUpperCase(Locale.ROOT).replace('-', '_');
    for (Setting s : values()) {
      if (s.name().equals(key)) {
        return java.util.Optional.of(s);
      }
    }
    return java.util.Optional.empty();
  }

  private static Bounds choices(String... words) {
    return new Bounds(null, null, null, null, List.of(words));
  }

  private static Bounds range(long min, long max) {
    return new Bounds(BigDecimal.valueOf(min), BigDecimal.valueOf(max), null, null, List.of());
  }

  private static Bounds decimalRange(String min, String max) {
    return new Bounds(new BigDecimal(min), new BigDecimal(max), null, null, List.of());
  }

  private static Bounds durationRange(String min, String max) {
    return new Bounds(null, null, Durations.parse(min), Durations.parse(max), List.of());
  }

  /** Allowed values of one setting. */
  record Bounds(
      BigDecimal min, BigDecimal max, java.time.Duration minDuration, java.time.Duration maxDuration,
      List<String> choices) {
    static final Bounds NONE = new Bounds(null, null, null, null, List.of());

    String describe(SettingType type) {
      return switch (type) {
        case BOOLEAN -> "true or false";
        case INTEGER -> min == null ? "a whole number" : "a whole number from " + min + " to " + max;
        case DECIMAL -> min == null ? "a decimal number"
            : "a decimal number from " + min.toPlainString() + " to " + max.toPlainString();
        case DURATION -> minDuration == null ? "a duration such as 500ms, 60s, 5m, 2h or 1d"
            : "a duration from " + Durations.format(minDuration) + " to " + Durations.format(maxDuration)
                + " (e.g. 60s, 5m, 2h)";
        case URL -> "an http(s) URL, or several separated by commas";
        case CHOICE -> "one of " + String.join(", ", choices);
        case LIST -> "a comma-separated list";
        case SECRET -> "any text (kept secret)";
        case PATH -> "a file path";
        case STRING -> "any text";
      };
    }
  }
}
