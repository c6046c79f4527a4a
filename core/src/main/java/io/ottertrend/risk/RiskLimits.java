package io.ottertrend.risk;

import io.ottertrend.config.Setting;
import io.ottertrend.config.Settings;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.Objects;

/**
 * Every limit the risk engine enforces, read from {@link Settings} ({@code RISK_*} and
 * {@code LLM_DAILY_TOKEN_BUDGET}). Amounts are in the quote currency, which is taken to be a USD stablecoin.
 *
 * <p>There is no value that switches a rule off: the constructor refuses zero, negative or missing limits with
 * {@link IllegalArgumentException}, on top of the bounds {@link Settings} already checks. Immutable.
 *
 * @param maxTradeUsd largest entry value ({@code RISK_MAX_TRADE_USD})
 * @param maxTradePctEquity largest entry as a fraction of equity ({@code RISK_MAX_TRADE_PCT_EQUITY})
 * @param maxDailyTrades orders per UTC day; entries are refused once reached ({@code RISK_MAX_DAILY_TRADES})
 * @param maxDailyLossUsd marked-to-market loss since the start of the UTC day that halts entries
 * @param maxOpenPositions open positions (plus entries in flight) at once
 * @param maxSpreadPct largest spread as a fraction of mid
 * @param minLiquidityUsd 24 h quote volume below which entries are refused
 * @param lowLiquidityThresholdUsd 24 h quote volume below which entries are capped
 * @param lowLiquidityCapUsd the cap on low-liquidity pairs
 * @param maxDrawdownPct drawdown from the equity peak that locks entries
 * @param maxEntriesPerHour entries per rolling hour
 * @param cooldown pause on a pair after an exit
 * @param stoplossGuardCount stop-outs within the window that lock entries
 * @param stoplossGuardWindow window of the stop-loss guard
 * @param staleData age of market data (and of the portfolio valuation) beyond which entries are refused
 * @param maxPriceJumpPct price move against the previous observation treated as a glitch (fraction)
 * @param exitReservePct margin above the minimum notional an entry must keep so it stays sellable (fraction)
 * @param llmSafeModeAfter failed brain cycles in a row after which only exits pass
 * @param llmDailyTokenBudget LLM tokens per UTC day after which LLM entries are refused
 */
public record RiskLimits(
    BigDecimal maxTradeUsd,
    BigDecimal maxTradePctEquity,
    int maxDailyTrades,
    BigDecimal maxDailyLossUsd,
    int maxOpenPositions,
    double maxSpreadPct,
    double minLiquidityUsd,
    double lowLiquidityThresholdUsd,
    BigDecimal lowLiquidityCapUsd,
    BigDecimal maxDrawdownPct,
    int maxEntriesPerHour,
    Duration cooldown,
    int stoplossGuardCount,
    Duration stoplossGuardWindow,
    Duration staleData,
    double maxPriceJumpPct,
    BigDecimal exitReservePct,
    int llmSafeModeAfter,
    long llmDailyTokenBudget) {

  public RiskLimits {
    positive(maxTradeUsd, "maxTradeUsd");
    positive(maxTradePctEquity, "maxTradePctEquity");
    positive(maxDailyLossUsd, "maxDailyLossUsd");
    positive(lowLiquidityCapUsd, "lowLiquidityCapUsd");
    positive(maxDrawdownPct, "maxDrawdownPct");
    Objects.requireNonNull(exitReservePct, "exitReservePct");
    Objects.requireNonNull(cooldown, "cooldown");
    Objects.requireNonNull(stoplossGuardWindow, "stoplossGuardWindow");
    Objects.requireNonNull(staleData, "staleData");
    if (maxTradePctEquity.compareTo(BigDecimal.ONE) > 0) {
      throw new IllegalArgumentException("maxTradePctEquity must be <= 1: " + maxTradePctEquity.toPlainString());
    }
    if (maxDrawdownPct.compareTo(BigDecimal.ONE) >= 0) {
      throw new IllegalArgumentException("maxDrawdownPct must be < 1: " + maxDrawdownPct.toPlainString());
    }
    if (exitReservePct.signum() < 0) {
      throw new IllegalArgumentException("exitReservePct must be >= 0: " + exitReservePct.toPlainString());
    }
    if (maxDailyTrades < 1 || maxOpenPositions < 1 || maxEntriesPerHour < 1 || stoplossGuardCount < 1
        || llmSafeModeAfter < 1 || llmDailyTokenBudget < 1) {
      throw new IllegalArgumentException("count limits must be >= 1");
    }
    if (!(maxSpreadPct > 0 && maxSpreadPct < 1) || !(maxPriceJumpPct > 0) || Double.isInfinite(maxPriceJumpPct)
        || !(minLiquidityUsd >= 0) || !(lowLiquidityThresholdUsd >= 0)) {
      throw new IllegalArgumentException("spread, jump and liquidity limits must be finite and positive");
    }
    if (lowLiquidityCapUsd.compareTo(maxTradeUsd) > 0) {
      throw new IllegalArgumentException("lowLiquidityCapUsd must not exceed maxTradeUsd");
    }
    if (cooldown.isNegative() || !stoplossGuardWindow.isPositive() || !staleData.isPositive()) {
      throw new IllegalArgumentException("cooldown must be >= 0; stop-loss window and staleness must be > 0");
    }
  }

  private static void positive(BigDecimal v, String name) {
    Objects.requireNonNull(v, name);
    if (v.signum() <= 0) {
      throw new IllegalArgumentException(name + " must be > 0: " + v.toPlainString());
    }
  }

  /** The limits in {@code settings}. */
  public static RiskLimits from(Settings s) {
    return new RiskLimits(
        s.decimal(Setting.RISK_MAX_TRADE_USD),
        s.decimal(Setting.RISK_MAX_TRADE_PCT_EQUITY),
        s.integer(Setting.RISK_MAX_DAILY_TRADES),
        s.decimal(Setting.RISK_MAX_DAILY_LOSS_USD),
        s.integer(Setting.RISK_MAX_OPEN_POSITIONS),
        s.number(Setting.RISK_MAX_SPREAD_PCT),
        s.number(Setting.RISK_MIN_LIQUIDITY_USD),
        s.number(Setting.RISK_LOW_LIQUIDITY_THRESHOLD_USD),
        s.decimal(Setting.RISK_LOW_LIQUIDITY_CAP_USD),
        s.decimal(Setting.RISK_MAX_DRAWDOWN_PCT),
        s.integer(Setting.RISK_MAX_ENTRIES_PER_HOUR),
        s.duration(Setting.RISK_COOLDOWN),
        s.integer(Setting.RISK_STOPLOSS_GUARD_COUNT),
        s.duration(Setting.RISK_STOPLOSS_GUARD_WINDOW),
        s.duration(Setting.RISK_STALE_DATA),
        s.number(Setting.RISK_MAX_PRICE_JUMP_PCT),
        s.decimal(Setting.RISK_EXIT_RESERVE_PCT),
        s.integer(Setting.RISK_LLM_SAFE_MODE_AFTER),
        s.integer(Setting.LLM_DAILY_TOKEN_BUDGET));
  }

  /** The spec's defaults. */
  public static RiskLimits defaults() {
    return from(Settings.defaults());
  }
}
