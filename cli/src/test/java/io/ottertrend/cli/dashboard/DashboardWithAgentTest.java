package io.ottertrend.cli.dashboard;

import static org.assertj.core.api.Assertions.assertThat;

import io.ottertrend.OtterTrend;
import io.ottertrend.agent.Agent;
import io.ottertrend.config.Setting;
import io.ottertrend.config.Settings;
import io.ottertrend.registry.Registry;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The real agent on the synthetic market feeds the dashboard; the emulated screen shows its cycles. */
class DashboardWithAgentTest {
  @TempDir Path dir;

  @Test
  void aSyntheticPaperRunFillsEveryPanel() throws Exception {
    Settings settings = Settings.defaults().with(Map.of(Setting.DB_PATH, dir.resolve("t.db").toString()));
    try (VirtualScreen screen = new VirtualScreen(120, 40)) {
      Dashboard dashboard = new Dashboard(screen.terminal(), false,
          new Dashboard.Info(false, "synthetic", "rules", Duration.ZERO), new FakeControls(), () -> 0L);
      try (Registry registry = OtterTrend.registry(settings,
          OtterTrend.Options.paperSynthetic(7).withListener(dashboard.listener()))) {
        Agent agent = OtterTrend.agent(registry);
        agent.start();
        agent.run(5, Duration.ofSeconds(60), () -> false);
        agent.finish("COMPLETED");
      }
      dashboard.view().render();
      String text = screen.text();
      assertThat(text).contains("PAPER").contains("cycle 5");
      assertThat(text).contains("rules ·").contains("Equity  ").contains("Cash    ").contains("trades  ");
      assertThat(text).containsPattern("order (open|filled|canceled)");
      assertThat(text).contains("▁");
    }
  }
}
