package io.ottertrend.analytics;

/**
 * One anomaly in a bar series.
 *
 * @param index bar index (for {@link AnomalyType#STALE_PRICE}, the first bar of the unchanged run)
 * @param type kind
 * @param value the offending value (return, volume ratio, gap, run length or raw value)
 * @param score how extreme, in the unit of the rule (σ multiples, ratio, bars); NaN for invalid values
 * @param explanation one human-readable sentence
 */
public record Anomaly(int index, AnomalyType type, double value, double score, String explanation) {}
