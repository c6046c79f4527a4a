package io.ottertrend.brain;

import java.text.Normalizer;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * How untrusted text (news, token and trend names, tool results, exchange messages, model output echoed back)
 * enters a prompt: as data, never as instructions.
 *
 * <p>{@link #clean(String, int)} normalises (NFKC), strips control, format (zero-width, bidi overrides),
 * private-use and unassigned characters, neutralises fence and role markers, collapses whitespace and caps the
 * length. {@link #suspicious(String)} flags text that tries to instruct the model; flagged text is still
 * passed (cleaned, as data) so the model can see the market's mood, but the flag is recorded. Nothing here
 * can change a tool or a limit: those come from code.
 *
 * <p>Stateless and thread-safe.
 */
public final class Untrusted {
  /** Default cap for a headline or a name. */
  public static final int DEFAULT_MAX = 160;

  private static final Pattern SUSPICIOUS = Pattern.compile(
      "(ignore|disregard|forget|override|bypass)\\b.{0,40}\\b(instruction|instructions|rule|rules|limit|limits|"
          + "prompt|previous|above|prior|risk)"
          + "|\\b(system|assistant|developer)\\s*[:>\\]]"
          + "|\\byou are now\\b|\\bnew instructions?\\b|\\bact as\\b"
          + "|\\b(buy|sell|go)\\s+(max|all[- ]?in|everything)\\b|\\ball[- ]in\\b"
          + "|\\b(api[ _-]?key|secret|password|private key|seed phrase|system prompt)\\b"
          + "|\\b(withdraw|transfer)\\b.{0,30}\\b(fund|funds|wallet|address|usdt|btc)"
          + "|\\b(no|without|remove|raise|increase|disable)\\s+(risk\\s+)?limits?\\b"
          + "|<\\|?(im_start|im_end|eot_id|start_header_id)",
      Pattern.CASE_INSENSITIVE | Pattern.DOTALL);

  private Untrusted() {}

  /**
   * The cleaned text, at most {@code max} characters (an ellipsis marks a cut).
   *
   * @param text any text, may be null (gives {@code ""})
   */
  public static String clean(String text, int max) {
    if (text == null || text.isEmpty()) {
      return "";
    }
    String n = Normalizer.normalize(text, Normalizer.Form.NFKC);
    StringBuilder sb = new StringBuilder(Math.min(n.length(), max + 8));
    boolean space = false;
    for (int i = 0; i < n.length(); ) {
      int cp = n.codePointAt(i);
      i += Character.charCount(cp);
      int type = Character.getType(cp);
      if (Character.isWhitespace(cp) || Character.isSpaceChar(cp)) {
        space = sb.length() > 0;
        continue;
      }
      if (type == Character.CONTROL) {
        continue;
      }
      if (type == Character.FORMAT || type == Character.PRIVATE_USE || type == Character.UNASSIGNED
          || type == Character.SURROGATE) {
        continue;
      }
      if (space) {
        sb.append(' ');
        space = false;
      }
      // Fences, role tags and JSON-breaking quotes become harmless look-alikes of themselves.
      switch (cp) {
        case '`' -> sb.append('\'');
        case '<' -> sb.append('(');
        case '>' -> sb.append(')');
        case '"' -> sb.append('\'');
        case '\\' -> sb.append('/');
        default -> sb.appendCodePoint(cp);
      }
      if (sb.length() >= max) {
        break;
      }
    }
    String out = sb.toString();
    if (out.length() > max) {
      out = out.substring(0, max);
    }
    if (out.length() == max && n.length() > max) {
      out = out.substring(0, Math.max(0, max - 1)) + "…";
    }
    return out;
  }

  /** True when {@code text} reads like an instruction to the model (checked on the cleaned form too). */
  public static boolean suspicious(String text) {
    if (text == null || text.isEmpty()) {
      return false;
    }
    return SUSPICIOUS.matcher(text).find() || SUSPICIOUS.matcher(clean(text, 4096)).find();
  }

  /**
   * Wraps cleaned text in a labelled fence for free-text prompts:
   * {@code <<data source=news>> ... <<end data>>}. The content cannot close the fence ({@code <} and
   * {@code >} are replaced by {@link #clean}).
   */
  public static String fence(String source, String text, int max) {
    String label = clean(source, 24).toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9_-]", "_");
    return "<<data source=" + label + ">>\n" + clean(text, max) + "\n<<end data>>";
  }

  /** Flags for every suspicious text in {@code texts}, prefixed by {@code what}. */
  public static List<String> flags(String what, List<String> texts) {
    return texts.stream().filter(Untrusted::suspicious)
        .map(t -> "suspicious " + what + ": " + clean(t, 80)).toList();
  }
}
