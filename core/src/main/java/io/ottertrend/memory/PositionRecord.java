package io.ottertrend.memory;

import java.math.BigDecimal;

/**
 * A managed position with the exits code enforces every cycle.
 *
 * @param exitDeadline time after which the position is closed by code, epoch ms ({@code 0}: none)
 * @param dust true when the position is below the symbol's minimum notional and cannot be sold
 */
public record PositionRecord(
    String exchange, String symbol, BigDecimal quantity, BigDecimal averageEntryPrice, BigDecimal costBasis,
    long openedAt, BigDecimal stopLoss, BigDecimal takeProfit, long exitDeadline, boolean dust, long updatedAt) {}
