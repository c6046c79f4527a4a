package io.ottertrend.llm;

import io.ottertrend.config.Secret;
import io.ottertrend.config.Setting;
import io.ottertrend.config.Settings;
import io.ottertrend.time.Clock;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;

/**
 * {@link LLMAdapter} for Groq and any OpenAI-compatible server ({@code POST <base>/chat/completions}).
 *
 * <p>What it does about the server's real behaviour, in order of a call:
 * <ol>
 *   <li>{@code json_object} needs the word "json" in the prompt (Groq returns 400 otherwise): when no message
 *       mentions it, a short system line asking for one JSON object is appended.
 *   <li>Client-side budget: the last {@code x-ratelimit-*} headers (requests per day, tokens per minute) are
 *       kept; a request that would exceed them waits on the {@link Clock} when the reset is within
 *       {@link Config#maxWait()}, else fails fast with {@link LlmException.RateLimited} without a network call.
 *   <li>400 {@code tool_use_failed}: one retry at a lower temperature, then {@link LlmException.ToolUseFailed}.
 *   <li>413: one retry with {@code max_completion_tokens} lowered by the excess the server reported; when the
 *       prompt alone is too large, {@link LlmException.RequestTooLarge} (the brain then shrinks its snapshot).
 *   <li>429: waits {@code retry-after} (or the "try again in Ns" hint) once if within {@code maxWait}, else
 *       {@link LlmException.RateLimited}.
 *   <li>408/409/498/5xx: up to {@link Config#maxRetries()} retries with exponential backoff, then
 *       {@link LlmException.ServerError}. Timeouts and connection failures are not retried (the brain falls back).
 * </ol>
 * The API key travels only in the {@code Authorization: Bearer} header; it is scrubbed from every exception
 * message. There is no {@code json_schema} support by design (unsupported on Llama 3.3 at Groq).
 *
 * <p>Thread-safe: the rate-limit view is updated atomically; calls may run concurrently.
 */
public final class OpenAiCompatibleAdapter implements LLMAdapter {
  private static final MediaType JSON = MediaType.get("application/json");
  private static final Pattern TRY_AGAIN = Pattern.compile("try again in ((?:\\d+(?:\\.\\d+)?(?:ms|h|m|s))+)");
  private static final Pattern LIMIT_REQUESTED = Pattern.compile("Limit (\\d+), Requested (\\d+)");
  private static final int MIN_COMPLETION_TOKENS = 64;

  /**
   * Settings of the adapter.
   *
   * @param baseUrl e.g. {@code https://api.groq.com/openai/v1}
   * @param model e.g. {@code llama-3.3-70b-versatile}
   * @param apiKey sent as a bearer token when present
   * @param timeout whole-call timeout
   * @param temperature default temperature when a request has none
   * @param maxCompletionTokens default completion cap when a request has none
   * @param maxRetries retries of 5xx/498/408/409 answers
   * @param maxWait longest wait the adapter accepts before retrying a 429 or a spent budget
   * @param clock the time source for latency, budgets and waits
   */
  public record Config(
      String baseUrl, String model, Secret apiKey, Duration timeout, double temperature, int maxCompletionTokens,
      int maxRetries, Duration maxWait, Clock clock) {
    public Config {
      Objects.requireNonNull(baseUrl, "baseUrl");
      Objects.requireNonNull(model, "model");
      apiKey = apiKey == null ? Secret.empty() : apiKey;
      Objects.requireNonNull(timeout, "timeout");
      Objects.requireNonNull(maxWait, "maxWait");
      Objects.requireNonNull(clock, "clock");
      if (maxRetries < 0 || maxCompletionTokens < 1) {
        throw new IllegalArgumentException("maxRetries must be >= 0 and maxCompletionTokens >= 1");
      }
      baseUrl = baseUrl.split(",")[0].strip();
      while (baseUrl.endsWith("/")) {
        baseUrl = baseUrl.substring(0, baseUrl.length() - 1);
      }
    }

    /** From {@code LLM_BASE_URL}, {@code LLM_MODEL}, {@code GROQ_API_KEY}, {@code LLM_TIMEOUT}, ... */
    public static Config fromSettings(Settings s, Clock clock) {
      return new Config(s.string(Setting.LLM_BASE_URL), s.string(Setting.LLM_MODEL), s.secret(Setting.GROQ_API_KEY),
          s.duration(Setting.LLM_TIMEOUT), s.number(Setting.LLM_TEMPERATURE),
          s.integer(Setting.LLM_MAX_COMPLETION_TOKENS), 2, Duration.ofSeconds(10), clock);
    }
  }

