/**
 * Trend providers (implementations with public factories): {@link io.ottertrend.signals.trends.GoogleTrendsProvider}
 * (Google Trends interest over time, spoken the way pytrends does) and
 * {@link io.ottertrend.signals.trends.ExchangeTrendsProvider} (new listings and top gainers from the exchange).
 */
package io.ottertrend.signals.trends;
