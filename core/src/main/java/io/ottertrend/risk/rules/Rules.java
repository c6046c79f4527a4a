package io.ottertrend.risk.rules;

import io.ottertrend.risk.RiskRule;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.List;
import java.util.Locale;

/**
 * The standard chain and the names stored with every verdict.
 *
 * <p>Order of {@link #standard()} (cheap gates first, sizing last, the minimum check at the very end so it
 * judges the final size):
 * <ol>
 *   <li>{@value #SYMBOL_TRADABLE}: rules known, trading, API-tradable, side and type accepted
 *   <li>{@value #PRICE_SANITY}: a positive price, uncrossed book, no jump, limit near the market
 *   <li>{@value #KILL_SWITCH}: manual halt
 *   <li>{@value #DAILY_LOSS}: marked-to-market loss today; latches a halt until 00:00 UTC
 *   <li>{@value #MAX_DRAWDOWN}: drawdown from the equity peak
 *   <li>{@value #STOPLOSS_GUARD}: too many stop-outs in the window
 *   <li>{@value #LLM_SAFE_MODE}: too many failed brain cycles
 *   <li>{@value #LLM_BUDGET}: LLM token budget of the day spent
 *   <li>{@value #STALE_DATA}: book, ticker or valuation too old
 *   <li>{@value #MAX_SPREAD}: spread too wide
 *   <li>{@value #MIN_LIQUIDITY}: 24 h volume too low
 *   <li>{@value #COOLDOWN}: the pair was exited recently
 *   <li>{@value #MAX_DAILY_TRADES}: orders today
 *   <li>{@value #ENTRIES_PER_HOUR}: entries in the rolling hour
 *   <li>{@value #MAX_OPEN_POSITIONS}: positions held or in flight
 *   <li>{@value #MAX_ORDER_USD}: shrink to the order limit
 *   <li>{@value #MAX_EQUITY_PCT}: shrink to the equity fraction
 *   <li>{@value #LOW_LIQUIDITY_CAP}: shrink on thin pairs and to the book depth
 *   <li>{@value #SYMBOL_MAX_NOTIONAL}: shrink to the symbol's maximum
 *   <li>{@value #FREE_BALANCE}: shrink to the free balance (entries) or the holding (exits)
 *   <li>{@value #MIN_NOTIONAL}: the final size meets the minimums (entries with the exit reserve)
 * </ol>
 * Exits are checked by {@value #SYMBOL_TRADABLE}, {@value #PRICE_SANITY}, {@value #SYMBOL_MAX_NOTIONAL},
 * {@value #FREE_BALANCE} and {@value #MIN_NOTIONAL} only. Stateless and thread-safe.
 */
public final class Rules {
  public static final String SYMBOL_TRADABLE = "symbol_tradable";
  public static final String PRICE_SANITY = "price_sanity";
  public static final String KILL_SWITCH = "kill_switch";
  public static final String DAILY_LOSS = "daily_loss";
  public static final String MAX_DRAWDOWN = "max_drawdown";
  public static final String STOPLOSS_GUARD = "stoploss_guard";
  public static final String LLM_SAFE_MODE = "llm_safe_mode";
  public static final String LLM_BUDGET = "llm_budget";
  public static final String STALE_DATA = "stale_data";
  public static final String MAX_SPREAD = "max_spread";
  public static final String MIN_LIQUIDITY = "min_liquidity";
  public static final String COOLDOWN = "cooldown";
  public static final String MAX_DAILY_TRADES = "max_daily_trades";
  public static final String ENTRIES_PER_HOUR = "entries_per_hour";
  public static final String MAX_OPEN_POSITIONS = "max_open_positions";
  public static final String MAX_ORDER_USD = "max_order_usd";
  public static final String MAX_EQUITY_PCT = "max_equity_pct";
  public static final String LOW_LIQUIDITY_CAP = "low_liquidity_cap";
  public static final String SYMBOL_MAX_NOTIONAL = "symbol_max_notional";
  public static final String FREE_BALANCE = "free_balance";
  public static final String MIN_NOTIONAL = "min_notional";

  private static final List<RiskRule> STANDARD = List.of(
      new SymbolTradableRule(),
      new PriceSanityRule(),
      new KillSwitchRule(),
      new DailyLossRule(),
      new MaxDrawdownRule(),
      new StoplossGuardRule(),
      new LlmSafeModeRule(),
      new LlmBudgetRule(),
      new StaleDataRule(),
      new MaxSpreadRule(),
      new MinLiquidityRule(),
      new CooldownRule(),
      new MaxDailyTradesRule(),
      new EntriesPerHourRule(),
      new MaxOpenPositionsRule(),
      new MaxOrderUsdRule(),
      new MaxEquityPctRule(),
      new LowLiquidityCapRule(),
      new SymbolMaxNotionalRule(),
      new FreeBalanceRule(),
      new MinNotionalRule());

  private Rules() {}

  /** The shipped rules in their documented order (an immutable list of stateless rules). */
  public static List<RiskRule> standard() {
    return STANDARD;
  }

  /**
   * The daily-loss rule's reason for a loss that reached the limit; the engine's {@code markToMarket} latches the
   * halt with the same words.
   */
  public static String dailyLossReached(BigDecimal loss, BigDecimal max) {
    return "loss today " + money(loss) + " reached the daily limit " + money(max);
  }

  static String money(BigDecimal v) {
    BigDecimal abs = v.abs();
    int scale = abs.compareTo(BigDecimal.ONE) >= 0 || abs.signum() == 0 ? 2 : 8;
    return v.setScale(scale, RoundingMode.HALF_EVEN).stripTrailingZeros().toPlainString();
  }

  static String pct(double fraction) {
    return String.format(Locale.ROOT, "%.2f%%", fraction * 100);
  }
}
