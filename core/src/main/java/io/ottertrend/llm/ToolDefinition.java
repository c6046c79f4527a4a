package io.ottertrend.llm;

import java.util.Map;
import java.util.Objects;

/**
 * A function offered to the model.
 *
 * @param name {@code [a-zA-Z0-9_-]}, at most 64 characters (Groq's rule)
 * @param description what the function does, for the model
 * @param parameters the JSON Schema of the arguments (an {@code object} schema as plain maps and lists)
 */
public record ToolDefinition(String name, String description, Map<String, Object> parameters) {
  public ToolDefinition {
    Objects.requireNonNull(name, "name");
    if (!name.matches("[a-zA-Z0-9_-]{1,64}")) {
      throw new IllegalArgumentException("tool name must be 1-64 characters of [a-zA-Z0-9_-]: '" + name + "'");
    }
    description = description == null ? "" : description;
    parameters = Map.copyOf(Objects.requireNonNull(parameters, "parameters"));
  }
}
