package io.ottertrend.signals.social;

import io.ottertrend.signals.ProviderHealth;
import io.ottertrend.signals.SignalException;
import io.ottertrend.signals.SocialProvider;
import java.util.List;

/**
 * The {@code none} social provider: says it is not configured (X/Twitter mentions are a V2 feature) and
 * returns no data. Its health is {@code UNAVAILABLE} with that reason, so snapshots and dashboards show the
 * gap instead of hiding it. Immutable and thread-safe.
 */
public final class UnconfiguredSocialProvider implements SocialProvider {
  /** Registry name. */
  public static final String NAME = "none";
  /** Why there is no data. */
  public static final String REASON = "not configured: X/Twitter mentions are planned for V2";

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public ProviderHealth health() {
    return new ProviderHealth(NAME, ProviderHealth.Status.UNAVAILABLE, 0, REASON, 0);
  }

  @Override
  public boolean configured() {
    return false;
  }

  @Override
  public List<SocialMention> mentions(List<String> terms) {
    throw new SignalException.NotConfigured("social mentions " + REASON);
  }
}
