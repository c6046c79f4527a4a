package io.ottertrend.memory;

/**
 * One use of the LLM by a run: either a network call (tokens spent) or a replay from the cache (zero).
 *
 * @param cached true when served from the replay store
 */
public record LlmUsage(Long runId, long at, String requestHash, boolean cached, long promptTokens, long completionTokens) {}
