package io.ottertrend.testing;

import com.squareup.moshi.JsonAdapter;
import com.squareup.moshi.Moshi;
import java.io.IOException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;

/**
 * A local OpenAI-compatible server scripted like Groq (protocols.md §2.9): requires {@code Authorization:
 * Bearer}, always sends the six {@code x-ratelimit-*} headers, returns {@code tool_calls[].function.arguments} as a
 * string with {@code content:null}, {@code usage} and {@code x_groq.id}; rejects {@code json_schema}, a
 * {@code json_object} request without the word json, and an unknown tool name in the history. Replies are
 * scripted in order; every request body is kept for assertions.
 */
public final class GroqFake extends Dispatcher {
  public static final JsonAdapter<Object> JSON = new Moshi.Builder().build().adapter(Object.class);

  private final String key;
  private final Deque<Function<Map<String, Object>, MockResponse>> script = new ArrayDeque<>();
  private final List<Map<String, Object>> requests = new ArrayList<>();
  private final List<String> rawBodies = new ArrayList<>();
  private final List<String> authHeaders = new ArrayList<>();
  private long remainingRequests = 14_399;
  private String resetRequests = "6s";
  private long remainingTokens = 11_843;
  private int counter;

  public GroqFake(String key) {
    this.key = key;
  }

  public static GroqFake on(MockWebServer server, String key) {
    GroqFake f = new GroqFake(key);
    server.setDispatcher(f);
    return f;
  }

  public synchronized GroqFake then(Function<Map<String, Object>, MockResponse> reply) {
    script.add(reply);
    return this;
  }

  /** Next header values for the daily request budget. */
  public synchronized GroqFake budget(long remainingRequests, String resetRequests, long remainingTokens) {
    this.remainingRequests = remainingRequests;
    this.resetRequests = resetRequests;
    this.remainingTokens = remainingTokens;
    return this;
  }

  public synchronized GroqFake content(String content) {
    return then(req -> ok(req, content, List.of()));
  }

  /** One tool call per entry: {name, argumentsJsonString}. */
  public synchronized GroqFake toolCalls(String[]... calls) {
    return then(req -> ok(req, null, List.of(calls)));
  }

  public synchronized GroqFake error(int code, String body, String... headers) {
    return then(req -> {
      MockResponse.Builder b = withLimits(new MockResponse.Builder().code(code).body(body));
      for (int i = 0; i + 1 < headers.length; i += 2) {
        b.setHeader(headers[i], headers[i + 1]);
      }
      return b.build();
    });
  }

  public synchronized GroqFake toolUseFailed() {
    return error(400, "{\"error\":{\"message\":\"Failed to call a function. Please adjust your prompt. See "
        + "'failed_generation' for more details.\",\"type\":\"invalid_request_error\",\"code\":\"tool_use_failed\","
        + "\"failed_generation\":\"<function=web_search>{\\\"query\\\": \\\"x\\\"}</function>\"}}");
  }

  public synchronized GroqFake jsonValidateFailed() {
    return error(400, "{\"error\":{\"message\":\"Failed to generate JSON. Please adjust your prompt. See "
        + "'failed_generation' for more details.\",\"type\":\"invalid_request_error\",\"code\":\"json_validate_failed\","
        + "\"failed_generation\":\"{thoughts: oops\"}}");
  }

  /** A response that starts after {@code seconds}: a client with a shorter timeout gives up. */
  public synchronized GroqFake slow(long seconds) {
    return then(req -> withLimits(new MockResponse.Builder().code(200).body("{}"))
        .headersDelay(seconds, TimeUnit.SECONDS).build());
  }

  public synchronized List<Map<String, Object>> requests() {
    return List.copyOf(requests);
  }

  public synchronized List<String> rawBodies() {
    return List.copyOf(rawBodies);
  }

  public synchronized List<String> authHeaders() {
    return List.copyOf(authHeaders);
  }

  public synchronized int remainingScript() {
    return script.size();
  }

  @Override
  public MockResponse dispatch(RecordedRequest request) {
    String body = request.getBody() == null ? "" : request.getBody().utf8();
    Map<String, Object> parsed;
    synchronized (this) {
      rawBodies.add(body);
      authHeaders.add(request.getHeaders().get("Authorization"));
      parsed = parse(body);
      requests.add(parsed);
    }
    if (!request.getUrl().encodedPath().endsWith("/chat/completions")) {
      return withLimits(new MockResponse.Builder().code(404).body("{\"error\":{\"message\":\"Unknown request URL\","
          + "\"type\":\"invalid_request_error\",\"code\":\"unknown_url\"}}")).build();
    }
    if (!("Bearer " + key).equals(request.getHeaders().get("Authorization"))) {
      return withLimits(new MockResponse.Builder().code(401).body("{\"error\":{\"message\":\"Invalid API Key\","
          + "\"type\":\"invalid_request_error\",\"code\":\"invalid_api_key\"}}")).build();
    }
    String rejection = validate(parsed, body);
    if (rejection != null) {
      return withLimits(new MockResponse.Builder().code(400).body("{\"error\":{\"message\":\"" + rejection
          + "\",\"type\":\"invalid_request_error\"}}")).build();
    }
    Function<Map<String, Object>, MockResponse> next;
    synchronized (this) {
      next = script.poll();
    }
    if (next == null) {
      return withLimits(new MockResponse.Builder().code(500).body("{\"error\":{\"message\":\"script exhausted\","
          + "\"type\":\"internal_server_error\"}}")).build();
    }
    return next.apply(parsed);
  }

