package io.ottertrend.signals;

/**
 * A top gainer over 24 h.
 *
 * @param symbol exchange symbol
 * @param changeFraction 24 h change as a fraction ({@code 0.25} = +25 %)
 * @param quoteVolume 24 h quote volume
 */
public record Gainer(String symbol, double changeFraction, double quoteVolume) {}
