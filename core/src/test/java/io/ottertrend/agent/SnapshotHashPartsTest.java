package io.ottertrend.agent;

import static org.assertj.core.api.Assertions.assertThat;

import io.ottertrend.brain.MarketSnapshot;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The hashes {@link Agent#hash} writes out by hand are the records' own, for any field values. */
class SnapshotHashPartsTest {
  private static final double[] ODD = {0.0, -0.0, Double.NaN, Double.POSITIVE_INFINITY, -1e-300, 1e300};

  private static double value(Random random) {
    return random.nextInt(8) == 0 ? ODD[random.nextInt(ODD.length)] : (random.nextDouble() - 0.3) * 1e5;
  }

  @Test
  void portfolioAndRiskHashAsTheirRecordsDo() {
    Random random = new Random(13);
    for (int i = 0; i < 20_000; i++) {
      List<MarketSnapshot.PositionView> positions = new ArrayList<>();
      for (int k = random.nextInt(5); k > 0; k--) {
        positions.add(new MarketSnapshot.PositionView(random.nextInt(10) == 0 ? null : "S" + random.nextInt(99),
            value(random), value(random), value(random), value(random), value(random), random.nextLong(),
            value(random), value(random)));
      }
      MarketSnapshot.Portfolio p = new MarketSnapshot.Portfolio(value(random), value(random), positions);
      assertThat(Agent.portfolioHash(p)).isEqualTo(p.hashCode());
      MarketSnapshot.Risk r = new MarketSnapshot.Risk(value(random), value(random), random.nextInt(),
          random.nextInt(), value(random), value(random), value(random), random.nextInt(), random.nextInt(),
          value(random), random.nextBoolean(), random.nextBoolean(), random.nextBoolean() ? null : "halt " + i);
      assertThat(Agent.riskHash(r)).isEqualTo(r.hashCode());
    }
  }
}
