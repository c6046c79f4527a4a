package io.ottertrend.market;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.ottertrend.data.BarSeries;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * {@link PackedBars} against the {@link BarSeries} it packs: every field of every bar of every symbol, and the
 * searches, on sets with late listings, stopped and empty series, gaps and times off the step grid, across chunks.
 */
class PackedBarsTest {
  private static final long STEP = 300_000;

  /** Random bars from {@code t}, on the step grid but with gaps, or anywhere in time when {@code offGrid}. */
  private static BarSeries randomSeries(SplittableRandom rnd, int n, long t, boolean offGrid) {
    BarSeries.Builder b = new BarSeries.Builder(n);
    for (int i = 0; i < n; i++) {
      if (i > 0) {
        t += offGrid ? rnd.nextLong(1, 10_000_000) : rnd.nextInt(50) == 0 ? STEP * rnd.nextInt(2, 40) : STEP;
      }
      double scale = Math.pow(10, rnd.nextInt(-8, 7));
      double open = scale * (1 + rnd.nextDouble());
      double close = scale * (1 + rnd.nextDouble());
      double high = Math.max(open, close) * (1 + rnd.nextDouble() / 10);
      double low = Math.min(open, close) * (1 - rnd.nextDouble() / 10);
      double volume = rnd.nextInt(10) == 0 ? 0 : Math.pow(10, rnd.nextInt(-3, 9)) * rnd.nextDouble();
      b.add(t, open, high, low, close, volume, volume * close);
    }
    return b.build();
  }

  /** A market's worth of series: most from the same start, some listed late, some short (stopped), some empty. */
  private static List<BarSeries> randomSet(SplittableRandom rnd, int symbols, int length) {
    long start = 1_700_000_000_000L / STEP * STEP;
    List<BarSeries> set = new ArrayList<>();
    for (int s = 0; s < symbols; s++) {
      int kind = rnd.nextInt(6);
      long first = switch (kind) {
        case 1 -> start + STEP * rnd.nextInt(1, 3 * length + 2); // listed late
        case 2 -> start + rnd.nextLong(1, 5 * STEP * length + 2); // late and off the grid
        default -> start;
      };
      int n = switch (kind) {
        case 3 -> rnd.nextInt(length / 2 + 1); // stopped early
        case 4 -> rnd.nextInt(5) == 0 ? 0 : length; // now and then empty
        default -> length;
      };
      set.add(randomSeries(rnd, n, first, kind == 2 || kind == 5 && rnd.nextBoolean()));
    }
    return set;
  }

  @Test
  void everyFieldOfEveryBarIsTheSeriesOwn() {
    SplittableRandom rnd = new SplittableRandom(3);
    for (int c = 0; c < 40; c++) {
      int length = c < 5 ? rnd.nextInt(3) : rnd.nextInt(c < 30 ? 600 : 3000);
      List<BarSeries> set = randomSet(rnd, 1 + rnd.nextInt(c < 30 ? 12 : 5), length);
      PackedBars packed = PackedBars.of(set, STEP);
      assertThat(packed.symbols()).isEqualTo(set.size());
      long bars = 0;
      for (int s = 0; s < set.size(); s++) {
        BarSeries series = set.get(s);
        bars += series.size();
        assertThat(packed.size(s)).isEqualTo(series.size());
        for (int i = 0; i < series.size(); i++) {
          assertThat(packed.openTime(s, i)).isEqualTo(series.openTime(i));
          assertThat(bits(packed.open(s, i))).isEqualTo(bits(series.open(i)));
          assertThat(bits(packed.high(s, i))).isEqualTo(bits(series.high(i)));
          assertThat(bits(packed.low(s, i))).isEqualTo(bits(series.low(i)));
          assertThat(bits(packed.close(s, i))).isEqualTo(bits(series.close(i)));
          assertThat(bits(packed.volume(s, i))).isEqualTo(bits(series.volume(i)));
          assertThat(bits(packed.quoteVolume(s, i))).isEqualTo(bits(series.quoteVolume(i)));
          // the record read in place, as the market's append loop reads it
          int row = packed.row(s, i);
          PackedBars.Chunk chunk = packed.chunk(row);
          assertThat(chunk.cells[chunk.record(row, s) + PackedBars.CLOSE])
              .isEqualTo(Double.doubleToRawLongBits(series.close(i)));
        }
        for (int k = 0; k < 50 && !series.isEmpty(); k++) {
          long t = series.openTime(rnd.nextInt(series.size())) + rnd.nextLong(-400_000, 400_000);
          assertThat(packed.lowerBound(s, t)).as("lower bound of %d", t).isEqualTo(series.lowerBound(t));
        }
        assertThat(packed.lowerBound(s, Long.MIN_VALUE)).isEqualTo(series.lowerBound(Long.MIN_VALUE));
        assertThat(packed.lowerBound(s, Long.MAX_VALUE)).isEqualTo(series.lowerBound(Long.MAX_VALUE));
      }
      // Empty records only in the partial chunks at each end of a symbol's rows.
      assertThat(packed.allocatedRecords()).isLessThanOrEqualTo(bars + 2L * PackedBars.CHUNK_ROWS * set.size());
    }
  }

  @Test
  void symbolsThatStepTogetherShareRows() {
    SplittableRandom rnd = new SplittableRandom(5);
    long start = 1_700_000_000_000L / STEP * STEP;
    List<BarSeries> set = List.of(randomSeries(rnd, 3000, start, false), randomSeries(rnd, 10, start + 7 * STEP, false),
        BarSeries.empty(), randomSeries(rnd, 2500, start + 2000 * STEP, false));
    PackedBars packed = PackedBars.of(set, STEP);
    assertThat(packed.offset(0)).isZero();
    assertThat(packed.offset(1)).isEqualTo(7);
    assertThat(packed.offset(3)).isEqualTo(2000);
    // symbol 1's rows lie in the first chunk only, symbol 3's from the second on: chunks hold only their symbols
    assertThat(packed.chunk(0).width).isEqualTo(2);
    assertThat(packed.chunk(PackedBars.CHUNK_ROWS).slot[1]).isEqualTo(-1);
    assertThat(packed.chunk(2 * PackedBars.CHUNK_ROWS).width).isEqualTo(2);
    assertThat(packed.chunk(4 * PackedBars.CHUNK_ROWS).width).isEqualTo(1);
  }

  @Test
  void barsOutsideTheSeriesAndUnplannedBarsAreRejected() {
    PackedBars packed = PackedBars.of(List.of(randomSeries(new SplittableRandom(4), 10, 0, false)), STEP);
    assertThatThrownBy(() -> packed.close(0, 10)).isInstanceOf(IndexOutOfBoundsException.class);
    assertThatThrownBy(() -> packed.openTime(0, -1)).isInstanceOf(IndexOutOfBoundsException.class);
    assertThatThrownBy(() -> PackedBars.of(List.of(BarSeries.empty()), STEP).open(0, 0))
        .isInstanceOf(IndexOutOfBoundsException.class);
    PackedBars.Builder layout = PackedBars.layout(new int[] {3, 2}, new long[] {0, 0}, STEP);
    assertThatThrownBy(() -> layout.put(0, randomSeries(new SplittableRandom(6), 4, 0, false)))
        .isInstanceOf(IllegalStateException.class);
    assertThatThrownBy(layout::build).isInstanceOf(IllegalStateException.class);
  }

  private static long bits(double x) {
    return Double.doubleToRawLongBits(x);
  }
}
