package io.ottertrend.signals.news;

import static org.assertj.core.api.Assertions.assertThat;

import io.ottertrend.signals.NewsItem;
import java.util.List;
import org.junit.jupiter.api.Test;

class NewsDedupTest {
  @Test
  void sameGuidThenSameLinkThenSameTitleAreOneStory() {
    List<NewsItem> in = List.of(
        NewsItem.raw("g1", "Bitcoin hits record", "https://a.com/btc", "a", 3, ""),
        NewsItem.raw("g1", "Bitcoin hits record (updated)", "https://a.com/btc-2", "a", 2, ""),
        NewsItem.raw("g2", "Other title", "http://www.a.com/btc/?utm_source=x", "a", 2, ""),
        NewsItem.raw("g3", "BITCOIN hits  record!", "https://b.com/x", "b", 1, ""),
        NewsItem.raw("", "Ether falls", "", "c", 1, ""),
        NewsItem.raw("", "Ether falls.", "", "d", 1, ""),
        NewsItem.raw("g4", "Café news", "https://c.com/1", "c", 1, ""),
        NewsItem.raw("g5", "Cafe news", "https://c.com/2", "c", 1, ""),
        NewsItem.raw("g6", "Distinct story", "https://d.com/1", "d", 1, ""));
    assertThat(NewsDedup.dedupe(in)).extracting(NewsItem::id).containsExactly("g1", "", "g4", "g6");
  }

  @Test
  void linksAreNormalised() {
    assertThat(NewsDedup.normaliseLink("HTTPS://www.Example.com/a/b/?x=1#top")).isEqualTo("example.com/a/b");
    assertThat(NewsDedup.normaliseLink(null)).isEmpty();
    assertThat(NewsDedup.normaliseTitle(null)).isEmpty();
  }
}
