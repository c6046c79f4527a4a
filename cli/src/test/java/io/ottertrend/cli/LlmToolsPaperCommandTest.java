package io.ottertrend.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.ottertrend.memory.DecisionRecord;
import io.ottertrend.memory.JournaledOrder;
import io.ottertrend.memory.RiskEvent;
import io.ottertrend.memory.SqliteMemory;
import io.ottertrend.testing.GroqFake;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * {@code paper --brain llm --set LLM_MODE=tools} against a Groq-scripted local server: the tool-calling brain
 * observes, thinks and acts through the agent's own ports, so {@code place_order} goes through the risk engine
 * and the order manager like a JSON action; an unknown tool is refused and the cycle still ends recorded.
 */
class LlmToolsPaperCommandTest extends GroqCliTest {
  @Test
  void toolLoopActsThroughTheRiskEngineAndAnUnknownToolIsRefused() throws Exception {
    GroqFake groq = GroqFake.on(server, KEY);
    // cycle 1: observe, think, act (an oversized order), then a closing sentence
    groq.toolCalls(new String[] {"get_market_snapshot", "{\"top\": 5}"});
    groq.toolCalls(new String[] {"ml_detect_regime", "{\"symbol\": \"BTCUSDT\"}"});
    groq.toolCalls(new String[] {"place_order", "{\"symbol\": \"BTCUSDT\", \"side\": \"BUY\", \"size_pct_equity\": 0.9,"
        + " \"order_type\": \"MARKET\", \"reason\": \"trend\"}"});
    groq.content("Bought BTC through the tools.");
    // cycle 2: a tool that does not exist, then a hold
    groq.toolCalls(new String[] {"withdraw_funds", "{\"address\": \"x\"}"});
    groq.content("Holding after the refusal.");
    groq.content("Holding.");
    CliRunner.Result r = CliRunner.run(dir, env(), "paper", "--market", "synthetic", "--brain", "llm",
        "--set", "LLM_MODE=tools", "--cycles", "3", "--plain");
    assertThat(r.exitCode()).as(r.err()).isZero();
    assertThat(groq.remainingScript()).isZero();
    // the tools were offered to the model: tool mode really ran
    assertThat(groq.requests().get(0)).containsKey("tools");
    try (SqliteMemory m = SqliteMemory.open(dir.resolve("ottertrend.db"))) {
      List<DecisionRecord> decisions = m.recentDecisions(10);
      assertThat(decisions).hasSize(3);
      assertThat(decisions).anySatisfy(d -> assertThat(d.thoughts()).contains("Bought BTC through the tools"));
      assertThat(decisions).anySatisfy(d -> assertThat(d.thoughts()).contains("Holding after the refusal"));
      List<JournaledOrder> orders = m.recentOrders(10);
      long bought = decisions.stream().filter(d -> d.thoughts().contains("Bought BTC through the tools"))
          .findFirst().orElseThrow().id();
      // 90 % of equity was asked for; the risk engine shrank it to the per-order cap and the manager journalled it,
      // linked to the decision whose tool call placed it
      assertThat(orders).singleElement().satisfies(o -> {
        assertThat(o.symbol()).isEqualTo("BTCUSDT");
        assertThat(o.quoteQuantity()).isLessThanOrEqualTo(new BigDecimal("20"));
        assertThat(o.decisionId()).isEqualTo(bought);
      });
      List<RiskEvent> verdicts = m.recentRiskEvents(20);
      assertThat(verdicts).anySatisfy(e -> {
        assertThat(e.symbol()).isEqualTo("BTCUSDT");
        assertThat(e.verdict()).isEqualTo("SHRINK");
      });
    }
    assertThat(logMessages()).anySatisfy(s -> assertThat(s).contains("unknown tool refused: withdraw_funds"));
  }

  @Test
  void theDailyTokenBudgetStopsNetworkCallsAndTheRulesBrainTakesOver() {
    GroqFake groq = GroqFake.on(server, KEY);
    for (int i = 0; i < 4; i++) {
      groq.content("{\"thoughts\": \"Holding.\", \"actions\": []}");
    }
    CliRunner.Result r = CliRunner.run(dir, env(), "paper", "--market", "synthetic", "--brain", "llm",
        "--set", "LLM_DAILY_TOKEN_BUDGET=1000", "--cycles", "3", "--plain");
    assertThat(r.exitCode()).as(r.err()).isZero();
    // each call spends hundreds of tokens (the fake counts prompt chars / 4): the budget (the minimum, 1,000)
    // runs out within two cycles, and later cycles are refused before the network; unbudgeted, all 3 would call
    assertThat(groq.requests()).isNotEmpty().hasSizeLessThan(3);
    assertThat(r.out()).contains("cycle 3 done").contains("FALLBACK");
  }

  private List<String> logMessages() throws SQLException {
    List<String> out = new ArrayList<>();
    try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + dir.resolve("ottertrend.db"));
        Statement s = c.createStatement();
        ResultSet rs = s.executeQuery("SELECT level || ' ' || message FROM logs WHERE source = 'brain'")) {
      while (rs.next()) {
        out.add(rs.getString(1));
      }
    }
    return out;
  }
}
