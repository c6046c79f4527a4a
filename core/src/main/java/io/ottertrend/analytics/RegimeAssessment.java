package io.ottertrend.analytics;

/**
 * A regime and the numbers behind it.
 *
 * @param regime the classification
 * @param confidence in {@code [0, 1]}: how far the deciding number is past its threshold
 * @param efficiencyRatio Kaufman's {@code |net move| / Σ|bar moves|} over the window, in {@code [0, 1]}
 * @param netReturn {@code close[last] / close[last - window] - 1}
 * @param volatility population σ of the window's log returns, per bar
 * @param volatilityPercentile share of the series' earlier rolling σ values at or below the current one
 * @param drawdown {@code 1 - close[last] / max(close over the window)}
 * @param window bars in the window
 */
public record RegimeAssessment(
    Regime regime, double confidence, double efficiencyRatio, double netReturn, double volatility,
    double volatilityPercentile, double drawdown, int window) {}
