package io.ottertrend.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.squareup.moshi.Moshi;
import io.ottertrend.model.BookLevel;
import io.ottertrend.testing.ExchangeScenario;
import io.ottertrend.testing.FakeMexcServer;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code ottertrend scan} against a loopback server speaking MEXC's protocol. */
class ScanCommandTest {
  @TempDir Path dir;
  private FakeMexcServer fake;
  private Map<String, String> env;

  @BeforeEach
  void start() {
    ExchangeScenario s = ExchangeScenario.standard()
        .withSymbol(extra("PUMPUSDT", "1.80", "1", "10000")) // +80 % but too thin: filtered out
        .withSymbol(extra("GAINAUSDT", "1.12", "1", "1000000")) // +12 %
        .withSymbol(extra("GAINBUSDT", "1.09", "1", "600000")) // +9 %
        .withSymbol(extra("DROPUSDT", "0.50", "1", "5000000")); // -50 %
    fake = FakeMexcServer.start(s);
    env = Map.of("MEXC_BASE_URL", fake.baseUrl(), "HTTP_TIMEOUT", "3s");
  }

  @AfterEach
  void stop() {
    fake.close();
  }

  private static ExchangeScenario.SymbolSpec extra(String symbol, String last, String open, String quoteVolume) {
    return ExchangeScenario.spec(ExchangeScenario.rules(symbol, symbol.replace("USDT", ""), "0.0001", "0.01", "1")
        .build(), List.of(BookLevel.of(last, "100")), List.of(BookLevel.of(last, "100")), last, open, quoteVolume);
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> parse(String json) throws IOException {
    return (Map<String, Object>) new Moshi.Builder().build().adapter(Object.class).fromJson(json);
  }

  @Test
  @SuppressWarnings("unchecked")
  void gainersJsonPrintsTheRightFive() throws IOException {
    CliRunner.Result r = CliRunner.run(dir, env, "scan", "--gainers", "5", "--json");
    assertThat(r.exitCode()).as(r.err()).isZero();
    Map<String, Object> json = parse(r.out());
    List<Map<String, Object>> gainers = (List<Map<String, Object>>) json.get("gainers");
    assertThat(gainers).extracting(g -> g.get("symbol"))
        .containsExactly("MEMEUSDT", "GAINAUSDT", "GAINBUSDT", "BTCUSDT", "NOAPIUSDT");
    assertThat(gainers.get(0)).containsEntry("changePct", "23").containsEntry("lastPrice", "0.00000123");
    assertThat(gainers.get(1)).containsEntry("quoteVolume", "1000000");
    assertThat(json.get("source")).isEqualTo(fake.baseUrl());
    assertThat(fake.requestCount("GET /api/v3/ticker/24hr")).isEqualTo(1);
    assertThat(Files.exists(dir.resolve("ottertrend.db"))).isFalse(); // gainers need no database
  }

  @Test
  void tableOutputIsReadable() {
    CliRunner.Result r = CliRunner.run(dir, env, "scan", "--gainers", "3", "--min-quote-volume", "0");
    assertThat(r.exitCode()).as(r.err()).isZero();
    assertThat(r.out()).contains("Top 3 gainers").contains("PUMPUSDT").contains("+80.00%").contains("MEMEUSDT")
        .contains("0.00000123");
  }

  @Test
  @SuppressWarnings("unchecked")
  void listingsRememberWhatWasSeenInTheDatabase() throws IOException {
    CliRunner.Result first = CliRunner.run(dir, env, "scan", "--listings", "--json");
    assertThat(first.exitCode()).as(first.err()).isZero();
    assertThat((Map<String, Object>) parse(first.out()).get("listings")).containsEntry("baseline", true);
    fake.addSymbol(extra("FRESHUSDT", "2", "1", "90000"));
    CliRunner.Result second = CliRunner.run(dir, env, "scan", "--listings");
    assertThat(second.exitCode()).as(second.err()).isZero();
    assertThat(second.out()).contains("New listings since the previous scan").contains("FRESHUSDT");
    assertThat(Files.exists(dir.resolve("ottertrend.db"))).isTrue();
  }

  @Test
  @SuppressWarnings("unchecked")
  void liquidityOfAPair() throws IOException {
    CliRunner.Result r = CliRunner.run(dir, env, "scan", "--liquidity", "btcusdt", "--json");
    assertThat(r.exitCode()).as(r.err()).isZero();
    Map<String, Object> l = (Map<String, Object>) parse(r.out()).get("liquidity");
    assertThat(l).containsEntry("symbol", "BTCUSDT").containsEntry("quoteVolume24h", "55000000");
    assertThat((Double) l.get("depth1Pct")).isEqualTo(49990 * 0.5 + 49980 + 50000 * 0.5 + 50010, within());
    CliRunner.Result text = CliRunner.run(dir, env, "scan", "--liquidity", "BTCUSDT");
    assertThat(text.out()).contains("Liquidity of BTCUSDT").contains("depth within 1 %");
  }

  private static org.assertj.core.data.Offset<Double> within() {
    return org.assertj.core.data.Offset.offset(1e-6);
  }

  @Test
  void helpFormatsWithoutPicocliWarnings() {
    java.io.PrintStream original = System.err;
    java.io.ByteArrayOutputStream captured = new java.io.ByteArrayOutputStream();
    System.setErr(new java.io.PrintStream(captured, true, java.nio.charset.StandardCharsets.UTF_8));
    CliRunner.Result r;
    try {
      r = CliRunner.run(dir, env, "scan", "--help");
    } finally {
      System.setErr(original);
    }
    assertThat(r.exitCode()).isZero();
    assertThat(r.out()).contains("within 1 % and 2 % of the mid").contains("--gainers=N").contains("--liquidity");
    assertThat(captured.toString(java.nio.charset.StandardCharsets.UTF_8)).doesNotContain("Could not format");
  }

  @Test
  void badUsageExitsTwo() {
    CliRunner.Result r = CliRunner.run(dir, env, "scan", "--gainers", "0");
    assertThat(r.exitCode()).isEqualTo(ExitCodes.USAGE);
    assertThat(r.err()).contains("--gainers");
    assertThat(CliRunner.run(dir, env, "scan", "--liquidity", "BTC/USDT").exitCode()).isEqualTo(ExitCodes.USAGE);
  }

  @Test
  void unreachableExchangeIsARuntimeFailure() throws IOException {
    int port;
    try (java.net.ServerSocket s = new java.net.ServerSocket(0)) {
      port = s.getLocalPort();
    }
    CliRunner.Result r = CliRunner.run(dir, Map.of("MEXC_BASE_URL", "http://127.0.0.1:" + port, "HTTP_TIMEOUT", "1s"),
        "scan", "--gainers", "3");
    assertThat(r.exitCode()).isEqualTo(ExitCodes.FAILURE);
    assertThat(r.err()).startsWith("error: ");
  }
}
