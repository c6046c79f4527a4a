package io.ottertrend.signals.trends;

import io.ottertrend.config.Setting;
import io.ottertrend.config.Settings;
import io.ottertrend.exchange.Exchange;
import io.ottertrend.exchange.ExchangeException;
import io.ottertrend.memory.Memory;
import io.ottertrend.model.SymbolRules;
import io.ottertrend.model.Ticker;
import io.ottertrend.signals.Gainer;
import io.ottertrend.signals.HealthTracker;
import io.ottertrend.signals.Listing;
import io.ottertrend.signals.ProviderHealth;
import io.ottertrend.signals.SignalException;
import io.ottertrend.signals.TrendSignals;
import io.ottertrend.signals.TrendsProvider;
import io.ottertrend.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;

/**
 * Trends the market makes itself: new listings and top gainers over 24 h (the spec's MVP: MEXC new listings
 * and top gainers).
 *
 * <p><b>New listings.</b> MEXC publishes no listing feed (ccxt has none either, {@code protocols.md} §1.11),
 * so listings are found by diffing successive symbol lists: the symbols seen are kept in
 * {@link Memory#state(String)} under {@value #KNOWN_KEY}, so a restart does not report the whole exchange as
 * new. The first run only records a baseline (plus symbols whose {@code listedAtMillis} falls in the window).
 * A listing stays reported for {@link #LISTING_WINDOW}.
 *
 * <p><b>Top gainers.</b> {@link Exchange#tickers()} filtered to the quote asset and to a minimum 24 h quote
 * volume (thin pairs move the most and mean the least), sorted by 24 h change.
 *
 * <p><b>Thread-safety:</b> {@link #fetch()} is synchronized (it reads and writes the persisted symbol list).
 */
public final class ExchangeTrendsProvider implements TrendsProvider {
  /** Registry name. */
  public static final String NAME = "exchange";
  /** State key of the symbols seen so far (newline-separated). */
  public static final String KNOWN_KEY = "signals.exchange.known-symbols";
  /** State key of the recent listings ({@code symbol|base|firstSeen} lines). */
  public static final String LISTINGS_KEY = "signals.exchange.recent-listings";
  /** How long a new listing is reported. */
  public static final Duration LISTING_WINDOW = Duration.ofHours(72);

  private final Exchange exchange;
  private final Memory memory;
  private final Clock clock;
  private final String quoteAsset;
  private final double minQuoteVolume;
  private final int topGainers;
  private final HealthTracker health;

  public ExchangeTrendsProvider(Exchange exchange, Memory memory, Clock clock, String quoteAsset,
      double minQuoteVolume, int topGainers) {
    this.exchange = Objects.requireNonNull(exchange, "exchange");
    this.memory = Objects.requireNonNull(memory, "memory");
    this.clock = Objects.requireNonNull(clock, "clock");
    this.quoteAsset = Objects.requireNonNull(quoteAsset, "quoteAsset");
    if (!(minQuoteVolume >= 0) || topGainers < 1) {
      throw new IllegalArgumentException("minQuoteVolume must be >= 0 and topGainers >= 1");
    }
    this.minQuoteVolume = minQuoteVolume;
    this.topGainers = topGainers;
    this.health = new HealthTracker(NAME, clock);
  }

  /** The provider configured from {@code QUOTE_ASSET} and {@code SIGNALS_GAINERS_MIN_QUOTE_VOLUME}. */
  public static ExchangeTrendsProvider create(Settings settings, Clock clock, Exchange exchange, Memory memory) {
    return new ExchangeTrendsProvider(exchange, memory, clock, settings.string(Setting.QUOTE_ASSET),
        settings.number(Setting.SIGNALS_GAINERS_MIN_QUOTE_VOLUME), 10);
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
  public synchronized TrendSignals fetch() {
    long now = clock.millis();
    try {
      List<Listing> listings = listings(exchange.symbolRules(), now);
      List<Gainer> gainers = gainers(exchange.tickers());
      health.up();
      return new TrendSignals(NAME, now, List.of(), listings, gainers);
    } catch (ExchangeException e) {
      health.unavailable(e.getMessage());
      throw new SignalException.Unavailable("exchange trends: " + HealthTracker.oneLine(e.getMessage()), e);
    }
  }

  private List<Listing> listings(List<SymbolRules> rules, long now) {
    long windowStart = now - LISTING_WINDOW.toMillis();
    Map<String, Listing> recent = new LinkedHashMap<>();
    for (String line : memory.state(LISTINGS_KEY).orElse("").split("\n")) {
      String[] f = line.split("\\|");
      if (f.length == 3) {
        long seen = Long.parseLong(f[2]);
        if (seen >= windowStart) {
          recent.put(f[0], new Listing(f[0], f[1], seen));
        }
      }
    }
    Set<String> current = new TreeSet<>();
    for (SymbolRules r : rules) {
      current.add(r.symbol());
    }
    String knownText = memory.state(KNOWN_KEY).orElse(null);
    Set<String> known = knownText == null ? null : new TreeSet<>(List.of(knownText.split("\n")));
    for (SymbolRules r : rules) {
      boolean appeared = known != null && !known.contains(r.symbol());
      boolean publishedRecent = r.listedAtMillis() >= windowStart && r.listedAtMillis() <= now;
      if ((appeared || publishedRecent) && !recent.containsKey(r.symbol())) {
        long seen = publishedRecent ? r.listedAtMillis() : now;
        recent.put(r.symbol(), new Listing(r.symbol(), r.baseAsset(), seen));
      }
    }
    memory.putState(KNOWN_KEY, String.join("\n", current), now);
    StringBuilder sb = new StringBuilder();
    for (Listing l : recent.values()) {
      sb.append(l.symbol()).append('|').append(l.baseAsset()).append('|').append(l.firstSeenAt()).append('\n');
    }
    memory.putState(LISTINGS_KEY, sb.toString(), now);
    List<Listing> out = new ArrayList<>(recent.values());
    out.sort(Comparator.comparingLong(Listing::firstSeenAt).reversed().thenComparing(Listing::symbol));
    return out;
  }

  private List<Gainer> gainers(List<Ticker> tickers) {
    return tickers.stream()
        .filter(t -> t.symbol().endsWith(quoteAsset) && t.symbol().length() > quoteAsset.length())
        .filter(t -> t.quoteVolume().doubleValue() >= minQuoteVolume)
        .filter(t -> Double.isFinite(t.changeFraction()) && t.changeFraction() > 0)
        .sorted(Comparator.comparingDouble(Ticker::changeFraction).reversed().thenComparing(Ticker::symbol))
        .limit(topGainers)
        .map(t -> new Gainer(t.symbol(), t.changeFraction(), t.quoteVolume().doubleValue()))
        .toList();
  }
}
