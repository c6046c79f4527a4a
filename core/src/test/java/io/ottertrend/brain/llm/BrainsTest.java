package io.ottertrend.brain.llm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.ottertrend.brain.Brain;
import io.ottertrend.brain.FallbackBrain;
import io.ottertrend.brain.rules.RulesBrain;
import io.ottertrend.config.Setting;
import io.ottertrend.config.Settings;
import io.ottertrend.llm.LLMAdapter;
import io.ottertrend.llm.LlmException;
import io.ottertrend.llm.ReplayingLlmAdapter;
import io.ottertrend.memory.SqliteMemory;
import io.ottertrend.testing.FakePorts;
import io.ottertrend.testing.RecordingGateway;
import io.ottertrend.testing.Snapshots;
import io.ottertrend.time.Clock;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BrainsTest {
  @TempDir
  Path dir;

  private final Clock clock = Clock.simulated(Instant.parse("2026-11-24T00:00:00Z"));

  @Test
  void withoutAKeyTheRulesBrainDecides() {
    try (SqliteMemory m = SqliteMemory.open(dir.resolve("a.db"))) {
      Settings s = Settings.defaults();
      LLMAdapter a = Brains.adapter(s, m, clock, () -> null);
      assertThat(a).isNull();
      assertThat(Brains.decider(s, a, null, clock, null)).isInstanceOf(RulesBrain.class);
    }
  }

  @Test
  void cacheOnlyNeverBuildsANetworkAdapterAndAMissFallsBack() {
    try (SqliteMemory m = SqliteMemory.open(dir.resolve("b.db"))) {
      Settings s = Settings.defaults().with(Map.of(Setting.LLM_CACHE_ONLY, "true", Setting.LLM_FALLBACK, "hold"));
      LLMAdapter a = Brains.adapter(s, m, clock, () -> null);
      assertThat(a).isInstanceOfSatisfying(ReplayingLlmAdapter.class, r -> assertThat(r.cacheOnly()).isTrue());
      Brain b = Brains.decider(s, a, null, clock, null);
      assertThat(b).isInstanceOf(FallbackBrain.class);
      assertThat(b.decide(Snapshots.small()).flags()).anyMatch(f -> f.contains("cache_miss"));
      assertThatThrownBy(() -> Brains.llm(s, a, null, clock).decide(Snapshots.small()))
          .isInstanceOf(LlmException.CacheMiss.class);
    }
  }

  @Test
  void keyOrLocalServerBuildsTheLlmBrainOfTheConfiguredMode() {
    try (SqliteMemory m = SqliteMemory.open(dir.resolve("c.db"))) {
      Settings local = Settings.defaults().with(Map.of(Setting.LLM_BASE_URL, "http://127.0.0.1:1/v1",
          Setting.LLM_MODE, "tools"));
      LLMAdapter a = Brains.adapter(local, m, clock, () -> null);
      assertThat(a).isNotNull();
      Brain tools = Brains.llm(local, a, new FakePorts().ports(Snapshots.small(), new RecordingGateway(true)), clock);
      assertThat(tools.name()).isEqualTo("llm-tools");
      Settings keyed = Settings.defaults().with(Map.of(Setting.GROQ_API_KEY, "gsk_x_123456"));
      assertThat(Brains.llm(keyed, Brains.adapter(keyed, m, clock, () -> null), null, clock).name())
          .isEqualTo("llm-json");
    }
  }
}
