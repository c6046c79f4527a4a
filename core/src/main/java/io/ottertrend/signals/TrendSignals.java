package io.ottertrend.signals;

import java.util.List;
import java.util.Objects;

/**
 * What a {@link TrendsProvider} returns: keyword series and/or listings and gainers.
 *
 * @param source provider name
 * @param observedAt when the data was fetched from the source, epoch ms (older than now when cached)
 * @param series keyword interest series
 * @param listings new listings
 * @param gainers top gainers, best first
 */
public record TrendSignals(
    String source, long observedAt, List<KeywordSeries> series, List<Listing> listings, List<Gainer> gainers) {

  public TrendSignals {
    Objects.requireNonNull(source, "source");
    series = List.copyOf(series);
    listings = List.copyOf(listings);
    gainers = List.copyOf(gainers);
  }
}
