package io.ottertrend.signals.trends;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.ottertrend.config.Settings;
import io.ottertrend.memory.SqliteMemory;
import io.ottertrend.model.SymbolRules;
import io.ottertrend.signals.FakeExchange;
import io.ottertrend.signals.Gainer;
import io.ottertrend.signals.Listing;
import io.ottertrend.signals.ProviderHealth;
import io.ottertrend.signals.SignalException;
import io.ottertrend.signals.TrendSignals;
import io.ottertrend.time.Clock;
import io.ottertrend.time.SimulatedClock;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ExchangeTrendsProviderTest {
  @TempDir Path dir;
  private final SimulatedClock clock = Clock.simulated(Instant.parse("2026-11-24T21:00:00Z"));
  private final FakeExchange exchange = new FakeExchange().withSymbols("BTC", "ETH", "PEPE");
  private SqliteMemory memory;

  @BeforeEach
  void open() {
    memory = SqliteMemory.open(dir.resolve("signals.db"));
  }

  @AfterEach
  void close() {
    memory.close();
  }

  private ExchangeTrendsProvider provider() {
    return ExchangeTrendsProvider.create(Settings.defaults(), clock, exchange, memory);
  }

  @Test
  void firstRunIsABaselineThenNewSymbolsAreListingsThatSurviveARestart() {
    assertThat(provider().fetch().listings()).isEmpty();

    clock.advance(Duration.ofMinutes(5));
    exchange.withSymbols("NEWAI");
    long seen = clock.millis();
    TrendSignals s = provider().fetch();
    assertThat(s.listings()).containsExactly(new Listing("NEWAIUSDT", "NEWAI", seen));

    // A new provider instance (a restart) still knows the baseline and the recent listing.
    clock.advance(Duration.ofHours(1));
    assertThat(provider().fetch().listings()).containsExactly(new Listing("NEWAIUSDT", "NEWAI", seen));

    // After the window the listing is no longer reported.
    clock.advance(ExchangeTrendsProvider.LISTING_WINDOW);
    assertThat(provider().fetch().listings()).isEmpty();
  }

  @Test
  void publishedListingTimesInsideTheWindowCountEvenOnTheFirstRun() {
    long listed = clock.millis() - Duration.ofHours(2).toMillis();
    exchange.rules.add(SymbolRules.builder("FRESHUSDT", "FRESH", "USDT").listedAtMillis(listed).build());
    exchange.rules.add(SymbolRules.builder("OLDUSDT", "OLD", "USDT")
        .listedAtMillis(clock.millis() - Duration.ofDays(30).toMillis()).build());
    assertThat(provider().fetch().listings()).containsExactly(new Listing("FRESHUSDT", "FRESH", listed));
  }

  @Test
  void gainersAreFilteredByQuoteAndVolumeAndSortedByChange() {
    exchange.tickers.add(FakeExchange.ticker("PEPEUSDT", 0.42, "900000"));
    exchange.tickers.add(FakeExchange.ticker("THINUSDT", 3.00, "1200"));      // too thin
    exchange.tickers.add(FakeExchange.ticker("ETHUSDT", 0.05, "50000000"));
    exchange.tickers.add(FakeExchange.ticker("BTCUSDC", 0.90, "50000000"));   // other quote
    exchange.tickers.add(FakeExchange.ticker("DOWNUSDT", -0.20, "5000000"));  // a loser
    exchange.tickers.add(FakeExchange.ticker("USDT", 0.5, "5000000"));        // malformed
    assertThat(provider().fetch().gainers()).extracting(Gainer::symbol).containsExactly("PEPEUSDT", "ETHUSDT");
  }

  @Test
  void exchangeFailureIsUnavailable() {
    exchange.failure = FakeExchange.down();
    ExchangeTrendsProvider p = provider();
    assertThatThrownBy(p::fetch).isInstanceOf(SignalException.Unavailable.class).hasMessageContaining("slow down");
    assertThat(p.health().status()).isEqualTo(ProviderHealth.Status.UNAVAILABLE);
    assertThat(p.name()).isEqualTo("exchange");
  }

  @Test
  void badArgumentsAreRejected() {
    assertThatThrownBy(() -> new ExchangeTrendsProvider(exchange, memory, clock, "USDT", -1, 10))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
