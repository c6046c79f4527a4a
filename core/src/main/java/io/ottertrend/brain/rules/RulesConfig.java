package io.ottertrend.brain.rules;

import io.ottertrend.config.Setting;
import io.ottertrend.config.Settings;
import java.time.Duration;
import java.util.Objects;

/**
 * Parameters of the {@link RulesBrain}. Fractions are fractions.
 *
 * @param sizePctEquity size of a trend entry as a fraction of equity (capped by the snapshot's limit)
 * @param stopLossPct stop distance when a position has none recorded ({@code RISK_STOP_LOSS_PCT})
 * @param takeProfitPct target distance when a position has none ({@code RISK_TAKE_PROFIT_PCT})
 * @param maxHold positions older than this are closed ({@code RISK_MAX_HOLD})
 * @param rsiEntryMin lowest RSI for a trend entry (momentum confirmed)
 * @param rsiEntryMax highest RSI for a trend entry (not overbought)
 * @param rsiOversold RSI under which a ranging market is scalped
 * @param scalpTargetPct target distance of a scalp
 * @param scalpStopPct stop distance of a scalp
 * @param negativeNews headline sentiment at or below which a symbol is avoided
 * @param maxEntriesPerCycle new entries per decision
 */
public record RulesConfig(
    double sizePctEquity, double stopLossPct, double takeProfitPct, Duration maxHold, double rsiEntryMin,
    double rsiEntryMax, double rsiOversold, double scalpTargetPct, double scalpStopPct, double negativeNews,
    int maxEntriesPerCycle) {
  public RulesConfig {
    Objects.requireNonNull(maxHold, "maxHold");
    if (!(sizePctEquity > 0 && sizePctEquity <= 1) || !(stopLossPct > 0 && stopLossPct < 1) || !(takeProfitPct > 0)
        || !(scalpTargetPct > 0) || !(scalpStopPct > 0 && scalpStopPct < 1) || maxEntriesPerCycle < 0) {
      throw new IllegalArgumentException("rules parameters out of range");
    }
  }

  public static RulesConfig fromSettings(Settings s) {
    return new RulesConfig(s.number(Setting.RISK_MAX_TRADE_PCT_EQUITY), s.number(Setting.RISK_STOP_LOSS_PCT),
        s.number(Setting.RISK_TAKE_PROFIT_PCT), s.duration(Setting.RISK_MAX_HOLD), 50, 70, 30, 0.008, 0.006, -0.3, 2);
  }

  public static RulesConfig defaults() {
    return fromSettings(Settings.defaults());
  }
}
