package io.ottertrend.llm;

import io.ottertrend.memory.LlmCall;
import io.ottertrend.memory.LlmUsage;
import io.ottertrend.memory.Memory;
import io.ottertrend.time.Clock;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * A decorator that stores every LLM call in {@link Memory} and serves an identical request from the store at
 * zero tokens. This makes LLM runs replayable and LLM backtests affordable.
 *
 * <p>The key is the sha-256 of the canonical JSON (keys sorted) of the request body: model, messages, tools,
 * tool choice, response format, temperature, completion cap and seed. The API key is never part of it and
 * never stored. Every use is recorded with {@link Memory#recordLlmUsage}: network calls with their tokens and
 * {@code cached=false}, replays with zero tokens and {@code cached=true}.
 *
 * <p>In cache-only mode ({@code --llm-cache-only}) there is no delegate: a miss throws
 * {@link LlmException.CacheMiss} and nothing touches the network. Failed calls are not stored.
 *
 * <p>Thread-safe when the delegate and the memory are.
 */
public final class ReplayingLlmAdapter implements LLMAdapter {
  private final LLMAdapter delegate;
  private final String model;
  private final Memory memory;
  private final Clock clock;
  private final Supplier<Long> runId;
  private final long dailyTokenBudget;

  private ReplayingLlmAdapter(LLMAdapter delegate, String model, Memory memory, Clock clock, Supplier<Long> runId,
      long dailyTokenBudget) {
    this.delegate = delegate;
    this.model = Objects.requireNonNull(model, "model");
    this.memory = Objects.requireNonNull(memory, "memory");
    this.clock = Objects.requireNonNull(clock, "clock");
    this.runId = runId == null ? () -> null : runId;
    this.dailyTokenBudget = dailyTokenBudget;
  }

  /**
   * A copy that refuses network calls once {@code tokens} were spent over the network since the start of the UTC
   * day (all runs, from the usage records): a typed {@link LlmException.RateLimited} until midnight UTC. Replays
   * stay free and allowed.
   */
  public ReplayingLlmAdapter withDailyTokenBudget(long tokens) {
    if (tokens < 1) {
      throw new IllegalArgumentException("daily token budget must be >= 1");
    }
    return new ReplayingLlmAdapter(delegate, model, memory, clock, runId, tokens);
  }

  /** Records through {@code delegate}, replays hits. {@code runId} gives the current run (may supply null). */
  public static ReplayingLlmAdapter recording(LLMAdapter delegate, Memory memory, Clock clock, Supplier<Long> runId) {
    Objects.requireNonNull(delegate, "delegate");
    return new ReplayingLlmAdapter(delegate, delegate.model(), memory, clock, runId, Long.MAX_VALUE);
  }

  /** Serves only from the store; a miss is an {@link LlmException.CacheMiss}. */
  public static ReplayingLlmAdapter cacheOnly(String model, Memory memory, Clock clock, Supplier<Long> runId) {
    return new ReplayingLlmAdapter(null, model, memory, clock, runId, Long.MAX_VALUE);
  }

  @Override
  public String model() {
    return model;
  }

  /** True when this adapter never calls the network. */
  public boolean cacheOnly() {
    return delegate == null;
  }

  /** The replay key of {@code request} (after the delegate's defaults are applied). */
  public String requestHash(ChatRequest request) {
    return ChatJson.sha256(ChatJson.canonical(ChatJson.body(model, resolve(request))));
  }

  private ChatRequest resolve(ChatRequest r) {
    return delegate instanceof OpenAiCompatibleAdapter oa ? oa.resolve(r) : r;
  }

  @Override
  public ChatResponse chat(ChatRequest request) {
    ChatRequest r = resolve(Objects.requireNonNull(request, "request"));
    String requestJson = ChatJson.canonical(ChatJson.body(model, r));
    String hash = ChatJson.sha256(requestJson);
    Optional<LlmCall> hit = memory.llmCall(hash);
    if (hit.isPresent()) {
      ChatResponse stored;
      try {
        stored = ChatJson.response(hit.get().responseJson(), 0);
      } catch (LlmException.Malformed e) {
        throw new LlmException.Malformed("replay store entry " + hash + " is unreadable: " + e.getMessage());
      }
      memory.recordLlmUsage(new LlmUsage(runId.get(), clock.millis(), hash, true, 0, 0));
      return stored.asCached();
    }
    if (delegate == null) {
      throw new LlmException.CacheMiss(hash);
    }
    if (dailyTokenBudget != Long.MAX_VALUE) {
      long dayStart = clock.utcDate().atStartOfDay(java.time.ZoneOffset.UTC).toInstant().toEpochMilli();
      long spent = memory.llmTokensSpent(null, dayStart);
      if (spent >= dailyTokenBudget) {
        throw new LlmException.RateLimited("daily LLM token budget spent: " + spent + " of " + dailyTokenBudget
            + " tokens today (UTC)", java.time.Duration.ofMillis(dayStart + 86_400_000L - clock.millis()));
      }
    }
    ChatResponse live = delegate.chat(r);
    long now = clock.millis();
    memory.recordLlmCall(new LlmCall(hash, model, requestJson, ChatJson.responseJson(live),
        live.usage().promptTokens(), live.usage().completionTokens(), live.latencyMillis(), now));
    memory.recordLlmUsage(new LlmUsage(runId.get(), now, hash, false, live.usage().promptTokens(),
        live.usage().completionTokens()));
    return live;
  }
}
