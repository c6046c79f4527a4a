package io.ottertrend.llm;

/**
 * A chat-completion endpoint.
 *
 * <p>Implementations are thread-safe. Every failure is an {@link LlmException} subtype; callers decide on the
 * type (rate limited, too large, tool use failed, ...), never on message text. Messages never contain the API
 * key.
 */
public interface LLMAdapter {

  /**
   * Sends one request and returns the model's answer.
   *
   * @throws LlmException on any failure
   */
  ChatResponse chat(ChatRequest request);

  /** The model name sent to the server (part of the replay-cache key). */
  String model();
}
