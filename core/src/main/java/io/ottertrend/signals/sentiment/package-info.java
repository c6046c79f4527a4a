/**
 * Sentiment (implementation, public entry points): {@link io.ottertrend.signals.sentiment.LexiconSentimentAnalyzer},
 * a VADER-style lexicon scorer tuned for crypto headlines, its labelled evaluation set
 * ({@link io.ottertrend.signals.sentiment.LabelledHeadlines}) and the narrative scorer behind
 * {@code ml_narrative_strength} ({@link io.ottertrend.signals.sentiment.NarrativeScorer}).
 */
package io.ottertrend.signals.sentiment;
