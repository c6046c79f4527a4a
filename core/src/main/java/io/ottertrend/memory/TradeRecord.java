package io.ottertrend.memory;

import java.math.BigDecimal;

/**
 * A closed round trip (or a partial close), fees included in {@code pnl}.
 *
 * @param id row id ({@code 0} before insertion)
 * @param exitReason SIGNAL, STOP_LOSS, TAKE_PROFIT, TIME_EXIT, MANUAL, DUST...
 */
public record TradeRecord(
    long id, Long runId, String exchange, String symbol, BigDecimal quantity, BigDecimal entryPrice,
    BigDecimal exitPrice, long openedAt, long closedAt, BigDecimal pnl, BigDecimal fees, String exitReason) {}
