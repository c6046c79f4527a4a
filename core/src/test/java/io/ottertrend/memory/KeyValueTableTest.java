package io.ottertrend.memory;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.TreeMap;
import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.RepetitionInfo;
import org.junit.jupiter.api.Test;

/**
 * {@link KeyValueTable}'s prefix answers, built per segment on demand, against a sorted map in SQLite's order:
 * random writes, deletes and rolled-back transactions over keys with and without dots, queried by prefixes with
 * and without dots.
 */
class KeyValueTableTest {
  /** Characters that exercise the segment split ('.'), code point order (surrogates, U+E000) and near-dot bytes. */
  private static final String[] PIECES = {"a", "b", ".", "-", "/", "r", "é", "\uE000", "\uD83D\uDE00", "ab", "."};

  private static String randomKey(SplittableRandom rnd) {
    StringBuilder sb = new StringBuilder();
    int n = 1 + rnd.nextInt(5);
    for (int i = 0; i < n; i++) {
      sb.append(PIECES[rnd.nextInt(PIECES.length)]);
    }
    return sb.toString();
  }

  private static Map<String, String> expected(TreeMap<String, String> reference, String prefix) {
    Map<String, String> out = new LinkedHashMap<>();
    for (Map.Entry<String, String> e : reference.tailMap(prefix, true).entrySet()) {
      if (!e.getKey().startsWith(prefix)) {
        break;
      }
      out.put(e.getKey(), e.getValue());
    }
    return out;
  }

  private static void check(KeyValueTable table, TreeMap<String, String> reference, String prefix) {
    Map<String, String> got = table.withPrefix(prefix);
    Map<String, String> want = expected(reference, prefix);
    assertThat(new ArrayList<>(got.entrySet())).as("prefix '%s'", prefix)
        .containsExactlyElementsOf(new ArrayList<>(want.entrySet()));
  }

  @RepeatedTest(20)
  void prefixAnswersMatchASortedMap(RepetitionInfo info) {
    SplittableRandom rnd = new SplittableRandom(info.getCurrentRepetition());
    UndoLog undo = new UndoLog();
    KeyValueTable table = new KeyValueTable(undo);
    TreeMap<String, String> reference = new TreeMap<>(CodePointOrder.INSTANCE);
    List<String> keys = new ArrayList<>();
    for (int i = 0; i < 60; i++) {
      keys.add(randomKey(rnd));
    }
    for (int step = 0; step < 1_500; step++) {
      int op = rnd.nextInt(10);
      if (op < 5) {
        String k = keys.get(rnd.nextInt(keys.size()));
        String v = "v" + step;
        table.put(k, v);
        reference.put(k, v);
        undo.commit();
      } else if (op < 7) {
        String k = keys.get(rnd.nextInt(keys.size()));
        table.delete(k);
        reference.remove(k);
        undo.commit();
      } else if (op < 8) {
        // a transaction that fails: everything it did is undone
        for (int w = 0; w < 1 + rnd.nextInt(4); w++) {
          String k = keys.get(rnd.nextInt(keys.size()));
          if (rnd.nextBoolean()) {
            table.put(k, "doomed");
          } else {
            table.delete(k);
          }
          if (rnd.nextBoolean()) {
            table.withPrefix(k.substring(0, rnd.nextInt(k.length() + 1))); // read inside: kept, then undone
          }
        }
        undo.rollback();
      } else {
        String k = rnd.nextInt(4) == 0 ? randomKey(rnd) : keys.get(rnd.nextInt(keys.size()));
        check(table, reference, k.substring(0, rnd.nextInt(k.length() + 1)));
      }
    }
    for (String k : keys) {
      check(table, reference, k);
      check(table, reference, k.substring(0, k.length() / 2));
      assertThat(table.get(k)).isEqualTo(reference.get(k));
    }
    check(table, reference, "");
  }

  @Test
  void segmentsAnswerInKeyOrder() {
    UndoLog undo = new UndoLog();
    KeyValueTable table = new KeyValueTable(undo);
    for (int i = 0; i < 1_000; i++) {
      table.put("fill.applied.paper.P" + (999 - i), "x");
    }
    table.put("risk.trades", "1");
    table.put("risk.day", "2026-01-01");
    undo.commit();
    assertThat(table.withPrefix("risk.")).containsOnlyKeys("risk.day", "risk.trades");
    assertThat(table.withPrefix("risk.").keySet()).containsExactly("risk.day", "risk.trades");
    assertThat(table.withPrefix("fill.applied.paper.P99")).hasSize(11);
    assertThat(table.withPrefix("fill.applied.paper.P99").keySet()).first().isEqualTo("fill.applied.paper.P99");
    assertThat(table.withPrefix("")).hasSize(1_002);
    assertThat(table.withPrefix("").keySet()).first().isEqualTo("fill.applied.paper.P0");
    assertThat(table.withPrefix("").keySet()).last().isEqualTo("risk.trades");
  }
}
