package io.ottertrend.brain.llm;

import io.ottertrend.config.Setting;
import io.ottertrend.config.Settings;

/**
 * Settings shared by the LLM brains.
 *
 * @param snapshotTokens prompt-token budget of the snapshot ({@code LLM_SNAPSHOT_TOKENS})
 * @param temperature sampling temperature ({@code LLM_TEMPERATURE})
 * @param maxCompletionTokens completion cap per call ({@code LLM_MAX_COMPLETION_TOKENS})
 * @param maxToolCalls tool calls per cycle ({@code LLM_MAX_TOOL_CALLS})
 * @param seed best-effort determinism sent to the server, {@code null} for none
 * @param cycleTokenBudget tokens one tool-calling cycle may spend before it is told to conclude
 */
public record LlmBrainConfig(int snapshotTokens, double temperature, int maxCompletionTokens, int maxToolCalls,
    Long seed, long cycleTokenBudget) {
  /** Default tokens per tool-calling cycle: room for the cap's turns at a modest prompt size. */
  public static final long DEFAULT_CYCLE_TOKENS = 24_000;

  public LlmBrainConfig {
    if (snapshotTokens < 100 || maxCompletionTokens < 1 || maxToolCalls < 1 || cycleTokenBudget < 1) {
      throw new IllegalArgumentException(
          "snapshotTokens >= 100, maxCompletionTokens >= 1, maxToolCalls >= 1, cycleTokenBudget >= 1");
    }
  }

  public LlmBrainConfig(int snapshotTokens, double temperature, int maxCompletionTokens, int maxToolCalls, Long seed) {
    this(snapshotTokens, temperature, maxCompletionTokens, maxToolCalls, seed, DEFAULT_CYCLE_TOKENS);
  }

  public static LlmBrainConfig fromSettings(Settings s) {
    return new LlmBrainConfig(s.integer(Setting.LLM_SNAPSHOT_TOKENS), s.number(Setting.LLM_TEMPERATURE),
        s.integer(Setting.LLM_MAX_COMPLETION_TOKENS), s.integer(Setting.LLM_MAX_TOOL_CALLS), 42L);
  }

  public static LlmBrainConfig defaults() {
    return fromSettings(Settings.defaults());
  }
}
