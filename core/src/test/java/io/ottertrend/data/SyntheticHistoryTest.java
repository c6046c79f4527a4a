package io.ottertrend.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.ottertrend.model.Interval;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SyntheticHistoryTest {
  static final long END = 1_767_225_600_000L; // 2026-01-01T00:00Z
  @TempDir Path dir;

  @Test
  void writesEverySymbolDeterministicallyAndRefusesToMixWithoutReplace() {
    BarStore a = BarStore.open(dir.resolve("a"));
    List<SyntheticHistory.Written> progress = new ArrayList<>();
    List<SyntheticHistory.Written> w = SyntheticHistory.write(a, 7, 12, 3, Interval.M5, END, false, progress::add);
    assertThat(w).hasSize(12);
    assertThat(progress).isEqualTo(w);
    assertThat(a.list()).hasSize(12);
    BarStore.SeriesInfo btc = a.info("BTCUSDT", Interval.M5).orElseThrow();
    assertThat(btc.bars()).isEqualTo(3 * 288);
    assertThat(btc.lastOpenTime()).isEqualTo(END - 300_000);
    assertThat(btc.gaps()).isZero();
    BarStore b = BarStore.open(dir.resolve("b"));
    SyntheticHistory.write(b, 7, 12, 3, Interval.M5, END, false, x -> {});
    assertThat(b.load("PEPEUSDT", Interval.M5)).isEqualTo(a.load("PEPEUSDT", Interval.M5));
    assertThatThrownBy(() -> SyntheticHistory.write(a, 7, 12, 3, Interval.M5, END, false, x -> {}))
        .isInstanceOf(DataException.class).hasMessageContaining("--replace");
    SyntheticHistory.write(a, 8, 12, 3, Interval.M5, END, true, x -> {});
    assertThat(a.load("PEPEUSDT", Interval.M5)).isNotEqualTo(b.load("PEPEUSDT", Interval.M5));
    assertThatThrownBy(() -> SyntheticHistory.write(a, 8, 2, 3, Interval.W1, END, true, x -> {}))
        .hasMessageContaining("1m to 1d");
  }
}
