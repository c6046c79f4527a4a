package io.ottertrend.brain;

/**
 * Decides what to do with one market snapshot.
 *
 * <p>Implementations must not place orders themselves except through an {@link OrderGateway} they were
 * given (the tool-calling brain); the returned {@link Decision} is what the loop acts upon. A brain may throw
 * any runtime exception on failure (an LLM outage, say); {@link FallbackBrain} turns that into a decision.
 * Implementations document their own thread-safety; the loop calls one brain from one thread.
 */
public interface Brain {

  /** Decides for {@code snapshot}; never returns null. */
  Decision decide(MarketSnapshot snapshot);

  /** A short name recorded with each decision ({@code llm-json}, {@code llm-tools}, {@code rules}, ...). */
  String name();
}
