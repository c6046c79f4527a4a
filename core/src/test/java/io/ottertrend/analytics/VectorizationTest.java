package io.ottertrend.analytics;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class VectorizationTest {
  @Test
  void decisionIsConsistentWithWhatTheJvmOffers() {
    VectorizationInfo info = Vectorization.info();
    // The test JVM is started with --add-modules jdk.incubator.vector (surefire argLine).
    assertThat(info.moduleReadable()).isTrue();
    assertThat(info.vectorBitSize()).isIn(64, 128, 256, 512);
    assertThat(info.doubleLanes()).isEqualTo(info.vectorBitSize() / 64);
    assertThat(info.floatLanes()).isEqualTo(info.vectorBitSize() / 32);
    assertThat(info.backend()).isIn("vector", "scalar");
    assertThat(Vectorization.useVector()).isEqualTo(info.backend().equals("vector"));
    assertThat(info.reason()).isNotBlank();
  }
}
