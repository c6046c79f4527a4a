package io.ottertrend.benchmarks;

import org.openjdk.jmh.annotations.Fork;

/** {@link CrossSectionBenchmark} on the scalar twins (same module flags, backend forced to scalar). */
@Fork(value = 1, jvmArgsAppend = {"--add-modules=jdk.incubator.vector", "-Dottertrend.simd=scalar"})
public class CrossSectionScalarBenchmark extends CrossSectionBenchmark {}
