package io.ottertrend.signals.news;

import io.ottertrend.signals.NewsItem;
import java.text.Normalizer;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Removes repeated articles: the same guid, else the same link (ignoring scheme, {@code www.}, query string
 * and trailing slash), else the same normalised title (case, accents, punctuation and spacing ignored) — the
 * last catches one story syndicated by several outlets. The first occurrence wins, so callers pass the
 * preferred source first.
 *
 * <p>Thread-safe: stateless.
 */
public final class NewsDedup {
  private NewsDedup() {}

  /** {@code items} without repeats, in their original order. */
  public static List<NewsItem> dedupe(List<NewsItem> items) {
    Set<String> ids = new HashSet<>();
    Set<String> links = new HashSet<>();
    Set<String> titles = new HashSet<>();
    List<NewsItem> out = new ArrayList<>();
    for (NewsItem n : items) {
      String id = n.id().strip();
      String link = normaliseLink(n.url());
      String title = normaliseTitle(n.title());
      boolean seen = (!id.isEmpty() && ids.contains(id)) || (!link.isEmpty() && links.contains(link))
          || (!title.isEmpty() && titles.contains(title));
      if (!id.isEmpty()) {
        ids.add(id);
      }
      if (!link.isEmpty()) {
        links.add(link);
      }
      if (!title.isEmpty()) {
        titles.add(title);
      }
      if (!seen) {
        out.add(n);
      }
    }
    return out;
  }

  static String normaliseLink(String url) {
    if (url == null) {
      return "";
    }
    String s = url.strip().toLowerCase(Locale.ROOT);
    s = s.replaceFirst("^https?://", "").replaceFirst("^www\\.", "");
    int q = s.indexOf('?');
    if (q >= 0) {
      s = s.substring(0, q);
    }
    int h = s.indexOf('#');
    if (h >= 0) {
      s = s.substring(0, h);
    }
    while (s.endsWith("/")) {
      s = s.substring(0, s.length() - 1);
    }
    return s;
  }

  static String normaliseTitle(String title) {
    if (title == null) {
      return "";
    }
    String s = Normalizer.normalize(title, Normalizer.Form.NFKD).replaceAll("\\p{M}", "");
    s = s.toLowerCase(Locale.ROOT).replaceAll("[^\\p{L}\\p{N}$%]+", " ").strip();
    return s;
  }
}
