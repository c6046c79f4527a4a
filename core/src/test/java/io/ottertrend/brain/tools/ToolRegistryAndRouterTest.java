package io.ottertrend.brain.tools;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.ottertrend.brain.MarketSnapshot;
import io.ottertrend.brain.OrderGateway;
import io.ottertrend.brain.SymbolGuard;
import io.ottertrend.llm.ToolCall;
import io.ottertrend.llm.ToolDefinition;
import io.ottertrend.testing.FakePorts;
import io.ottertrend.testing.RecordingGateway;
import io.ottertrend.testing.Snapshots;
import io.ottertrend.time.Clock;
import io.ottertrend.time.SimulatedClock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ToolRegistryAndRouterTest {
  private final SimulatedClock clock = Clock.simulated(Instant.parse("2026-11-24T12:00:00Z"));
  private final MarketSnapshot snapshot = Snapshots.small();
  private final FakePorts fakes = new FakePorts();
  private final RecordingGateway gateway = new RecordingGateway(true);

  private ToolRouter.Cycle cycle(ToolRouter router, int max) {
    return router.cycle(snapshot, new SymbolGuard(snapshot.allSymbols()), max);
  }

  private ToolRouter router() {
    return new ToolRouter(StandardTools.registry(fakes.ports(snapshot, gateway)), clock);
  }

  private static ToolCall call(String name, String args) {
    return new ToolCall("c1", name, args);
  }

  @Test
  void theSpecsEighteenToolsAreRegisteredWithStrictSchemas() {
    ToolRegistry r = StandardTools.registry(fakes.ports(snapshot, gateway));
    assertThat(r.names()).containsExactlyElementsOf(StandardTools.NAMES).hasSize(18);
    for (ToolDefinition d : r.definitions()) {
      assertThat(d.parameters()).containsEntry("type", "object").containsEntry("additionalProperties", false)
          .containsKeys("properties", "required");
      assertThat(d.description()).isNotBlank();
    }
    ToolDefinition place = r.get("place_order").orElseThrow().spec().definition();
    assertThat(place.parameters().get("required")).isEqualTo(List.of("symbol", "side", "size_pct_equity"));
    @SuppressWarnings("unchecked")
    Map<String, Map<String, Object>> props = (Map<String, Map<String, Object>>) place.parameters().get("properties");
    assertThat(props.get("side")).containsEntry("enum", List.of("BUY"));
    assertThat(props.get("size_pct_equity")).containsEntry("type", "number").containsEntry("maximum", 1.0);
    assertThat(props.get("order_type").get("enum")).isEqualTo(List.of("LIMIT", "LIMIT_MAKER", "MARKET"));
  }

  @Test
  void pluginsRegisterByNameOnceOrReplaceOnPurpose() {
    Tool custom = new StandardTools.SimpleTool(new Tool.Spec("my_new_tool", "custom", Tool.Category.OBSERVE,
        Params.object(), Duration.ZERO, 5), (a, c) -> Map.of("result", "ok"));
    ToolRegistry r = new ToolRegistry().register(custom);
    assertThatThrownBy(() -> r.register(custom)).hasMessageContaining("already registered");
    r.replace(custom);
    assertThat(r.names()).containsExactly("my_new_tool");
    ToolRouter.Outcome o = new ToolRouter(r, clock).cycle(snapshot, new SymbolGuard(List.of()), 3)
        .call(call("my_new_tool", ""));
    assertThat(o.ok()).isTrue();
    assertThat(o.content()).isEqualTo("{\"ok\":true,\"result\":{\"result\":\"ok\"}}");
  }

  @Test
  void actingToolsCannotBeCachedAndParamsRejectBadDeclarations() {
    assertThatThrownBy(() -> new Tool.Spec("place_thing", "", Tool.Category.ACT, Params.object(),
        Duration.ofSeconds(5), 5)).hasMessageContaining("must not be cached");
    assertThatThrownBy(() -> Params.object().string("BadName", "", true, 5)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> Params.object().bool("x", "", true).bool("x", "", true))
        .hasMessageContaining("duplicate");
  }

  @Test
  void argumentsAreValidatedAgainstTheDeclaration() {
    Params p = Params.object().symbol("symbol", "", true).integer("depth", "", false, 1, 20)
        .enumOf("side", "", false, "BUY", "SELL").bool("flag", "", false).stringList("words", "", false, 2)
        .string("text", "", false, 5).number("x", "", false, 0, 1);
    SymbolGuard g = new SymbolGuard(List.of("BTCUSDT"));
    ToolArgs ok = p.validate(Map.of("symbol", "btcusdt", "depth", 3.0, "side", "sell", "flag", true,
        "words", List.of("A", "b"), "text", "abcdefgh", "x", 0.5), g);
    assertThat(ok.symbol("symbol")).isEqualTo("BTCUSDT");
    assertThat(ok.integer("depth", 0)).isEqualTo(3);
    assertThat(ok.string("side", "")).isEqualTo("SELL");
    assertThat(ok.bool("flag", false)).isTrue();
    assertThat(ok.strings("words")).containsExactly("a", "b");
    assertThat(ok.string("text", "")).hasSize(5);
    assertThat(ok.number("x", 0)).isEqualTo(0.5);
    assertThat(ok.has("nothing")).isFalse();
    assertThatThrownBy(() -> p.validate(Map.of(), g)).hasMessage("missing required argument 'symbol'");
    assertThatThrownBy(() -> p.validate(Map.of("symbol", "BTCUSDT", "extra", 1), g))
        .hasMessage("unexpected argument 'extra'");
    assertThatThrownBy(() -> p.validate(Map.of("symbol", "BTCUSDT", "depth", 2.5), g)).hasMessageContaining("whole");
    assertThatThrownBy(() -> p.validate(Map.of("symbol", "BTCUSDT", "depth", 99.0), g)).hasMessageContaining("within");
    assertThatThrownBy(() -> p.validate(Map.of("symbol", "BTCUSDT", "side", "HOLD"), g)).hasMessageContaining("one of");
    assertThatThrownBy(() -> p.validate(Map.of("symbol", "BTCUSDT", "flag", "yes"), g)).hasMessageContaining("true or false");
    assertThatThrownBy(() -> p.validate(Map.of("symbol", "BTCUSDT", "words", List.of("a", "b", "c")), g))
        .hasMessageContaining("at most 2");
    assertThatThrownBy(() -> p.validate(Map.of("symbol", "BTCUSDT", "words", List.of(1)), g))
        .hasMessageContaining("strings only");
    assertThatThrownBy(() -> p.validate(Map.of("symbol", "BTCUSDT", "text", 5), g)).hasMessageContaining("string");
    assertThatThrownBy(() -> p.validate(Map.of("symbol", "BTCUSDT", "x", "0.5"), g)).hasMessageContaining("finite");
    assertThatThrownBy(() -> p.validate(Map.of("symbol", "ETHUSDT"), g)).hasMessageContaining("unknown symbol");
  }

  @Test
  void resultsAreCachedPerToolTtlOnTheClock() {
    ToolRouter router = router();
    ToolRouter.Cycle c = cycle(router, 10);
    assertThat(c.call(call("get_orderbook", "{\"symbol\":\"BTCUSDT\"}")).cached()).isFalse();
    assertThat(c.call(call("get_orderbook", "{\"symbol\":\"BTCUSDT\"}")).cached()).isTrue();
    assertThat(c.call(call("get_orderbook", "{\"symbol\":\"BTCUSDT\",\"depth\":2}")).cached()).isFalse();
    assertThat(fakes.bookCalls.get()).isEqualTo(2);
    clock.advance(Duration.ofSeconds(6));
    ToolRouter.Outcome again = cycle(router, 10).call(call("get_orderbook", "{\"symbol\":\"BTCUSDT\"}"));
    assertThat(again.cached()).isFalse();
    assertThat(again.content()).contains("spread_pct");
    assertThat(fakes.bookCalls.get()).isEqualTo(3);
  }

  @Test
  void perToolRateLimitRefusesBeyondTheMinuteBudget() {
    ToolRouter router = router();
    ToolRouter.Cycle c = cycle(router, 10);
    assertThat(c.call(call("get_google_trends", "{\"keywords\":[\"a\"]}")).ok()).isTrue();
    assertThat(c.call(call("get_google_trends", "{\"keywords\":[\"b\"]}")).ok()).isTrue();
    ToolRouter.Outcome third = c.call(call("get_google_trends", "{\"keywords\":[\"c\"]}"));
    assertThat(third.ok()).isFalse();
    assertThat(third.error()).contains("rate limit of 2 calls per minute");
    clock.advance(Duration.ofSeconds(61));
    assertThat(cycle(router, 10).call(call("get_google_trends", "{\"keywords\":[\"d\"]}")).ok()).isTrue();
    assertThat(fakes.trendsCalls.get()).isEqualTo(3);
  }

  @Test
  void everyStandardObserveAndThinkToolAnswers() {
    ToolRouter.Cycle c = cycle(router(), 20);
    List<ToolCall> calls = List.of(call("get_market_snapshot", "{\"top\":3}"), call("get_google_trends", "{}"),
        call("get_trending_tokens", "{}"), call("get_social_mentions", "{\"symbol\":\"SOLUSDT\"}"),
        call("get_crypto_news", "{\"symbol\":\"SOLUSDT\"}"), call("ml_detect_regime", "{\"symbol\":\"SOLUSDT\"}"),
        call("ml_forecast_volatility", "{\"symbol\":\"SOLUSDT\",\"horizon_bars\":30}"),
        call("ml_score_sentiment", "{\"text\":\"great news\"}"),
        call("ml_narrative_strength", "{\"narrative\":\"socialfi\"}"),
        call("ml_estimate_slippage", "{\"symbol\":\"SOLUSDT\",\"side\":\"BUY\",\"quote_amount\":20}"),
        call("ml_detect_anomalies", "{\"symbol\":\"SOLUSDT\"}"));
    for (ToolCall tc : calls) {
      ToolRouter.Outcome o = c.call(tc);
      assertThat(o.ok()).as(tc.name() + ": " + o.error()).isTrue();
    }
    ToolRouter.Outcome trending = c.call(call("get_trending_tokens", "{}"));
    assertThat(trending.content()).contains("{\"token\":\"SOLUSDT\",\"tradable\":true}")
        .contains("\"tradable\":false");
    assertThat(gateway.received).isEmpty();
  }

  @Test
  void unavailablePortsAndFailingToolsAnswerErrorsNotExceptions() {
    AgentPorts bare = new AgentPorts(null, null, null, null, null, new RecordingGateway(false));
    ToolRouter.Cycle c = new ToolRouter(StandardTools.registry(bare), clock).cycle(snapshot,
        new SymbolGuard(snapshot.allSymbols()), 10);
    ToolRouter.Outcome o = c.call(call("get_orderbook", "{\"symbol\":\"BTCUSDT\"}"));
    assertThat(o.ok()).isFalse();
    assertThat(o.error()).contains("not available");
    assertThat(c.call(call("get_portfolio_state", "{}")).content()).contains("\"equity\":1000");
    assertThat(c.call(call("risk_constraints", "{}")).content()).contains("\"max_trade_usd\":20");
    ToolRouter.Outcome refused = c.call(call("place_order",
        "{\"symbol\":\"SOLUSDT\",\"side\":\"BUY\",\"size_pct_equity\":0.01}"));
    assertThat(refused.ok()).isTrue();
    assertThat(refused.content()).contains("\"accepted\":false").contains("risk: rejected");
    assertThat(c.acted()).hasSize(1);
    assertThat(c.call(call("get_orderbook", "[1,2]")).error()).isEqualTo("arguments must be a JSON object");
    assertThatThrownBy(() -> new AgentPorts(null, null, null, null, null, null)).isInstanceOf(NullPointerException.class);
  }

  @Test
  void capCountsEveryCallIncludingRefusedOnes() {
    ToolRouter.Cycle c = cycle(router(), 2);
    c.call(call("nope", "{}"));
    c.call(call("get_orderbook", "{bad"));
    ToolRouter.Outcome third = c.call(call("get_orderbook", "{\"symbol\":\"BTCUSDT\"}"));
    assertThat(third.ok()).isFalse();
    assertThat(third.error()).contains("tool call cap of 2");
    assertThat(c.capReached()).isTrue();
    assertThat(fakes.bookCalls.get()).isZero();
    OrderGateway.Result r = OrderGateway.Result.rejected("x");
    assertThat(r.accepted()).isFalse();
  }
}