  private static String validate(Map<String, Object> req, String raw) {
    if (req.get("response_format") instanceof Map<?, ?> rf) {
      if ("json_schema".equals(rf.get("type"))) {
        return "This model does not support response format `json_schema`.";
      }
      if ("json_object".equals(rf.get("type")) && !raw.toLowerCase(Locale.ROOT).contains("json")) {
        return "'messages' must contain the word 'json' in some form, to use 'response_format' of type 'json_object'.";
      }
    }
    List<String> tools = new ArrayList<>();
    if (req.get("tools") instanceof List<?> ts) {
      for (Object t : ts) {
        if (t instanceof Map<?, ?> tm && tm.get("function") instanceof Map<?, ?> fn) {
          tools.add(String.valueOf(fn.get("name")));
        }
      }
    }
    if (req.get("messages") instanceof List<?> msgs) {
      for (Object o : msgs) {
        if (o instanceof Map<?, ?> m && m.get("tool_calls") instanceof List<?> calls) {
          for (Object c : calls) {
            if (c instanceof Map<?, ?> cm && cm.get("function") instanceof Map<?, ?> fn
                && !tools.contains(String.valueOf(fn.get("name")))) {
              return "requested tool does not exist";
            }
          }
        }
      }
    }
    return null;
  }

  private MockResponse ok(Map<String, Object> req, String content, List<String[]> calls) {
    Map<String, Object> msg = new LinkedHashMap<>();
    msg.put("role", "assistant");
    msg.put("content", content);
    if (!calls.isEmpty()) {
      List<Object> tcs = new ArrayList<>();
      for (String[] c : calls) {
        Map<String, Object> fn = new LinkedHashMap<>();
        fn.put("name", c[0]);
        fn.put("arguments", c[1]);
        Map<String, Object> tc = new LinkedHashMap<>();
        synchronized (this) {
          tc.put("id", "call_" + (++counter));
        }
        tc.put("type", "function");
        tc.put("function", fn);
        tcs.add(tc);
      }
      msg.put("tool_calls", tcs);
    }
    Map<String, Object> choice = new LinkedHashMap<>();
    choice.put("index", 0);
    choice.put("message", msg);
    choice.put("logprobs", null);
    choice.put("finish_reason", calls.isEmpty() ? "stop" : "tool_calls");
    long prompt = Math.max(1, JSON.toJson(req.get("messages")).length() / 4);
    Map<String, Object> usage = new LinkedHashMap<>();
    usage.put("prompt_tokens", prompt);
    usage.put("completion_tokens", 37);
    usage.put("total_tokens", prompt + 37);
    usage.put("prompt_time", 0.01);
    usage.put("completion_time", 0.05);
    usage.put("queue_time", 0.02);
    usage.put("total_time", 0.06);
    Map<String, Object> root = new LinkedHashMap<>();
    root.put("id", "chatcmpl-" + counter);
    root.put("object", "chat.completion");
    root.put("created", 1733000000);
    root.put("model", "llama-3.3-70b-versatile");
    root.put("system_fingerprint", "fp_test");
    root.put("service_tier", "on_demand");
    root.put("choices", List.of(choice));
    root.put("usage", usage);
    root.put("x_groq", Map.of("id", "req_" + counter));
    return withLimits(new MockResponse.Builder().code(200).body(JSON.serializeNulls().toJson(root))).build();
  }

  private synchronized MockResponse.Builder withLimits(MockResponse.Builder b) {
    return b.setHeader("Content-Type", "application/json").setHeader("x-request-id", "req_test")
        .setHeader("x-groq-region", "test")
        .setHeader("x-ratelimit-limit-requests", "14400").setHeader("x-ratelimit-limit-tokens", "12000")
        .setHeader("x-ratelimit-remaining-requests", Long.toString(remainingRequests))
        .setHeader("x-ratelimit-remaining-tokens", Long.toString(remainingTokens))
        .setHeader("x-ratelimit-reset-requests", resetRequests).setHeader("x-ratelimit-reset-tokens", "1.57s");
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> parse(String body) {
    try {
      Object o = JSON.fromJson(body);
      return o instanceof Map<?, ?> ? (Map<String, Object>) o : Map.of();
    } catch (IOException | RuntimeException e) {
      return Map.of();
    }
  }

  /** The messages of request {@code i}. */
  @SuppressWarnings("unchecked")
  public List<Map<String, Object>> messages(int i) {
    return (List<Map<String, Object>>) requests().get(i).get("messages");
  }
}
