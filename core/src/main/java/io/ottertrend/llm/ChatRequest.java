package io.ottertrend.llm;

import java.util.List;
import java.util.Objects;

/**
 * One chat completion request. The model name is the adapter's; everything that changes the answer is here,
 * which is what the replay cache hashes.
 *
 * @param messages the conversation, at least one message
 * @param tools functions offered (empty: none)
 * @param toolChoice {@code auto}, {@code none} or {@code required}; {@code null} lets the server decide
 * @param responseFormat text or a JSON object
 * @param temperature sampling temperature, {@code null} for the adapter's default
 * @param maxCompletionTokens completion cap, {@code null} for the adapter's default
 * @param seed best-effort determinism, {@code null} for none
 */
public record ChatRequest(
    List<ChatMessage> messages, List<ToolDefinition> tools, String toolChoice, ResponseFormat responseFormat,
    Double temperature, Integer maxCompletionTokens, Long seed) {

  public ChatRequest {
    messages = List.copyOf(Objects.requireNonNull(messages, "messages"));
    if (messages.isEmpty()) {
      throw new IllegalArgumentException("a chat request needs at least one message");
    }
    tools = tools == null ? List.of() : List.copyOf(tools);
    if (tools.size() > 128) {
      throw new IllegalArgumentException("at most 128 tools per request, got " + tools.size());
    }
    if (toolChoice != null && !List.of("auto", "none", "required").contains(toolChoice)) {
      throw new IllegalArgumentException("toolChoice must be auto, none or required: " + toolChoice);
    }
    responseFormat = responseFormat == null ? ResponseFormat.TEXT : responseFormat;
    if (temperature != null && !(temperature >= 0 && temperature <= 2)) {
      throw new IllegalArgumentException("temperature must be within 0..2: " + temperature);
    }
    if (maxCompletionTokens != null && maxCompletionTokens < 1) {
      throw new IllegalArgumentException("maxCompletionTokens must be >= 1: " + maxCompletionTokens);
    }
  }

  /** A plain text request over {@code messages}, adapter defaults for the rest. */
  public static ChatRequest of(List<ChatMessage> messages) {
    return new ChatRequest(messages, List.of(), null, ResponseFormat.TEXT, null, null, null);
  }

  public ChatRequest withMessages(List<ChatMessage> newMessages) {
    return new ChatRequest(newMessages, tools, toolChoice, responseFormat, temperature, maxCompletionTokens, seed);
  }

  public ChatRequest withTools(List<ToolDefinition> newTools, String newToolChoice) {
    return new ChatRequest(messages, newTools, newToolChoice, responseFormat, temperature, maxCompletionTokens, seed);
  }

  public ChatRequest withResponseFormat(ResponseFormat format) {
    return new ChatRequest(messages, tools, toolChoice, format, temperature, maxCompletionTokens, seed);
  }

  public ChatRequest withTemperature(Double t) {
    return new ChatRequest(messages, tools, toolChoice, responseFormat, t, maxCompletionTokens, seed);
  }

  public ChatRequest withMaxCompletionTokens(Integer max) {
    return new ChatRequest(messages, tools, toolChoice, responseFormat, temperature, max, seed);
  }

  public ChatRequest withSeed(Long s) {
    return new ChatRequest(messages, tools, toolChoice, responseFormat, temperature, maxCompletionTokens, s);
  }
}
