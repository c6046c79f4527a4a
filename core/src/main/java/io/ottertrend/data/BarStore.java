package io.ottertrend.data;

import io.ottertrend.market.Buckets;
import io.ottertrend.model.Interval;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.zip.CRC32;

/**
 * A compact columnar store of OHLCV bars on disk: one folder per symbol and interval
 * ({@code root/BTCUSDT/M5/}) holding append-only block files and one {@code index} file.
 *
 * <p><b>Block file</b> ({@code b-000001.bars}, little-endian): a 16-byte header ({@code OTBARS01}, bar count,
 * reserved) followed by seven primitive columns — open time {@code long[n]}, open/high/low/close
 * {@code double[n]}, volume and quote volume {@code float[n]} — 48 bytes per bar, memory-mappable and copied
 * into {@link BarSeries} arrays in bulk. <b>Index</b> (text): one line per block with its bar count, first and
 * last open time, gap counts and the CRC32 of each of its seven columns, then a CRC32 of the index itself.
 *
 * <p><b>Atomic commit:</b> an append writes new blocks to temporary files, fsyncs and renames them, then
 * writes the new index the same way (temp + fsync + atomic rename) and fsyncs the folder. The index rename is
 * the commit point: a crash before it leaves the previous index, and block files it does not list are ignored
 * and overwritten later. Appends must be strictly newer than the last stored bar.
 *
 * <p><b>Thread-safety:</b> appends are serialised per store instance; loads may run concurrently with
 * appends and see either the old or the new index. Two processes must not append to the same series at
 * once. <b>Errors:</b> {@link DataException} naming the file (corrupt block, checksum mismatch, I/O).
 */
public final class BarStore {
  private static final byte[] MAGIC = "OTBARS01".getBytes(StandardCharsets.US_ASCII);
  private static final String INDEX_HEADER = "ottertrend-bars 1";
  private static final int HEADER = 16;
  private static final int MAX_BLOCK = 1 << 20;
  private static final int COLUMNS = 7;

  private final Path root;
  private final Object appendLock = new Object();

  /** Where the bars of one series end and the next present bar starts. */
  public record Gap(long expectedOpenTime, long nextOpenTime, long missingBars) {}

  /**
   * What the store holds for one symbol and interval.
   *
   * @param gaps number of holes between consecutive bars
   * @param missingBars bars missing in those holes
   */
  public record SeriesInfo(String symbol, Interval interval, long bars, long firstOpenTime, long lastOpenTime,
      long gaps, long missingBars, int blocks) {}

  private record Block(String file, int count, long first, long last, long gaps, long missing, long[] crc) {
    String line() {
      StringBuilder sb = new StringBuilder("block ").append(file).append(' ').append(count).append(' ')
          .append(first).append(' ').append(last).append(' ').append(gaps).append(' ').append(missing);
      for (long c : crc) {
        sb.append(' ').append(Long.toHexString(c));
      }
      return sb.toString();
    }
  }

  private BarStore(Path root) {
    this.root = root;
  }

  /** Opens (creating when absent) the store in folder {@code root}. */
  public static BarStore open(Path root) {
    try {
      Files.createDirectories(root);
    } catch (IOException e) {
      throw new DataException("cannot create the data folder " + root + ": " + e.getMessage(), e);
    }
    return new BarStore(root);
  }

  public Path root() {
    return root;
  }

  private Path seriesDir(String symbol, Interval interval) {
    if (!symbol.matches("[A-Z0-9]{2,40}")) {
      throw new DataException("invalid symbol '" + symbol + "': use upper-case letters and digits, e.g. BTCUSDT");
    }
    return root.resolve(symbol).resolve(interval.name());
  }

  // --- reading -------------------------------------------------------------------------------------------

