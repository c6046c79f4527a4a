package io.ottertrend.testing;

import io.ottertrend.llm.ChatRequest;
import io.ottertrend.llm.ChatResponse;
import io.ottertrend.llm.LLMAdapter;
import io.ottertrend.llm.LlmException;
import io.ottertrend.llm.ToolCall;
import io.ottertrend.llm.Usage;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.function.Supplier;

/** An in-process {@link LLMAdapter} answering from a script (for fast randomized tests). */
public final class ScriptedLlm implements LLMAdapter {
  private final Deque<Supplier<ChatResponse>> script = new ArrayDeque<>();
  public final List<ChatRequest> requests = new ArrayList<>();

  public ScriptedLlm content(String content) {
    script.add(() -> new ChatResponse(content, List.of(), "stop", new Usage(100, 10), 5, "req", false));
    return this;
  }

  public ScriptedLlm calls(List<ToolCall> calls) {
    script.add(() -> new ChatResponse(null, calls, "tool_calls", new Usage(100, 10), 5, "req", false));
    return this;
  }

  public ScriptedLlm fail(LlmException e) {
    script.add(() -> {
      throw e;
    });
    return this;
  }

  @Override
  public ChatResponse chat(ChatRequest request) {
    requests.add(request);
    Supplier<ChatResponse> next = script.poll();
    if (next == null) {
      throw new LlmException.ServerError("script exhausted", 500);
    }
    return next.get();
  }

  @Override
  public String model() {
    return "scripted";
  }
}
