package io.ottertrend.memory;

/** A recorded run. {@code endedAt} is {@code 0} while running; {@code status} is RUNNING, STOPPED, FAILED... */
public record RunRecord(
    long id, String mode, String marketSource, String brain, String exchange, String version, String configHash,
    Long seed, long startedAt, long endedAt, String status) {}
