package io.ottertrend.agent;

import static org.assertj.core.api.Assertions.assertThat;

import io.ottertrend.net.CallClass;
import io.ottertrend.net.HttpMetrics;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class HttpSummaryTest {
  @Test
  void theHeartbeatCarriesEndpointLatencyErrorsAndBreakerStatesForStatus() {
    HttpMetrics m = new HttpMetrics(
        List.of(new HttpMetrics.Endpoint("GET /api/v3/ticker/24hr", CallClass.values()[0], 12, 1, 41.2, 80, 130.6, 200)),
        List.of(), List.of(new HttpMetrics.Breaker(CallClass.values()[0], "CLOSED", 0)), List.of(), 0);
    Map<String, Object> s = Agent.httpSummary(m);
    assertThat(String.valueOf(s.get("endpoints"))).contains("GET /api/v3/ticker/24hr n=12 err=1 p50=41ms p99=131ms");
    assertThat(String.valueOf(s.get("breakers"))).contains("CLOSED");
    assertThat(s.get("bannedForMillis")).isEqualTo(0L);
  }
}