  private final Config config;
  private final OkHttpClient http;
  private volatile RateLimits limits = RateLimits.UNKNOWN;

  public OpenAiCompatibleAdapter(Config config) {
    this(config, new OkHttpClient.Builder().callTimeout(config.timeout()).build());
  }

  /** With a caller's client (its call timeout is replaced by the configured one). */
  public OpenAiCompatibleAdapter(Config config, OkHttpClient client) {
    this.config = Objects.requireNonNull(config, "config");
    this.http = client.newBuilder().callTimeout(config.timeout()).build();
  }

  @Override
  public String model() {
    return config.model();
  }

  /** The latest rate-limit headers seen (or {@link RateLimits#UNKNOWN}). */
  public RateLimits rateLimits() {
    return limits;
  }

  /** The request with the adapter's defaults filled in, exactly as it will be sent (and hashed). */
  public ChatRequest resolve(ChatRequest request) {
    ChatRequest r = request;
    if (r.temperature() == null) {
      r = r.withTemperature(config.temperature());
    }
    if (r.maxCompletionTokens() == null) {
      r = r.withMaxCompletionTokens(config.maxCompletionTokens());
    }
    if (r.responseFormat() == ResponseFormat.JSON_OBJECT && !mentionsJson(r.messages())) {
      List<ChatMessage> msgs = new ArrayList<>(r.messages());
      msgs.add(ChatMessage.system("Answer with one JSON object."));
      r = r.withMessages(msgs);
    }
    return r;
  }

  static boolean mentionsJson(List<ChatMessage> messages) {
    for (ChatMessage m : messages) {
      if (m.content() != null && m.content().toLowerCase(Locale.ROOT).contains("json")) {
        return true;
      }
    }
    return false;
  }

  @Override
  public ChatResponse chat(ChatRequest request) {
    ChatRequest r = resolve(Objects.requireNonNull(request, "request"));
    checkBudget(r);
    boolean toolRetried = false;
    boolean shrunk = false;
    boolean waited = false;
    int serverRetries = 0;
    while (true) {
      String body = ChatJson.write(ChatJson.body(config.model(), r));
      long start = config.clock().millis();
      Request.Builder rb = new Request.Builder().url(config.baseUrl() + "/chat/completions")
          .header("Content-Type", "application/json").post(RequestBody.create(body, JSON));
      if (config.apiKey().isPresent()) {
        rb.header("Authorization", "Bearer " + config.apiKey().reveal());
      }
      int status;
      String text;
      String retryAfterHeader;
      try (Response resp = http.newCall(rb.build()).execute()) {
        status = resp.code();
        text = resp.body().string();
        retryAfterHeader = resp.header("retry-after");
        RateLimits seen = RateLimits.from(resp::header, config.clock().millis());
        if (seen.known()) {
          limits = seen;
        }
      } catch (InterruptedIOException e) {
        throw new LlmException.Timeout("LLM call timed out after " + config.timeout(), e);
      } catch (IOException e) {
        throw new LlmException.Timeout("LLM call failed: " + scrub(e.getClass().getSimpleName() + ": "
            + e.getMessage()), e);
      }
      long latency = config.clock().millis() - start;
      if (status / 100 == 2) {
        return ChatJson.response(text, latency);
      }
      Map<?, ?> err = ChatJson.error(text);
      String code = ChatJson.str(err, "code");
      String message = scrub(ChatJson.str(err, "message"));
      String what = "LLM HTTP " + status + (code.isEmpty() ? "" : " " + code) + ": "
          + (message.isEmpty() ? abbreviate(scrub(text)) : message);
      if (status == 400 && "tool_use_failed".equals(code)) {
        if (!toolRetried) {
          toolRetried = true;
          double t = r.temperature() == null ? config.temperature() : r.temperature();
          r = r.withTemperature(Math.floor(t * 50) / 100); // halve it, two decimals: a calmer second try
          continue;
        }
        throw new LlmException.ToolUseFailed(what, scrub(ChatJson.str(err, "failed_generation")));
      }
      if (status == 400 && "json_validate_failed".equals(code)) {
        throw new LlmException.JsonValidateFailed(what, scrub(ChatJson.str(err, "failed_generation")));
      }
      if (status == 401 || status == 403) {
        throw new LlmException.Auth(what, status);
      }
      if (status == 413) {
        Integer smaller = shrunk ? null : smallerCompletion(r, message);
        if (smaller != null) {
          shrunk = true;
          r = r.withMaxCompletionTokens(smaller);
          continue;
        }
        throw new LlmException.RequestTooLarge(what);
      }
      if (status == 429) {
        Duration wait = retryAfter(retryAfterHeader, message);
        limits = new RateLimits(limits.limitRequests(), limits.remainingRequests(), limits.resetRequests(),
            limits.limitTokens(), 0, wait, config.clock().millis());
        if (!waited && wait.compareTo(config.maxWait()) <= 0) {
          waited = true;
          sleep(wait);
          continue;
        }
        throw new LlmException.RateLimited(what, wait);
      }
      if (status == 408 || status == 409 || status == 498 || status >= 500) {
        if (serverRetries < config.maxRetries()) {
          sleep(Duration.ofMillis(500L << serverRetries));
          serverRetries++;
          continue;
        }
        throw new LlmException.ServerError(what, status);
      }
      throw new LlmException.BadRequest(what, status);
    }
  }