  /** Every stored series, sorted by symbol then interval. */
  public List<SeriesInfo> list() {
    List<SeriesInfo> out = new ArrayList<>();
    try (DirectoryStream<Path> symbols = Files.newDirectoryStream(root)) {
      List<Path> dirs = new ArrayList<>();
      symbols.forEach(dirs::add);
      dirs.sort(null);
      for (Path s : dirs) {
        if (!Files.isDirectory(s)) {
          continue;
        }
        for (Interval interval : Interval.values()) {
          if (Files.exists(s.resolve(interval.name()).resolve("index"))) {
            info(s.getFileName().toString(), interval).ifPresent(out::add);
          }
        }
      }
    } catch (IOException e) {
      throw new DataException("cannot list " + root + ": " + e.getMessage(), e);
    }
    return out;
  }

  /** What is stored for one series, if anything. */
  public Optional<SeriesInfo> info(String symbol, Interval interval) {
    List<Block> blocks = readIndex(seriesDir(symbol, interval));
    if (blocks.isEmpty()) {
      return Optional.empty();
    }
    long bars = 0;
    long gaps = 0;
    long missing = 0;
    Block prev = null;
    for (Block b : blocks) {
      bars += b.count;
      gaps += b.gaps;
      missing += b.missing;
      if (prev != null) {
        long m = missingBetween(interval, prev.last, b.first);
        if (m > 0) {
          gaps++;
          missing += m;
        }
      }
      prev = b;
    }
    return Optional.of(new SeriesInfo(symbol, interval, bars, blocks.get(0).first, prev.last, gaps, missing,
        blocks.size()));
  }

  /** Open time of the last stored bar, if any. */
  public Optional<Long> lastOpenTime(String symbol, Interval interval) {
    List<Block> blocks = readIndex(seriesDir(symbol, interval));
    return blocks.isEmpty() ? Optional.empty() : Optional.of(blocks.get(blocks.size() - 1).last);
  }

  /** All bars of a series, checksums verified (empty when nothing is stored). */
  public BarSeries load(String symbol, Interval interval) {
    return load(symbol, interval, Long.MIN_VALUE, Long.MAX_VALUE);
  }

  /** Bars opening in {@code [from, to]}, checksums of the blocks read verified. */
  public BarSeries load(String symbol, Interval interval, long from, long to) {
    Path dir = seriesDir(symbol, interval);
    List<Block> blocks = new ArrayList<>();
    long total = 0;
    for (Block b : readIndex(dir)) {
      if (b.last >= from && b.first <= to) {
        blocks.add(b);
        total += b.count;
      }
    }
    if (total > Integer.MAX_VALUE - 16) {
      throw new DataException(symbol + " " + interval.wireName() + ": " + total + " bars do not fit one series; load a range");
    }
    int n = (int) total;
    long[] t = new long[n];
    double[] o = new double[n];
    double[] h = new double[n];
    double[] l = new double[n];
    double[] c = new double[n];
    float[] v = new float[n];
    float[] q = new float[n];
    int at = 0;
    for (Block b : blocks) {
      readBlock(dir.resolve(b.file), b, t, o, h, l, c, v, q, at);
      at += b.count;
    }
    BarSeries all = BarSeries.of(t, o, h, l, c, v, q);
    if (from == Long.MIN_VALUE && to == Long.MAX_VALUE) {
      return all;
    }
    int i = all.lowerBound(from);
    int j = to == Long.MAX_VALUE ? n : all.lowerBound(to + 1);
    return i == 0 && j == n ? all : all.slice(i, j);
  }

