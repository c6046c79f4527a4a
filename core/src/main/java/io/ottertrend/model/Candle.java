package io.ottertrend.model;

/**
 * One OHLCV bar keyed by its open time. Analytics data, hence primitive doubles.
 *
 * @param openTime open time, epoch milliseconds
 * @param open first price
 * @param high highest price
 * @param low lowest price
 * @param close last price
 * @param volume traded base quantity
 * @param closeTime close time, epoch milliseconds
 * @param quoteVolume traded quote value
 */
public record Candle(
    long openTime, double open, double high, double low, double close, double volume, long closeTime,
    double quoteVolume) {}
