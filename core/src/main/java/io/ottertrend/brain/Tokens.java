package io.ottertrend.brain;

/**
 * A conservative estimate of how many tokens a text costs a Llama-3-style BPE tokenizer, without the
 * tokenizer: a run of letters costs one token per four letters (rounded up), a run of digits one token per
 * three digits (Llama 3 splits numbers into groups of at most three), and a run of other symbols one token per
 * two characters (BPE merges {@code ","}, {@code ":"}, {@code "],["}); spaces are free (they merge with the next
 * word).
 * On JSON this errs high, which is the safe side for a budget.
 *
 * <p>Stateless and thread-safe.
 */
public final class Tokens {
  private Tokens() {}

  public static int estimate(CharSequence text) {
    int tokens = 0;
    int letters = 0;
    int digits = 0;
    int punct = 0;
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (Character.isLetter(c)) {
        if (digits > 0) {
          tokens += (digits + 2) / 3;
          digits = 0;
        }
        letters++;
      } else if (c >= '0' && c <= '9') {
        if (letters > 0) {
          tokens += (letters + 3) / 4;
          letters = 0;
        }
        digits++;
      } else {
        tokens += (letters + 3) / 4 + (digits + 2) / 3;
        letters = 0;
        digits = 0;
        // A space before a word merges with it; other symbols merge in pairs ("," "\":" "],[").
        if (c != ' ') {
          punct++;
        }
        continue;
      }
      tokens += (punct + 1) / 2;
      punct = 0;
    }
    return tokens + (letters + 3) / 4 + (digits + 2) / 3 + (punct + 1) / 2;
  }
}
