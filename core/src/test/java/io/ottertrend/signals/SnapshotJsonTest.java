package io.ottertrend.signals;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class SnapshotJsonTest {
  @Test
  void roundTripKeepsEveryValueIncludingNaN() {
    long at = 1_764_000_000_000L;
    TrendsSnapshot s = new TrendsSnapshot(at,
        List.of(Sourced.of(KeywordSeries.of("memecoin", List.of(new TrendPoint(1000, 5, false),
            new TrendPoint(2000, 9, false), new TrendPoint(3000, 1, true))), "google", at - 5, at)),
        List.of(Sourced.of(new NarrativeStrength("ai", 0.25, Double.NaN, 3, 0.5), "derived", at, at)),
        List.of(Sourced.of(new NewsItem("id\"1", "Title with \"quotes\" & ünïcode 🚀", "https://u", "CoinDesk",
            at - 100, "excerpt\nline", Set.of("PEPE", "BTC"), -0.25), "CoinDesk", at, at)),
        List.of(Sourced.of(new Listing("NEWUSDT", "NEW", at - 7), "exchange", at - 1, at)),
        List.of(Sourced.of(new Gainer("PEPEUSDT", 0.42, 1.5e6), "exchange", at - 1, at)),
        List.of(new ProviderHealth("google", ProviderHealth.Status.UNAVAILABLE, at - 60_000, "HTTP 429", at),
            new ProviderHealth("rss", ProviderHealth.Status.UP, at, null, at)));
    String json = SnapshotJson.write(s);
    assertThat(json).contains("\"version\":1").doesNotContain("trendsSlope"); // NaN is left out, read back as NaN
    TrendsSnapshot back = SnapshotJson.read(json);
    assertThat(back).isEqualTo(s);
    assertThat(back.keywords().getFirst().staleMillis()).isEqualTo(5);
  }

  @Test
  void unknownVersionsAndGarbageAreRejected() {
    assertThatThrownBy(() -> SnapshotJson.read("{\"version\":99}"))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("version 99");
    assertThatThrownBy(() -> SnapshotJson.read("nope")).isInstanceOf(IllegalArgumentException.class);
  }
}
