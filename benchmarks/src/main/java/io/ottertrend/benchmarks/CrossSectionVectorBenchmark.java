package io.ottertrend.benchmarks;

import org.openjdk.jmh.annotations.Fork;

/** {@link CrossSectionBenchmark} on the vector kernels. */
@Fork(value = 1, jvmArgsAppend = {"--add-modules=jdk.incubator.vector", "-Dottertrend.simd=vector"})
public class CrossSectionVectorBenchmark extends CrossSectionBenchmark {}
