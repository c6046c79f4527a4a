package io.ottertrend.model;

/**
 * What placing an order returns: the exchange accepted it. MEXC answers with an acknowledgement only (no
 * status, no fills), so callers query the order to learn what happened.
 */
public record OrderAck(String symbol, String orderId, String clientOrderId, long transactTime) {}
