package io.ottertrend.llm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.ottertrend.config.Secret;
import io.ottertrend.memory.LlmUsage;
import io.ottertrend.memory.RunInfo;
import io.ottertrend.memory.SqliteMemory;
import io.ottertrend.testing.GroqFake;
import io.ottertrend.time.Clock;
import io.ottertrend.time.SimulatedClock;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import mockwebserver3.MockWebServer;
import mockwebserver3.junit5.StartStop;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ReplayingLlmAdapterTest {
  static final String KEY = "gsk_replay_secret_abcdef";

  @StartStop
  private final MockWebServer server = new MockWebServer();

  @TempDir
  Path dir;

  private final SimulatedClock clock = Clock.simulated(Instant.parse("2026-11-24T12:00:00Z"));

  private OpenAiCompatibleAdapter live() {
    return new OpenAiCompatibleAdapter(new OpenAiCompatibleAdapter.Config(server.url("/v1").toString(), "llama-3.3-70b-versatile",
        Secret.of(KEY), Duration.ofSeconds(5), 0.2, 512, 0, Duration.ofSeconds(5), clock));
  }

  private static ChatRequest request(String text) {
    return ChatRequest.of(List.of(ChatMessage.system("Answer in json."), ChatMessage.user(text)))
        .withResponseFormat(ResponseFormat.JSON_OBJECT).withSeed(42L);
  }

  @Test
  void secondIdenticalRunIsServedFromTheStoreAtZeroTokens() {
    GroqFake groq = GroqFake.on(server, KEY);
    groq.content("{\"a\":1}").toolCalls(new String[] {"f", "{\"x\":1}"});
    try (SqliteMemory memory = SqliteMemory.open(dir.resolve("t.db"))) {
      long run1 = memory.startRun(new RunInfo("paper", "synthetic", "llm", "paper", "test", "h", 1L), clock.millis());
      ReplayingLlmAdapter a = ReplayingLlmAdapter.recording(live(), memory, clock, () -> run1);
      ChatResponse first = a.chat(request("one"));
      ChatResponse second = a.chat(request("two"));
      assertThat(server.getRequestCount()).isEqualTo(2);

      long run2 = memory.startRun(new RunInfo("paper", "synthetic", "llm", "paper", "test", "h", 1L), clock.millis());
      ReplayingLlmAdapter b = ReplayingLlmAdapter.recording(live(), memory, clock, () -> run2);
      ChatResponse again1 = b.chat(request("one"));
      ChatResponse again2 = b.chat(request("two"));
      assertThat(server.getRequestCount()).isEqualTo(2);
      assertThat(again1.content()).isEqualTo(first.content());
      assertThat(again2.toolCalls()).isEqualTo(second.toolCalls());
      assertThat(again1.cached()).isTrue();

      List<LlmUsage> u1 = memory.llmUsage(run1);
      List<LlmUsage> u2 = memory.llmUsage(run2);
      assertThat(u1).hasSize(2).allSatisfy(u -> assertThat(u.cached()).isFalse());
      assertThat(u1.stream().mapToLong(u -> u.promptTokens() + u.completionTokens()).sum()).isPositive();
      assertThat(u2).hasSize(2).allSatisfy(u -> {
        assertThat(u.cached()).isTrue();
        assertThat(u.promptTokens() + u.completionTokens()).isZero();
      });
      assertThat(memory.llmTokensSpent(run2, 0)).isZero();
      assertThat(memory.llmCall(a.requestHash(request("one")))).get()
          .satisfies(c -> assertThat(c.requestJson()).doesNotContain(KEY).contains("\"seed\":42"));
    }
  }

  @Test
  void differentParametersAreDifferentKeys() {
    try (SqliteMemory memory = SqliteMemory.open(dir.resolve("k.db"))) {
      ReplayingLlmAdapter a = ReplayingLlmAdapter.cacheOnly("m", memory, clock, null);
      assertThat(a.requestHash(request("x"))).isEqualTo(a.requestHash(request("x")));
      assertThat(a.requestHash(request("x"))).isNotEqualTo(a.requestHash(request("x").withTemperature(0.5)));
      assertThat(a.requestHash(request("x"))).isNotEqualTo(a.requestHash(request("y")));
      assertThat(a.requestHash(request("x")))
          .isNotEqualTo(ReplayingLlmAdapter.cacheOnly("other", memory, clock, null).requestHash(request("x")));
    }
  }

  @Test
  void cacheOnlyMissIsTypedAndNeverTouchesTheNetwork() {
    GroqFake.on(server, KEY).content("{}");
    try (SqliteMemory memory = SqliteMemory.open(dir.resolve("c.db"))) {
      ReplayingLlmAdapter a = ReplayingLlmAdapter.cacheOnly("llama-3.3-70b-versatile", memory, clock, null);
      assertThat(a.cacheOnly()).isTrue();
      assertThatThrownBy(() -> a.chat(request("never seen"))).isInstanceOfSatisfying(LlmException.CacheMiss.class,
          e -> assertThat(e.requestHash()).hasSize(64));
      assertThat(server.getRequestCount()).isZero();
    }
  }

  @Test
  void dailyTokenBudgetStopsNetworkCallsButNotReplaysUntilMidnightUtc() {
    GroqFake.on(server, KEY).content("{\"a\":1}").content("{\"b\":2}").content("{\"c\":3}");
    try (SqliteMemory memory = SqliteMemory.open(dir.resolve("d.db"))) {
      ReplayingLlmAdapter a = ReplayingLlmAdapter.recording(live(), memory, clock, null).withDailyTokenBudget(10);
      a.chat(request("first"));
      assertThatThrownBy(() -> a.chat(request("second"))).isInstanceOfSatisfying(LlmException.RateLimited.class,
          e -> assertThat(e.retryAfter()).isEqualTo(Duration.ofHours(12)));
      assertThat(a.chat(request("first")).cached()).isTrue();
      assertThat(server.getRequestCount()).isEqualTo(1);
      clock.advance(Duration.ofHours(12));
      assertThat(a.chat(request("second")).cached()).isFalse();
      assertThatThrownBy(() -> a.withDailyTokenBudget(0)).isInstanceOf(IllegalArgumentException.class);
    }
  }

  @Test
  void failedCallsAreNotStored() {
    GroqFake.on(server, KEY).error(401, "{}").content("{\"ok\":true}");
    try (SqliteMemory memory = SqliteMemory.open(dir.resolve("f.db"))) {
      ReplayingLlmAdapter a = ReplayingLlmAdapter.recording(live(), memory, clock, null);
      assertThatThrownBy(() -> a.chat(request("q"))).isInstanceOf(LlmException.Auth.class);
      assertThat(memory.llmCall(a.requestHash(request("q")))).isEmpty();
    }
  }
}
