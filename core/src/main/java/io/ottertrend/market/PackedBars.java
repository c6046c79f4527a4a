package io.ottertrend.market;

import io.ottertrend.data.BarSeries;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * The stored bars of every symbol of a replayed market, time-major: one 48-byte record per bar (open time, open,
 * high, low and close as {@code double} bits, base and quote volume as two {@code float}s in one word), and the
 * records of all symbols for one time step side by side in a <i>row</i>.
 *
 * <p>Why: a backtest reads, every cycle and for every symbol, the newest bar (its open time, high, low, close and
 * volume, to extend the aggregates) and the bar a day back (its open time, its predecessor's, and its open). With
 * the bars of each symbol in an array of its own those are a few hundred separate streams through memory, a few
 * pages each per cycle: far more than the TLB holds or the hardware prefetchers track, so each read waits on
 * memory. Time-major, a cycle reads one row at the frontier and two a day back, each a contiguous run of a few
 * kilobytes that the prefetchers stream.
 *
 * <p>Placement: symbol {@code s}'s bar {@code i} is in row {@code offset(s) + i}, where the offset is the symbol's
 * first open time in steps from the earliest first open time of the market. Symbols listed late start in a later
 * row; a symbol whose history has a gap, or whose times are off the step grid, keeps its bars in consecutive rows
 * and so drifts off the others' rows after the gap: still correct (every read goes through the symbol's own bar
 * index), only less local. The rows are cut into chunks of {@value #CHUNK_ROWS}, each holding only the symbols that
 * have bars in its rows (a chunk's <i>width</i>), so a symbol listed late or stopped early costs at most a partial
 * chunk of empty records at each end, not the rows before or after it. A chunk is about 10 MB at 200 symbols:
 * G1 rounds each humongous object up to whole regions, and a hundred chunks waste far less of them than one array
 * per symbol did (half a region per array on average).
 *
 * <p>Built in two steps so that only one symbol's {@link BarSeries} is in memory besides the packed bars: the
 * layout from each symbol's bar count and first open time ({@link #layout}), then each symbol's bars ({@link
 * Builder#put}). Immutable once built and therefore thread-safe (the builder is published with the market's final
 * fields).
 */
final class PackedBars {
  /** Words per bar: open time, open, high, low, close, volumes. */
  static final int WORDS = 6;
  static final int OPEN_TIME = 0;
  static final int OPEN = 1;
  static final int HIGH = 2;
  static final int LOW = 3;
  static final int CLOSE = 4;
  static final int VOLUMES = 5;
  private static final int CHUNK_SHIFT = 10;
  static final int CHUNK_ROWS = 1 << CHUNK_SHIFT;
  private static final int CHUNK_MASK = CHUNK_ROWS - 1;

  /** One chunk of rows: the records of {@code width} symbols per row; {@code slot[s]} is symbol s's place, or -1. */
  static final class Chunk {
    final long[] cells;
    final int[] slot;
    final int width;

    Chunk(int[] slot, int width) {
      this.slot = slot;
      this.width = width;
      this.cells = new long[Math.multiplyExact(Math.multiplyExact(CHUNK_ROWS, width), WORDS)];
    }

    /** Where the record of symbol {@code s} in row {@code row} starts. */
    int record(int row, int s) {
      return ((row & CHUNK_MASK) * width + slot[s]) * WORDS;
    }
  }

  private final int[] size;
  private final int[] offset;
  private final Chunk[] chunks;

  private PackedBars(int[] size, int[] offset, Chunk[] chunks) {
    this.size = size;
    this.offset = offset;
    this.chunks = chunks;
  }

  /** Packs {@code series} (for tests and small sets; a market loads through {@link #layout}). */
  static PackedBars of(List<BarSeries> series, long stepMillis) {
    int n = series.size();
    int[] sizes = new int[n];
    long[] firsts = new long[n];
    for (int s = 0; s < n; s++) {
      sizes[s] = series.get(s).size();
      firsts[s] = series.get(s).isEmpty() ? 0 : series.get(s).openTime(0);
    }
    Builder b = layout(sizes, firsts, stepMillis);
    for (int s = 0; s < n; s++) {
      b.put(s, series.get(s));
    }
    return b.build();
  }

  /**
   * The layout of symbols with {@code sizes[s]} bars from open time {@code firstOpenTimes[s]} (ignored for an empty
   * symbol) on a grid of {@code stepMillis}; every chunk is allocated, zero-filled, for {@link Builder#put}.
   */
  static Builder layout(int[] sizes, long[] firstOpenTimes, long stepMillis) {
    int n = sizes.length;
    long earliest = Long.MAX_VALUE;
    for (int s = 0; s < n; s++) {
      if (sizes[s] > 0) {
        earliest = Math.min(earliest, firstOpenTimes[s]);
      }
    }
    int[] offset = new int[n];
    long rows = 0;
    for (int s = 0; s < n; s++) {
      if (sizes[s] < 0) {
        throw new IllegalArgumentException("negative size " + sizes[s]);
      }
      if (sizes[s] > 0) {
        // Steps from the earliest first bar; a symbol whose rows would run past an int starts at row 0 instead.
        long steps = Math.max(0, (firstOpenTimes[s] - earliest) / Math.max(1, stepMillis));
        offset[s] = steps + sizes[s] <= Integer.MAX_VALUE - CHUNK_ROWS ? (int) steps : 0;
      }
      rows = Math.max(rows, (long) offset[s] + sizes[s]);
    }
    int chunkCount = (int) ((rows + CHUNK_ROWS - 1) >>> CHUNK_SHIFT);
    Chunk[] chunks = new Chunk[chunkCount];
    for (int c = 0; c < chunkCount; c++) {
      long lo = (long) c << CHUNK_SHIFT;
      long hi = lo + CHUNK_ROWS;
      int[] slot = new int[n];
      int width = 0;
      for (int s = 0; s < n; s++) {
        boolean present = sizes[s] > 0 && offset[s] < hi && offset[s] + (long) sizes[s] > lo;
        slot[s] = present ? width++ : -1;
      }
      chunks[c] = width == 0 ? null : new Chunk(slot, width);
    }
    return new Builder(sizes.clone(), offset, chunks);
  }

  /** Fills a layout symbol by symbol. */
  static final class Builder {
    private final PackedBars bars;
    private final boolean[] filled;

    private Builder(int[] size, int[] offset, Chunk[] chunks) {
      this.bars = new PackedBars(size, offset, chunks);
      this.filled = new boolean[size.length];
    }

    /** The bars of symbol {@code s}, as many as the layout planned (the series is not kept). */
    Builder put(int s, BarSeries series) {
      int n = bars.size[s];
      if (series.size() != n) {
        throw new IllegalStateException("symbol " + s + ": planned " + n + " bars, got " + series.size());
      }
      for (int i = 0; i < n; i++) {
        int row = bars.offset[s] + i;
        Chunk c = bars.chunks[row >>> CHUNK_SHIFT];
        long[] cells = c.cells;
        int at = c.record(row, s);
        cells[at + OPEN_TIME] = series.openTime(i);
        cells[at + OPEN] = Double.doubleToRawLongBits(series.open(i));
        cells[at + HIGH] = Double.doubleToRawLongBits(series.high(i));
        cells[at + LOW] = Double.doubleToRawLongBits(series.low(i));
        cells[at + CLOSE] = Double.doubleToRawLongBits(series.close(i));
        // The series holds volumes as floats: narrowing its doubles back is exact.
        long volume = Float.floatToRawIntBits((float) series.volume(i));
        long quote = Float.floatToRawIntBits((float) series.quoteVolume(i));
        cells[at + VOLUMES] = volume << 32 | quote & 0xFFFF_FFFFL;
      }
      filled[s] = true;
      return this;
    }

    PackedBars build() {
      for (int s = 0; s < filled.length; s++) {
        if (!filled[s] && bars.size[s] > 0) {
          throw new IllegalStateException("symbol " + s + " has no bars put");
        }
      }
      return bars;
    }
  }

  /** Number of symbols. */
  int symbols() {
    return size.length;
  }

  int size(int s) {
    return size[s];
  }

  /** Row of symbol {@code s}'s bar {@code i} (checked against its size). */
  int row(int s, int i) {
    return offset[s] + Objects.checkIndex(i, size[s]);
  }

  /** Row of symbol {@code s}'s first bar: its place in time, in steps from the market's earliest bar. */
  int offset(int s) {
    return offset[s];
  }

  /** The chunk holding {@code row}. */
  Chunk chunk(int row) {
    return chunks[row >>> CHUNK_SHIFT];
  }

  private long word(int s, int i, int field) {
    int row = row(s, i);
    Chunk c = chunks[row >>> CHUNK_SHIFT];
    return c.cells[c.record(row, s) + field];
  }

  long openTime(int s, int i) {
    return word(s, i, OPEN_TIME);
  }

  double open(int s, int i) {
    return Double.longBitsToDouble(word(s, i, OPEN));
  }

  double high(int s, int i) {
    return Double.longBitsToDouble(word(s, i, HIGH));
  }

  double low(int s, int i) {
    return Double.longBitsToDouble(word(s, i, LOW));
  }

  double close(int s, int i) {
    return Double.longBitsToDouble(word(s, i, CLOSE));
  }

  double volume(int s, int i) {
    return volumeOf(word(s, i, VOLUMES));
  }

  double quoteVolume(int s, int i) {
    return Float.intBitsToFloat((int) word(s, i, VOLUMES));
  }

  /** The base volume of a record's volumes word. */
  static double volumeOf(long volumes) {
    return Float.intBitsToFloat((int) (volumes >>> 32));
  }

  /** Index of symbol {@code s}'s first bar opening at or after {@code t} ({@link #size} when none). */
  int lowerBound(int s, long t) {
    int lo = 0;
    int hi = size[s];
    while (lo < hi) {
      int mid = (lo + hi) >>> 1;
      if (openTime(s, mid) < t) {
        lo = mid + 1;
      } else {
        hi = mid;
      }
    }
    return lo;
  }

  /** Records allocated (bars plus the empty records of partial chunks), for tests of the layout's overhead. */
  long allocatedRecords() {
    return Arrays.stream(chunks).filter(Objects::nonNull).mapToLong(c -> (long) c.width * CHUNK_ROWS).sum();
  }
}
