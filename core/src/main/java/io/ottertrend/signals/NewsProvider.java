package io.ottertrend.signals;

import java.util.List;

/**
 * A source of crypto news. Shipped: {@code cryptocompare}, {@code rss}. Items come back untagged (no symbols,
 * sentiment {@code NaN}); the {@link SignalsService} de-duplicates across sources, tags symbols and scores
 * sentiment once.
 *
 * <p><b>Thread-safety:</b> implementations are safe for concurrent use.
 *
 * <p><b>Errors:</b> {@link #latest()} throws {@link SignalException} subtypes when the source cannot answer.
 */
public interface NewsProvider extends SignalProvider {

  /** The latest articles, newest first where the source says so. */
  List<NewsItem> latest();
}
