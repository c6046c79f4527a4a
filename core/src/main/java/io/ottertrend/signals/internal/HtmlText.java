package io.ottertrend.signals.internal;

import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Turns feed HTML into plain text: drops tags (and the content of scripts and styles), decodes numeric and
 * common named entities, collapses white space.
 *
 * <p>Thread-safe: stateless.
 */
public final class HtmlText {
  private static final Pattern SCRIPT = Pattern.compile("(?is)<(script|style)\\b.*?</\\1\\s*>");
  private static final Pattern TAG = Pattern.compile("(?s)<[^>]*>");
  private static final Pattern ENTITY = Pattern.compile("&(#[xX][0-9a-fA-F]{1,6}|#[0-9]{1,7}|[a-zA-Z][a-zA-Z0-9]{1,10});");
  private static final Pattern SPACE = Pattern.compile("[\\s\\u00a0]+");
  private static final Map<String, String> NAMED = Map.ofEntries(
      Map.entry("amp", "&"), Map.entry("lt", "<"), Map.entry("gt", ">"), Map.entry("quot", "\""),
      Map.entry("apos", "'"), Map.entry("nbsp", " "), Map.entry("rsquo", "\u2019"), Map.entry("lsquo", "\u2018"),
      Map.entry("rdquo", "\u201d"), Map.entry("ldquo", "\u201c"), Map.entry("hellip", "\u2026"),
      Map.entry("mdash", "\u2014"), Map.entry("ndash", "\u2013"), Map.entry("euro", "\u20ac"),
      Map.entry("pound", "\u00a3"), Map.entry("copy", "\u00a9"), Map.entry("reg", "\u00ae"),
      Map.entry("trade", "\u2122"), Map.entry("thinsp", "\u2009"), Map.entry("bull", "\u2022"));

  private HtmlText() {}

  /** Plain text of an HTML fragment; {@code null} becomes {@code ""}. */
  public static String plain(String html) {
    if (html == null || html.isEmpty()) {
      return "";
    }
    String s = SCRIPT.matcher(html).replaceAll(" ");
    s = TAG.matcher(s).replaceAll(" ");
    s = decode(s);
    // Double-escaped feeds ("&amp;#8217;") decode twice into the real character.
    if (s.indexOf('&') >= 0) {
      s = decode(s);
    }
    return SPACE.matcher(s).replaceAll(" ").strip();
  }

  /** Decodes HTML entities; unknown ones are left as they are. */
  public static String decode(String text) {
    if (text.indexOf('&') < 0) {
      return text;
    }
    Matcher m = ENTITY.matcher(text);
    StringBuilder sb = new StringBuilder(text.length());
    while (m.find()) {
      String e = m.group(1);
      String rep;
      if (e.charAt(0) == '#') {
        int cp;
        try {
          cp = e.length() > 1 && (e.charAt(1) == 'x' || e.charAt(1) == 'X')
              ? Integer.parseInt(e.substring(2), 16) : Integer.parseInt(e.substring(1));
        } catch (NumberFormatException ex) {
          cp = -1;
        }
        rep = Character.isValidCodePoint(cp) && cp > 0 ? new String(Character.toChars(cp)) : m.group();
      } else {
        rep = NAMED.getOrDefault(e, m.group());
      }
      m.appendReplacement(sb, Matcher.quoteReplacement(rep));
    }
    m.appendTail(sb);
    return sb.toString();
  }

  /** {@code text} cut to at most {@code max} characters at a word boundary, with an ellipsis when cut. */
  public static String excerpt(String text, int max) {
    if (text.length() <= max) {
      return text;
    }
    int cut = text.lastIndexOf(' ', max - 1);
    return text.substring(0, cut > max / 2 ? cut : max - 1) + "\u2026";
  }
}
