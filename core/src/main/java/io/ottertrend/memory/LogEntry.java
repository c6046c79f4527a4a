package io.ottertrend.memory;

/** A log line kept in the database (the spec's {@code logs} table). */
public record LogEntry(long id, Long runId, long at, String level, String source, String message) {}
