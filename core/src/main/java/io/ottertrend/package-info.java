/**
 * OtterTrend, the library: {@link io.ottertrend.OtterTrend} is the composition root that builds an
 * {@link io.ottertrend.agent.Agent} from a {@link io.ottertrend.registry.Registry} of components.
 *
 * <p><b>API.</b> Sub-packages: {@code model} (domain values), {@code config} (settings), {@code registry},
 * {@code memory} (SQLite), {@code exchange} (MEXC, paper), {@code net} (HTTP stack), {@code market}
 * (synthetic and historical markets), {@code data} (bar store), {@code analytics} (SIMD kernels),
 * {@code signals} (trends, news, sentiment), {@code llm} and {@code brain} (decisions), {@code risk} and
 * {@code alert} (the rules no brain can bypass), {@code agent} (the loop, order manager, reconciliation).
 */
package io.ottertrend;
