/**
 * The agent's memory: runs, the order intent journal, fills, trades, decisions, the LLM replay cache,
 * point-in-time signals, risk events, equity, logs, configuration and small persistent state (counters,
 * halts).
 *
 * <p><b>API.</b> {@link io.ottertrend.memory.Memory} is the interface; {@link io.ottertrend.memory.SqliteMemory}
 * is the embedded default (WAL, {@code synchronous=FULL}, foreign keys, {@code BEGIN IMMEDIATE} writes,
 * {@code user_version} migrations). Records in this package are immutable. Failures are
 * {@link io.ottertrend.memory.MemoryException}s.
 */
package io.ottertrend.memory;
