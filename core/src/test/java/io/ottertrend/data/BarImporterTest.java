package io.ottertrend.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.ottertrend.model.Interval;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BarImporterTest {
  static final long T0 = 1_735_689_600_000L;
  @TempDir Path dir;

  private Path write(String name, String content) throws IOException {
    Path p = dir.resolve(name);
    Files.writeString(p, content);
    return p;
  }

  private BarStore store() {
    return BarStore.open(dir.resolve("store"));
  }

  @Test
  void importsBinanceTwelveColumnCsvWithMicrosecondTimestamps() throws IOException {
    String us0 = Long.toString(T0 * 1000);
    String us1 = Long.toString((T0 + 300_000) * 1000);
    Path f = write("BTCUSDT-5m-2025-01.csv",
        us0 + ",93000.1,93100,92900,93050.5,12.5," + (T0 * 1000 + 299_999_999L) + ",1162000.25,100,6,558000,0\n"
            + us1 + ",93050.5,93200,93000,93150,8.25," + ((T0 + 300_000) * 1000 + 299_999_999L)
            + ",768000.5,80,4,372000,0\n");
    BarStore store = store();
    BarImporter.Result r = BarImporter.importFile(store, f, null, null);
    assertThat(r.symbol()).isEqualTo("BTCUSDT");
    assertThat(r.interval()).isEqualTo(Interval.M5);
    assertThat(r.appended()).isEqualTo(2);
    BarSeries s = store.load("BTCUSDT", Interval.M5);
    assertThat(s.openTime(0)).isEqualTo(T0);
    assertThat(s.close(0)).isEqualTo(93050.5);
    assertThat(s.quoteVolume(0)).isEqualTo((double) 1162000.25f);
    // importing the same file again appends nothing
    BarImporter.Result again = BarImporter.importFile(store, f, null, null);
    assertThat(again.appended()).isZero();
    assertThat(again.skipped()).isEqualTo(2);
  }

  @Test
  void importsEightColumnMexcCsvWithHeaderAndSixColumnCsv() throws IOException {
    Path mexc = write("ETHUSDT-60m.csv", "open_time,open,high,low,close,volume,close_time,quote_volume\r\n"
        + T0 + ",\"3300\",\"3310\",\"3290\",\"3305\",\"100\"," + (T0 + 3_599_999) + ",\"330000\"\r\n");
    BarStore store = store();
    assertThat(BarImporter.importFile(store, mexc, null, null).appended()).isEqualTo(1);
    assertThat(store.info("ETHUSDT", Interval.H1)).isPresent();
    Path six = write("data.csv", T0 + ",1,2,0.5,1.5,10\n");
    assertThat(BarImporter.importFile(store, six, "pepeusdt", Interval.M1).symbol()).isEqualTo("PEPEUSDT");
    assertThatThrownBy(() -> BarImporter.importFile(store, six, null, null)).isInstanceOf(DataException.class)
        .hasMessageContaining("pass --symbol and --interval");
  }

  @Test
  void importsFreqtradeJson() throws IOException {
    Path f = write("SOL_USDT-5m.json", "[[" + T0 + ",150.1,151,149.5,150.5,1000.0],\n [" + (T0 + 300_000)
        + ",150.5,152,150,151.5,1e3]]\n");
    BarStore store = store();
    BarImporter.Result r = BarImporter.importFile(store, f, null, null);
    assertThat(r.symbol()).isEqualTo("SOLUSDT");
    assertThat(r.format()).isEqualTo("freqtrade-json");
    assertThat(store.load("SOLUSDT", Interval.M5).volume(1)).isEqualTo(1000.0);
  }

  @Test
  void refusesBadCsvFilesWithTheLineNumberAndWritesNothing() throws IOException {
    String good = T0 + ",1,2,0.5,1.5,10\n";
    String next = (T0 + 300_000) + ",1,2,0.5,1.5,10\n";
    assertRefused("ABCUSDT-5m.csv", good + "123,1,2\n", "line 2: expected 6 columns");
    assertRefused("ABCUSDT-5m.csv", good + good, "line 2: duplicate timestamp");
    assertRefused("ABCUSDT-5m.csv", next + good, "line 2: timestamps are not sorted");
    assertRefused("ABCUSDT-5m.csv", good + (T0 + 300_000) + ",1,NaN,0.5,1.5,10\n", "line 2: high is NaN");
    assertRefused("ABCUSDT-5m.csv", good + (T0 + 300_000) + ",1,2,0.5,abc,10\n", "line 2: close 'abc' is not a number");
    assertRefused("ABCUSDT-5m.csv", good + next + (T0 + 600_000) + ",1,2,0.5", "line 3: expected 6 columns like the lines before, found 4 (truncated file?)");
    assertRefused("ABCUSDT-5m.csv", good + (T0 + 60_000) + ",1,2,0.5,1.5,10\n", "line 2: open time");
    assertRefused("ABCUSDT-5m.csv", good + (T0 + 300_000) + ",1,0.9,0.5,1.5,10\n", "line 2: high/low");
    assertRefused("ABCUSDT-5m.csv", "1735689600,1,2,0.5,1.5,10\n", "line 1: open time 1735689600 looks like seconds");
    assertRefused("ABCUSDT-5m.csv", "1,2,3\n", "line 1: expected 6, 8 or 12 columns");
    assertRefused("ABCUSDT-5m.csv", "open_time,open\n", "no bars after the header");
    assertRefused("ABCUSDT-5m.csv", "", "empty");
    assertRefused("ABCUSDT-5m.json", "[[" + T0 + ",1,2,0.5,1.5,10],\n[" + (T0 + 300_000) + ",1,2,0.5,1.5", "line 2: unexpected end of file");
    assertRefused("ABCUSDT-5m.json", "[[" + T0 + ",1,2,0.5,1.5,10],\n[" + (T0 + 300_000) + ",1,2,0.5,NaN,10]]", "line 2: close is NaN");
    assertRefused("ABCUSDT-5m.json", "[[" + T0 + ",1,2,0.5,1.5]]", "has 5 values");
    assertRefused("ABCUSDT-5m.json", "[[" + T0 + ",1,2,0.5,1.5,10,7]]", "more than 6");
    assertRefused("ABCUSDT-5m.json", "[\n\n[" + T0 + ",1,2,0.5,1.5,10],\n[" + T0 + ",1,2,0.5,1.5,10]]",
        "line 4: duplicate timestamp");
    assertThat(store().list()).isEmpty();
  }

  private void assertRefused(String name, String content, String message) throws IOException {
    Path f = write(name, content);
    assertThatThrownBy(() -> BarImporter.importFile(store(), f, null, null)).as(content)
        .isInstanceOf(DataException.class).hasMessageContaining(name).hasMessageContaining(message);
  }
}
