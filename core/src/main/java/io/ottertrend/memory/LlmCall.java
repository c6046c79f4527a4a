package io.ottertrend.memory;

/**
 * A stored LLM exchange: the replay cache. Keyed by a hash of (model, messages, tools, parameters).
 *
 * @param requestHash sha-256 hex of the canonical request
 * @param requestJson the request as sent (never contains the API key)
 * @param responseJson the raw response body
 */
public record LlmCall(
    String requestHash, String model, String requestJson, String responseJson, long promptTokens,
    long completionTokens, long latencyMs, long createdAt) {}
