package io.ottertrend.risk;

/**
 * What an order does to exposure. Spot long-only: an {@link #ENTRY} buys (adds exposure), an {@link #EXIT}
 * sells what is held (removes exposure). Size limits and locks bound entries; exits are only bounded by the
 * position held, so that no limit can ever trap a losing position.
 */
public enum Intent {
  ENTRY,
  EXIT
}
