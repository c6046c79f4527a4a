package io.ottertrend.signals;

import static org.assertj.core.api.Assertions.assertThat;

import io.ottertrend.memory.SqliteMemory;
import io.ottertrend.signals.sentiment.LexiconSentimentAnalyzer;
import io.ottertrend.time.Clock;
import io.ottertrend.time.SimulatedClock;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A backtest at simulated time T sees exactly the snapshot recorded at or before T, never a later one. */
class SignalsReplayTest {
  @TempDir Path dir;

  @Test
  void readerAtTimeTSeesExactlyTheSnapshotRecordedBeforeT() {
    SimulatedClock clock = Clock.simulated(Instant.parse("2026-11-24T00:00:00Z"));
    long start = clock.millis();
    AtomicInteger cycle = new AtomicInteger();
    // Each cycle publishes one headline naming the cycle: a snapshot's content says when it was taken.
    StubProviders.News news = new StubProviders.News("rss", clock, () -> List.of(NewsItem.raw(
        "n" + cycle.get(), "Cycle " + cycle.get() + " headline: bitcoin rallies", "https://x/" + cycle.get(),
        "x", clock.millis(), "")));
    List<Long> recordedAt = new ArrayList<>();
    try (SqliteMemory memory = SqliteMemory.open(dir.resolve("live.db"));
        SignalsService live = SignalsService.builder(clock, new LexiconSentimentAnalyzer()).news(news)
            .memory(memory).build()) {
      for (int i = 0; i < 5; i++) {
        cycle.set(i);
        recordedAt.add(live.collect().at());
        clock.advance(Duration.ofMinutes(15));
      }

      SignalsReplay replay = new SignalsReplay(memory);
      assertThat(replay.at(start - 1)).isEmpty();
      for (int i = 0; i < 5; i++) {
        long t = recordedAt.get(i);
        String expected = "Cycle " + i + " ";
        // Exactly at T, just after T and just before the next snapshot: snapshot i, nothing later.
        for (long probe : List.of(t, t + 1, t + Duration.ofMinutes(15).toMillis() - 1)) {
          TrendsSnapshot seen = replay.at(probe).orElseThrow();
          assertThat(seen.at()).isEqualTo(t).isLessThanOrEqualTo(probe);
          assertThat(seen.headlines()).singleElement()
              .satisfies(h -> assertThat(h.value().title()).startsWith(expected));
        }
      }
      assertThat(replay.between(recordedAt.get(1), recordedAt.get(3))).extracting(TrendsSnapshot::at)
          .containsExactly(recordedAt.get(1), recordedAt.get(2), recordedAt.get(3));
      // What the backtest reads is what the live agent saw, value for value.
      assertThat(replay.at(recordedAt.get(4)).orElseThrow()).isEqualTo(live.latest());
    }
  }
}
