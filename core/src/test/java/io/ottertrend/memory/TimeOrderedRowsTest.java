package io.ottertrend.memory;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/** {@link TimeOrderedRows} answers as a {@link TreeMap} of {@link TimeKey} would, through inserts and rollbacks. */
class TimeOrderedRowsTest {

  @Test
  void answersLikeASortedMapThroughRandomInsertsAndRollbacks() {
    Random random = new Random(11);
    for (int round = 0; round < 40; round++) {
      UndoLog undo = new UndoLog();
      TimeOrderedRows<String> rows = new TimeOrderedRows<>(undo);
      TreeMap<TimeKey, String> reference = new TreeMap<>();
      long seq = 0;
      long clock = 1_000;
      for (int step = 0; step < 300; step++) {
        // mostly in time order (as journals are written), sometimes back in time, sometimes at the same time
        int kind = random.nextInt(10);
        long at = kind < 6 ? clock += random.nextInt(3) : kind < 9 ? clock - random.nextInt(50) : clock;
        TimeKey key = new TimeKey(at, ++seq);
        String row = "r" + seq;
        boolean rollBack = random.nextInt(8) == 0;
        rows.insert(key, row);
        if (rollBack) {
          if (random.nextBoolean()) {
            TimeKey second = new TimeKey(at - random.nextInt(5), ++seq);
            rows.insert(second, "r" + seq);
          }
          undo.rollback();
        } else {
          undo.commit();
          reference.put(key, row);
        }
        assertSame(rows, reference, random, clock);
      }
    }
  }

  private static void assertSame(TimeOrderedRows<String> rows, TreeMap<TimeKey, String> reference, Random random,
      long clock) {
    int limit = random.nextInt(6) - 1;
    List<String> newest = new ArrayList<>(reference.descendingMap().values());
    assertThat(rows.newestFirst(limit)).isEqualTo(limit < 0 ? newest : newest.subList(0,
        Math.min(limit, newest.size())));
    long from = clock - random.nextInt(80);
    long to = from + random.nextInt(40) - 5;
    assertThat(rows.between(from, to)).isEqualTo(from > to ? List.of()
        : List.copyOf(reference.subMap(TimeKey.first(from), true, TimeKey.last(to), true).values()));
    assertThat(rows.since(from)).isEqualTo(List.copyOf(reference.tailMap(TimeKey.first(from), true).values()));
    assertThat(rows.since(Long.MIN_VALUE)).isEqualTo(List.copyOf(reference.values()));
    List<String> viewed = new ArrayList<>();
    rows.viewSince(from).forEach(viewed::add);
    assertThat(viewed).isEqualTo(List.copyOf(reference.tailMap(TimeKey.first(from), true).values()));
    Map.Entry<TimeKey, String> floor = reference.floorEntry(TimeKey.last(to));
    assertThat(rows.latestAtOrBefore(to)).isEqualTo(floor == null ? null : floor.getValue());
    assertThat(rows.newestFirst(2)).isUnmodifiable();
    assertThat(rows.since(from)).isUnmodifiable();
  }

  /** {@link TimeOrderedRows#put} holds what a map from time to point would, through appends, rewrites and rollbacks. */
  @Test
  void putHoldsWhatASortedMapHoldsThroughRewritesAndRollbacks() {
    Random random = new Random(3);
    for (int round = 0; round < 30; round++) {
      UndoLog undo = new UndoLog();
      TimeOrderedRows<EquityPoint> curve = new TimeOrderedRows<>(undo);
      TreeMap<Long, EquityPoint> reference = new TreeMap<>();
      long clock = 0;
      for (int step = 0; step < 200; step++) {
        int kind = random.nextInt(10);
        // mostly the next instant, sometimes the same one again (a rewrite), sometimes an earlier one
        long at = kind < 6 ? clock += 1 + random.nextInt(3) : kind < 8 ? clock : clock - random.nextInt(30);
        EquityPoint point = new EquityPoint(1L, at, BigDecimal.valueOf(step), BigDecimal.ONE);
        curve.put(new TimeKey(at, 0), point);
        if (random.nextInt(6) == 0) {
          if (random.nextBoolean()) {
            long earlier = at - random.nextInt(3);
            curve.put(new TimeKey(earlier, 0), new EquityPoint(1L, earlier, BigDecimal.TEN, BigDecimal.ONE));
          }
          undo.rollback();
        } else {
          undo.commit();
          reference.put(at, point);
        }
        assertThat(curve.since(Long.MIN_VALUE)).isEqualTo(List.copyOf(reference.values())).isUnmodifiable();
      }
    }
  }
}
