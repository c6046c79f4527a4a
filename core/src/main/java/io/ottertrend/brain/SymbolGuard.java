package io.ottertrend.brain;

import java.text.Normalizer;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Turns a symbol written by a model into one of ours, or refuses it. Symbols are chosen from the allow-list,
 * never copied from free text: the only tolerated differences are ASCII case and a {@code /}, {@code _} or
 * {@code -} between base and quote ({@code btc/usdt} → {@code BTCUSDT}). Anything else (Cyrillic or Greek
 * look-alikes, full-width letters, zero-width characters) is refused; when its look-alike skeleton matches an
 * allowed symbol the refusal says "look-alike symbol", which is worth a flag.
 *
 * <p>Immutable and thread-safe.
 */
public final class SymbolGuard {
  private static final Map<Character, Character> CONFUSABLES = Map.ofEntries(
      Map.entry('А', 'A'), Map.entry('В', 'B'), Map.entry('Е', 'E'), Map.entry('К', 'K'), Map.entry('М', 'M'),
      Map.entry('Н', 'H'), Map.entry('О', 'O'), Map.entry('Р', 'P'), Map.entry('С', 'C'), Map.entry('Т', 'T'),
      Map.entry('Х', 'X'), Map.entry('У', 'Y'), Map.entry('а', 'A'), Map.entry('е', 'E'), Map.entry('о', 'O'),
      Map.entry('р', 'P'), Map.entry('с', 'C'), Map.entry('у', 'Y'), Map.entry('х', 'X'), Map.entry('Α', 'A'),
      Map.entry('Β', 'B'), Map.entry('Ε', 'E'), Map.entry('Ζ', 'Z'), Map.entry('Η', 'H'), Map.entry('Ι', 'I'),
      Map.entry('Κ', 'K'), Map.entry('Μ', 'M'), Map.entry('Ν', 'N'), Map.entry('Ο', 'O'), Map.entry('Ρ', 'P'),
      Map.entry('Τ', 'T'), Map.entry('Υ', 'Y'), Map.entry('Χ', 'X'), Map.entry('ο', 'O'), Map.entry('0', 'O'),
      Map.entry('1', 'I'), Map.entry('l', 'I'), Map.entry('|', 'I'), Map.entry('5', 'S'));

  private final Set<String> allowed;
  private final Map<String, String> bySkeleton;

  /** A guard over {@code allowed} symbols (upper-case ASCII as the exchange spells them). */
  public SymbolGuard(Collection<String> allowed) {
    this.allowed = new LinkedHashSet<>(allowed);
    Map<String, String> sk = new java.util.HashMap<>();
    for (String s : this.allowed) {
      sk.putIfAbsent(skeleton(s), s);
    }
    this.bySkeleton = sk;
  }

  /** The allowed symbols. */
  public Set<String> allowed() {
    return java.util.Collections.unmodifiableSet(allowed);
  }

  /** The outcome of a check: the symbol, or why not. */
  public record Check(String symbol, String refusal) {
    public boolean ok() {
      return symbol != null;
    }
  }

  /** Checks {@code raw} (any object the model produced). */
  public Check check(Object raw) {
    if (!(raw instanceof String s) || s.isBlank()) {
      return new Check(null, "missing or non-text symbol");
    }
    if (s.length() > 32) {
      return new Check(null, "symbol too long");
    }
    boolean ascii = s.chars().allMatch(c -> (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z')
        || (c >= '0' && c <= '9') || c == '/' || c == '_' || c == '-');
    if (ascii) {
      String norm = s.toUpperCase(Locale.ROOT).replace("/", "").replace("_", "").replace("-", "");
      if (allowed.contains(norm)) {
        return new Check(norm, null);
      }
    }
    String look = bySkeleton.get(skeleton(s));
    if (look != null) {
      return new Check(null, "look-alike symbol (resembles " + look + ")");
    }
    return new Check(null, ascii ? "unknown symbol (not in the snapshot)" : "symbol has characters outside A-Z0-9");
  }

  /** A comparison form that maps common homoglyphs onto Latin capitals. Used only to name a refusal. */
  static String skeleton(String s) {
    String n = Normalizer.normalize(s, Normalizer.Form.NFKC);
    StringBuilder sb = new StringBuilder(n.length());
    for (int i = 0; i < n.length(); i++) {
      char c = n.charAt(i);
      Character m = CONFUSABLES.get(c);
      char d = m != null ? m : Character.toUpperCase(c);
      if ((d >= 'A' && d <= 'Z') || (d >= '2' && d <= '9')) {
        sb.append(d);
      }
    }
    return sb.toString();
  }
}
