package io.ottertrend.analytics;

import io.ottertrend.model.Side;
import java.math.BigDecimal;

/**
 * What a market order of a given quote amount would cost against a book snapshot.
 *
 * @param symbol book symbol
 * @param side BUY walks the asks, SELL walks the bids
 * @param requestedQuote quote amount asked for
 * @param filledQuote quote amount the book can take (equals the request when {@code canAbsorb})
 * @param filledBase base quantity bought or sold
 * @param averagePrice {@code filledQuote / filledBase}; null when nothing fills
 * @param worstPrice price of the last level touched; null when nothing fills
 * @param slippageBpsVsBest cost against the best price in basis points (positive = worse than best)
 * @param slippageBpsVsMid cost against the mid in basis points (includes half the spread); NaN without a mid
 * @param levelsUsed levels touched
 * @param canAbsorb whether the visible book holds the whole amount
 */
public record SlippageEstimate(
    String symbol, Side side, BigDecimal requestedQuote, BigDecimal filledQuote, BigDecimal filledBase,
    BigDecimal averagePrice, BigDecimal worstPrice, double slippageBpsVsBest, double slippageBpsVsMid,
    int levelsUsed, boolean canAbsorb) {}
