/**
 * Backtests: the production {@link io.ottertrend.agent.Agent} — the same brain, risk engine, order manager and
 * paper fill model as {@code ottertrend paper} — driven by a simulated clock over stored or synthetic history.
 * There is no second implementation of trading logic here: this package only builds the run, steps the clock,
 * and measures the outcome.
 *
 * <p>Public API: {@link io.ottertrend.backtest.Backtest} (builder and runner), the result records
 * {@link io.ottertrend.backtest.BacktestResult}, {@link io.ottertrend.backtest.BacktestSummary},
 * {@link io.ottertrend.backtest.RoundTrip}, parameter sweeps with {@link io.ottertrend.backtest.Sweep}, and the
 * self-contained HTML report of {@link io.ottertrend.backtest.BacktestReport}. Metrics are computed by the
 * package-private {@code Metrics}.
 *
 * <p>Guarantees: no look-ahead (the market only shows bars closed at or before the simulated time, recorded
 * signals are read as of that time) and determinism (the same inputs give the same fills and the same
 * sha256 trade fingerprint, whatever the thread count of a sweep).
 */
package io.ottertrend.backtest;
