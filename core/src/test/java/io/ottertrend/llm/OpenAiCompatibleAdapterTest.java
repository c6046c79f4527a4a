package io.ottertrend.llm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.ottertrend.config.Secret;
import io.ottertrend.testing.GroqFake;
import io.ottertrend.time.Clock;
import io.ottertrend.time.SimulatedClock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import mockwebserver3.MockWebServer;
import mockwebserver3.junit5.StartStop;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class OpenAiCompatibleAdapterTest {
  static final String KEY = "gsk_test_0123456789abcdef";

  @StartStop
  private final MockWebServer server = new MockWebServer();

  private GroqFake groq;
  private SimulatedClock clock;

  @BeforeEach
  void setUp() {
    groq = GroqFake.on(server, KEY);
    clock = Clock.simulated(Instant.parse("2026-11-24T12:00:00Z"));
  }

  private OpenAiCompatibleAdapter adapter(Duration timeout) {
    return new OpenAiCompatibleAdapter(new OpenAiCompatibleAdapter.Config(server.url("/openai/v1/").toString(),
        "llama-3.3-70b-versatile", Secret.of(KEY), timeout, 0.2, 1024, 2, Duration.ofSeconds(10), clock));
  }

  private OpenAiCompatibleAdapter adapter() {
    return adapter(Duration.ofSeconds(5));
  }

  private static ChatRequest toolRequest() {
    ToolDefinition t = new ToolDefinition("get_ticker", "24h ticker", Map.of("type", "object", "properties",
        Map.of("symbol", Map.of("type", "string")), "required", List.of("symbol")));
    return ChatRequest.of(List.of(ChatMessage.system("You trade."), ChatMessage.user("BTC?")))
        .withTools(List.of(t), "auto");
  }

  @Test
  void sendsGroqShapedRequestAndReadsToolCallArgumentsAsRawStringWithNullContent() {
    groq.toolCalls(new String[] {"get_ticker", "{\"symbol\":\"BTCUSDT\"}"});
    ChatResponse r = adapter().chat(toolRequest());

    assertThat(r.content()).isNull();
    assertThat(r.toolCalls()).singleElement().satisfies(c -> {
      assertThat(c.name()).isEqualTo("get_ticker");
      assertThat(c.arguments()).isEqualTo("{\"symbol\":\"BTCUSDT\"}");
      assertThat(c.id()).startsWith("call_");
    });
    assertThat(r.finishReason()).isEqualTo("tool_calls");
    assertThat(r.usage().completionTokens()).isEqualTo(37);
    assertThat(r.usage().promptTokens()).isPositive();
    assertThat(r.requestId()).startsWith("req_");
    assertThat(groq.authHeaders()).containsExactly("Bearer " + KEY);
    Map<String, Object> body = groq.requests().get(0);
    assertThat(body).containsEntry("model", "llama-3.3-70b-versatile").containsEntry("tool_choice", "auto")
        .containsEntry("parallel_tool_calls", false).containsEntry("temperature", 0.2)
        .containsEntry("max_completion_tokens", 1024.0).doesNotContainKey("max_tokens");
  }

  @Test
  void toolResultMessagesCarryToolCallIdAndAssistantTurnIsEchoedVerbatim() {
    groq.content("done");
    ToolCall call = new ToolCall("call_1", "get_ticker", "{\"symbol\":\"BTCUSDT\"}");
    ChatRequest r = toolRequest().withMessages(List.of(ChatMessage.user("go"),
        ChatMessage.assistant(null, List.of(call)), ChatMessage.tool("call_1", "get_ticker", "{\"price\":1}")));
    assertThat(adapter().chat(r).content()).isEqualTo("done");
    List<Map<String, Object>> msgs = groq.messages(0);
    assertThat(msgs.get(1)).containsEntry("role", "assistant").containsEntry("content", null);
    assertThat(String.valueOf(msgs.get(1).get("tool_calls"))).contains("arguments={\"symbol\":\"BTCUSDT\"}");
    assertThat(msgs.get(2)).containsEntry("role", "tool").containsEntry("tool_call_id", "call_1");
  }

  @Test
  void readsTheSixRateLimitHeadersWithDurationStrings() {
    groq.budget(999, "2m59.56s", 5843).content("hi");
    OpenAiCompatibleAdapter a = adapter();
    a.chat(ChatRequest.of(List.of(ChatMessage.user("hi"))));
    RateLimits l = a.rateLimits();
    assertThat(l.limitRequests()).isEqualTo(14400);
    assertThat(l.remainingRequests()).isEqualTo(999);
    assertThat(l.resetRequests()).isEqualTo(Duration.ofMillis(179_560));
    assertThat(l.limitTokens()).isEqualTo(12000);
    assertThat(l.remainingTokens()).isEqualTo(5843);
    assertThat(l.resetTokens()).isEqualTo(Duration.ofMillis(1570));
  }

  @Test
  void spentDailyRequestBudgetFailsFastWithoutANetworkCall() {
    groq.budget(0, "2m59.56s", 5000).content("last one");
    OpenAiCompatibleAdapter a = adapter();
    a.chat(ChatRequest.of(List.of(ChatMessage.user("hi"))));
    assertThatThrownBy(() -> a.chat(ChatRequest.of(List.of(ChatMessage.user("again")))))
        .isInstanceOfSatisfying(LlmException.RateLimited.class,
            e -> assertThat(e.retryAfter()).isEqualTo(Duration.ofMillis(179_560)));
    assertThat(server.getRequestCount()).isEqualTo(1);
  }

  @Test
  void tokenBudgetShortWaitIsSpentOnTheClockThenTheCallGoes() {
    groq.budget(100, "6s", 10).content("first").content("second");
    OpenAiCompatibleAdapter a = adapter();
    a.chat(ChatRequest.of(List.of(ChatMessage.user("hi"))));
    long before = clock.millis();
    assertThat(a.chat(ChatRequest.of(List.of(ChatMessage.user("again")))).content()).isEqualTo("second");
    assertThat(clock.millis() - before).isEqualTo(1570);
  }

  @Test
  void jsonObjectRequestWithoutTheWordJsonGetsItAddedSoGroqAccepts() {
    groq.content("{\"thoughts\":\"ok\",\"actions\":[]}");
    ChatRequest r = ChatRequest.of(List.of(ChatMessage.user("Decide."))).withResponseFormat(ResponseFormat.JSON_OBJECT);
    assertThat(adapter().chat(r).content()).contains("thoughts");
    assertThat(groq.requests().get(0).get("response_format")).isEqualTo(Map.of("type", "json_object"));
    assertThat(groq.rawBodies().get(0).toLowerCase()).contains("json object");
  }

  @Test
  void toolUseFailedIsRetriedOnceAtALowerTemperature() {
    groq.toolUseFailed().toolCalls(new String[] {"get_ticker", "{\"symbol\":\"BTCUSDT\"}"});
    ChatResponse r = adapter().chat(toolRequest());
    assertThat(r.toolCalls()).hasSize(1);
    assertThat(groq.requests()).hasSize(2);
    assertThat((Double) groq.requests().get(1).get("temperature")).isLessThan(0.2);
  }

  @Test
  void toolUseFailedTwiceIsTypedWithTheFailedGeneration() {
    groq.toolUseFailed().toolUseFailed().content("never");
    assertThatThrownBy(() -> adapter().chat(toolRequest()))
        .isInstanceOfSatisfying(LlmException.ToolUseFailed.class, e -> {
          assertThat(e.failedGeneration()).contains("<function=web_search>");
          assertThat(e.status()).isEqualTo(400);
          assertThat(e.kind()).isEqualTo("tool_use_failed");
        });
    assertThat(groq.requests()).hasSize(2);
  }

  @Test
  void jsonValidateFailedIsTypedAndNotRetriedByTheAdapter() {
    groq.jsonValidateFailed().content("unused");
    ChatRequest r = ChatRequest.of(List.of(ChatMessage.user("json please"))).withResponseFormat(ResponseFormat.JSON_OBJECT);
    assertThatThrownBy(() -> adapter().chat(r)).isInstanceOfSatisfying(LlmException.JsonValidateFailed.class,
        e -> assertThat(e.failedGeneration()).isEqualTo("{thoughts: oops"));
    assertThat(groq.requests()).hasSize(1);
  }

  @Test
  void status413LowersMaxCompletionTokensByTheReportedExcessOnce() {
    String tooLarge = "{\"error\":{\"message\":\"Request too large for model `llama-3.3-70b-versatile` in organization "
        + "`org_1` service tier `on_demand` on tokens per minute (TPM): Limit 12000, Requested 12500, please reduce "
        + "your message size and try again.\",\"type\":\"tokens\",\"code\":\"rate_limit_exceeded\"}}";
    groq.error(413, tooLarge).content("fits now");
    assertThat(adapter().chat(ChatRequest.of(List.of(ChatMessage.user("hi")))).content()).isEqualTo("fits now");
    assertThat(groq.requests().get(1).get("max_completion_tokens")).isEqualTo(1024.0 - 500 - 32);

    groq.error(413, tooLarge).error(413, tooLarge);
    assertThatThrownBy(() -> adapter().chat(ChatRequest.of(List.of(ChatMessage.user("hi")))))
        .isInstanceOf(LlmException.RequestTooLarge.class);
  }

  @Test
  void status413WhenThePromptAloneIsTooLargeIsNotRetried() {
    groq.error(413, "{\"error\":{\"message\":\"Request too large: Limit 12000, Requested 40000\",\"type\":\"tokens\","
        + "\"code\":\"rate_limit_exceeded\"}}");
    assertThatThrownBy(() -> adapter().chat(ChatRequest.of(List.of(ChatMessage.user("hi")))))
        .isInstanceOf(LlmException.RequestTooLarge.class);
    assertThat(groq.requests()).hasSize(1);
  }

  @Test
  void status429WithShortRetryAfterWaitsOnTheClockAndRetriesOnce() {
    groq.error(429, "{\"error\":{\"message\":\"Rate limit reached ... Please try again in 5.289s.\",\"type\":\"tokens\","
        + "\"code\":\"rate_limit_exceeded\"}}", "retry-after", "2").content("after wait");
    long before = clock.millis();
    assertThat(adapter().chat(ChatRequest.of(List.of(ChatMessage.user("hi")))).content()).isEqualTo("after wait");
    assertThat(clock.millis() - before).isGreaterThanOrEqualTo(2000);
    assertThat(groq.requests()).hasSize(2);
  }

  @Test
  void status429WithLongRetryAfterIsTypedWithoutRetry() {
    groq.error(429, "{\"error\":{\"message\":\"Rate limit reached\",\"type\":\"requests\",\"code\":\"rate_limit_exceeded\"}}",
        "retry-after", "120");
    assertThatThrownBy(() -> adapter().chat(ChatRequest.of(List.of(ChatMessage.user("hi")))))
        .isInstanceOfSatisfying(LlmException.RateLimited.class,
            e -> assertThat(e.retryAfter()).isEqualTo(Duration.ofSeconds(120)));
    assertThat(groq.requests()).hasSize(1);
  }

  @Test
  void retryAfterFallsBackToTheHintInTheMessage() {
    assertThat(OpenAiCompatibleAdapter.retryAfter(null, "Please try again in 5.289s. Visit"))
        .isEqualTo(Duration.ofMillis(5289));
    assertThat(OpenAiCompatibleAdapter.retryAfter(null, "Please try again in 1m2s.")).isEqualTo(Duration.ofSeconds(62));
    assertThat(OpenAiCompatibleAdapter.retryAfter("x", "nothing")).isEqualTo(Duration.ofSeconds(1));
  }

  @Test
  void status500And503AreRetriedWithBackoffThenSucceed() {
    groq.error(500, "{\"error\":{\"message\":\"Internal Server Error\",\"type\":\"internal_server_error\"}}")
        .error(503, "<html>Service Unavailable</html>").content("recovered");
    assertThat(adapter().chat(ChatRequest.of(List.of(ChatMessage.user("hi")))).content()).isEqualTo("recovered");
    assertThat(groq.requests()).hasSize(3);
  }

  @Test
  void flexCapacity498IsRetriedLikeA5xx() {
    groq.error(498, "{\"error\":{\"message\":\"capacity exceeded\",\"code\":\"capacity_exceeded\"}}").content("ok");
    assertThat(adapter().chat(ChatRequest.of(List.of(ChatMessage.user("hi")))).content()).isEqualTo("ok");
  }

  @Test
  void persistent5xxIsATypedServerError() {
    groq.error(503, "overloaded").error(503, "overloaded").error(502, "bad gateway").content("unused");
    assertThatThrownBy(() -> adapter().chat(ChatRequest.of(List.of(ChatMessage.user("hi")))))
        .isInstanceOfSatisfying(LlmException.ServerError.class, e -> assertThat(e.status()).isEqualTo(502));
  }

  @Test
  void slowServerIsATimeout() {
    groq.slow(3);
    assertThatThrownBy(() -> adapter(Duration.ofMillis(300)).chat(ChatRequest.of(List.of(ChatMessage.user("hi")))))
        .isInstanceOf(LlmException.Timeout.class);
  }

  @Test
  void badKeyIsAuthAndTheKeyNeverAppearsInMessages() {
    OpenAiCompatibleAdapter wrong = new OpenAiCompatibleAdapter(new OpenAiCompatibleAdapter.Config(
        server.url("/openai/v1").toString(), "m", Secret.of("gsk_wrong_key_123456"), Duration.ofSeconds(5), 0.2, 100,
        0, Duration.ofSeconds(1), clock));
    assertThatThrownBy(() -> wrong.chat(ChatRequest.of(List.of(ChatMessage.user("hi")))))
        .isInstanceOf(LlmException.Auth.class).hasMessageNotContaining("gsk_wrong_key_123456");
  }

  @Test
  void keyEchoedByTheServerIsScrubbedFromTheException() {
    groq.error(404, "{\"error\":{\"message\":\"model not found for key " + KEY + "\",\"type\":\"invalid_request_error\"}}");
    assertThatThrownBy(() -> adapter().chat(ChatRequest.of(List.of(ChatMessage.user("hi")))))
        .isInstanceOf(LlmException.BadRequest.class).hasMessageNotContaining(KEY).hasMessageContaining("****");
  }

  @Test
  void nonJsonOrEmptyChoiceIsMalformed() {
    groq.then(req -> new mockwebserver3.MockResponse.Builder().code(200).body("not json").build());
    groq.then(req -> new mockwebserver3.MockResponse.Builder().code(200)
        .body("{\"choices\":[{\"index\":0,\"message\":{\"role\":\"assistant\",\"content\":null}}]}").build());
    groq.then(req -> new mockwebserver3.MockResponse.Builder().code(200).body("{\"choices\":[]}").build());
    for (int i = 0; i < 3; i++) {
      assertThatThrownBy(() -> adapter().chat(ChatRequest.of(List.of(ChatMessage.user("hi")))))
          .isInstanceOf(LlmException.Malformed.class);
    }
  }

  @Test
  void requestRecordsRejectBadShapes() {
    assertThatThrownBy(() -> ChatRequest.of(List.of())).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> ChatMessage.tool("", "x", "y")).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new ChatMessage(ChatMessage.Role.USER, null, null, null, null))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new ToolDefinition("bad name!", "", Map.of())).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> ChatRequest.of(List.of(ChatMessage.user("x"))).withTemperature(3.0))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> ChatRequest.of(List.of(ChatMessage.user("x"))).withTools(List.of(), "sometimes"))
        .isInstanceOf(IllegalArgumentException.class);
    assertThat(new Usage(1, 2).plus(new Usage(3, 4)).total()).isEqualTo(10);
  }
}
