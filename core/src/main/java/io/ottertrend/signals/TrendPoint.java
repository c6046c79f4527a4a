package io.ottertrend.signals;

/**
 * One bucket of a keyword's interest series.
 *
 * @param time bucket start, epoch ms
 * @param value interest 0–100, scaled by the source within its request
 * @param partial whether the bucket is still incomplete (only ever the last one)
 */
public record TrendPoint(long time, int value, boolean partial) {}
