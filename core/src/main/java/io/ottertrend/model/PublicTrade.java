package io.ottertrend.model;

import java.math.BigDecimal;

/** One trade from the public tape. {@code buyerMaker} true means the seller took liquidity. */
public record PublicTrade(
    String symbol, BigDecimal price, BigDecimal quantity, BigDecimal quoteQuantity, long time,
    boolean buyerMaker) {}
