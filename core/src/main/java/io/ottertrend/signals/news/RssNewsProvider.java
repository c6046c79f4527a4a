package io.ottertrend.signals.news;

import io.ottertrend.config.Setting;
import io.ottertrend.config.Settings;
import io.ottertrend.signals.HealthTracker;
import io.ottertrend.signals.NewsItem;
import io.ottertrend.signals.NewsProvider;
import io.ottertrend.signals.ProviderHealth;
import io.ottertrend.signals.SignalException;
import io.ottertrend.signals.internal.Http;
import io.ottertrend.time.Clock;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import okhttp3.HttpUrl;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Crypto news from RSS 2.0 / Atom feeds ({@code NEWS_RSS_FEEDS}; defaults: CoinDesk, Cointelegraph, Decrypt,
 * The Block, Bitcoin Magazine, CryptoSlate). Feeds are fetched in parallel (one virtual thread each, each
 * bounded by the HTTP client's call timeout), parsed by a locked-down XML parser ({@link FeedParser}),
 * merged newest first and de-duplicated ({@link NewsDedup}).
 *
 * <p>Health: {@code UP} when every feed answered, {@code DEGRADED} (naming the failed feeds) when some did,
 * and {@link SignalException.Unavailable} when none did. Requests carry a browser-like {@code User-Agent}
 * because some outlets sit behind bot filters that reject bare clients.
 *
 * <p><b>Thread-safety:</b> safe for concurrent use.
 */
public final class RssNewsProvider implements NewsProvider {
  /** Registry name. */
  public static final String NAME = "rss";
  static final String USER_AGENT = "Mozilla/5.0 (compatible; OtterTrend/0.1; +https://github.com/ottertrend)";
  private static final Logger LOG = LoggerFactory.getLogger(RssNewsProvider.class);

  private final List<HttpUrl> feeds;
  private final Clock clock;
  private final OkHttpClient http;
  private final HealthTracker health;

  /** @throws IllegalArgumentException when a feed is not an http(s) URL or the list is empty */
  public RssNewsProvider(List<String> feedUrls, Clock clock, OkHttpClient http) {
    if (feedUrls.isEmpty()) {
      throw new IllegalArgumentException("NEWS_RSS_FEEDS is empty: name at least one feed URL");
    }
    List<HttpUrl> parsed = new ArrayList<>();
    for (String u : feedUrls) {
      HttpUrl url = HttpUrl.parse(u.strip());
      if (url == null) {
        throw new IllegalArgumentException("NEWS_RSS_FEEDS entry is not an http(s) URL: " + u);
      }
      parsed.add(url);
    }
    this.feeds = List.copyOf(parsed);
    this.clock = Objects.requireNonNull(clock, "clock");
    this.http = Objects.requireNonNull(http, "http");
    this.health = new HealthTracker(NAME, clock);
  }

  /** The provider over {@code NEWS_RSS_FEEDS}. */
  public static RssNewsProvider create(Settings settings, Clock clock, OkHttpClient http) {
    return new RssNewsProvider(settings.list(Setting.NEWS_RSS_FEEDS), clock,
        http.newBuilder().callTimeout(settings.duration(Setting.HTTP_TIMEOUT)).build());
  }

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public ProviderHealth health() {
    return health.health();
  }

  @Override
  public List<NewsItem> latest() {
    long now = clock.millis();
    List<NewsItem> all = new ArrayList<>();
    List<String> failures = new ArrayList<>();
    try (ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor()) {
      List<Future<List<FeedParser.Entry>>> futures = new ArrayList<>();
      for (HttpUrl feed : feeds) {
        futures.add(pool.submit(() -> fetchFeed(feed, now)));
      }
      for (int i = 0; i < feeds.size(); i++) {
        try {
          futures.get(i).get().forEach(e -> all.add(e.item()));
        } catch (ExecutionException e) {
          String why = e.getCause() == null ? e.toString() : e.getCause().getMessage();
          failures.add(feeds.get(i).host() + ": " + why);
          LOG.debug("feed {} failed: {}", feeds.get(i).host(), why);
        }
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new SignalException.Unavailable("rss: interrupted", e);
    }
    if (failures.size() == feeds.size()) {
      String why = "all " + feeds.size() + " feeds failed; first: " + failures.getFirst();
      health.unavailable(why);
      throw new SignalException.Unavailable("rss: " + why, null);
    }
    if (failures.isEmpty()) {
      health.up();
    } else {
      health.degraded(failures.size() + " of " + feeds.size() + " feeds failed; first: " + failures.getFirst());
    }
    // De-duplicate in feed order first (the earlier feed in NEWS_RSS_FEEDS is the preferred source), then
    // sort newest first (a stable sort: ties keep feed order).
    List<NewsItem> unique = new ArrayList<>(NewsDedup.dedupe(all));
    unique.sort(Comparator.comparingLong(NewsItem::publishedAt).reversed());
    return unique;
  }

  private List<FeedParser.Entry> fetchFeed(HttpUrl feed, long now) {
    Http.Reply r = Http.execute(http, new Request.Builder().url(feed).header("User-Agent", USER_AGENT)
        .header("Accept", "application/rss+xml, application/atom+xml, application/xml;q=0.9, text/xml;q=0.8")
        .get().build(), "feed " + feed.host());
    if (!r.ok()) {
      throw new SignalException.BadResponse("HTTP " + r.code());
    }
    return FeedParser.parse(r.body(), sourceName(feed), now);
  }

  /** Outlet name from the host: {@code www.coindesk.com} → {@code coindesk}. */
  static String sourceName(HttpUrl feed) {
    String host = feed.host().replaceFirst("^(www|feeds|rss)\\.", "");
    int dot = host.indexOf('.');
    return dot > 0 ? host.substring(0, dot) : host;
  }
}
