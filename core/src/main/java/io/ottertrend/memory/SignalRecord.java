package io.ottertrend.memory;

/**
 * A point-in-time signals snapshot (trends, news, listings...) as the agent saw it at {@code at}.
 *
 * @param id row id ({@code 0} before insertion)
 * @param kind e.g. {@code trends-snapshot}
 * @param source provider or composite source name
 * @param payloadJson the snapshot as JSON
 */
public record SignalRecord(long id, long at, String kind, String source, String payloadJson) {}
