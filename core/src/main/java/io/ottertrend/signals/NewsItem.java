package io.ottertrend.signals;

import java.util.Objects;
import java.util.Set;

/**
 * One news article.
 *
 * @param id the source's stable id (guid), or the link when the source has none
 * @param title headline (plain text, at most {@value #MAX_TITLE} characters)
 * @param url article link, or {@code ""}
 * @param source outlet, e.g. {@code coindesk}
 * @param publishedAt publication time, epoch ms
 * @param excerpt plain-text body excerpt (HTML stripped, entities decoded, length-capped)
 * @param symbols exchange base assets the text mentions
 * @param sentiment compound sentiment in {@code [-1, 1]}, or {@code NaN} before scoring
 */
public record NewsItem(
    String id, String title, String url, String source, long publishedAt, String excerpt, Set<String> symbols,
    double sentiment) {

  /** Longest excerpt kept: the body is untrusted text and reaches the LLM only length-capped. */
  public static final int MAX_EXCERPT = 400;
  /** Longest title kept, for the same reason. */
  public static final int MAX_TITLE = 300;

  public NewsItem {
    Objects.requireNonNull(title, "title");
    title = title.length() > MAX_TITLE ? title.substring(0, MAX_TITLE) : title;
    id = id == null ? "" : id;
    url = url == null ? "" : url;
    source = source == null ? "" : source;
    excerpt = excerpt == null ? "" : excerpt.length() > MAX_EXCERPT ? excerpt.substring(0, MAX_EXCERPT) : excerpt;
    symbols = symbols == null ? Set.of() : java.util.Collections.unmodifiableSortedSet(new java.util.TreeSet<>(symbols));
  }

  /** An untagged, unscored item as providers produce it. */
  public static NewsItem raw(String id, String title, String url, String source, long publishedAt, String excerpt) {
    return new NewsItem(id, title, url, source, publishedAt, excerpt, Set.of(), Double.NaN);
  }

  /** This item tagged and scored. */
  public NewsItem withSignals(Set<String> mentioned, double score) {
    return new NewsItem(id, title, url, source, publishedAt, excerpt, mentioned, score);
  }
}
