package io.ottertrend.analytics;

/**
 * Volatility forecast from a return series, per bar (not annualised; multiply by {@code sqrt(bars per year)}).
 *
 * <p>EWMA (RiskMetrics): {@code σ²[t+1] = λ·σ²[t] + (1 - λ)·r²[t]}. GARCH(1,1): {@code σ²[t+1] = ω + α·r²[t] +
 * β·σ²[t]}, fitted by maximising the Gaussian log-likelihood; its {@code h}-step variance decays to the long-run
 * {@code ω / (1 - α - β)} at rate {@code α + β}. When the fit is not available ({@code garchConverged == false}:
 * too few returns, or the optimiser failed) the GARCH fields are NaN and the forecasts come from EWMA.
 *
 * @param observations returns used
 * @param mean mean return removed before fitting
 * @param ewmaLambda EWMA decay
 * @param ewmaVolatility EWMA one-step volatility
 * @param omega GARCH ω
 * @param alpha GARCH α (reaction to the last shock)
 * @param beta GARCH β (persistence of variance)
 * @param longRunVolatility {@code sqrt(ω / (1 - α - β))}
 * @param logLikelihood Gaussian log-likelihood at the fit
 * @param garchConverged whether the GARCH fields are a converged fit
 * @param model {@code "garch"} or {@code "ewma"}: which model the forecasts below come from
 * @param oneStepVolatility σ of the next bar
 * @param horizon number of bars forecast
 * @param horizonVolatility σ of the sum of the next {@code horizon} returns ({@code sqrt} of summed variances)
 * @param path σ of each of the next {@code horizon} bars
 */
public record VolatilityForecast(
    int observations, double mean, double ewmaLambda, double ewmaVolatility, double omega, double alpha, double beta,
    double longRunVolatility, double logLikelihood, boolean garchConverged, String model, double oneStepVolatility,
    int horizon, double horizonVolatility, double[] path) {}
