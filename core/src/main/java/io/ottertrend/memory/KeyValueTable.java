package io.ottertrend.memory;

import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeSet;

/**
 * String keys to string values for the {@code state} and {@code config} tables of {@link InMemoryMemory}:
 * O(1) reads and updates through a hash map, plus the keys sorted as SQLite sorts them for ordered and prefix
 * queries (O(log n + matches)). A prefix query's answer is kept until a key with that prefix is written, deleted
 * or restored: the risk engine asks for {@code risk.} several times a cycle and it changes only on verdicts.
 * Keys are never null here. Not thread-safe: used only under {@link InMemoryMemory}'s lock.
 */
final class KeyValueTable {
  private final UndoLog undo;
  private final Map<String, String> values = new HashMap<>();
  private final TreeSet<String> sortedKeys = new TreeSet<>(CodePointOrder.INSTANCE);
  /** Answers of {@link #withPrefix} by prefix; few prefixes are asked for, so a change scans them all. */
  private final Map<String, Map<String, String>> byPrefix = new HashMap<>();
  private static final int MAX_PREFIXES = 16;

  KeyValueTable(UndoLog undo) {
    this.undo = undo;
  }

  String get(String key) {
    return values.get(key);
  }

  void put(String key, String value) {
    String old = values.put(key, value);
    changed(key);
    if (old == null) {
      sortedKeys.add(key);
      undo.add(() -> {
        values.remove(key);
        sortedKeys.remove(key);
        changed(key);
      });
    } else {
      undo.add(() -> {
        values.put(key, old);
        changed(key);
      });
    }
  }

  void delete(String key) {
    String old = values.remove(key);
    if (old != null) {
      sortedKeys.remove(key);
      changed(key);
      undo.add(() -> {
        values.put(key, old);
        sortedKeys.add(key);
        changed(key);
      });
    }
  }

  /** Forgets the kept prefix answers that {@code key} belongs to. */
  private void changed(String key) {
    if (!byPrefix.isEmpty()) {
      byPrefix.keySet().removeIf(key::startsWith);
    }
  }

  /** Entries whose key starts with {@code prefix}, in key order, as an unmodifiable copy. */
  Map<String, String> withPrefix(String prefix) {
    Map<String, String> kept = byPrefix.get(prefix);
    if (kept != null) {
      return kept;
    }
    Map<String, String> out = new LinkedHashMap<>();
    for (String key : sortedKeys.tailSet(prefix, true)) {
      if (!key.startsWith(prefix)) {
        break;
      }
      out.put(key, values.get(key));
    }
    Map<String, String> answer = Collections.unmodifiableMap(out);
    if (byPrefix.size() >= MAX_PREFIXES) {
      byPrefix.clear(); // a caller walking many prefixes once: keep the table small rather than complete
    }
    byPrefix.put(prefix, answer);
    return answer;
  }
}
