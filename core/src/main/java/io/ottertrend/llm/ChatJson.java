package io.ottertrend.llm;

import com.squareup.moshi.JsonAdapter;
import com.squareup.moshi.Moshi;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The OpenAI chat-completions wire format: request bodies, response parsing (lenient: unknown fields are
 * ignored, {@code content:null} accepted), the canonical form hashed by the replay cache.
 *
 * <p>Internal; stateless and thread-safe.
 */
final class ChatJson {
  private static final JsonAdapter<Object> JSON = new Moshi.Builder().build().adapter(Object.class);

  private ChatJson() {}

  /** The request body as sent (temperature and max tokens already resolved by the caller). */
  static Map<String, Object> body(String model, ChatRequest r) {
    Map<String, Object> b = new LinkedHashMap<>();
    b.put("model", model);
    List<Object> msgs = new ArrayList<>();
    for (ChatMessage m : r.messages()) {
      msgs.add(message(m));
    }
    b.put("messages", msgs);
    if (!r.tools().isEmpty()) {
      List<Object> tools = new ArrayList<>();
      for (ToolDefinition t : r.tools()) {
        Map<String, Object> fn = new LinkedHashMap<>();
        fn.put("name", t.name());
        fn.put("description", t.description());
        fn.put("parameters", t.parameters());
        Map<String, Object> tool = new LinkedHashMap<>();
        tool.put("type", "function");
        tool.put("function", fn);
        tools.add(tool);
      }
      b.put("tools", tools);
      b.put("tool_choice", r.toolChoice() == null ? "auto" : r.toolChoice());
      // One call per turn keeps the per-cycle cap and the audit trail simple.
      b.put("parallel_tool_calls", Boolean.FALSE);
    } else if (r.toolChoice() != null) {
      b.put("tool_choice", r.toolChoice());
    }
    if (r.responseFormat() == ResponseFormat.JSON_OBJECT) {
      b.put("response_format", Map.of("type", "json_object"));
    }
    if (r.temperature() != null) {
      b.put("temperature", r.temperature());
    }
    if (r.maxCompletionTokens() != null) {
      b.put("max_completion_tokens", r.maxCompletionTokens());
    }
    if (r.seed() != null) {
      b.put("seed", r.seed());
    }
    return b;
  }

  static Map<String, Object> message(ChatMessage m) {
    Map<String, Object> o = new LinkedHashMap<>();
    o.put("role", m.role().wire());
    o.put("content", m.content());
    if (!m.toolCalls().isEmpty()) {
      o.put("tool_calls", toolCalls(m.toolCalls()));
    }
    if (m.toolCallId() != null) {
      o.put("tool_call_id", m.toolCallId());
    }
    if (m.name() != null && m.role() == ChatMessage.Role.TOOL) {
      o.put("name", m.name());
    }
    return o;
  }

  private static List<Object> toolCalls(List<ToolCall> calls) {
    List<Object> out = new ArrayList<>();
    for (ToolCall c : calls) {
      Map<String, Object> fn = new LinkedHashMap<>();
      fn.put("name", c.name());
      fn.put("arguments", c.arguments());
      Map<String, Object> call = new LinkedHashMap<>();
      call.put("id", c.id());
      call.put("type", "function");
      call.put("function", fn);
      out.add(call);
    }
    return out;
  }

  static String write(Object value) {
    return JSON.serializeNulls().toJson(value);
  }

  /** Keys sorted at every level: the same request always gives the same text. */
  static String canonical(Object value) {
    return write(sorted(value));
  }

  private static Object sorted(Object v) {
    if (v instanceof Map<?, ?> m) {
      Map<String, Object> t = new TreeMap<>();
      m.forEach((k, x) -> t.put(String.valueOf(k), sorted(x)));
      return t;
    }
    if (v instanceof List<?> l) {
      List<Object> out = new ArrayList<>(l.size());
      for (Object x : l) {
        out.add(sorted(x));
      }
      return out;
    }
    return v;
  }

