package io.ottertrend.examples;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ParameterSweepExampleTest {
  @TempDir Path dir;

  @Test
  void everyGridPointIsBacktestedAndTheyAreRankedByReturn() throws Exception {
    List<ParameterSweepExample.Point> ranked = ParameterSweepExample.run(dir, List.of("0.01", "0.05"),
        List.of("0.02", "0.08"), 1, 7, 2);

    assertThat(ranked).hasSize(4);
    assertThat(ranked).extracting(ParameterSweepExample.Point::finalEquity)
        .isSortedAccordingTo(java.util.Comparator.reverseOrder());
    assertThat(ranked).extracting(p -> p.stopLossPct().toPlainString() + "/" + p.takeProfitPct().toPlainString())
        .containsExactlyInAnyOrder("0.01/0.02", "0.01/0.08", "0.05/0.02", "0.05/0.08");
    assertThat(ranked).allSatisfy(p -> {
      assertThat(p.fingerprint()).hasSize(64);
      assertThat(p.finalEquity()).isGreaterThan(BigDecimal.valueOf(900)).isLessThan(BigDecimal.valueOf(1100));
    });
  }

  @Test
  void theSweepIsReproducibleWhateverTheThreadCount() throws Exception {
    List<ParameterSweepExample.Point> one = ParameterSweepExample.run(Files.createDirectories(dir.resolve("a")),
        List.of("0.02", "0.04"), List.of("0.04"), 1, 5, 1);
    List<ParameterSweepExample.Point> two = ParameterSweepExample.run(Files.createDirectories(dir.resolve("b")),
        List.of("0.02", "0.04"), List.of("0.04"), 1, 5, 2);
    assertThat(two).isEqualTo(one);
  }
}
