package io.ottertrend.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.ottertrend.model.Candle;
import io.ottertrend.model.Interval;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BarStoreTest {
  static final long T0 = 1_735_689_600_000L; // 2025-01-01T00:00Z
  static final long M5 = 300_000L;
  @TempDir Path dir;

  /** {@code n} random-walk 5m bars starting at {@code T0 + offset·5m}. */
  static BarSeries bars(long seed, int offset, int n) {
    SplittableRandom rnd = new SplittableRandom(seed);
    BarSeries.Builder b = new BarSeries.Builder(n);
    double p = 100;
    for (int i = 0; i < n; i++) {
      double o = p;
      p *= Math.exp(0.01 * rnd.nextGaussian());
      double h = Math.max(o, p) * 1.001;
      double l = Math.min(o, p) * 0.999;
      b.add(T0 + (offset + i) * M5, o, h, l, p, 10 + rnd.nextDouble(), 1000 + rnd.nextDouble());
    }
    return b.build();
  }

  @Test
  void appendsLoadBackBitExactAcrossBlocks() {
    BarStore store = BarStore.open(dir);
    BarSeries a = bars(1, 0, 1000);
    BarSeries b = bars(2, 1000, 500);
    assertThat(store.append("BTCUSDT", Interval.M5, a)).isEqualTo(1000);
    assertThat(store.append("BTCUSDT", Interval.M5, b)).isEqualTo(500);
    BarSeries all = store.load("BTCUSDT", Interval.M5);
    assertThat(all.size()).isEqualTo(1500);
    assertThat(all.slice(0, 1000)).isEqualTo(a);
    assertThat(all.slice(1000, 1500)).isEqualTo(b);
    BarStore.SeriesInfo info = store.info("BTCUSDT", Interval.M5).orElseThrow();
    assertThat(info.bars()).isEqualTo(1500);
    assertThat(info.firstOpenTime()).isEqualTo(T0);
    assertThat(info.lastOpenTime()).isEqualTo(T0 + 1499 * M5);
    assertThat(info.blocks()).isEqualTo(2);
    assertThat(info.gaps()).isZero();
    assertThat(store.list()).extracting(BarStore.SeriesInfo::symbol).containsExactly("BTCUSDT");
    BarSeries range = store.load("BTCUSDT", Interval.M5, T0 + 990 * M5, T0 + 1009 * M5);
    assertThat(range.size()).isEqualTo(20);
    assertThat(range.openTime(0)).isEqualTo(T0 + 990 * M5);
    Candle c = all.candle(3, Interval.M5);
    assertThat(c.closeTime()).isEqualTo(T0 + 4 * M5 - 1);
    assertThat(BarSeries.BYTES_PER_BAR).isLessThanOrEqualTo(64);
  }

  @Test
  void reportsGapsInsideAndBetweenBlocks() {
    BarStore store = BarStore.open(dir);
    BarSeries a = bars(1, 0, 10);
    BarSeries.Builder holey = new BarSeries.Builder(3);
    holey.add(T0 + 12 * M5, 1, 1, 1, 1, 1, 1).add(T0 + 13 * M5, 1, 1, 1, 1, 1, 1).add(T0 + 20 * M5, 1, 1, 1, 1, 1, 1);
    store.append("ETHUSDT", Interval.M5, a);
    store.append("ETHUSDT", Interval.M5, holey.build());
    BarStore.SeriesInfo info = store.info("ETHUSDT", Interval.M5).orElseThrow();
    assertThat(info.gaps()).isEqualTo(2);
    assertThat(info.missingBars()).isEqualTo(2 + 6);
    assertThat(store.gaps("ETHUSDT", Interval.M5)).containsExactly(
        new BarStore.Gap(T0 + 10 * M5, T0 + 12 * M5, 2), new BarStore.Gap(T0 + 14 * M5, T0 + 20 * M5, 6));
  }

  @Test
  void refusesOldOrUnsortedOrNonFiniteBarsAndKeepsTheStoreUnchanged() {
    BarStore store = BarStore.open(dir);
    store.append("BTCUSDT", Interval.M5, bars(1, 0, 100));
    assertThatThrownBy(() -> store.append("BTCUSDT", Interval.M5, bars(2, 99, 10)))
        .isInstanceOf(DataException.class).hasMessageContaining("only newer bars");
    BarSeries.Builder bad = new BarSeries.Builder(2);
    bad.add(T0 + 200 * M5, 1, 1, 1, 1, 1, 1).add(T0 + 201 * M5, 1, Double.NaN, 1, 1, 1, 1);
    assertThatThrownBy(() -> store.append("BTCUSDT", Interval.M5, bad.build())).hasMessageContaining("not finite");
    BarSeries.Builder unsorted = new BarSeries.Builder(2);
    unsorted.add(T0 + 300 * M5, 1, 1, 1, 1, 1, 1).add(T0 + 300 * M5, 1, 1, 1, 1, 1, 1);
    assertThatThrownBy(() -> store.append("BTCUSDT", Interval.M5, unsorted.build())).hasMessageContaining("strictly");
    assertThat(store.load("BTCUSDT", Interval.M5)).isEqualTo(bars(1, 0, 100));
  }

  @Test
  void detectsACorruptedColumnByItsChecksum() throws IOException {
    BarStore store = BarStore.open(dir);
    store.append("BTCUSDT", Interval.M5, bars(1, 0, 100));
    Path block = dir.resolve("BTCUSDT").resolve("M5").resolve("b-000001.bars");
    try (FileChannel ch = FileChannel.open(block, StandardOpenOption.WRITE)) {
      ch.write(ByteBuffer.wrap(new byte[] {42}), 16 + 8 * 100 + 8 * 3); // inside the open column
    }
    assertThatThrownBy(() -> store.load("BTCUSDT", Interval.M5)).isInstanceOf(DataException.class)
        .hasMessageContaining("checksum mismatch in column 1");
  }

  @Test
  void anUncommittedBlockIsIgnoredAndOverwritten() throws IOException {
    BarStore store = BarStore.open(dir);
    store.append("BTCUSDT", Interval.M5, bars(1, 0, 100));
    Path series = dir.resolve("BTCUSDT").resolve("M5");
    // a crash after the block rename but before the index rename leaves an orphan block
    Files.write(series.resolve("b-000002.bars"), new byte[] {1, 2, 3});
    Files.write(series.resolve(".tmp-index"), new byte[] {9});
    assertThat(store.load("BTCUSDT", Interval.M5).size()).isEqualTo(100);
    store.append("BTCUSDT", Interval.M5, bars(3, 100, 50));
    assertThat(store.load("BTCUSDT", Interval.M5).size()).isEqualTo(150);
  }

  @Test
  void aDamagedIndexIsRefused() throws IOException {
    BarStore store = BarStore.open(dir);
    store.append("BTCUSDT", Interval.M5, bars(1, 0, 10));
    Path index = dir.resolve("BTCUSDT").resolve("M5").resolve("index");
    Files.writeString(index, Files.readString(index).replace(" 10 ", " 11 "));
    assertThatThrownBy(() -> store.load("BTCUSDT", Interval.M5)).hasMessageContaining("index checksum");
    Files.writeString(index, "ottertrend-bars 1\n");
    assertThatThrownBy(() -> store.info("BTCUSDT", Interval.M5)).hasMessageContaining("not a complete");
  }

  @Test
  void deleteRemovesTheSeries() {
    BarStore store = BarStore.open(dir);
    store.append("BTCUSDT", Interval.M5, bars(1, 0, 10));
    store.delete("BTCUSDT", Interval.M5);
    assertThat(store.info("BTCUSDT", Interval.M5)).isEmpty();
    assertThat(store.load("BTCUSDT", Interval.M5).isEmpty()).isTrue();
    assertThatThrownBy(() -> store.load("btc/usdt", Interval.M5)).hasMessageContaining("invalid symbol");
  }
}
