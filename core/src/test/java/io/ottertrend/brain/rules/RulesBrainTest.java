package io.ottertrend.brain.rules;

import static org.assertj.core.api.Assertions.assertThat;

import io.ottertrend.brain.Action;
import io.ottertrend.brain.Decision;
import io.ottertrend.brain.MarketSnapshot;
import io.ottertrend.brain.MarketSnapshot.Regime;
import io.ottertrend.model.OrderType;
import io.ottertrend.testing.Snapshots;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class RulesBrainTest {
  private final RulesBrain brain = new RulesBrain(RulesConfig.defaults());

  private static MarketSnapshot with(List<MarketSnapshot.SymbolView> views, List<MarketSnapshot.PositionView> pos,
      List<MarketSnapshot.Headline> news, MarketSnapshot.Risk risk) {
    return new MarketSnapshot(Snapshots.T0, "USDT", new MarketSnapshot.Portfolio(1000, 900, pos), views,
        new MarketSnapshot.Signals(List.of(), news, List.of(), List.of(), List.of(), java.util.Map.of()), risk);
  }

  @Test
  void trendEntryIsAMakerLimitJustUnderTheLastPriceWithStopAndTarget() {
    Decision d = brain.decide(Snapshots.small());
    assertThat(d.brain()).isEqualTo("rules");
    Action.Open sol = (Action.Open) d.actions().get(0);
    assertThat(sol.symbol()).isEqualTo("SOLUSDT");
    assertThat(sol.orderType()).isEqualTo(OrderType.LIMIT);
    assertThat(sol.limitPrice().doubleValue()).isLessThan(180).isGreaterThan(179.8);
    assertThat(sol.stopLoss().doubleValue()).isCloseTo(sol.limitPrice().doubleValue() * 0.97, org.assertj.core.data.Offset.offset(1e-6));
    assertThat(sol.takeProfit().doubleValue()).isGreaterThan(sol.limitPrice().doubleValue());
    assertThat(sol.sizePctEquity()).isEqualByComparingTo("0.05");
    assertThat(d.thoughts()).contains("Trend entry in SOLUSDT");
  }

  @Test
  void oversoldRangingMarketIsScalpedAtHalfSize() {
    Decision d = brain.decide(Snapshots.small());
    Action.Open doge = (Action.Open) d.actions().get(1);
    assertThat(doge.symbol()).isEqualTo("DOGEUSDT");
    assertThat(doge.sizePctEquity()).isEqualByComparingTo("0.025");
    assertThat(doge.takeProfit().doubleValue() / doge.limitPrice().doubleValue()).isCloseTo(1.008,
        org.assertj.core.data.Offset.offset(1e-9));
  }

  @Test
  void illiquidWideSpreadAndBadNewsPairsAreFilteredOut() {
    List<MarketSnapshot.SymbolView> views = List.of(
        Snapshots.view("AAAUSDT", 1, 0.1, 10_000, 0.001, 60, 0.02, 0.03, Regime.TRENDING_UP),
        Snapshots.view("BBBUSDT", 1, 0.1, 5e6, 0.05, 60, 0.02, 0.03, Regime.TRENDING_UP),
        Snapshots.view("CCCUSDT", 1, 0.1, 5e6, 0.001, 60, 0.02, 0.03, Regime.TRENDING_UP),
        Snapshots.view("DDDUSDT", 1, 0.1, 5e6, Double.NaN, 60, 0.02, 0.03, Regime.TRENDING_UP),
        Snapshots.view("EEEUSDT", 1, 0.1, 5e6, 0.001, 85, 0.02, 0.03, Regime.TRENDING_UP));
    MarketSnapshot s = with(views, List.of(), List.of(new MarketSnapshot.Headline("x", "CCC hacked", -0.8,
        List.of("CCCUSDT"), 0)), Snapshots.risk());
    Decision d = brain.decide(s);
    assertThat(d.isHold()).isTrue();
    assertThat(d.thoughts()).contains("hold");
  }

  @Test
  void exitsByStopTargetTimeAndTrendReversal() {
    List<MarketSnapshot.SymbolView> views = List.of(
        Snapshots.view("DOWNUSDT", 1, -0.1, 5e6, 0.001, 40, -0.02, -0.03, Regime.TRENDING_DOWN),
        Snapshots.view("OKUSDT", 1, 0, 5e6, 0.001, 50, 0.0, 0.0, Regime.RANGING));
    long day = Duration.ofDays(1).toMillis();
    MarketSnapshot s = with(views, List.of(
        Snapshots.position("STOPUSDT", 100, 96, 1000),
        Snapshots.position("TGTUSDT", 100, 107, 1000),
        Snapshots.position("OLDUSDT", 100, 101, day + 1),
        Snapshots.position("DOWNUSDT", 1.0, 0.99, 1000),
        Snapshots.position("OKUSDT", 1.0, 1.01, 1000)), List.of(), Snapshots.risk());
    Decision d = brain.decide(s);
    assertThat(d.actions()).allMatch(a -> a instanceof Action.Close).extracting(Action::symbol)
        .containsExactly("DOWNUSDT", "OLDUSDT", "STOPUSDT", "TGTUSDT");
    assertThat(d.actions()).extracting(Action::reason).containsExactly("trend turned down", "held longer than PT24H",
        "stop-loss hit", "take-profit hit");
  }

  @Test
  void haltedOrSafeModeAllowsExitsOnly() {
    MarketSnapshot.Risk r = Snapshots.risk();
    MarketSnapshot.Risk halted = new MarketSnapshot.Risk(r.maxTradeUsd(), r.maxTradePctEquity(), r.maxOpenPositions(),
        r.maxDailyTrades(), r.maxDailyLossUsd(), r.maxSpreadPct(), r.minLiquidityUsd(), 3, 1, -60, true, false,
        "daily loss");
    MarketSnapshot base = Snapshots.small(List.of(Snapshots.position("ETHUSDT", 3600, 3400, 1000)), List.of());
    MarketSnapshot s = new MarketSnapshot(base.at(), "USDT", base.portfolio(), base.symbols(), base.signals(), halted);
    Decision d = brain.decide(s);
    assertThat(d.actions()).singleElement().isInstanceOf(Action.Close.class);
    assertThat(d.thoughts()).contains("No entries: halted");
  }

  @Test
  void sameSnapshotSameDecision() {
    MarketSnapshot s = Snapshots.random(800, 11);
    assertThat(brain.decide(s)).isEqualTo(brain.decide(s));
  }
}
