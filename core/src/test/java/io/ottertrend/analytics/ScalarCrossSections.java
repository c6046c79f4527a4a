package io.ottertrend.analytics;

/**
 * Scalar-backend {@link CrossSection}s for oracles outside this package: its σ column is computed with {@link
 * Math#log} in every JIT tier, where the vector backend's compiled {@code log} may round a return one ulp
 * differently from its interpreted fallback.
 */
public final class ScalarCrossSections {
  private ScalarCrossSections() {}

  /** A {@code CrossSection} on the scalar kernels whatever {@link Vectorization} decided. */
  public static CrossSection of(int symbols, CrossSectionConfig config) {
    return new CrossSection(symbols, config, false);
  }
}
