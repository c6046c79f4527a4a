package io.ottertrend.signals.news;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.ottertrend.signals.Fixtures;
import io.ottertrend.signals.NewsItem;
import io.ottertrend.signals.ProviderHealth;
import io.ottertrend.signals.SignalException;
import io.ottertrend.time.Clock;
import java.time.Instant;
import java.util.List;
import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import mockwebserver3.junit5.StartStop;
import okhttp3.OkHttpClient;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class RssNewsProviderTest {
  @StartStop final MockWebServer server = new MockWebServer();
  private final Clock clock = Clock.simulated(Instant.parse("2026-11-24T21:00:00Z"));

  @BeforeEach
  void setUp() {
    server.setDispatcher(new Dispatcher() {
      @Override
      public MockResponse dispatch(RecordedRequest r) {
        String path = r.getUrl().encodedPath();
        String ua = r.getHeaders().get("User-Agent");
        if (ua == null || !ua.startsWith("Mozilla/5.0")) {
          return new MockResponse.Builder().code(403).body("bot").build();
        }
        return switch (path) {
          case "/arc/outboundfeeds/rss/" -> xml("coindesk-rss.xml", "application/rss+xml; charset=utf-8");
          case "/feed/" -> xml("wordpress-rss.xml", "text/xml");
          case "/feed.atom" -> xml("atom.xml", "application/atom+xml");
          case "/xxe" -> xml("xxe.xml", "text/xml");
          default -> new MockResponse.Builder().code(500).body("down").build();
        };
      }
    });
  }

  private static MockResponse xml(String fixture, String type) {
    return new MockResponse.Builder().code(200).setHeader("Content-Type", type)
        .body(Fixtures.read("news/" + fixture)).build();
  }

  private RssNewsProvider provider(String... paths) {
    return new RssNewsProvider(java.util.Arrays.stream(paths).map(p -> server.url(p).toString()).toList(), clock,
        new OkHttpClient());
  }

  @Test
  void rss2AndAtomAreMergedNewestFirstAndDeduplicatedAcrossSources() {
    RssNewsProvider p = provider("/arc/outboundfeeds/rss/", "/feed/", "/feed.atom");
    List<NewsItem> items = p.latest();

    assertThat(items).extracting(NewsItem::title).containsExactly(
        "Memecoin rug pull leaves investors with worthless tokens \u2013 again", // 18:30 -0500 = 23:30Z
        "Airdrop season returns as protocol rewards early users",                 // 16:00 EST = 21:00Z
        "Item without a date or guid",                                            // no date: fetch time 21:00Z
        "Bitcoin Surges Past $100K as ETF Inflows Hit Record", // CoinDesk's 20:50 original, not the 20:55 copy
        "Solana Network Suffers Outage; SOL Slips 6%",
        "Ethereum rallies 12% after successful upgrade",
        "Exchange hacked: $200 million drained")
        .doesNotContain("An item without a title is skipped.");
    assertThat(p.health().status()).isEqualTo(ProviderHealth.Status.UP);
  }

  @Test
  void datesNamespacesCdataAndEntitiesAreRead() {
    List<NewsItem> items = provider("/arc/outboundfeeds/rss/", "/feed/", "/feed.atom").latest();
    NewsItem rug = find(items, "Memecoin rug pull");
    assertThat(rug.publishedAt()).isEqualTo(Instant.parse("2026-11-24T23:30:00Z").toEpochMilli());
    assertThat(rug.id()).isEqualTo("https://cryptoslate.com/?p=555001");
    assertThat(rug.excerpt()).startsWith("Developers pulled liquidity from the pool hours after launch\u2026");
    NewsItem airdrop = find(items, "Airdrop season");
    assertThat(airdrop.publishedAt()).isEqualTo(Instant.parse("2026-11-24T21:00:00Z").toEpochMilli());
    assertThat(airdrop.excerpt()).isEqualTo("Only content:encoded here, no description.");
    assertThat(airdrop.id()).isEqualTo("https://cryptoslate.com/airdrop-season/"); // no guid: the link
    NewsItem eth = find(items, "Ethereum rallies");
    assertThat(eth.publishedAt()).isEqualTo(Instant.parse("2026-11-24T16:30:00Z").toEpochMilli());
    assertThat(eth.url()).isEqualTo("https://blog.example.org/2026/11/eth-upgrade");
    assertThat(eth.excerpt()).isEqualTo("The merge-era roadmap keeps & delivering.");
    assertThat(find(items, "Exchange hacked").publishedAt())
        .isEqualTo(Instant.parse("2026-11-24T12:00:00.250Z").toEpochMilli());
    NewsItem btc = find(items, "Bitcoin Surges");
    assertThat(btc.excerpt()).isEqualTo("The largest cryptocurrency\u2019s rally extended as spot ETFs took in a record $1.2 billion .");
    assertThat(find(items, "Item without").publishedAt()).isEqualTo(clock.millis());
  }

  @Test
  void parserReadsCreatorsAndMediaFromTheirNamespaces() {
    List<FeedParser.Entry> cd = FeedParser.parse(Fixtures.read("news/coindesk-rss.xml"), "coindesk", 0);
    assertThat(cd.getFirst().author()).isEqualTo("Jane Doe");
    assertThat(cd.getFirst().image()).isEqualTo("https://cdn.sanity.io/images/btc.jpg");
    assertThat(cd.getFirst().item().source()).isEqualTo("coindesk");
    List<FeedParser.Entry> wp = FeedParser.parse(Fixtures.read("news/wordpress-rss.xml"), "cryptoslate", 0);
    assertThat(wp.getFirst().image()).isEqualTo("https://cryptoslate.com/wp-content/uploads/rug.jpg");
    assertThat(wp.get(2).image()).isEqualTo("https://cryptoslate.com/airdrop.png");
    List<FeedParser.Entry> atom = FeedParser.parse(Fixtures.read("news/atom.xml"), "blog", 0);
    assertThat(atom.getFirst().author()).isEqualTo("Satoshi Writer");
    assertThat(atom.getFirst().image()).isEqualTo("https://blog.example.org/eth.png");
    assertThat(atom.getFirst().guid()).isEqualTo("tag:blog.example.org,2026:eth-upgrade");
  }

  @Test
  void doctypesAndExternalEntitiesAreRefused() {
    assertThatThrownBy(() -> FeedParser.parse(Fixtures.read("news/xxe.xml"), "evil", 0))
        .isInstanceOf(SignalException.BadResponse.class).hasMessageContaining("not well-formed");
    RssNewsProvider p = provider("/xxe", "/feed.atom");
    assertThat(p.latest()).noneMatch(n -> n.title().contains("root:"));
    assertThat(p.health().status()).isEqualTo(ProviderHealth.Status.DEGRADED);
  }

  @Test
  void nonFeedXmlIsABadResponse() {
    assertThatThrownBy(() -> FeedParser.parse("<html><body/></html>", "x", 0))
        .isInstanceOf(SignalException.BadResponse.class).hasMessageContaining("neither RSS nor Atom");
  }

  @Test
  void oneFeedDownDegradesAllDownIsUnavailable() {
    RssNewsProvider some = provider("/down", "/feed.atom");
    assertThat(some.latest()).hasSize(2);
    assertThat(some.health().status()).isEqualTo(ProviderHealth.Status.DEGRADED);
    assertThat(some.health().lastError()).contains("1 of 2 feeds failed").contains("HTTP 500");

    RssNewsProvider none = provider("/down", "/also-down");
    assertThatThrownBy(none::latest).isInstanceOf(SignalException.Unavailable.class)
        .hasMessageContaining("all 2 feeds failed");
    assertThat(none.health().status()).isEqualTo(ProviderHealth.Status.UNAVAILABLE);
  }

  @Test
  void feedListIsValidatedAndSourceNamedAfterTheHost() {
    assertThatThrownBy(() -> new RssNewsProvider(List.of(), clock, new OkHttpClient()))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("NEWS_RSS_FEEDS");
    assertThatThrownBy(() -> new RssNewsProvider(List.of("nope"), clock, new OkHttpClient()))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("nope");
    assertThat(RssNewsProvider.sourceName(okhttp3.HttpUrl.get("https://www.coindesk.com/arc/outboundfeeds/rss/")))
        .isEqualTo("coindesk");
    assertThat(RssNewsProvider.sourceName(okhttp3.HttpUrl.get("https://feeds.feedburner.com/CoinDesk")))
        .isEqualTo("feedburner");
    assertThat(RssNewsProvider.create(io.ottertrend.config.Settings.defaults(), clock, new OkHttpClient()).name())
        .isEqualTo("rss");
  }

  private static NewsItem find(List<NewsItem> items, String prefix) {
    return items.stream().filter(n -> n.title().startsWith(prefix)).findFirst().orElseThrow();
  }
}
