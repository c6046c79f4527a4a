package io.ottertrend.analytics;

/**
 * Periods of a {@link CrossSection}, in bars.
 *
 * @param emaPeriod EMA period (SMA-seeded)
 * @param rsiPeriod Wilder RSI period
 * @param atrPeriod Wilder ATR period
 * @param volatilityWindow number of log returns in the rolling volatility
 * @param changeBars bars in the "24h" window of price change and volume (288 for 5-minute bars)
 */
public record CrossSectionConfig(int emaPeriod, int rsiPeriod, int atrPeriod, int volatilityWindow, int changeBars) {
  public CrossSectionConfig {
    Indicators.checkPeriod(emaPeriod);
    Indicators.checkPeriod(rsiPeriod);
    Indicators.checkPeriod(atrPeriod);
    Indicators.checkPeriod(volatilityWindow);
    Indicators.checkPeriod(changeBars);
  }

  /** EMA 20, RSI 14, ATR 14, volatility over 20 returns, change over 288 bars (24h of 5-minute bars). */
  public static CrossSectionConfig defaults() {
    return new CrossSectionConfig(20, 14, 14, 20, 288);
  }
}
