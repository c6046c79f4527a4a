/**
 * Observe-only market scans over any {@link io.ottertrend.exchange.Exchange}: top gainers, new listings
 * (persisted through {@link io.ottertrend.memory.Memory}) and pair liquidity. API:
 * {@link io.ottertrend.exchange.scan.MarketScanner} and its result records.
 */
package io.ottertrend.exchange.scan;
