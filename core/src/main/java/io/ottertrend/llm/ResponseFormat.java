package io.ottertrend.llm;

/**
 * The {@code response_format} asked for. There is deliberately no {@code json_schema}: Groq rejects it for
 * {@code llama-3.3-70b-versatile} with HTTP 400; structure is enforced by our own validator instead.
 */
public enum ResponseFormat {
  /** Free text (the default; used with tool calling). */
  TEXT,
  /**
   * {@code {"type":"json_object"}}: the server guarantees one JSON object. Groq demands that the prompt
   * contains the word "json"; {@link OpenAiCompatibleAdapter} adds it when missing.
   */
  JSON_OBJECT
}
