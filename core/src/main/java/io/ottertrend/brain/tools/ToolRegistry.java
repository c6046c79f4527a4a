package io.ottertrend.brain.tools;

import io.ottertrend.llm.ToolDefinition;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Tools by name, in registration order (the spec's {@code ToolRegistry} / {@code @register_tool}). A plugin adds
 * its tool with {@link #register(Tool)}; a name can be registered once, or replaced on purpose with
 * {@link #replace(Tool)}.
 *
 * <p>Thread-safe (synchronised); meant to be filled at start-up.
 */
public final class ToolRegistry {
  private final Map<String, Tool> tools = new LinkedHashMap<>();

  /** Adds {@code tool}; a second tool with the same name is refused. */
  public synchronized ToolRegistry register(Tool tool) {
    String name = tool.spec().name();
    if (tools.putIfAbsent(name, tool) != null) {
      throw new IllegalArgumentException("a tool named " + name + " is already registered");
    }
    return this;
  }

  /** Adds every tool of {@code all}. */
  public synchronized ToolRegistry registerAll(Collection<? extends Tool> all) {
    all.forEach(this::register);
    return this;
  }

  /** Adds or replaces the tool with {@code tool}'s name. */
  public synchronized ToolRegistry replace(Tool tool) {
    tools.put(tool.spec().name(), tool);
    return this;
  }

  public synchronized Optional<Tool> get(String name) {
    return Optional.ofNullable(tools.get(name));
  }

  public synchronized List<String> names() {
    return List.copyOf(tools.keySet());
  }

  /** The definitions sent to the model. */
  public synchronized List<ToolDefinition> definitions() {
    List<ToolDefinition> out = new ArrayList<>();
    for (Tool t : tools.values()) {
      out.add(t.spec().definition());
    }
    return out;
  }
}
