package io.ottertrend.llm;

import java.util.Objects;

/**
 * One function call requested by the model.
 *
 * @param id the server's call id, echoed back as {@code tool_call_id} in the tool result message
 * @param name the function name as the model wrote it (may name a tool that does not exist)
 * @param arguments the raw JSON-encoded argument string exactly as received; it may be invalid JSON or carry
 *     unexpected keys, so callers must parse and validate it themselves
 */
public record ToolCall(String id, String name, String arguments) {
  public ToolCall {
    Objects.requireNonNull(id, "id");
    name = name == null ? "" : name;
    arguments = arguments == null ? "" : arguments;
  }
}
