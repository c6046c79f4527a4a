package io.ottertrend.signals;

/**
 * A symbol that appeared on the exchange.
 *
 * @param symbol exchange symbol, e.g. {@code NEWUSDT}
 * @param baseAsset its base asset
 * @param firstSeenAt when we first saw it (or the exchange's listing time when it publishes one), epoch ms
 */
public record Listing(String symbol, String baseAsset, long firstSeenAt) {}
