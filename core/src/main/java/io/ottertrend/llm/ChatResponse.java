package io.ottertrend.llm;

import java.util.List;

/**
 * The model's answer.
 *
 * @param content the text, {@code null} on a pure tool-call turn
 * @param toolCalls requested calls (arguments are raw strings; validate them)
 * @param finishReason {@code stop}, {@code length}, {@code tool_calls} ... ({@code ""} when absent)
 * @param usage tokens spent; {@link Usage#ZERO} when served from the replay store
 * @param latencyMillis wall time of the call as measured on the adapter's clock (0 from the store)
 * @param requestId the server's request id ({@code x_groq.id} or {@code id}), {@code ""} when absent
 * @param cached true when served from the replay store
 */
public record ChatResponse(
    String content, List<ToolCall> toolCalls, String finishReason, Usage usage, long latencyMillis,
    String requestId, boolean cached) {
  public ChatResponse {
    toolCalls = toolCalls == null ? List.of() : List.copyOf(toolCalls);
    finishReason = finishReason == null ? "" : finishReason;
    usage = usage == null ? Usage.ZERO : usage;
    requestId = requestId == null ? "" : requestId;
  }

  public boolean hasToolCalls() {
    return !toolCalls.isEmpty();
  }

  /** This response as served again from a store: zero tokens, zero latency. */
  public ChatResponse asCached() {
    return new ChatResponse(content, toolCalls, finishReason, Usage.ZERO, 0, requestId, true);
  }
}
