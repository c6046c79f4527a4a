package io.ottertrend.backtest;

/**
 * The headline numbers of a backtest. Returns are fractions (0.01 = 1 %); ratios are annualised with 365 days
 * (crypto trades every day). {@code NaN} where a number is undefined (e.g. Sharpe of fewer than two days).
 *
 * @param startEquity equity at the first cycle, quote
 * @param endEquity equity after the last cycle, quote
 * @param totalReturn end / start − 1
 * @param meanDailyReturn mean of the UTC daily returns
 * @param cagr compound annual growth rate over the window
 * @param sharpe annualised Sharpe ratio of daily returns (risk-free 0)
 * @param sortino annualised Sortino ratio of daily returns (target 0)
 * @param maxDrawdown deepest fall from a peak, as a positive fraction
 * @param maxDrawdownMillis longest time spent below a previous peak
 * @param trades closed round trips
 * @param winRate share of round trips with positive profit
 * @param profitFactor gross profit / gross loss ({@code +∞} without losses, NaN without trades)
 * @param averageHoldMillis mean holding time of round trips
 * @param feesPaid fees in quote
 * @param exposure mean share of equity held in positions, over cycles
 * @param buyHoldReturn return of buying the baseline pair (BTC) at the start and holding it
 * @param dailyReturnLow lower bound of the bootstrap 95 % interval of the mean daily return
 * @param dailyReturnHigh upper bound of that interval
 * @param targetDailyReturn the spec's daily ROI target the result is compared to (not a promise)
 */
public record BacktestSummary(double startEquity, double endEquity, double totalReturn, double meanDailyReturn,
    double cagr, double sharpe, double sortino, double maxDrawdown, long maxDrawdownMillis, int trades,
    double winRate, double profitFactor, long averageHoldMillis, double feesPaid, double exposure,
    double buyHoldReturn, double dailyReturnLow, double dailyReturnHigh, double targetDailyReturn) {

  /** Whether the mean daily return reached the target (a comparison, not a promise). */
  public boolean meetsTarget() {
    return meanDailyReturn >= targetDailyReturn;
  }
}
