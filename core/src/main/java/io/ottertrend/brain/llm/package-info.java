/**
 * The LLM brains: {@link io.ottertrend.brain.llm.JsonActionsBrain} (the spec's MVP contract: snapshot JSON in,
 * {@code {"thoughts": ..., "actions": [...]}} out, strictly validated) and
 * {@link io.ottertrend.brain.llm.ToolCallingBrain} (spec phase 4: multi-turn observe → think → act with the
 * tools of {@code brain.tools}). Both are API classes configured by {@link io.ottertrend.brain.llm.LlmBrainConfig}.
 */
package io.ottertrend.brain.llm;