  static String sha256(String text) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 missing from the JDK", e);
    }
  }

  /** Parses any JSON text into maps, lists, strings, doubles, booleans and nulls; {@code null} if not JSON. */
  static Object parse(String text) {
    try {
      return JSON.lenient().fromJson(text);
    } catch (IOException | RuntimeException e) {
      return null;
    }
  }

  /**
   * Reads a chat completion body.
   *
   * @throws LlmException.Malformed when it is not one
   */
  static ChatResponse response(String body, long latencyMillis) {
    Object root = parse(body);
    if (!(root instanceof Map<?, ?> map)) {
      throw new LlmException.Malformed("LLM response is not a JSON object");
    }
    if (!(map.get("choices") instanceof List<?> choices) || choices.isEmpty()
        || !(choices.get(0) instanceof Map<?, ?> choice)) {
      throw new LlmException.Malformed("LLM response has no choices");
    }
    if (!(choice.get("message") instanceof Map<?, ?> message)) {
      throw new LlmException.Malformed("LLM response choice has no message");
    }
    String content = message.get("content") instanceof String s ? s : null;
    List<ToolCall> calls = new ArrayList<>();
    if (message.get("tool_calls") instanceof List<?> tcs) {
      int i = 0;
      for (Object o : tcs) {
        if (!(o instanceof Map<?, ?> tc)) {
          throw new LlmException.Malformed("LLM tool call is not an object");
        }
        String id = tc.get("id") instanceof String s ? s : "call_" + i;
        Map<?, ?> fn = tc.get("function") instanceof Map<?, ?> f ? f : Map.of();
        String name = fn.get("name") instanceof String s ? s : "";
        Object args = fn.get("arguments");
        // The wire format is a JSON-encoded string; some servers send an object: keep it as text either way.
        String argText = args instanceof String s ? s : args == null ? "" : write(args);
        calls.add(new ToolCall(id, name, argText));
        i++;
      }
    }
    if (content == null && calls.isEmpty()) {
      throw new LlmException.Malformed("LLM response choice is empty (no content, no tool calls)");
    }
    String finish = choice.get("finish_reason") instanceof String s ? s : "";
    Usage usage = Usage.ZERO;
    if (map.get("usage") instanceof Map<?, ?> u) {
      usage = new Usage(count(u.get("prompt_tokens")), count(u.get("completion_tokens")));
    }
    String requestId = "";
    if (map.get("x_groq") instanceof Map<?, ?> xg && xg.get("id") instanceof String s) {
      requestId = s;
    } else if (map.get("id") instanceof String s) {
      requestId = s;
    }
    return new ChatResponse(content, calls, finish, usage, latencyMillis, requestId, false);
  }

  private static long count(Object o) {
    return o instanceof Number n && n.doubleValue() >= 0 ? n.longValue() : 0;
  }

  /** A response as an OpenAI-shaped body, for the replay store. */
  static String responseJson(ChatResponse r) {
    Map<String, Object> msg = new LinkedHashMap<>();
    msg.put("role", "assistant");
    msg.put("content", r.content());
    if (r.hasToolCalls()) {
      msg.put("tool_calls", toolCalls(r.toolCalls()));
    }
    Map<String, Object> choice = new LinkedHashMap<>();
    choice.put("index", 0);
    choice.put("message", msg);
    choice.put("finish_reason", r.finishReason());
    Map<String, Object> usage = new LinkedHashMap<>();
    usage.put("prompt_tokens", r.usage().promptTokens());
    usage.put("completion_tokens", r.usage().completionTokens());
    usage.put("total_tokens", r.usage().total());
    Map<String, Object> root = new LinkedHashMap<>();
    root.put("id", r.requestId());
    root.put("object", "chat.completion");
    root.put("choices", List.of(choice));
    root.put("usage", usage);
    return write(root);
  }

  /** The {@code error} object of an error body, or an empty map. */
  static Map<?, ?> error(String body) {
    Object root = parse(body);
    if (root instanceof Map<?, ?> m && m.get("error") instanceof Map<?, ?> e) {
      return e;
    }
    return Map.of();
  }

  static String str(Map<?, ?> m, String key) {
    return m.get(key) instanceof String s ? s : "";
  }
}
