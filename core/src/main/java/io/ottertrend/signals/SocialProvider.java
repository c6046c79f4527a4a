package io.ottertrend.signals;

import java.util.List;

/**
 * Social-media mentions (X/Twitter). The specification schedules this for V2: the shipped provider
 * ({@code none}) reports itself as not configured and returns no data — never invented numbers.
 *
 * <p><b>Thread-safety:</b> implementations are safe for concurrent use.
 */
public interface SocialProvider extends SignalProvider {

  /** Whether the provider has what it needs (credentials, endpoint) to answer. */
  boolean configured();

  /**
   * Mention counts of each term over the provider's window.
   *
   * @throws SignalException.NotConfigured when {@link #configured()} is false
   */
  List<SocialMention> mentions(List<String> terms);

  /** Mentions of one term. */
  record SocialMention(String term, long count, double sentiment, long observedAt) {}
}