  private static void readBlock(Path file, Block b, long[] t, double[] o, double[] h, double[] l, double[] c,
      float[] v, float[] q, int at) {
    int n = b.count;
    long expected = HEADER + (long) n * BarSeries.BYTES_PER_BAR;
    try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
      if (ch.size() != expected) {
        throw new DataException(file + " is " + ch.size() + " bytes, the index says " + expected
            + ": the store is damaged; re-import or re-fetch this series");
      }
      ByteBuffer map = readFully(ch, (int) expected);
      for (int k = 0; k < MAGIC.length; k++) {
        if (map.get(k) != MAGIC[k]) {
          throw new DataException(file + " is not an OtterTrend bar block");
        }
      }
      if (map.getInt(8) != n) {
        throw new DataException(file + " holds " + map.getInt(8) + " bars, the index says " + n);
      }
      int pos = HEADER;
      int[] widths = {8, 8, 8, 8, 8, 4, 4};
      for (int col = 0; col < COLUMNS; col++) {
        int len = n * widths[col];
        ByteBuffer slice = map.slice(pos, len).order(ByteOrder.LITTLE_ENDIAN);
        CRC32 crc = new CRC32();
        crc.update(slice.duplicate());
        if (crc.getValue() != b.crc[col]) {
          throw new DataException(file + ": checksum mismatch in column " + col + " (stored "
              + Long.toHexString(b.crc[col]) + ", read " + Long.toHexString(crc.getValue())
              + "): the store is damaged; re-import or re-fetch this series");
        }
        switch (col) {
          case 0 -> slice.asLongBuffer().get(t, at, n);
          case 1 -> slice.asDoubleBuffer().get(o, at, n);
          case 2 -> slice.asDoubleBuffer().get(h, at, n);
          case 3 -> slice.asDoubleBuffer().get(l, at, n);
          case 4 -> slice.asDoubleBuffer().get(c, at, n);
          case 5 -> slice.asFloatBuffer().get(v, at, n);
          default -> slice.asFloatBuffer().get(q, at, n);
        }
        pos += len;
      }
    } catch (NoSuchFileException e) {
      throw new DataException(file + " is missing although the index lists it: the store is damaged", e);
    } catch (IOException e) {
      throw new DataException("cannot read " + file + ": " + e.getMessage(), e);
    }
  }

  /** One reusable direct buffer per loading thread: a plain read beats page-faulting a fresh mapping. */
  private static final ThreadLocal<ByteBuffer> READ_BUFFER = new ThreadLocal<>();

  /**
   * Reads a whole block into a thread-local direct buffer (little-endian). Blocks are laid out to be
   * memory-mappable, but a sequential read of a file that is read once is cheaper than mapping it: one copy
   * from the page cache instead of a page fault per 4 KiB.
   */
  private static ByteBuffer readFully(FileChannel ch, int size) throws IOException {
    ByteBuffer buf = READ_BUFFER.get();
    if (buf == null || buf.capacity() < size) {
      buf = ByteBuffer.allocateDirect(Math.max(size, 1 << 20));
      READ_BUFFER.set(buf);
    }
    buf.clear().limit(size);
    long pos = 0;
    while (buf.hasRemaining()) {
      int r = ch.read(buf, pos);
      if (r < 0) {
        throw new IOException("unexpected end of block after " + pos + " of " + size + " bytes");
      }
      pos += r;
    }
    buf.flip();
    return buf.order(ByteOrder.LITTLE_ENDIAN);
  }

  /** Holes in a series, oldest first. */
  public List<Gap> gaps(String symbol, Interval interval) {
    BarSeries s = load(symbol, interval);
    List<Gap> out = new ArrayList<>();
    for (int i = 1; i < s.size(); i++) {
      long m = missingBetween(interval, s.openTime(i - 1), s.openTime(i));
      if (m > 0) {
        out.add(new Gap(Buckets.next(interval, s.openTime(i - 1)), s.openTime(i), m));
      }
    }
    return out;
  }

  /** Bars missing strictly between two consecutive open times. */
  static long missingBetween(Interval interval, long prev, long next) {
    if (interval == Interval.MN1) {
      long m = 0;
      for (long t = Buckets.next(interval, prev); t < next; t = Buckets.next(interval, t)) {
        m++;
      }
      return m;
    }
    long d = next - prev;
    return d <= interval.millis() ? 0 : (d - 1) / interval.millis();
  }

  // --- writing -------------------------------------------------------------------------------------------

  /**
   * Appends bars that are all newer than the last stored bar, in one atomic commit.
   *
   * @return the number of bars appended (0 for an empty series)
   * @throws DataException when the bars are unsorted, not finite, or not newer than the stored ones
   */
  public int append(String symbol, Interval interval, BarSeries bars) {
    if (bars.isEmpty()) {
      return 0;
    }
    Path dir = seriesDir(symbol, interval);
    validate(symbol, interval, bars);
    synchronized (appendLock) {
      try {
        Files.createDirectories(dir);
        List<Block> blocks = readIndex(dir);
        if (!blocks.isEmpty() && bars.openTime(0) <= blocks.get(blocks.size() - 1).last) {
          throw new DataException(symbol + " " + interval.wireName() + ": new bars start at " + bars.openTime(0)
              + " but the store already has bars up to " + blocks.get(blocks.size() - 1).last
              + "; only newer bars can be appended");
        }
        List<Block> updated = new ArrayList<>(blocks);
        for (int from = 0; from < bars.size(); from += MAX_BLOCK) {
          int to = Math.min(bars.size(), from + MAX_BLOCK);
          String name = String.format(Locale.ROOT, "b-%06d.bars", updated.size() + 1);
          updated.add(writeBlock(dir.resolve(name), name, interval, bars, from, to));
        }
        writeIndex(dir, updated);
        return bars.size();
      } catch (IOException e) {
        throw new DataException("cannot write " + dir + ": " + e.getMessage()
            + "; nothing was committed, check disk space and permissions", e);
      }
    }
  }

  /** Removes a series entirely (used to regenerate synthetic data). */
  public void delete(String symbol, Interval interval) {
    Path dir = seriesDir(symbol, interval);
    synchronized (appendLock) {
      try {
        Files.deleteIfExists(dir.resolve("index"));
        if (Files.isDirectory(dir)) {
          try (DirectoryStream<Path> files = Files.newDirectoryStream(dir)) {
            for (Path f : files) {
              Files.deleteIfExists(f);
            }
          }
          Files.deleteIfExists(dir);
        }
      } catch (IOException e) {
        throw new DataException("cannot delete " + dir + ": " + e.getMessage(), e);
      }
    }
  }

  private static void validate(String symbol, Interval interval, BarSeries bars) {
    for (int i = 0; i < bars.size(); i++) {
      double o = bars.open(i);
      double h = bars.high(i);
      double l = bars.low(i);
      double c = bars.close(i);
      if (!(Double.isFinite(o) && Double.isFinite(h) && Double.isFinite(l) && Double.isFinite(c)
          && Double.isFinite(bars.volume(i)) && Double.isFinite(bars.quoteVolume(i)))) {
        throw new DataException(symbol + " " + interval.wireName() + ": bar " + i + " has a value that is not finite");
      }
      if (i > 0 && bars.openTime(i) <= bars.openTime(i - 1)) {
        throw new DataException(symbol + " " + interval.wireName() + ": bar " + i + " is not newer than bar "
            + (i - 1) + " (open times must strictly increase)");
      }
    }
  }

  private static Block writeBlock(Path file, String name, Interval interval, BarSeries bars, int from, int to)
      throws IOException {
    int n = to - from;
    ByteBuffer buf = ByteBuffer.allocate(HEADER + n * BarSeries.BYTES_PER_BAR).order(ByteOrder.LITTLE_ENDIAN);
    buf.put(MAGIC).putInt(n).putInt(0);
    long[] crc = new long[COLUMNS];
    int[] starts = new int[COLUMNS + 1];
    starts[0] = buf.position();
    buf.asLongBuffer().put(bars.openTimes(), from, n);
    buf.position(buf.position() + 8 * n);
    for (int col = 1; col <= 4; col++) {
      starts[col] = buf.position();
      for (int i = from; i < to; i++) {
        buf.putDouble(switch (col) {
          case 1 -> bars.open(i);
          case 2 -> bars.high(i);
          case 3 -> bars.low(i);
          default -> bars.close(i);
        });
      }
    }
    starts[5] = buf.position();
    for (int i = from; i < to; i++) {
      buf.putFloat((float) bars.volume(i));
    }
    starts[6] = buf.position();
    for (int i = from; i < to; i++) {
      buf.putFloat((float) bars.quoteVolume(i));
    }
    starts[7] = buf.position();
    for (int col = 0; col < COLUMNS; col++) {
      CRC32 c = new CRC32();
      c.update(buf.array(), starts[col], starts[col + 1] - starts[col]);
      crc[col] = c.getValue();
    }
    buf.flip();
    writeAtomically(file, buf);
    long gaps = 0;
    long missing = 0;
    for (int i = from + 1; i < to; i++) {
      long m = missingBetween(interval, bars.openTime(i - 1), bars.openTime(i));
      if (m > 0) {
        gaps++;
        missing += m;
      }
    }
    return new Block(name, n, bars.openTime(from), bars.openTime(to - 1), gaps, missing, crc);
  }

  private static void writeIndex(Path dir, List<Block> blocks) throws IOException {
    StringBuilder sb = new StringBuilder(INDEX_HEADER).append('\n');
    for (Block b : blocks) {
      sb.append(b.line()).append('\n');
    }
    CRC32 crc = new CRC32();
    byte[] body = sb.toString().getBytes(StandardCharsets.US_ASCII);
    crc.update(body);
    sb.append("crc ").append(Long.toHexString(crc.getValue())).append('\n');
    writeAtomically(dir.resolve("index"), ByteBuffer.wrap(sb.toString().getBytes(StandardCharsets.US_ASCII)));
    try (FileChannel d = FileChannel.open(dir, StandardOpenOption.READ)) {
      d.force(true);
    } catch (IOException ignored) {
      // Some platforms cannot open a directory for fsync; the renames are still atomic there.
    }
  }

  /** Writes {@code data} to a temporary file, fsyncs it and renames it over {@code target}. */
  private static void writeAtomically(Path target, ByteBuffer data) throws IOException {
    Path tmp = target.resolveSibling(".tmp-" + target.getFileName());
    try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
        StandardOpenOption.TRUNCATE_EXISTING)) {
      while (data.hasRemaining()) {
        ch.write(data);
      }
      ch.force(true);
    }
    try {
      Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    } catch (AtomicMoveNotSupportedException e) {
      Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING);
    }
  }

  private static List<Block> readIndex(Path dir) {
    Path file = dir.resolve("index");
    List<String> lines;
    try {
      lines = Files.readAllLines(file, StandardCharsets.US_ASCII);
    } catch (NoSuchFileException e) {
      return List.of();
    } catch (IOException e) {
      throw new DataException("cannot read " + file + ": " + e.getMessage(), e);
    }
    if (lines.isEmpty() || !lines.get(0).equals(INDEX_HEADER) || !lines.get(lines.size() - 1).startsWith("crc ")) {
      throw new DataException(file + " is not a complete OtterTrend bar index: the store is damaged");
    }
    StringBuilder body = new StringBuilder();
    for (int i = 0; i < lines.size() - 1; i++) {
      body.append(lines.get(i)).append('\n');
    }
    CRC32 crc = new CRC32();
    crc.update(body.toString().getBytes(StandardCharsets.US_ASCII));
    if (!Long.toHexString(crc.getValue()).equals(lines.get(lines.size() - 1).substring(4))) {
      throw new DataException(file + ": index checksum mismatch: the store is damaged");
    }
    List<Block> out = new ArrayList<>();
    for (int i = 1; i < lines.size() - 1; i++) {
      String[] f = lines.get(i).split(" ");
      if (f.length != 7 + COLUMNS || !f[0].equals("block")) {
        throw new DataException(file + " line " + (i + 1) + ": malformed block entry");
      }
      try {
        long[] c = new long[COLUMNS];
        for (int k = 0; k < COLUMNS; k++) {
          c[k] = Long.parseLong(f[7 + k], 16);
        }
        out.add(new Block(f[1], Integer.parseInt(f[2]), Long.parseLong(f[3]), Long.parseLong(f[4]),
            Long.parseLong(f[5]), Long.parseLong(f[6]), c));
      } catch (NumberFormatException e) {
        throw new DataException(file + " line " + (i + 1) + ": malformed block entry", e);
      }
    }
    return out;
  }
}
