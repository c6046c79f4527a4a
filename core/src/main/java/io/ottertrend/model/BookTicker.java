package io.ottertrend.model;

import java.math.BigDecimal;

/** Best bid and ask of one symbol; a side is {@code null} when empty. */
public record BookTicker(
    String symbol, BigDecimal bidPrice, BigDecimal bidQty, BigDecimal askPrice, BigDecimal askQty) {}
