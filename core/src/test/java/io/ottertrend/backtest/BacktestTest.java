package io.ottertrend.backtest;

import static org.assertj.core.api.Assertions.assertThat;

import io.ottertrend.config.Settings;
import io.ottertrend.model.Interval;
import java.nio.file.Path;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BacktestTest {
  @TempDir Path dir;

  private BacktestResult synthetic(long seed) {
    return Backtest.builder(Settings.defaults()).synthetic(seed, 20).interval(Interval.M5)
        .from(Instant.parse("2025-01-01T00:00:00Z")).days(1).workDir(dir).build().run();
  }

  @Test
  void aSyntheticBacktestTradesAndTheSameInputsGiveTheSameFingerprint() {
    BacktestResult a = synthetic(7);
    BacktestResult b = synthetic(7);
    assertThat(a.cycles()).isEqualTo(288);
    assertThat(a.fills()).isNotEmpty();
    assertThat(a.fingerprint()).hasSize(64).isEqualTo(b.fingerprint());
    assertThat(a.equity()).containsExactly(b.equity());
  }
}
