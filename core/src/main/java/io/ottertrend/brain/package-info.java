/**
 * The brain: what decides each cycle.
 *
 * <p><b>SPI:</b> {@link io.ottertrend.brain.Brain} ({@code Decision decide(MarketSnapshot)}), the data it reads
 * ({@link io.ottertrend.brain.MarketSnapshot}, plain records with a documented meaning per field) and what it
 * returns ({@link io.ottertrend.brain.Decision}, {@link io.ottertrend.brain.Action}). Orders leave only through an
 * {@link io.ottertrend.brain.OrderGateway}, which the agent loop implements by sending through the risk engine
 * and the order manager.
 *
 * <p><b>API helpers:</b> {@link io.ottertrend.brain.SnapshotCompactor} (token-budgeted JSON for prompts),
 * {@link io.ottertrend.brain.ActionProposals} (actions to risk-engine proposals, sized by code),
 * {@link io.ottertrend.brain.Untrusted} and {@link io.ottertrend.brain.SymbolGuard} (how untrusted text and
 * model-chosen symbols are handled), {@link io.ottertrend.brain.SystemPrompt},
 * {@link io.ottertrend.brain.FallbackBrain} and {@link io.ottertrend.brain.RecordingBrain}.
 * Implementations: {@code brain.llm} (JSON-actions and tool-calling brains), {@code brain.rules}
 * (the deterministic rules brain), {@code brain.tools} (the tool registry and the spec's 18 tools).
 */
package io.ottertrend.brain;
