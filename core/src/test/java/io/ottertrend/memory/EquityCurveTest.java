package io.ottertrend.memory;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.util.List;
import java.util.Random;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/** {@link EquityCurve} holds what a map from time to point would, through appends, rewrites and rollbacks. */
class EquityCurveTest {

  @Test
  void holdsWhatASortedMapHolds() {
    Random random = new Random(3);
    for (int round = 0; round < 30; round++) {
      UndoLog undo = new UndoLog();
      EquityCurve curve = new EquityCurve(undo);
      TreeMap<Long, EquityPoint> reference = new TreeMap<>();
      long clock = 0;
      for (int step = 0; step < 200; step++) {
        int kind = random.nextInt(10);
        // mostly the next instant, sometimes the same one again (a rewrite), sometimes an earlier one
        long at = kind < 6 ? clock += 1 + random.nextInt(3) : kind < 8 ? clock : clock - random.nextInt(30);
        EquityPoint point = new EquityPoint(1L, at, BigDecimal.valueOf(step), BigDecimal.ONE);
        curve.put(point);
        if (random.nextInt(6) == 0) {
          if (random.nextBoolean()) {
            curve.put(new EquityPoint(1L, at - random.nextInt(3), BigDecimal.TEN, BigDecimal.ONE));
          }
          undo.rollback();
        } else {
          undo.commit();
          reference.put(at, point);
        }
        assertThat(curve.all()).isEqualTo(List.copyOf(reference.values())).isUnmodifiable();
      }
    }
  }
}
