package io.ottertrend.llm;

/** Tokens a call cost. A response served from the replay store costs {@link #ZERO}. */
public record Usage(long promptTokens, long completionTokens) {
  public static final Usage ZERO = new Usage(0, 0);

  public Usage {
    if (promptTokens < 0 || completionTokens < 0) {
      throw new IllegalArgumentException("token counts must be >= 0");
    }
  }

  public long total() {
    return promptTokens + completionTokens;
  }

  public Usage plus(Usage other) {
    return new Usage(promptTokens + other.promptTokens, completionTokens + other.completionTokens);
  }
}
