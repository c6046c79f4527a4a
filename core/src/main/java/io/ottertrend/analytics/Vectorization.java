package io.ottertrend.analytics;

import java.lang.management.ManagementFactory;
import java.util.List;
import java.util.Locale;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Decides once per JVM whether the vector kernels run, Lucene-style: only when the
 * {@code jdk.incubator.vector} module is readable and C2 is enabled (without C2 the Vector API runs a slow
 * Java fallback, 11× slower than scalar code on this class of machine). Otherwise the scalar twins run.
 *
 * <p>System properties for tests and benchmarks: {@code ottertrend.simd=vector|scalar|auto} forces the
 * backend; {@code ottertrend.simd.bits=128|256|512} forces the vector width.
 *
 * <p>Thread-safe: the decision is computed once in a static initializer.
 */
public final class Vectorization {
  private static final Logger LOG = LoggerFactory.getLogger(Vectorization.class);
  private static final VectorizationInfo INFO = log(decide());

  private Vectorization() {}

  /** The decision for this JVM. */
  public static VectorizationInfo info() {
    return INFO;
  }

  /** True when the vector kernels are in use. */
  public static boolean useVector() {
    return INFO.backend().equals("vector");
  }

  // Logged once, when the class initialises: the first indicator call or `status`.
  private static VectorizationInfo log(VectorizationInfo info) {
    if (info.backend().equals("vector")) {
      LOG.info("analytics: vector kernels, {}-bit ({} doubles per vector): {}", info.vectorBitSize(),
          info.doubleLanes(), info.reason());
    } else {
      LOG.info("analytics: scalar kernels: {}", info.reason());
    }
    return info;
  }

  private static VectorizationInfo decide() {
    boolean module = ModuleLayer.boot().findModule("jdk.incubator.vector").isPresent();
    boolean c2 = c2Enabled();
    int bits = 0;
    int dl = 0;
    int fl = 0;
    if (module) {
      int[] shape = VectorShapes.preferred();
      bits = shape[0];
      dl = shape[1];
      fl = shape[2];
    }
    String forced = System.getProperty("ottertrend.simd", "auto").toLowerCase(Locale.ROOT);
    String backend;
    String reason;
    if (forced.equals("scalar")) {
      backend = "scalar";
      reason = "forced by -Dottertrend.simd=scalar";
    } else if (!module) {
      backend = "scalar";
      reason = "jdk.incubator.vector not readable; start the JVM with --add-modules jdk.incubator.vector";
    } else if (forced.equals("vector")) {
      backend = "vector";
      reason = "forced by -Dottertrend.simd=vector";
    } else if (!c2) {
      backend = "scalar";
      reason = "C2 compiler disabled (the Vector API is slower than scalar code without it)";
    } else if (dl < 2) {
      backend = "scalar";
      reason = "no vector shape wider than one double on this CPU";
    } else {
      backend = "vector";
      reason = "jdk.incubator.vector readable and C2 enabled";
    }
    return new VectorizationInfo(backend, reason, module, c2, bits, dl, fl);
  }

  private static boolean c2Enabled() {
    List<String> args = ManagementFactory.getRuntimeMXBean().getInputArguments();
    for (String a : args) {
      if (a.startsWith("-XX:TieredStopAtLevel=") && !a.endsWith("=4")) {
        return false;
      }
      if (a.equals("-Xint") || a.equals("-XX:-UseCompiler")) {
        return false;
      }
    }
    String vm = System.getProperty("java.vm.name", "").toLowerCase(Locale.ROOT);
    return vm.contains("hotspot") || vm.contains("openjdk");
  }
}
