package io.ottertrend.analytics;

/**
 * Allocation-free ranking of symbols by a {@code double} key: heap sort of an index array and a bounded min-heap
 * for top-N. Order: larger key first, NaN last, ties by lower index (so results are deterministic).
 *
 * <p>Thread-safe: stateless; the caller owns the buffers.
 */
final class Ranking {
  private Ranking() {}

  /** True when symbol {@code a} ranks before symbol {@code b}. */
  static boolean before(double[] key, int a, int b) {
    double x = key[a];
    double y = key[b];
    boolean xn = x != x;
    boolean yn = y != y;
    if (xn != yn) {
      return yn;
    }
    if (!xn && x != y) {
      return x > y;
    }
    return a < b;
  }

  /** {@code ranks[i]} = position of symbol {@code i} (0 = first); {@code order} is scratch of the same length. */
  static void ranksDescending(double[] key, int[] order, int[] ranks) {
    int n = key.length;
    if (ranks.length != n || order.length != n) {
      throw new IllegalArgumentException("ranks must have one entry per symbol (" + n + "), got " + ranks.length);
    }
    for (int i = 0; i < n; i++) {
      order[i] = i;
    }
    // Heap sort with a "worst at root" heap, so popping fills the array from the back with the worst first.
    for (int i = n / 2 - 1; i >= 0; i--) {
      siftDownWorst(key, order, i, n);
    }
    for (int end = n - 1; end > 0; end--) {
      int t = order[0];
      order[0] = order[end];
      order[end] = t;
      siftDownWorst(key, order, 0, end);
    }
    for (int r = 0; r < n; r++) {
      ranks[order[r]] = r;
    }
  }

  /** Writes the best {@code min(out.length, key.length)} symbols, best first, into {@code out}; returns the count. */
  static int topN(double[] key, int[] out) {
    int k = Math.min(out.length, key.length);
    if (k == 0) {
      return 0;
    }
    int size = 0;
    for (int i = 0; i < key.length; i++) {
      if (size < k) {
        out[size] = i;
        size++;
        if (size == k) {
          for (int j = k / 2 - 1; j >= 0; j--) {
            siftDownWorst(key, out, j, k);
          }
        }
      } else if (before(key, i, out[0])) {
        out[0] = i;
        siftDownWorst(key, out, 0, k);
      }
    }
    if (size < k) {
      for (int j = size / 2 - 1; j >= 0; j--) {
        siftDownWorst(key, out, j, size);
      }
    }
    // Pop the worst to the back: the prefix ends up best first.
    for (int end = size - 1; end > 0; end--) {
      int t = out[0];
      out[0] = out[end];
      out[end] = t;
      siftDownWorst(key, out, 0, end);
    }
    return size;
  }

  // Min-heap on rank: the root is the symbol that ranks last.
  private static void siftDownWorst(double[] key, int[] h, int i, int size) {
    while (true) {
      int l = 2 * i + 1;
      if (l >= size) {
        return;
      }
      int r = l + 1;
      int w = r < size && before(key, h[l], h[r]) ? r : l;
      if (before(key, h[w], h[i])) {
        return;
      }
      int t = h[i];
      h[i] = h[w];
      h[w] = t;
      i = w;
    }
  }
}
