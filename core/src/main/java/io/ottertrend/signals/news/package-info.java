/**
 * News providers and news processing (implementations with public factories):
 * {@link io.ottertrend.signals.news.CryptoCompareNewsProvider}, {@link io.ottertrend.signals.news.RssNewsProvider},
 * cross-source de-duplication ({@link io.ottertrend.signals.news.NewsDedup}) and symbol tagging that avoids
 * false hits on common words ({@link io.ottertrend.signals.news.SymbolTagger}).
 */
package io.ottertrend.signals.news;
