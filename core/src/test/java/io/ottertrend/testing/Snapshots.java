package io.ottertrend.testing;

import io.ottertrend.brain.MarketSnapshot;
import io.ottertrend.brain.MarketSnapshot.Headline;
import io.ottertrend.brain.MarketSnapshot.PositionView;
import io.ottertrend.brain.MarketSnapshot.Regime;
import io.ottertrend.brain.MarketSnapshot.SymbolView;
import io.ottertrend.config.Settings;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/** Test snapshots: a small hand-made market and a seeded random one of any size. */
public final class Snapshots {
  public static final long T0 = 1_764_000_000_000L;

  private Snapshots() {}

  public static MarketSnapshot.Risk risk() {
    return MarketSnapshot.Risk.fromSettings(Settings.defaults());
  }

  public static SymbolView view(String symbol, double price, double change, double vol, double spread, double rsi,
      double trend, double mom, Regime regime) {
    return new SymbolView(symbol, price, change, vol, spread, rsi, trend, mom, 0.01, regime, false, false);
  }

  /** BTC, ETH, a trending SOL, a ranging oversold DOGE, an illiquid PEPE, a wide-spread XYZ; one SOL headline. */
  public static MarketSnapshot small(List<PositionView> positions, List<Headline> headlines) {
    List<SymbolView> v = List.of(
        view("BTCUSDT", 96_500, 0.012, 900e6, 0.0001, 55, 0.002, 0.004, Regime.RANGING),
        view("ETHUSDT", 3_400, -0.01, 400e6, 0.0002, 45, -0.001, -0.002, Regime.RANGING),
        view("SOLUSDT", 180, 0.05, 120e6, 0.0004, 62, 0.01, 0.02, Regime.TRENDING_UP),
        view("DOGEUSDT", 0.38, -0.03, 80e6, 0.0005, 24, 0.0, -0.01, Regime.RANGING),
        view("PEPEUSDT", 0.00002, 0.2, 10_000, 0.001, 60, 0.03, 0.05, Regime.TRENDING_UP),
        view("XYZUSDT", 1.5, 0.1, 5e6, 0.05, 60, 0.03, 0.05, Regime.TRENDING_UP));
    return new MarketSnapshot(T0, "USDT", new MarketSnapshot.Portfolio(1000, 900, positions), v,
        new MarketSnapshot.Signals(List.of(new MarketSnapshot.Narrative("socialfi", 0.7)), headlines,
            List.of(new MarketSnapshot.TrendKeyword("memecoin", 55, 0.12)), List.of("XYZUSDT"), List.of("SOLUSDT"),
            Map.of("news", true, "trends", false)),
        risk());
  }

  public static MarketSnapshot small() {
    return small(List.of(), List.of());
  }

  public static PositionView position(String symbol, double entry, double mark, long heldMillis) {
    return new PositionView(symbol, 1, entry, mark, mark - entry, mark / entry - 1, heldMillis, Double.NaN,
        Double.NaN);
  }

  /** {@code n} random symbols (seeded), 3 positions, 30 headlines. */
  public static MarketSnapshot random(int n, long seed) {
    SplittableRandom r = new SplittableRandom(seed);
    List<SymbolView> views = new ArrayList<>(n);
    Regime[] regimes = Regime.values();
    for (int i = 0; i < n; i++) {
      String sym = "T" + Integer.toString(i, 36).toUpperCase(java.util.Locale.ROOT) + "USDT";
      views.add(new SymbolView(sym, Math.exp(r.nextDouble(-10, 11)), r.nextDouble(-0.3, 0.5),
          Math.exp(r.nextDouble(5, 21)), r.nextDouble(0, 0.03), r.nextDouble(5, 95), r.nextDouble(-0.05, 0.05),
          r.nextDouble(-0.1, 0.1), r.nextDouble(0, 0.05), regimes[r.nextInt(regimes.length)], r.nextInt(100) == 0,
          r.nextInt(50) == 0));
    }
    List<PositionView> pos = new ArrayList<>();
    for (int i = 0; i < 3; i++) {
      SymbolView v = views.get(r.nextInt(n));
      pos.add(position(v.symbol(), v.lastPrice() * 0.98, v.lastPrice(), 3_600_000L * i));
    }
    List<Headline> news = new ArrayList<>();
    for (int i = 0; i < 30; i++) {
      news.add(new Headline("feed" + i, "Headline number " + i + " about the market moving and listings today",
          r.nextDouble(-1, 1), List.of(views.get(r.nextInt(n)).symbol()), T0 - i * 60_000L));
    }
    return new MarketSnapshot(T0, "USDT", new MarketSnapshot.Portfolio(1000, 800, pos), views,
        new MarketSnapshot.Signals(List.of(new MarketSnapshot.Narrative("memecoin", 0.5)), news, List.of(),
            List.of(views.get(0).symbol()), List.of(views.get(1).symbol()), Map.of("news", true)),
        risk());
  }
}
