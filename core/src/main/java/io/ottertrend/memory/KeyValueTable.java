package io.ottertrend.memory;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * String keys to string values for the {@code state} and {@code config} tables of {@link InMemoryMemory}:
 * O(1) reads and writes through a hash map, and ordered prefix queries answered as SQLite sorts keys.
 *
 * <p><b>Key order is built on demand, per segment.</b> A key's segment is its text up to and including the first
 * {@code '.'} ({@code risk.}, {@code fill.}, {@code paper-venue.}), or the whole key when it has none. Each segment
 * keeps its keys in a hash set and sorts them only when a prefix query reads it, keeping the sorted array until a
 * key of that segment is added or removed. A prefix containing a {@code '.'} reads its one segment (every key with
 * that prefix has the prefix's segment); a prefix without one reads the segments whose name starts with it, in
 * segment order, which is also key order (two keys of different segments compare as their segments do). So the
 * unbounded, never-queried segments — one marker per applied fill, one row per paper order — cost a hash insert per
 * new key instead of a balanced-tree insert that grew with them, while {@code risk.} stays a few keys to sort.
 *
 * <p>A prefix query's answer is kept until a key with that prefix is written, deleted or restored: the risk engine
 * asks for {@code risk.} several times a cycle and it changes only on verdicts. Keys are never null here. Not
 * thread-safe: used only under {@link InMemoryMemory}'s lock.
 */
final class KeyValueTable {
  private final UndoLog undo;
  private final Map<String, String> values = new HashMap<>();
  /** Keys by segment name (see the class comment). */
  private final Map<String, Segment> segments = new HashMap<>();
  /** The segment of the last key added or removed: writes come in runs of one segment. */
  private Segment lastSegment;
  /** Answers of {@link #withPrefix} by prefix; few prefixes are asked for, so a change scans them all. */
  private final Map<String, Map<String, String>> byPrefix = new HashMap<>();
  private static final int MAX_PREFIXES = 16;

  /** The keys of one segment, sorted when first read after a change. */
  private static final class Segment {
    final String name;
    final Set<String> keys = new HashSet<>();
    /** {@link #keys} in code point order, or null after a change. */
    String[] sorted;

    Segment(String name) {
      this.name = name;
    }

    String[] sorted() {
      if (sorted == null) {
        String[] s = keys.toArray(new String[0]);
        Arrays.sort(s, CodePointOrder.INSTANCE);
        sorted = s;
      }
      return sorted;
    }

    void add(String key) {
      keys.add(key);
      sorted = null;
    }

    void remove(String key) {
      keys.remove(key);
      sorted = null;
    }
  }

  /** Takes {@code key} out of its segment, dropping the segment once empty (keys without a '.' come and go). */
  private void unindex(String key) {
    Segment s = segmentOf(key);
    s.remove(key);
    if (s.keys.isEmpty()) {
      segments.remove(s.name);
      lastSegment = null;
    }
  }

  KeyValueTable(UndoLog undo) {
    this.undo = undo;
  }

  /** Length of {@code key}'s segment name: up to and including the first {@code '.'}, else the whole key. */
  private static int segmentLength(String key) {
    int dot = key.indexOf('.');
    return dot < 0 ? key.length() : dot + 1;
  }

  /** The segment {@code key} belongs to, created when missing. */
  private Segment segmentOf(String key) {
    int n = segmentLength(key);
    Segment last = lastSegment;
    if (last != null && last.name.length() == n && key.startsWith(last.name)) {
      return last;
    }
    String name = key.substring(0, n);
    Segment s = segments.computeIfAbsent(name, Segment::new);
    lastSegment = s;
    return s;
  }

  String get(String key) {
    return values.get(key);
  }

  void put(String key, String value) {
    String old = values.put(key, value);
    changed(key);
    if (old == null) {
      segmentOf(key).add(key);
    }
    undo.add(new Restore(key, old, old == null));
  }

  void delete(String key) {
    String old = values.remove(key);
    if (old != null) {
      unindex(key);
      changed(key);
      undo.add(new Restore(key, old, true));
    }
  }

  /**
   * Undoes one write: puts back {@code old} under {@code key} (none: removes the key), re-indexing the key when the
   * write added or removed it. A class rather than a lambda: see {@link InMemoryMemory}'s {@code lockOpen}.
   */
  private final class Restore implements Runnable {
    private final String key;
    private final String old;
    private final boolean keySetChanged;

    Restore(String key, String old, boolean keySetChanged) {
      this.key = key;
      this.old = old;
      this.keySetChanged = keySetChanged;
    }

    @Override
    public void run() {
      if (old == null) {
        values.remove(key);
        unindex(key);
      } else {
        values.put(key, old);
        if (keySetChanged) {
          segmentOf(key).add(key);
        }
      }
      changed(key);
    }
  }

  /** Forgets the kept prefix answers that {@code key} belongs to. */
  private void changed(String key) {
    if (!byPrefix.isEmpty()) {
      byPrefix.keySet().removeIf(new java.util.function.Predicate<String>() { // not a lambda: see Restore
        @Override
        public boolean test(String prefix) {
          return key.startsWith(prefix);
        }
      });
    }
  }

  /** Entries whose key starts with {@code prefix}, in key order, as an unmodifiable copy. */
  Map<String, String> withPrefix(String prefix) {
    Map<String, String> kept = byPrefix.get(prefix);
    if (kept != null) {
      return kept;
    }
    Map<String, String> out = new LinkedHashMap<>();
    if (prefix.indexOf('.') >= 0) {
      // every key with this prefix is in the prefix's own segment
      Segment s = segments.get(prefix.substring(0, segmentLength(prefix)));
      if (s != null) {
        String[] keys = s.sorted();
        for (int i = lowerBound(keys, prefix); i < keys.length && keys[i].startsWith(prefix); i++) {
          out.put(keys[i], values.get(keys[i]));
        }
      }
    } else {
      // the segments whose name starts with the prefix hold exactly the keys that do; in segment order
      List<Segment> matching = new ArrayList<>();
      for (Segment s : segments.values()) {
        if (s.name.startsWith(prefix)) {
          matching.add(s);
        }
      }
      matching.sort((a, b) -> CodePointOrder.INSTANCE.compare(a.name, b.name));
      for (Segment s : matching) {
        for (String key : s.sorted()) {
          out.put(key, values.get(key));
        }
      }
    }
    Map<String, String> answer = Collections.unmodifiableMap(out);
    if (byPrefix.size() >= MAX_PREFIXES) {
      byPrefix.clear(); // a caller walking many prefixes once: keep the table small rather than complete
    }
    byPrefix.put(prefix, answer);
    return answer;
  }

  /** First index of {@code sorted} whose key is at or after {@code key} in code point order. */
  private static int lowerBound(String[] sorted, String key) {
    int lo = 0;
    int hi = sorted.length;
    while (lo < hi) {
      int mid = (lo + hi) >>> 1;
      if (CodePointOrder.INSTANCE.compare(sorted[mid], key) < 0) {
        lo = mid + 1;
      } else {
        hi = mid;
      }
    }
    return lo;
  }
}
