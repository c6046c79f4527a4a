package io.ottertrend.analytics;

import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorShape;

/**
 * The only class that touches the Vector API during the backend decision, loaded only when the module is
 * readable (so a JVM without {@code --add-modules} never links it).
 */
final class VectorShapes {
  private VectorShapes() {}

  /** {bits, double lanes, float lanes} of the preferred shape, or of {@code -Dottertrend.simd.bits}. */
  static int[] preferred() {
    int bits = Integer.getInteger("ottertrend.simd.bits", VectorShape.preferredShape().vectorBitSize());
    VectorShape shape = VectorShape.forBitSize(bits);
    return new int[] {
      bits, DoubleVector.SPECIES_PREFERRED.withShape(shape).length(), FloatVector.SPECIES_PREFERRED.withShape(shape).length()
    };
  }
}
