package io.ottertrend.memory;

/**
 * One brain decision.
 *
 * @param id row id ({@code 0} before insertion)
 * @param snapshotHash hash of the snapshot the brain saw
 * @param brain which brain decided ({@code llm-json}, {@code llm-tools}, {@code rules}, {@code hold})
 * @param thoughts the reasoning text
 * @param actionsJson accepted actions as JSON
 * @param droppedJson actions dropped by validation, with reasons, as JSON
 * @param outcome OK, FALLBACK, HOLD, ERROR ...
 */
public record DecisionRecord(
    long id, Long runId, long at, String snapshotHash, String brain, String thoughts, String actionsJson,
    String droppedJson, long promptTokens, long completionTokens, long latencyMs, String outcome) {}
