package io.ottertrend.brain.llm;

import io.ottertrend.brain.Brain;
import io.ottertrend.brain.FallbackBrain;
import io.ottertrend.brain.rules.RulesBrain;
import io.ottertrend.brain.rules.RulesConfig;
import io.ottertrend.brain.tools.AgentPorts;
import io.ottertrend.brain.tools.StandardTools;
import io.ottertrend.brain.tools.ToolRouter;
import io.ottertrend.config.Setting;
import io.ottertrend.config.Settings;
import io.ottertrend.llm.LLMAdapter;
import io.ottertrend.llm.OpenAiCompatibleAdapter;
import io.ottertrend.llm.ReplayingLlmAdapter;
import io.ottertrend.memory.Memory;
import io.ottertrend.time.Clock;
import java.util.Objects;
import java.util.function.IntConsumer;
import java.util.function.Supplier;

/**
 * Wiring of the brains from {@link Settings}, for the agent loop and embedders.
 *
 * <ul>
 *   <li>{@link #adapter}: Groq/OpenAI-compatible adapter wrapped in the replay store with the
 *       {@code LLM_DAILY_TOKEN_BUDGET}; with
 *       {@code LLM_CACHE_ONLY=true} no network adapter is built at all.
 *   <li>{@link #llm}: {@code LLM_MODE} json → {@link JsonActionsBrain}, tools → {@link ToolCallingBrain}.
 *   <li>{@link #decider}: the LLM brain behind a {@link FallbackBrain} ({@code LLM_FALLBACK} rules or hold), or the
 *       {@link RulesBrain} alone when there is no adapter (no key, offline, backtests).
 * </ul>
 * Stateless.
 */
public final class Brains {
  private Brains() {}

  public static RulesBrain rules(Settings s) {
    return new RulesBrain(RulesConfig.fromSettings(s));
  }

  /**
   * The LLM adapter for a run, or null when no LLM is available (no key and not cache-only).
   *
   * @param runId the current run id for usage records
   */
  public static LLMAdapter adapter(Settings s, Memory memory, Clock clock, Supplier<Long> runId) {
    if (s.bool(Setting.LLM_CACHE_ONLY)) {
      return ReplayingLlmAdapter.cacheOnly(s.string(Setting.LLM_MODEL), memory, clock, runId);
    }
    if (!s.secret(Setting.GROQ_API_KEY).isPresent() && s.string(Setting.LLM_BASE_URL).contains("api.groq.com")) {
      return null;
    }
    return ReplayingLlmAdapter.recording(
        new OpenAiCompatibleAdapter(OpenAiCompatibleAdapter.Config.fromSettings(s, clock)), memory, clock, runId)
        .withDailyTokenBudget(s.integer(Setting.LLM_DAILY_TOKEN_BUDGET));
  }

  /** The LLM brain of {@code LLM_MODE}; tool mode needs {@code ports}. */
  public static Brain llm(Settings s, LLMAdapter adapter, AgentPorts ports, Clock clock) {
    LlmBrainConfig config = LlmBrainConfig.fromSettings(s);
    if ("tools".equals(s.string(Setting.LLM_MODE))) {
      Objects.requireNonNull(ports, "tool-calling mode needs the agent ports");
      return new ToolCallingBrain(adapter, new ToolRouter(StandardTools.registry(ports), clock), config, clock);
    }
    return new JsonActionsBrain(adapter, config, clock);
  }

  /**
   * What decides each cycle: the LLM with its fallback, or the rules brain when {@code adapter} is null.
   *
   * @param failures receives the consecutive LLM failure count (for the risk engine's safe mode); may be null
   */
  public static Brain decider(Settings s, LLMAdapter adapter, AgentPorts ports, Clock clock, IntConsumer failures) {
    if (adapter == null) {
      return rules(s);
    }
    Brain fallback = "hold".equals(s.string(Setting.LLM_FALLBACK)) ? null : rules(s);
    return new FallbackBrain(llm(s, adapter, ports, clock), fallback, failures);
  }
}
