/**
 * Analytics on primitive {@code double[]}: indicators, volatility, regimes, anomalies, slippage and
 * cross-sectional scans, with SIMD kernels on the JDK Vector API and scalar twins.
 *
 * <p><b>API.</b> {@link io.ottertrend.analytics.Indicators} (indicators along time for one series), {@link
 * io.ottertrend.analytics.CrossSection} (incremental indicators, ranks and z-scores across thousands of symbols;
 * {@link io.ottertrend.analytics.RsiVolatilityColumns} for just its RSI and σ columns, scalar and allocation-free
 * from the first call), {@link io.ottertrend.analytics.RollingRegime} (the regime streamed bar by bar), {@link
 * io.ottertrend.analytics.Analytics} (volatility forecast, regime, anomalies, slippage) and the records they return.
 * Kernels live in {@code io.ottertrend.analytics.internal}, which is not API.
 *
 * <p><b>Threads.</b> The static methods are thread-safe; a {@code CrossSection}, {@code RsiVolatilityColumns} or
 * {@code RollingRegime} is stateful and belongs to one thread. The vector-or-scalar choice is made once per JVM and
 * logged, see {@link io.ottertrend.analytics.Vectorization}.
 */
package io.ottertrend.analytics;
