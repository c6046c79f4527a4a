package io.ottertrend.memory;

import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeSet;

/**
 * String keys to string values for the {@code state} and {@code config} tables of {@link InMemoryMemory}:
 * O(1) reads and updates through a hash map, plus the keys sorted as SQLite sorts them for ordered and prefix
 * queries (O(log n + matches)). Keys are never null here. Not thread-safe: used only under
 * {@link InMemoryMemory}'s lock.
 */
final class KeyValueTable {
  private final UndoLog undo;
  private final Map<String, String> values = new HashMap<>();
  private final TreeSet<String> sortedKeys = new TreeSet<>(CodePointOrder.INSTANCE);

  KeyValueTable(UndoLog undo) {
    this.undo = undo;
  }

  String get(String key) {
    return values.get(key);
  }

  void put(String key, String value) {
    String old = values.put(key, value);
    if (old == null) {
      sortedKeys.add(key);
      undo.add(() -> {
        values.remove(key);
        sortedKeys.remove(key);
      });
    } else {
      undo.add(() -> values.put(key, old));
    }
  }

  void delete(String key) {
    String old = values.remove(key);
    if (old != null) {
      sortedKeys.remove(key);
      undo.add(() -> {
        values.put(key, old);
        sortedKeys.add(key);
      });
    }
  }

  /** Entries whose key starts with {@code prefix}, in key order, as an unmodifiable copy. */
  Map<String, String> withPrefix(String prefix) {
    Map<String, String> out = new LinkedHashMap<>();
    for (String key : sortedKeys.tailSet(prefix, true)) {
      if (!key.startsWith(prefix)) {
        break;
      }
      out.put(key, values.get(key));
    }
    return Collections.unmodifiableMap(out);
  }
}
