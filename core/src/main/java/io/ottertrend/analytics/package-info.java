/**
 * Analytics on primitive {@code double[]}: indicators, volatility, regimes, anomalies, slippage and
 * cross-sectional scans, with SIMD kernels on the JDK Vector API and scalar twins.
 *
 * <p><b>API.</b> Stateless static kernels are thread-safe; stateful cross-sectional updaters are not and
 * belong to one thread. The vector-or-scalar choice is made once per JVM, see {@link
 * io.ottertrend.analytics.Vectorization}.
 */
package io.ottertrend.analytics;
