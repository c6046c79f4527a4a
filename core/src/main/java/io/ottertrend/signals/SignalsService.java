package io.ottertrend.signals;

import io.ottertrend.config.Setting;
import io.ottertrend.config.Settings;
import io.ottertrend.exchange.Exchange;
import io.ottertrend.memory.Memory;
import io.ottertrend.memory.SignalRecord;
import io.ottertrend.signals.news.NewsDedup;
import io.ottertrend.signals.news.SymbolTagger;
import io.ottertrend.signals.sentiment.NarrativeScorer;
import io.ottertrend.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Gathers every signal once per cycle into a {@link TrendsSnapshot} and records it.
 *
 * <p>All providers run at the same time on virtual threads and share one deadline ({@code SIGNALS_TIMEOUT});
 * one that throws, is slow, or whose circuit breaker is open yields {@code UNAVAILABLE since T} in the
 * snapshot and nothing else — never an exception out of {@link #collect()}, never a stalled cycle. News from
 * every source is merged, de-duplicated, tagged with the exchange symbols it mentions and scored in one
 * batch; narratives are derived from the keyword slopes, news volume and sentiment. Every snapshot is
 * written to the {@code signals} table (kind {@value TrendsSnapshot#KIND}) so that a backtest or replay at
 * simulated time T can read exactly what the agent saw ({@link SignalsReplay}).
 *
 * <p><b>Thread-safety:</b> {@link #collect()} is synchronized: one cycle at a time.
 */
public final class SignalsService implements AutoCloseable {
  /** Source name of values computed here rather than fetched. */
  public static final String DERIVED = "derived";
  private static final Logger LOG = LoggerFactory.getLogger(SignalsService.class);

  private final Clock clock;
  private final Memory memory;
  private final Exchange exchange;
  private final List<ProviderGuard> trends;
  private final List<ProviderGuard> news;
  private final SocialProvider social;
  private final SentimentAnalyzer sentiment;
  private final NarrativeScorer narratives;
  private final Duration timeout;
  private final int maxHeadlines;
  private final ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor();
  private SymbolTagger tagger = new SymbolTagger(Set.of());
  private TrendsSnapshot latest;

  private SignalsService(Builder b) {
    this.clock = b.clock;
    this.memory = b.memory;
    this.exchange = b.exchange;
    this.trends = b.trends.stream().map(p -> new ProviderGuard(p, b.clock, b.failureThreshold, b.openDelay)).toList();
    this.news = b.news.stream().map(p -> new ProviderGuard(p, b.clock, b.failureThreshold, b.openDelay)).toList();
    this.social = b.social;
    this.sentiment = Objects.requireNonNull(b.sentiment, "a SentimentAnalyzer is required");
    this.narratives = new NarrativeScorer(b.narratives);
    this.timeout = b.timeout;
    this.maxHeadlines = b.maxHeadlines;
  }

  /** A builder; providers, memory and exchange are optional. */
  public static Builder builder(Clock clock, SentimentAnalyzer sentiment) {
    return new Builder(clock, sentiment);
  }

  /**
   * The most recent snapshot collected by this service, or {@code null} before the first cycle.
   */
  public synchronized TrendsSnapshot latest() {
    return latest;
  }

  /** Gathers, builds, records and returns the snapshot for the current {@link Clock} time. */
  public synchronized TrendsSnapshot collect() {
    long at = clock.millis();
    List<Callable<Object>> calls = new ArrayList<>();
    List<ProviderGuard> asked = new ArrayList<>();
    for (ProviderGuard g : trends) {
      if (g.tryAcquire()) {
        asked.add(g);
        TrendsProvider p = (TrendsProvider) g.provider();
        calls.add(p::fetch);
      }
    }
    for (ProviderGuard g : news) {
      if (g.tryAcquire()) {
        asked.add(g);
        NewsProvider p = (NewsProvider) g.provider();
        calls.add(p::latest);
      }
    }
    // The symbol list for tagging is fetched under the same deadline: a hung exchange must not stall the cycle.
    if (exchange != null) {
      calls.add(() -> SymbolTagger.of(exchange.symbolRules()));
    }
    List<Future<Object>> futures;
    try {
      futures = calls.isEmpty() ? List.of() : pool.invokeAll(calls, timeout.toMillis(), TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      futures = List.of();
      asked.forEach(g -> g.failure("interrupted"));
      asked = List.of();
    }
    List<TrendSignals> trendResults = new ArrayList<>();
    List<NewsItem> rawNews = new ArrayList<>();
    Map<NewsItem, String> providerOf = new IdentityHashMap<>();
    for (int i = 0; i < asked.size(); i++) {
      ProviderGuard g = asked.get(i);
      Object result = outcome(g, futures.get(i));
      if (result instanceof TrendSignals t) {
        trendResults.add(t);
      } else if (result instanceof List<?> items) {
        for (Object o : items) {
          rawNews.add((NewsItem) o);
          providerOf.put((NewsItem) o, g.provider().name());
        }
      }
    }
    if (exchange != null && futures.size() == calls.size()) {
      refreshTagger(futures.getLast());
    }
    TrendsSnapshot snapshot = build(at, trendResults, rawNews, providerOf);
    record(snapshot);
    latest = snapshot;
    return snapshot;
  }

  private Object outcome(ProviderGuard g, Future<Object> f) {
    try {
      Object v = f.get();
      g.success();
      return v;
    } catch (CancellationException e) {
      g.failure("no answer within " + timeout.toMillis() + " ms");
    } catch (ExecutionException e) {
      Throwable cause = e.getCause() == null ? e : e.getCause();
      g.failure(cause.getMessage() == null ? cause.getClass().getSimpleName() : cause.getMessage());
      LOG.debug("signals provider {} failed: {}", g.provider().name(), cause.toString());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      g.failure("interrupted");
    }
    return null;
  }

  private TrendsSnapshot build(long at, List<TrendSignals> trendResults, List<NewsItem> rawNews,
      Map<NewsItem, String> providerOf) {
    List<Sourced<KeywordSeries>> keywords = new ArrayList<>();
    List<Sourced<Listing>> listings = new ArrayList<>();
    List<Sourced<Gainer>> gainers = new ArrayList<>();
    List<KeywordSeries> allSeries = new ArrayList<>();
    for (TrendSignals t : trendResults) {
      for (KeywordSeries k : t.series()) {
        keywords.add(Sourced.of(k, t.source(), t.observedAt(), at));
        allSeries.add(k);
      }
      t.listings().forEach(l -> listings.add(Sourced.of(l, t.source(), t.observedAt(), at)));
      t.gainers().forEach(g -> gainers.add(Sourced.of(g, t.source(), t.observedAt(), at)));
    }
    // News: de-duplicate in provider order, newest first, cap, then tag and score in one batch.
    List<NewsItem> merged = new ArrayList<>(NewsDedup.dedupe(rawNews));
    merged.sort(Comparator.comparingLong(NewsItem::publishedAt).reversed());
    if (merged.size() > maxHeadlines) {
      merged = new ArrayList<>(merged.subList(0, maxHeadlines));
    }
    double[] scores = sentiment.compound(merged.stream().map(NewsItem::title).toList());
    List<NewsItem> scored = new ArrayList<>();
    List<Sourced<NewsItem>> headlines = new ArrayList<>();
    for (int i = 0; i < merged.size(); i++) {
      NewsItem n = merged.get(i);
      NewsItem tagged = n.withSignals(tagger.tag(n.title() + " \n " + n.excerpt()), scores[i]);
      scored.add(tagged);
      // Source = the provider that delivered it; the outlet stays in the item itself.
      headlines.add(Sourced.of(tagged, providerOf.getOrDefault(n, "news"), at, at));
    }
    List<Sourced<NarrativeStrength>> narr = new ArrayList<>();
    for (NarrativeStrength s : narratives.score(allSeries, scored)) {
      narr.add(Sourced.of(s, DERIVED, at, at));
    }
    List<ProviderHealth> health = new ArrayList<>();
    trends.forEach(g -> health.add(g.health()));
    news.forEach(g -> health.add(g.health()));
    if (social != null) {
      health.add(social.health());
    }
    return new TrendsSnapshot(at, keywords, narr, headlines, listings, gainers, health);
  }

  private void refreshTagger(Future<Object> f) {
    try {
      tagger = (SymbolTagger) f.get();
    } catch (CancellationException | ExecutionException e) {
      // Keep the previous tagger: symbols rarely change and tagging is a nicety, not a reason to stop.
      LOG.debug("cannot refresh symbol list for news tagging: {}", e.toString());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private void record(TrendsSnapshot s) {
    if (memory == null) {
      return;
    }
    try {
      memory.recordSignals(new SignalRecord(0, s.at(), TrendsSnapshot.KIND, "signals", SnapshotJson.write(s)));
    } catch (RuntimeException e) {
      LOG.warn("could not record signals snapshot at {}: {}", s.at(), e.getMessage());
    }
  }

  /** Stops the provider threads. Idempotent. */
  @Override
  public void close() {
    pool.shutdownNow();
  }

  /** Builder for {@link SignalsService}. Not thread-safe. */
  public static final class Builder {
    private final Clock clock;
    private final SentimentAnalyzer sentiment;
    private final List<TrendsProvider> trends = new ArrayList<>();
    private final List<NewsProvider> news = new ArrayList<>();
    private SocialProvider social;
    private Memory memory;
    private Exchange exchange;
    private List<String> narratives = List.of("socialfi", "memecoin", "ai", "airdrop", "defi", "gaming");
    private Duration timeout = Duration.ofSeconds(20);
    private int maxHeadlines = 50;
    private int failureThreshold = 3;
    private Duration openDelay = Duration.ofMinutes(5);

    private Builder(Clock clock, SentimentAnalyzer sentiment) {
      this.clock = Objects.requireNonNull(clock, "clock");
      this.sentiment = Objects.requireNonNull(sentiment, "sentiment");
    }

    /** Timeout and narratives from {@code SIGNALS_TIMEOUT} and {@code NARRATIVES}. */
    public Builder settings(Settings s) {
      this.timeout = s.duration(Setting.SIGNALS_TIMEOUT);
      this.narratives = s.list(Setting.NARRATIVES);
      return this;
    }

    public Builder trends(TrendsProvider p) {
      trends.add(Objects.requireNonNull(p));
      return this;
    }

    public Builder news(NewsProvider p) {
      news.add(Objects.requireNonNull(p));
      return this;
    }

    public Builder social(SocialProvider p) {
      this.social = p;
      return this;
    }

    /** Where snapshots are recorded ({@code null}: not recorded). */
    public Builder memory(Memory m) {
      this.memory = m;
      return this;
    }

    /** Whose symbol list tags the news ({@code null}: no tagging). */
    public Builder exchange(Exchange e) {
      this.exchange = e;
      return this;
    }

    public Builder narratives(List<String> names) {
      this.narratives = List.copyOf(names);
      return this;
    }

    /** @throws IllegalArgumentException when not positive */
    public Builder timeout(Duration d) {
      if (d.isNegative() || d.isZero()) {
        throw new IllegalArgumentException("signals timeout must be positive: " + d);
      }
      this.timeout = d;
      return this;
    }

    /** @throws IllegalArgumentException when below 1 */
    public Builder maxHeadlines(int n) {
      if (n < 1) {
        throw new IllegalArgumentException("maxHeadlines must be >= 1: " + n);
      }
      this.maxHeadlines = n;
      return this;
    }

    /** Breaker: opens after {@code failures} failures in a row, half-opens after {@code delay}. */
    public Builder circuitBreaker(int failures, Duration delay) {
      if (failures < 1 || delay.isNegative()) {
        throw new IllegalArgumentException("circuit breaker needs failures >= 1 and a non-negative delay");
      }
      this.failureThreshold = failures;
      this.openDelay = delay;
      return this;
    }

    public SignalsService build() {
      return new SignalsService(this);
    }
  }
}
