package io.ottertrend.analytics;

/**
 * What SIMD the JVM offers and which kernels OtterTrend uses.
 *
 * @param backend {@code vector} or {@code scalar}
 * @param reason why this backend was chosen
 * @param moduleReadable whether {@code jdk.incubator.vector} is in the boot layer
 * @param c2Enabled whether the C2 compiler (which intrinsifies the Vector API) is on
 * @param vectorBitSize width of the preferred (or forced) vector shape in bits, {@code 0} when unavailable
 * @param doubleLanes doubles per vector, {@code 0} when unavailable
 * @param floatLanes floats per vector, {@code 0} when unavailable
 */
public record VectorizationInfo(
    String backend, String reason, boolean moduleReadable, boolean c2Enabled, int vectorBitSize, int doubleLanes,
    int floatLanes) {}
