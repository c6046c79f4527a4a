package io.ottertrend.benchmarks;

import io.ottertrend.data.BarSeries;
import io.ottertrend.data.BarStore;
import io.ottertrend.market.SyntheticMarket;
import java.time.Duration;
import io.ottertrend.model.Interval;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;

/**
 * End-to-end harness for the historical bar store: writes one year of 5-minute synthetic bars for 212 pairs
 * (22.3 M bars, the freqtrade-issue scale) into a temporary folder, then loads every series back with checksums
 * verified and reports load speed (bars/s), bytes per bar on disk and in the heap, and the heap needed to hold
 * all of it. The folder is deleted at the end.
 *
 * <p>Run: {@code java -Xmx1536m -cp benchmarks/target/benchmarks.jar io.ottertrend.benchmarks.HistoricalDataBenchmark
 * [pairs] [days] [iterations]}.
 */
public final class HistoricalDataBenchmark {
  private HistoricalDataBenchmark() {}

  public static void main(String[] args) throws IOException {
    int pairs = args.length > 0 ? Integer.parseInt(args[0]) : 212;
    int days = args.length > 1 ? Integer.parseInt(args[1]) : 365;
    int iterations = args.length > 2 ? Integer.parseInt(args[2]) : 5;
    Path dir = Files.createTempDirectory("ottertrend-bars-bench");
    try {
      BarStore store = BarStore.open(dir);
      long end = 1_767_225_600_000L; // 2026-01-01T00:00Z
      long t0 = System.nanoTime();
      int steps = days * 288;
      List<String> symbols = new ArrayList<>();
      long[] total = new long[1];
      // Fresh listings only have a few hours of history; keep the first `pairs` pairs with a full year each.
      SyntheticMarket.generateHistory(7, pairs + pairs / 5 + 10, "USDT", end, Duration.ofMinutes(5), steps,
          (rules, t, o, h, l, c, v) -> {
            if (symbols.size() == pairs || t.length != steps) {
              return;
            }
            float[] vol = new float[v.length];
            float[] quote = new float[v.length];
            for (int i = 0; i < v.length; i++) {
              vol[i] = (float) v[i];
              quote[i] = (float) (v[i] * c[i]);
            }
            store.append(rules.symbol(), Interval.M5, BarSeries.of(t, o, h, l, c, vol, quote));
            symbols.add(rules.symbol());
            total[0] += t.length;
          });
      double writeSeconds = (System.nanoTime() - t0) / 1e9;
      long bars = total[0];
      long diskBytes;
      try (Stream<Path> files = Files.walk(dir)) {
        diskBytes = files.filter(Files::isRegularFile).mapToLong(p -> p.toFile().length()).sum();
      }
      System.out.printf(Locale.ROOT, "generated and wrote %,d bars (%d pairs x %d days of 5m) in %.1f s; %,d bytes "
          + "on disk = %.1f B/bar%n", bars, pairs, days, writeSeconds, diskBytes, (double) diskBytes / bars);

      double[] rates = new double[iterations];
      double[] cpuRates = new double[iterations];
      java.lang.management.ThreadMXBean threads = ManagementFactory.getThreadMXBean();
      for (int it = -1; it < iterations; it++) { // iteration -1 warms up the JIT
        List<BarSeries> held = new ArrayList<>(symbols.size());
        usedHeapAfterGc(); // the previous iteration's arrays are garbage: collect them outside the timed part
        long start = System.nanoTime();
        long cpuStart = threads.getCurrentThreadCpuTime();
        long loaded = 0;
        for (String s : symbols) {
          BarSeries series = store.load(s, Interval.M5);
          loaded += series.size();
          held.add(series);
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        double cpuSeconds = (threads.getCurrentThreadCpuTime() - cpuStart) / 1e9;
        if (it >= 0) {
          rates[it] = loaded / seconds;
          cpuRates[it] = loaded / cpuSeconds;
          System.out.printf(Locale.ROOT, "load %d: %,d bars in %.3f s wall (%,.1f M bars/s), %.3f s CPU of the "
              + "loading thread (%,.1f M bars/CPU-s)%n", it + 1, loaded, seconds, rates[it] / 1e6, cpuSeconds,
              cpuRates[it] / 1e6);
        }
        if (it == iterations - 1) {
          long heapWith = usedHeapAfterGc();
          held.clear();
          long heapWithout = usedHeapAfterGc();
          System.out.printf(Locale.ROOT, "heap holding all %,d bars: %,d bytes = %.1f B/bar (layout %d B/bar); max "
              + "heap %,d MB (%s)%n", loaded, heapWith - heapWithout, (double) (heapWith - heapWithout) / loaded,
              BarSeries.BYTES_PER_BAR, Runtime.getRuntime().maxMemory() >> 20,
              ManagementFactory.getRuntimeMXBean().getInputArguments());
        }
      }
      Arrays.sort(rates);
      Arrays.sort(cpuRates);
      System.out.printf(Locale.ROOT, "load speed: wall median %,.1f / best %,.1f M bars/s; per CPU-second of the "
          + "loading thread median %,.1f / best %,.1f M bars/s; %d runs, checksums verified, warm page cache, load "
          + "average %.1f%n", rates[iterations / 2] / 1e6, rates[iterations - 1] / 1e6,
          cpuRates[iterations / 2] / 1e6, cpuRates[iterations - 1] / 1e6, iterations,
          ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
    } finally {
      try (Stream<Path> files = Files.walk(dir)) {
        for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
          Files.deleteIfExists(p);
        }
      }
    }
  }

  private static long usedHeapAfterGc() {
    for (int i = 0; i < 3; i++) {
      System.gc();
    }
    return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
  }
}
