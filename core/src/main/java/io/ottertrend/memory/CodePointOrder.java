package io.ottertrend.memory;

import java.util.Comparator;

/**
 * Orders strings the way SQLite's default {@code BINARY} collation does: by UTF-8 bytes, which is code point
 * order. {@link String#compareTo} compares UTF-16 units instead and disagrees for characters above U+E000
 * against supplementary characters, so sorted in-memory results would differ from SQLite's.
 */
final class CodePointOrder implements Comparator<String> {
  static final CodePointOrder INSTANCE = new CodePointOrder();

  private CodePointOrder() {}

  @Override
  public int compare(String a, String b) {
    int n = Math.min(a.length(), b.length());
    for (int i = 0; i < n; i++) {
      char x = a.charAt(i);
      char y = b.charAt(i);
      if (x != y) {
        return Integer.compare(rank(x), rank(y));
      }
    }
    return Integer.compare(a.length(), b.length());
  }

  /** Moves surrogates above U+E000..U+FFFF so UTF-16 units compare in code point order. */
  private static int rank(char c) {
    if (c < 0xD800) {
      return c;
    }
    return c >= 0xE000 ? c - 0x800 : c + 0x2000;
  }
}
