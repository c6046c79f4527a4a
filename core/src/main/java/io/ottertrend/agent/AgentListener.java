package io.ottertrend.agent;

/**
 * Receives {@link AgentEvent}s, on the agent's thread, in order. Must not block for long and must not throw;
 * an exception thrown by a listener is logged and ignored (a broken dashboard never stops trading).
 */
@FunctionalInterface
public interface AgentListener {
  void on(AgentEvent event);

  /**
   * Whether this listener does anything with events of {@code kind}; the agent may skip building the events no
   * listener wants (describing every decision and order costs a backtest step more than its rules). Must give
   * the same answer every time it is asked. Default: every kind.
   */
  default boolean wants(Class<? extends AgentEvent> kind) {
    return true;
  }

  /** A listener that ignores everything. */
  static AgentListener none() {
    return new AgentListener() {
      @Override
      public void on(AgentEvent event) {
        // ignored
      }

      @Override
      public boolean wants(Class<? extends AgentEvent> kind) {
        return false;
      }
    };
  }
}
