package io.ottertrend.signals;

import java.util.List;

/**
 * Everything the agent knew about trends and news at {@code at} (spec T2.4.1): keyword series and slopes,
 * narratives, recent headlines with sentiment and symbols, listings and gainers — each value with its
 * source, timestamp and staleness — plus the availability of every provider. Immutable; recorded in the
 * {@code signals} table as {@link #KIND} and replayed by {@link SignalsReplay}.
 *
 * @param at snapshot time, epoch ms
 * @param keywords keyword interest series
 * @param narratives narrative strengths (derived here; source {@code derived})
 * @param headlines recent headlines, newest first, tagged and scored
 * @param listings new listings
 * @param gainers top gainers, best first
 * @param providers health of every provider at snapshot time
 */
public record TrendsSnapshot(
    long at,
    List<Sourced<KeywordSeries>> keywords,
    List<Sourced<NarrativeStrength>> narratives,
    List<Sourced<NewsItem>> headlines,
    List<Sourced<Listing>> listings,
    List<Sourced<Gainer>> gainers,
    List<ProviderHealth> providers) {

  /** The {@code signals.kind} under which snapshots are stored. */
  public static final String KIND = "trends-snapshot";

  public TrendsSnapshot {
    keywords = List.copyOf(keywords);
    narratives = List.copyOf(narratives);
    headlines = List.copyOf(headlines);
    listings = List.copyOf(listings);
    gainers = List.copyOf(gainers);
    providers = List.copyOf(providers);
  }

  /** Health of one provider, if it took part. */
  public java.util.Optional<ProviderHealth> provider(String name) {
    return providers.stream().filter(p -> p.provider().equals(name)).findFirst();
  }
}
