/**
 * JMH benchmarks, run on demand (never as timed tests). See {@code benchmarks/README.md} for the commands and the
 * measured ratios.
 */
package io.ottertrend.benchmarks;
