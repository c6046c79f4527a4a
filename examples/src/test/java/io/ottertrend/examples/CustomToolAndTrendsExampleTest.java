package io.ottertrend.examples;

import static org.assertj.core.api.Assertions.assertThat;

import io.ottertrend.llm.ToolDefinition;
import io.ottertrend.signals.KeywordSeries;
import io.ottertrend.signals.Sourced;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class CustomToolAndTrendsExampleTest {
  private final CustomToolAndTrendsExample.Result r = CustomToolAndTrendsExample.run();

  @Test
  void theToolIsRegisteredByNameWithAStrictJsonSchema() {
    assertThat(r.definitions()).extracting(ToolDefinition::name).containsExactly("position_size_for_risk");
    Map<String, Object> schema = r.definitions().get(0).parameters();
    assertThat(schema).containsEntry("type", "object").containsEntry("additionalProperties", false)
        .containsEntry("required", List.of("symbol", "stop_pct"));
  }

  @Test
  void theRouterCallsTheToolWithValidatedArgumentsAndRefusesBadOnes() {
    assertThat(r.toolOutcome().ok()).isTrue();
    // 3.6 USD at risk with a 4 % stop on a 180 USD price: 0.5 units, 90 USD of notional
    assertThat(r.toolOutcome().content()).contains("\"ok\":true").contains("\"units\":0.5")
        .contains("\"notional\":90");
    assertThat(r.badCallOutcome().ok()).isFalse();
    assertThat(r.badCallOutcome().error()).contains("stop_pct");
  }

  @Test
  void theSignalsServiceServesTheCustomProvidersKeywords() {
    assertThat(r.trends().provider("my_trends")).hasValueSatisfying(h -> assertThat(h.available()).isTrue());
    assertThat(r.trends().keywords()).extracting(Sourced::source).containsOnly("my_trends");
    Map<String, KeywordSeries> byName = new java.util.HashMap<>();
    r.trends().keywords().forEach(k -> byName.put(k.value().keyword(), k.value()));
    assertThat(byName.get("socialfi").latest()).isEqualTo(55);
    assertThat(byName.get("socialfi").slope()).isPositive();
    assertThat(byName.get("memecoin").slope()).isNegative();
  }

  @Test
  void mainRuns() {
    CustomToolAndTrendsExample.main(new String[0]);
  }
}
