package io.ottertrend.agent;

/** The agent refuses to trade (unexplained reconciliation drift, failed pre-live checks). */
public final class AgentRefusedException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public AgentRefusedException(String message) {
    super(message);
  }
}
