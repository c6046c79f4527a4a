package io.ottertrend.risk;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.entry;

import io.ottertrend.memory.Memory;
import io.ottertrend.memory.TradeRecord;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The counters {@link RiskState} hands out follow every change of the per-pair exit times they copy. */
class RiskStateTest {
  private static final long NOW = 1_772_449_140_000L;

  private static TradeRecord trade(String symbol, long closedAt) {
    return new TradeRecord(0, null, "paper", symbol, BigDecimal.ONE, BigDecimal.TEN, BigDecimal.TEN, closedAt - 1,
        closedAt, BigDecimal.ZERO, BigDecimal.ZERO, "SIGNAL");
  }

  @Test
  void lastExitsFollowExitsTradesAndReloads() {
    try (Memory memory = Memory.inMemory()) {
      RiskState state = new RiskState(memory);
      state.day = LocalDate.of(2026, 3, 2);
      assertThat(state.snapshot().lastExitAt()).isEmpty();

      state.recordExit("AAA", 100);
      assertThat(state.snapshot().lastExitAt()).containsExactly(entry("AAA", 100L));
      state.recordExit("AAA", 50); // an older exit does not move it back
      state.recordExit("BBB", 200);
      assertThat(state.snapshot().lastExitAt()).containsOnly(entry("AAA", 100L), entry("BBB", 200L));

      Map<String, Long> before = state.snapshot().lastExitAt();
      state.invalidate(); // a change elsewhere (a count, the equity peak): the copy is still the same
      assertThat(state.snapshot().lastExitAt()).isSameAs(before);

      state.applyTrade(trade("CCC", 300), NOW, 60_000, 0);
      assertThat(state.snapshot().lastExitAt()).containsOnly(entry("AAA", 100L), entry("BBB", 200L),
          entry("CCC", 300L));
      assertThat(state.rolledView(state.day.plusDays(1)).lastExitAt()).containsOnly(entry("AAA", 100L),
          entry("BBB", 200L), entry("CCC", 300L));

      memory.recordTrade(trade("DDD", 400));
      state.load(Map.of(RiskState.DAY, "2026-03-02"), NOW, 60_000);
      assertThat(state.snapshot().lastExitAt()).containsExactly(entry("DDD", 400L));
    }
  }
}
