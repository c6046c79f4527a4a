/**
 * Market sources (SPI): what the paper exchange fills against and what its read side serves at the current
 * {@link io.ottertrend.time.Clock} time.
 *
 * <p>{@link io.ottertrend.market.MarketSource} is the SPI. Shipped implementations:
 * {@link io.ottertrend.market.SyntheticMarket} (the offline default: a seeded, deterministic market),
 * {@link io.ottertrend.market.HistoricalMarket} (stored bars, for backtests) and
 * {@link io.ottertrend.market.ExchangeMarketSource} (any {@link io.ottertrend.exchange.Exchange} used read-only,
 * e.g. live MEXC public data).
 */
package io.ottertrend.market;
