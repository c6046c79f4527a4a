package io.ottertrend.brain;

import static org.assertj.core.api.Assertions.assertThat;

import io.ottertrend.llm.LlmException;
import io.ottertrend.memory.SqliteMemory;
import io.ottertrend.testing.Snapshots;
import io.ottertrend.time.Clock;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FallbackBrainTest {
  @TempDir
  Path dir;

  private static Brain scripted(List<Object> outcomes) {
    return new Brain() {
      int i;

      @Override
      public Decision decide(MarketSnapshot snapshot) {
        Object o = outcomes.get(i++);
        if (o instanceof RuntimeException e) {
          throw e;
        }
        return (Decision) o;
      }

      @Override
      public String name() {
        return "llm-json";
      }
    };
  }

  @Test
  void countsConsecutiveFailuresForTheRiskEnginesSafeModeAndResetsOnSuccess() {
    List<Integer> seen = new ArrayList<>();
    Brain primary = scripted(List.of(new LlmException.Timeout("t", null), Decision.failed("llm-json", "malformed"),
        new LlmException.ServerError("503", 503), Decision.hold("llm-json", "calm"),
        new IllegalStateException("bug")));
    FallbackBrain fb = new FallbackBrain(primary, null, seen::add);
    for (int i = 0; i < 5; i++) {
      Decision d = fb.decide(Snapshots.small());
      assertThat(d.isHold()).isTrue();
    }
    assertThat(seen).containsExactly(1, 2, 3, 0, 1);
    assertThat(fb.consecutiveFailures()).isEqualTo(1);
    assertThat(fb.name()).isEqualTo("llm-json");
  }

  @Test
  void failingFallbackStillGivesAFailedHoldDecision() {
    Brain broken = scripted(List.of(new IllegalStateException("rules bug")));
    FallbackBrain fb = new FallbackBrain(scripted(List.of(new LlmException.Auth("bad key", 401))), broken, null);
    Decision d = fb.decide(Snapshots.small());
    assertThat(d.isHold()).isTrue();
    assertThat(d.failed()).isTrue();
    assertThat(d.fallback()).isTrue();
    assertThat(d.outcome()).isEqualTo("FALLBACK");
  }

  @Test
  void recordingBrainRecordsEvenWhenTheBrainThrows() {
    try (SqliteMemory memory = SqliteMemory.open(dir.resolve("r.db"))) {
      RecordingBrain rb = new RecordingBrain(scripted(List.of(new IllegalStateException("boom"))), memory,
          Clock.simulated(Instant.parse("2026-11-24T00:00:00Z")), () -> null);
      Decision d = rb.decide(Snapshots.small());
      assertThat(d.outcome()).isEqualTo("ERROR");
      assertThat(memory.recentDecisions(1)).singleElement().satisfies(r -> {
        assertThat(r.outcome()).isEqualTo("ERROR");
        assertThat(r.snapshotHash()).isEqualTo(RecordingBrain.hash(Snapshots.small()));
        assertThat(r.thoughts()).contains("boom");
      });
    }
  }

  @Test
  void decisionJsonRendersTheContract() {
    Action.Open o = new Action.Open("SOLUSDT", io.ottertrend.model.Side.BUY, new java.math.BigDecimal("0.02"), null,
        null, new java.math.BigDecimal("170"), new java.math.BigDecimal("190"), null);
    assertThat(DecisionJson.actions(List.of(o, new Action.Close("ETHUSDT", null, "tp"))))
        .isEqualTo("[{\"type\":\"OPEN\",\"symbol\":\"SOLUSDT\",\"side\":\"BUY\",\"size_pct_equity\":\"0.02\","
            + "\"order_type\":\"LIMIT\",\"stop_loss\":\"170\",\"take_profit\":\"190\",\"reason\":\"\"},"
            + "{\"type\":\"CLOSE\",\"symbol\":\"ETHUSDT\",\"fraction\":\"1\",\"reason\":\"tp\"}]");
    assertThat(DecisionJson.dropped(List.of(new Decision.Dropped("x", "why")))).contains("\"reason\":\"why\"");
  }
}
