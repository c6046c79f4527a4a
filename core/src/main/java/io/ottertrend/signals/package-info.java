/**
 * Alternative signals (API): Google Trends, exchange listings and gainers, crypto news, sentiment and
 * narrative strength, gathered into point-in-time {@link io.ottertrend.signals.TrendsSnapshot}s.
 *
 * <p><b>API and SPI.</b> {@link io.ottertrend.signals.TrendsProvider}, {@link io.ottertrend.signals.NewsProvider},
 * {@link io.ottertrend.signals.SocialProvider} and {@link io.ottertrend.signals.SentimentAnalyzer} are the
 * extension points; the shipped implementations live in the {@code trends}, {@code news}, {@code social} and
 * {@code sentiment} sub-packages. {@link io.ottertrend.signals.SignalsService} gathers from every provider with
 * a timeout and a circuit breaker each, records each snapshot in the {@code signals} table, and
 * {@link io.ottertrend.signals.SignalsReplay} returns the snapshot that was current at a simulated time —
 * never a later one — so backtests see exactly what the live agent saw. {@link io.ottertrend.signals.SignalsModule}
 * registers the shipped components in a {@link io.ottertrend.registry.Registry};
 * {@link io.ottertrend.signals.SignalsPort} serves snapshots to the brain's tools and
 * {@link io.ottertrend.signals.SignalTools} holds {@code ml_score_sentiment} and {@code ml_narrative_strength}.
 */
package io.ottertrend.signals;
