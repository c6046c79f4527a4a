/**
 * Talking to a large language model.
 *
 * <p><b>SPI:</b> {@link io.ottertrend.llm.LLMAdapter} with the records {@link io.ottertrend.llm.ChatRequest},
 * {@link io.ottertrend.llm.ChatMessage}, {@link io.ottertrend.llm.ToolCall},
 * {@link io.ottertrend.llm.ToolDefinition}, {@link io.ottertrend.llm.ChatResponse},
 * {@link io.ottertrend.llm.Usage} and the sealed {@link io.ottertrend.llm.LlmException}.
 *
 * <p><b>Shipped implementations:</b> {@link io.ottertrend.llm.OpenAiCompatibleAdapter} (Groq by default; any
 * OpenAI-compatible server through {@code LLM_BASE_URL}) and the {@link io.ottertrend.llm.ReplayingLlmAdapter}
 * decorator that stores every call in {@link io.ottertrend.memory.Memory} and serves identical requests from the
 * store at zero tokens.
 */
package io.ottertrend.llm;
