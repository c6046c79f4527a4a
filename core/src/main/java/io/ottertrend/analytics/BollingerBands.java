package io.ottertrend.analytics;

/**
 * Bollinger bands over a series: {@code middle = SMA(period)}, {@code upper/lower = middle ± k·σ} with the
 * population standard deviation of the same window (TA-Lib's BBANDS with {@code MAType.Sma}). Each array has the
 * input's length; the first {@code period - 1} entries are NaN.
 *
 * @param middle simple moving average
 * @param upper middle plus {@code k} standard deviations
 * @param lower middle minus {@code k} standard deviations
 * @param period window length
 * @param k width in standard deviations
 */
public record BollingerBands(double[] middle, double[] upper, double[] lower, int period, double k) {}