  private void checkBudget(ChatRequest r) {
    long tokens = estimateTokens(r);
    Duration wait = limits.waitFor(tokens, config.clock().millis());
    if (wait.isZero()) {
      return;
    }
    if (wait.compareTo(config.maxWait()) > 0) {
      throw new LlmException.RateLimited("LLM budget spent (x-ratelimit headers: " + limits.remainingRequests()
          + " requests left today, " + limits.remainingTokens() + " tokens left this minute, need about " + tokens
          + "); next call in " + wait, wait);
    }
    sleep(wait);
  }

  /** Prompt characters / 4 plus the completion cap: what the server counts against tokens per minute. */
  static long estimateTokens(ChatRequest r) {
    long chars = 0;
    for (ChatMessage m : r.messages()) {
      chars += m.content() == null ? 0 : m.content().length();
      for (ToolCall c : m.toolCalls()) {
        chars += c.arguments().length() + c.name().length();
      }
    }
    for (ToolDefinition t : r.tools()) {
      chars += t.description().length() + ChatJson.write(t.parameters()).length();
    }
    return chars / 4 + (r.maxCompletionTokens() == null ? 0 : r.maxCompletionTokens());
  }

  private static Integer smallerCompletion(ChatRequest r, String message) {
    Matcher m = LIMIT_REQUESTED.matcher(message);
    int current = r.maxCompletionTokens() == null ? 1024 : r.maxCompletionTokens();
    int target;
    if (m.find()) {
      long excess = Long.parseLong(m.group(2)) - Long.parseLong(m.group(1));
      target = (int) Math.max(Integer.MIN_VALUE, current - excess - 32);
    } else {
      target = current / 2;
    }
    return target >= MIN_COMPLETION_TOKENS && target < current ? target : null;
  }

  static Duration retryAfter(String header, String message) {
    if (header != null && !header.isBlank()) {
      try {
        return Duration.ofMillis(Math.round(Double.parseDouble(header.strip()) * 1000));
      } catch (NumberFormatException e) {
        // fall through to the message hint
      }
    }
    Matcher m = TRY_AGAIN.matcher(message);
    if (m.find()) {
      return RateLimits.dur(m.group(1));
    }
    return Duration.ofSeconds(1);
  }

  private void sleep(Duration d) {
    try {
      config.clock().sleep(d);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new LlmException.Timeout("interrupted while waiting to call the LLM", e);
    }
  }

  private String scrub(String text) {
    return config.apiKey().scrub(text == null ? "" : text);
  }

  private static String abbreviate(String s) {
    return s.length() <= 200 ? s : s.substring(0, 200) + "...";
  }
}
