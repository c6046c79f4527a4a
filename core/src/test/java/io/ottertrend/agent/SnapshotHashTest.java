package io.ottertrend.agent;

import static org.assertj.core.api.Assertions.assertThat;

import io.ottertrend.brain.MarketSnapshot;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class SnapshotHashTest {
  private static MarketSnapshot snapshot(double btcPrice, MarketSnapshot.Regime regime, boolean gainer) {
    List<MarketSnapshot.SymbolView> views = new ArrayList<>();
    views.add(new MarketSnapshot.SymbolView("BTCUSDT", btcPrice, 0.01, 1e9, 0.0002, 55, 0.001, 0.002, 0.01, regime,
        false, gainer));
    views.add(new MarketSnapshot.SymbolView("ETHUSDT", 3000, -0.02, 5e8, 0.0003, 45, -0.001, -0.002, 0.02,
        MarketSnapshot.Regime.RANGING, false, false));
    MarketSnapshot.Portfolio portfolio = new MarketSnapshot.Portfolio(1000, 900, List.of(
        new MarketSnapshot.PositionView("ETHUSDT", 0.03, 2990, 3000, 0.3, 0.003, 60_000, 2900, 3200)));
    MarketSnapshot.Risk risk = new MarketSnapshot.Risk(20, 0.05, 5, 50, 50, 0.02, 50_000, 3, 1, 1.5, false, false,
        null);
    return new MarketSnapshot(1_735_689_600_000L, "USDT", portfolio, views, MarketSnapshot.Signals.EMPTY, risk);
  }

  @Test
  void equalSnapshotsHashEqualAndAnyFieldChangesTheHash() {
    String base = Agent.hash(snapshot(70_000, MarketSnapshot.Regime.TRENDING_UP, true));
    assertThat(Agent.hash(snapshot(70_000, MarketSnapshot.Regime.TRENDING_UP, true))).isEqualTo(base).hasSize(16);
    assertThat(Agent.hash(snapshot(70_000.01, MarketSnapshot.Regime.TRENDING_UP, true))).isNotEqualTo(base);
    assertThat(Agent.hash(snapshot(70_000, MarketSnapshot.Regime.RANGING, true))).isNotEqualTo(base);
    assertThat(Agent.hash(snapshot(70_000, MarketSnapshot.Regime.TRENDING_UP, false))).isNotEqualTo(base);
  }

  @Test
  void theHashIsTheSameInEveryJvmBecauseEnumsCountByOrdinal() {
    // A recorded hash must mean the same snapshot tomorrow: no identity hash codes may leak in.
    assertThat(Agent.hash(snapshot(70_000, MarketSnapshot.Regime.TRENDING_UP, true))).isEqualTo(
        Agent.hash(snapshot(70_000, MarketSnapshot.Regime.TRENDING_UP, true)));
    assertThat(Agent.hash(snapshot(70_000, MarketSnapshot.Regime.TRENDING_UP, true))).isEqualTo(GOLDEN);
  }

  /** Computed once; a change here means stored snapshot hashes no longer match new ones. */
  private static final String GOLDEN = "a0930f7a04967703";
}
