package io.ottertrend.market;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.ottertrend.data.BarSeries;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** {@link PackedBars} against the {@link BarSeries} it packs: every field of every bar, and the searches. */
class PackedBarsTest {

  /** Random bars on an irregular time grid (gaps, repeated steps) with prices and volumes of any magnitude. */
  private static BarSeries randomSeries(SplittableRandom rnd, int n) {
    BarSeries.Builder b = new BarSeries.Builder(n);
    long t = rnd.nextLong(1L << 40);
    for (int i = 0; i < n; i++) {
      t += rnd.nextInt(5) == 0 ? rnd.nextLong(1, 10_000_000) : 300_000;
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

  @Test
  void everyFieldOfEveryBarIsTheSeriesOwn() {
    SplittableRandom rnd = new SplittableRandom(3);
    for (int c = 0; c < 200; c++) {
      BarSeries series = randomSeries(rnd, rnd.nextInt(c < 5 ? 3 : 600));
      PackedBars packed = PackedBars.of(series);
      assertThat(packed.size()).isEqualTo(series.size());
      assertThat(packed.isEmpty()).isEqualTo(series.isEmpty());
      for (int i = 0; i < series.size(); i++) {
        assertThat(packed.openTime(i)).isEqualTo(series.openTime(i));
        assertThat(bits(packed.open(i))).isEqualTo(bits(series.open(i)));
        assertThat(bits(packed.high(i))).isEqualTo(bits(series.high(i)));
        assertThat(bits(packed.low(i))).isEqualTo(bits(series.low(i)));
        assertThat(bits(packed.close(i))).isEqualTo(bits(series.close(i)));
        assertThat(bits(packed.volume(i))).isEqualTo(bits(series.volume(i)));
        assertThat(bits(packed.quoteVolume(i))).isEqualTo(bits(series.quoteVolume(i)));
      }
      for (int k = 0; k < 50 && !series.isEmpty(); k++) {
        long t = series.openTime(rnd.nextInt(series.size())) + rnd.nextLong(-400_000, 400_000);
        assertThat(packed.lowerBound(t)).as("lower bound of %d", t).isEqualTo(series.lowerBound(t));
      }
      assertThat(packed.lowerBound(Long.MIN_VALUE)).isEqualTo(series.lowerBound(Long.MIN_VALUE));
      assertThat(packed.lowerBound(Long.MAX_VALUE)).isEqualTo(series.lowerBound(Long.MAX_VALUE));
    }
  }

  @Test
  void barsOutsideTheSeriesAreRejected() {
    PackedBars packed = PackedBars.of(randomSeries(new SplittableRandom(4), 10));
    assertThatThrownBy(() -> packed.close(10)).isInstanceOf(IndexOutOfBoundsException.class);
    assertThatThrownBy(() -> packed.openTime(-1)).isInstanceOf(IndexOutOfBoundsException.class);
    assertThatThrownBy(() -> PackedBars.of(BarSeries.empty()).open(0)).isInstanceOf(IndexOutOfBoundsException.class);
  }

  private static long bits(double x) {
    return Double.doubleToRawLongBits(x);
  }
}
