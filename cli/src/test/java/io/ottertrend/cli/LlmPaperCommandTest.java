package io.ottertrend.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.ottertrend.memory.DecisionRecord;
import io.ottertrend.memory.JournaledOrder;
import io.ottertrend.memory.LlmUsage;
import io.ottertrend.memory.SqliteMemory;
import io.ottertrend.testing.GroqFake;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * {@code paper --brain llm} against a local OpenAI-compatible server scripted like Groq: the decisions come from
 * the LLM, orders still pass the risk engine, the key reaches only the Authorization header, and a failing LLM
 * falls back to the rules brain without stopping the loop.
 */
class LlmPaperCommandTest extends GroqCliTest {
  @Test
  void theLlmDecidesAndItsOrdersGoThroughTheRiskEngine() throws IOException {
    GroqFake groq = GroqFake.on(server, KEY);
    groq.content("{\"thoughts\": \"BTC is liquid and trending; small limit entry.\", \"actions\": [{\"type\": \"OPEN\","
        + " \"symbol\": \"BTCUSDT\", \"side\": \"BUY\", \"size_pct_equity\": 0.5, \"order_type\": \"MARKET\","
        + " \"reason\": \"test\"}]}");
    for (int i = 0; i < 3; i++) {
      groq.content("{\"thoughts\": \"Holding.\", \"actions\": []}");
    }
    CliRunner.Result r = CliRunner.run(dir, env(), "paper", "--market", "synthetic", "--brain", "llm", "--cycles", "4",
        "--plain");
    assertThat(r.exitCode()).as(r.err()).isZero();
    assertThat(r.out()).contains("brain llm").contains("BTC is liquid and trending");
    assertThat(groq.authHeaders()).allMatch(("Bearer " + KEY)::equals);
    try (SqliteMemory m = SqliteMemory.open(dir.resolve("ottertrend.db"))) {
      List<DecisionRecord> decisions = m.recentDecisions(10);
      assertThat(decisions).hasSize(4);
      assertThat(decisions).anySatisfy(d -> assertThat(d.thoughts()).contains("BTC is liquid"));
      List<JournaledOrder> orders = m.recentOrders(10);
      // 50 % of equity was asked for; the risk engine shrank it to the 20 USD order cap
      assertThat(orders).singleElement().satisfies(o -> {
        assertThat(o.symbol()).isEqualTo("BTCUSDT");
        assertThat(o.quoteQuantity()).isLessThanOrEqualTo(new java.math.BigDecimal("20"));
      });
      long runId = m.recentRuns(1).get(0).id();
      assertThat(m.llmUsage(runId)).hasSize(4).allSatisfy(u -> assertThat(u.cached()).isFalse());
      assertThat(m.llmUsage(runId).stream().mapToLong(LlmUsage::promptTokens).sum()).isPositive();
    }
    assertNoKeyInAnyFile();
  }

  @Test
  void whenTheLlmFailsTheRulesBrainDecidesAndTheLoopGoesOn() {
    GroqFake groq = GroqFake.on(server, KEY);
    for (int i = 0; i < 20; i++) {
      groq.error(503, "{\"error\":{\"message\":\"Service Unavailable\",\"type\":\"internal_server_error\"}}");
    }
    CliRunner.Result r = CliRunner.run(dir, env(), "paper", "--market", "synthetic", "--brain", "llm", "--cycles", "3",
        "--plain");
    assertThat(r.exitCode()).as(r.err()).isZero();
    assertThat(r.out()).contains("cycle 3 done").contains("FALLBACK");
  }

  private void assertNoKeyInAnyFile() throws IOException {
    try (Stream<Path> files = Files.walk(dir)) {
      for (Path f : files.filter(Files::isRegularFile).toList()) {
        assertThat(new String(Files.readAllBytes(f), StandardCharsets.ISO_8859_1)).as(f.toString()).doesNotContain(KEY);
      }
    }
  }
}
