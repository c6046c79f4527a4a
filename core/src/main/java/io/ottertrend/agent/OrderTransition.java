package io.ottertrend.agent;

import io.ottertrend.memory.OrderState;

/**
 * One journal entry changed state during a sync or a reconciliation.
 *
 * @param clientOrderId journal key
 * @param from state before
 * @param to state after
 * @param note why (exchange status, "not found N times", ...)
 */
public record OrderTransition(String clientOrderId, OrderState from, OrderState to, String note) {}
