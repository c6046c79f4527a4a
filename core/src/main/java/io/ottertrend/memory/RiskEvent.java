package io.ottertrend.memory;

/**
 * A risk verdict: approve, shrink or reject, with the order before and after and the deciding rule.
 *
 * @param verdict APPROVE, SHRINK or REJECT
 * @param rule name of the deciding rule (or {@code engine})
 * @param beforeJson the proposal as JSON
 * @param afterJson the approved (possibly shrunk) order as JSON, or {@code null} on reject
 */
public record RiskEvent(
    long id, Long runId, long at, String verdict, String rule, String reason, String symbol, String side,
    String beforeJson, String afterJson, String clientOrderId) {}
