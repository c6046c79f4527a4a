package io.ottertrend.agent;

/**
 * Receives {@link AgentEvent}s, on the agent's thread, in order. Must not block for long and must not throw;
 * an exception thrown by a listener is logged and ignored (a broken dashboard never stops trading).
 */
@FunctionalInterface
public interface AgentListener {
  void on(AgentEvent event);

  /** A listener that ignores everything. */
  static AgentListener none() {
    return e -> { };
  }
}
