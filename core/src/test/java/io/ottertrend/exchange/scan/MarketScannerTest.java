package io.ottertrend.exchange.scan;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.ottertrend.exchange.mexc.MexcExchange;
import io.ottertrend.memory.SqliteMemory;
import io.ottertrend.model.BookLevel;
import io.ottertrend.testing.ExchangeScenario;
import io.ottertrend.testing.FakeMexcServer;
import io.ottertrend.time.Clock;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Scanners on MEXC's protocol (FakeMexcServer) with a real SQLite memory. */
class MarketScannerTest {
  private FakeMexcServer fake;
  private MexcExchange ex;
  private final Clock clock = Clock.simulated(Instant.ofEpochMilli(ExchangeScenario.STANDARD_NOW));

  @BeforeEach
  void start() {
    fake = FakeMexcServer.start(ExchangeScenario.standard());
    ex = fake.exchangeBuilder().build();
  }

  @AfterEach
  void stop() {
    ex.close();
    fake.close();
  }

  @Test
  void topGainersAreSortedByChangeAndFilteredByQuoteVolume() {
    MarketScanner s = new MarketScanner(ex, null, clock);
    List<MarketScanner.Gainer> g = s.topGainers(3, new BigDecimal("100000"));
    assertThat(g).extracting(MarketScanner.Gainer::symbol).containsExactly("MEMEUSDT", "BTCUSDT", "NOAPIUSDT");
    assertThat(g.get(0).changeFraction()).isCloseTo(0.23, within(1e-4));
    assertThat(s.topGainers(3, new BigDecimal("200000"))).extracting(MarketScanner.Gainer::symbol)
        .containsExactly("BTCUSDT", "NOAPIUSDT", "NOMKTUSDT");
    assertThat(s.topGainers(50, null)).hasSize(5);
    assertThatThrownBy(() -> s.topGainers(0, null)).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void newListingsArePersistedAcrossRestartsWithTheirAge(@TempDir Path dir) {
    try (SqliteMemory memory = SqliteMemory.open(dir.resolve("scan.db"))) {
      MarketScanner.ListingScan first = new MarketScanner(ex, memory, clock).newListings();
      assertThat(first.baseline()).isTrue();
      assertThat(first.listings()).isEmpty();
      assertThat(first.known()).isEqualTo(5);
      assertThat(memory.state(MarketScanner.SEEN_KEY)).hasValueSatisfying(v -> assertThat(v).contains("BTCUSDT"));

      long listedAt = ExchangeScenario.STANDARD_NOW - 120 * 60_000L;
      fake.addSymbol(ExchangeScenario.spec(ExchangeScenario.rules("NEWUSDT", "NEW", "0.0001", "1", "1")
              .apiTradable(false).build(), List.of(BookLevel.of("0.5000", "100")),
          List.of(BookLevel.of("0.5100", "100")), "0.505", "0.1", "70000"));
      try (MexcExchange restarted = fake.exchangeBuilder().build()) {
        MarketScanner.ListingScan second = new MarketScanner(restarted, memory, clock).newListings();
        assertThat(second.baseline()).isFalse();
        assertThat(second.listings()).singleElement().satisfies(l -> {
          assertThat(l.symbol()).isEqualTo("NEWUSDT");
          assertThat(l.apiTradable()).isFalse();
          assertThat(l.listedAt()).isEqualTo(listedAt);
          assertThat(l.ageMillis()).isEqualTo(120 * 60_000L);
        });
        assertThat(new MarketScanner(restarted, memory, clock).newListings().listings()).isEmpty();
      }
    }
  }

  @Test
  void listingsWithoutMemoryAreKeptInTheScanner() {
    MarketScanner s = new MarketScanner(ex, null, clock);
    assertThat(s.newListings().baseline()).isTrue();
    MarketScanner.ListingScan again = s.newListings();
    assertThat(again.baseline()).isFalse();
    assertThat(again.listings()).isEmpty();
  }

  @Test
  void pairLiquidityCountsDepthWithinOneAndTwoPercent() {
    MarketScanner.PairLiquidity l = new MarketScanner(ex, null, clock).estimatePairLiquidity("BTCUSDT");
    assertThat(l.quoteVolume24h()).isEqualByComparingTo("55000000");
    assertThat(l.mid()).isCloseTo(49995, within(1e-6));
    assertThat(l.bidDepth1Pct()).isCloseTo(49990 * 0.5 + 49980, within(1e-6));
    assertThat(l.askDepth1Pct()).isCloseTo(50000 * 0.5 + 50010, within(1e-6));
    assertThat(l.depth1Pct()).isCloseTo(l.bidDepth1Pct() + l.askDepth1Pct(), within(1e-9));
    assertThat(l.depth2Pct()).isGreaterThanOrEqualTo(l.depth1Pct());
    assertThat(l.spreadFraction()).isCloseTo(10.0 / 49995, within(1e-9));
  }
}
