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
 */
public record LlmBrainConfig(int snapshotTokens, double temperature, int maxCompletionTokens, int maxToolCalls,
    Long seed) {
  public LlmBrainConfig {
    if (snapshotTokens < 100 || maxCompletionTokens < 1 || maxToolCalls < 1) {
      throw new IllegalArgumentException("snapshotTokens >= 100, maxCompletionTokens >= 1, maxToolCalls >= 1");
    }
  }

  public static LlmBrainConfig fromSettings(Settings s) {
    return new LlmBrainConfig(s.integer(Setting.LLM_SNAPSHOT_TOKENS), s.number(Setting.LLM_TEMPERATURE),
        s.integer(Setting.LLM_MAX_COMPLETION_TOKENS), s.integer(Setting.LLM_MAX_TOOL_CALLS), 42L);
  }

  public static LlmBrainConfig defaults() {
    return fromSettings(Settings.defaults());
  }
}
