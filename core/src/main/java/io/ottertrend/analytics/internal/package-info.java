/**
 * Internal: the SIMD kernels ({@link io.ottertrend.analytics.internal.VectorKernels}) and their scalar twins
 * ({@link io.ottertrend.analytics.internal.ScalarKernels}), plus the GARCH likelihood. Not API: signatures change
 * without notice and arguments are not validated; use {@link io.ottertrend.analytics.Indicators}, {@link
 * io.ottertrend.analytics.CrossSection} and {@link io.ottertrend.analytics.Analytics}.
 */
package io.ottertrend.analytics.internal;
