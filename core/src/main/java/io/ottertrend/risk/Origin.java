package io.ottertrend.risk;

/** Who proposed an order; the LLM budget rule only concerns {@link #LLM} entries. */
public enum Origin {
  /** The LLM brain (JSON or tool-calling mode). */
  LLM,
  /** The rule-based brain. */
  RULES,
  /** Code-enforced exits (stop-loss, take-profit, time exit). */
  CODE,
  /** A human through the CLI or an embedding program. */
  MANUAL
}
