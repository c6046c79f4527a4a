package io.ottertrend.llm;

import java.util.List;
import java.util.Objects;

/**
 * One message of a chat. Use the factories; they enforce the shape each role needs.
 *
 * @param role who speaks
 * @param content the text; {@code null} only for an assistant turn that carries tool calls
 * @param toolCalls the assistant's tool calls (empty for other roles)
 * @param toolCallId for {@link Role#TOOL} messages: the id of the call this result answers
 * @param name for {@link Role#TOOL} messages: the tool's name (tolerated by servers, helps humans)
 */
public record ChatMessage(Role role, String content, List<ToolCall> toolCalls, String toolCallId, String name) {

  /** Message roles as named on the wire. */
  public enum Role {
    SYSTEM,
    USER,
    ASSISTANT,
    TOOL;

    /** The wire name, e.g. {@code system}. */
    public String wire() {
      return name().toLowerCase(java.util.Locale.ROOT);
    }
  }

  public ChatMessage {
    Objects.requireNonNull(role, "role");
    toolCalls = toolCalls == null ? List.of() : List.copyOf(toolCalls);
    if (role == Role.TOOL && (toolCallId == null || toolCallId.isEmpty())) {
      throw new IllegalArgumentException("a tool message needs the tool_call_id it answers");
    }
    if (content == null && (role != Role.ASSISTANT || toolCalls.isEmpty())) {
      throw new IllegalArgumentException(role.wire() + " message needs content");
    }
    if (!toolCalls.isEmpty() && role != Role.ASSISTANT) {
      throw new IllegalArgumentException("only assistant messages carry tool calls");
    }
  }

  public static ChatMessage system(String content) {
    return new ChatMessage(Role.SYSTEM, content, List.of(), null, null);
  }

  public static ChatMessage user(String content) {
    return new ChatMessage(Role.USER, content, List.of(), null, null);
  }

  public static ChatMessage assistant(String content) {
    return new ChatMessage(Role.ASSISTANT, content, List.of(), null, null);
  }

  /** The assistant turn that requested {@code calls}, to be appended verbatim before the tool results. */
  public static ChatMessage assistant(String content, List<ToolCall> calls) {
    return new ChatMessage(Role.ASSISTANT, content, calls, null, null);
  }

  /** The result of tool call {@code toolCallId}. */
  public static ChatMessage tool(String toolCallId, String name, String content) {
    return new ChatMessage(Role.TOOL, content, List.of(), toolCallId, name);
  }
}
