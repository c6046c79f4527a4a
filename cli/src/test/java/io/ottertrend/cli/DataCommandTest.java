package io.ottertrend.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.squareup.moshi.Moshi;
import io.ottertrend.data.BarStore;
import io.ottertrend.model.Candle;
import io.ottertrend.model.Interval;
import io.ottertrend.testing.ExchangeScenario;
import io.ottertrend.testing.FakeMexcServer;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DataCommandTest {
  @TempDir Path dir;

  @SuppressWarnings("unchecked")
  private static Map<String, Object> parse(String json) throws IOException {
    return (Map<String, Object>) new Moshi.Builder().build().adapter(Object.class).fromJson(json);
  }

  @SuppressWarnings("unchecked")
  private static <T> T cast(Object o) {
    return (T) o;
  }

  @Test
  void synthThenListWorkOffline() throws IOException {
    CliRunner.Result synth = CliRunner.run(dir, Map.of(), "data", "synth", "--symbols", "12", "--days", "2",
        "--interval", "5m", "--seed", "7", "--end", "2026-01-01");
    assertThat(synth.exitCode()).as(synth.err()).isZero();
    assertThat(synth.out()).contains("Wrote 12 synthetic pairs").contains("seed 7");
    CliRunner.Result list = CliRunner.run(dir, Map.of(), "data", "list");
    assertThat(list.exitCode()).as(list.err()).isZero();
    assertThat(list.out()).contains("BTCUSDT").contains("ETHUSDT").contains("576").contains("12 series")
        .contains("2025-12-30T00:00Z");
    CliRunner.Result json = CliRunner.run(dir, Map.of(), "data", "list", "--json");
    List<Map<String, Object>> series = cast(parse(json.out()).get("series"));
    assertThat(series).hasSize(12);
    Map<String, Object> btc = series.stream().filter(s -> s.get("symbol").equals("BTCUSDT")).findFirst().orElseThrow();
    assertThat(btc).containsEntry("interval", "5m").containsEntry("bars", 576.0).containsEntry("gaps", 0.0);
    // the same command again is refused rather than mixed into the existing set
    CliRunner.Result again = CliRunner.run(dir, Map.of(), "data", "synth", "--symbols", "12", "--days", "2",
        "--end", "2026-01-01");
    assertThat(again.exitCode()).isEqualTo(2);
    assertThat(again.err()).contains("--replace");
    CliRunner.Result replaced = CliRunner.run(dir, Map.of(), "data", "synth", "--symbols", "12", "--days", "2",
        "--end", "2026-01-01", "--replace", "--json");
    assertThat(replaced.exitCode()).as(replaced.err()).isZero();
    assertThat(parse(replaced.out())).containsEntry("bars", 12 * 576.0 - bars(series, "NEWOTTUSDT", true));
  }

  private static double bars(List<Map<String, Object>> series, String symbol, boolean missing) {
    double b = (double) series.stream().filter(s -> s.get("symbol").equals(symbol)).findFirst().orElseThrow()
        .get("bars");
    return missing ? 576 - b : b;
  }

  @Test
  void onATerminalSynthDrawsAProgressBar() {
    java.io.StringWriter out = new java.io.StringWriter();
    java.io.StringWriter err = new java.io.StringWriter();
    int code = Main.run(new String[] {"data", "synth", "--symbols", "4", "--days", "1", "--end", "2026-01-01"},
        new java.io.PrintWriter(out, true), new java.io.PrintWriter(err, true),
        new CliContext(Map.of(), dir, true));
    assertThat(code).as(err.toString()).isZero();
    assertThat(out.toString()).contains("\r[").contains("] 100% ").contains("Wrote 4 synthetic pairs");
  }

  @Test
  void listOnAnEmptyFolderSaysHowToGetData() {
    CliRunner.Result r = CliRunner.run(dir, Map.of(), "data", "list");
    assertThat(r.exitCode()).isZero();
    assertThat(r.out()).contains("No data").contains("ottertrend data synth");
  }

  @Test
  void importReportsCountsAndRefusesABadFileWithItsLine() throws IOException {
    long t0 = Instant.parse("2025-01-01T00:00:00Z").toEpochMilli();
    Files.writeString(dir.resolve("BTCUSDT-5m-2025-01.csv"),
        t0 + ",1,2,0.5,1.5,10\n" + (t0 + 300_000) + ",1,2,0.5,1.5,10\n");
    CliRunner.Result ok = CliRunner.run(dir, Map.of(), "data", "import", "BTCUSDT-5m-2025-01.csv");
    assertThat(ok.exitCode()).as(ok.err()).isZero();
    assertThat(ok.out()).contains("BTCUSDT 5m, 2 bars read, 2 appended");
    Files.writeString(dir.resolve("ETHUSDT-5m.csv"), t0 + ",1,2,0.5,1.5,10\n" + t0 + ",1,2,0.5,1.5,10\n");
    CliRunner.Result bad = CliRunner.run(dir, Map.of(), "data", "import", "ETHUSDT-5m.csv");
    assertThat(bad.exitCode()).isEqualTo(2);
    assertThat(bad.err()).contains("ETHUSDT-5m.csv line 2: duplicate timestamp");
    assertThat(BarStore.open(dir.resolve("ottertrend-data")).info("ETHUSDT", Interval.M5)).isEmpty();
  }

  @Test
  void badOptionsExitTwoWithOneLine() {
    CliRunner.Result r = CliRunner.run(dir, Map.of(), "data", "fetch", "--symbols", "BTCUSDT", "--from", "yesterday");
    assertThat(r.exitCode()).isEqualTo(2);
    assertThat(r.err()).contains("--from 'yesterday' is not a date");
    CliRunner.Result iv = CliRunner.run(dir, Map.of(), "data", "synth", "--interval", "7m");
    assertThat(iv.exitCode()).isEqualTo(2);
    assertThat(iv.err()).contains("unknown interval '7m'");
  }

  private static void sleepQuietly() {
    try {
      Thread.sleep(10);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private static void joinQuietly(Thread t) {
    try {
      t.join(30_000);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /** A scenario whose BTCUSDT has 2,500 five-minute bars ending an hour ago (three pages of 1,000). */
  private static ExchangeScenario scenarioWithHistory(long start) {
    ExchangeScenario base = ExchangeScenario.standard();
    ExchangeScenario.SymbolSpec btc = base.symbol("BTCUSDT").orElseThrow();
    List<Candle> klines = new ArrayList<>();
    for (int i = 0; i < 2500; i++) {
      long t = start + i * 300_000L;
      double p = 50_000 + i;
      klines.add(new Candle(t, p, p + 5, p - 5, p + 1, 2, t + 299_999, 2 * p));
    }
    return base.withSymbol(new ExchangeScenario.SymbolSpec(btc.rules(), btc.bids(), btc.asks(), btc.lastPrice(),
        btc.openPrice(), btc.quoteVolume(), klines));
  }

  @Test
  void fetchPagesFromAMexcProtocolServerAndResumesAfterAnInterruption() throws IOException {
    long now = System.currentTimeMillis();
    long start = (now / 300_000L) * 300_000L - 2600 * 300_000L;
    ExchangeScenario scenario = scenarioWithHistory(start);
    String from = Long.toString(start);
    String to = Long.toString(start + 2499 * 300_000L);
    try (FakeMexcServer fake = FakeMexcServer.start(scenario)) {
      Map<String, String> env = Map.of("MEXC_BASE_URL", fake.baseUrl());
      // the first run is killed (interrupted) while it waits to request the second page
      BarStore store = BarStore.open(dir.resolve("ottertrend-data"));
      CliRunner.Result[] first = new CliRunner.Result[1];
      Thread runner = new Thread(() -> first[0] = CliRunner.run(dir, env, "data", "fetch", "--symbols", "BTCUSDT",
          "--interval", "5m", "--from", from, "--to", to, "--rate", "0.5"));
      runner.start();
      for (int i = 0; i < 3000 && store.info("BTCUSDT", Interval.M5).isEmpty(); i++) {
        Thread.onSpinWait();
        sleepQuietly();
      }
      runner.interrupt();
      joinQuietly(runner);
      assertThat(first[0].exitCode()).as(first[0].out() + first[0].err()).isEqualTo(130);
      long afterKill = store.info("BTCUSDT", Interval.M5).orElseThrow().bars();
      assertThat(afterKill).isEqualTo(1000);

      long requestsBefore = fake.requestCount("GET /api/v3/klines");
      CliRunner.Result second = CliRunner.run(dir, env, "data", "fetch", "--symbols", "btcusdt", "--interval", "5m",
          "--from", from, "--to", to, "--rate", "20", "--json");
      assertThat(second.exitCode()).as(second.err()).isZero();
      Map<String, Object> json = parse(second.out());
      List<Map<String, Object>> symbols = cast(json.get("symbols"));
      assertThat(symbols.get(0)).containsEntry("stored", 1500.0).containsEntry("requests", 2.0)
          .containsEntry("resumedFrom", java.time.Instant.ofEpochMilli(start + 1000 * 300_000L).toString()
              .replace(":00Z", "Z"));
      assertThat((List<?>) symbols.get(0).get("gaps")).isEmpty();
      assertThat(fake.requestCount("GET /api/v3/klines") - requestsBefore).isEqualTo(2);
      assertThat(fake.requests().stream().filter(r -> r.endpoint().equals("GET /api/v3/klines")).toList()
          .get((int) requestsBefore).rawQuery()).contains("startTime=" + (start + 1000 * 300_000L));
      var bars = store.load("BTCUSDT", Interval.M5);
      assertThat(bars.size()).isEqualTo(2500);
      for (int i = 0; i < bars.size(); i++) {
        assertThat(bars.openTime(i)).isEqualTo(start + i * 300_000L);
        assertThat(bars.close(i)).isEqualTo(50_001.0 + i);
      }
      CliRunner.Result list = CliRunner.run(dir, Map.of(), "data", "list");
      assertThat(list.out()).contains("BTCUSDT").contains("2500").contains("none");
    }
  }
}
