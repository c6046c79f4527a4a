package io.ottertrend.market;

import io.ottertrend.model.Decimals;
import io.ottertrend.model.OrderType;
import io.ottertrend.model.SymbolRules;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.SplittableRandom;

/**
 * The personality of one synthetic pair: price level, volatility, market beta, liquidity and the rules an
 * exchange would publish for it. Immutable.
 */
record SymbolProfile(
    String symbol,
    Kind kind,
    double initialPrice,
    double annualVol,
    double beta,
    double spreadFraction,
    double levelQuote,
    int maxLevels,
    double quotePerMinute,
    long listingOffsetSteps,
    double pumpSize,
    SymbolRules rules) {

  /** Categories that drive the parameter ranges. */
  enum Kind { MAJOR, ALT, SOCIALFI, MEME, THIN, FRESH }

  private static final String[] ALTS = {"SOL", "XRP", "DOGE", "ADA", "AVAX", "LINK", "DOT", "TRX", "TON", "NEAR",
      "LTC", "BCH", "ATOM", "APT", "ARB", "OP", "SUI", "SEI", "INJ", "TIA", "FIL", "ICP", "AAVE", "UNI"};
  private static final String[] SOCIALFI = {"CYBER", "ID", "MASK", "HOOK", "DEGEN", "FRIEND", "RSS3", "GAL", "STARS",
      "TOSHI", "HIGH", "PHB"};
  private static final String[] MEMES = {"PEPE", "SHIB", "BONK", "WIF", "FLOKI", "MEME", "BRETT", "POPCAT", "MOG",
      "TURBO", "NEIRO", "BOME", "MEW", "DOGS", "PNUT"};
  private static final String[] THIN = {"KELP", "OTTRX", "DRIFT", "PEBBL", "REEDS", "SHOAL", "CRAB", "SEDGE"};
  private static final String[] FRESH = {"NEWOTT", "LAUNCH", "GENZ", "MOONR", "FRESHY", "PUMPR", "RUNE2", "ZAPP"};
  /** Slot pattern after BTC and ETH: mostly alts, socialfi and memes, one thin and one fresh pair in ten. */
  private static final Kind[] CYCLE = {Kind.ALT, Kind.MEME, Kind.SOCIALFI, Kind.ALT, Kind.MEME, Kind.THIN,
      Kind.SOCIALFI, Kind.ALT, Kind.MEME, Kind.FRESH};

  /**
   * Builds {@code n} profiles from {@code seed}: BTCUSDT and ETHUSDT first, then the cycle above. Slot 7 and slot
   * 19 (when present) are not API-tradable; the first thin pair refuses market orders.
   *
   * @param historySteps base steps of history before the clock's start (fresh listings list inside it)
   */
  static List<SymbolProfile> generate(long seed, int n, String quote, long historySteps, long stepMillis) {
    SplittableRandom rnd = new SplittableRandom(BarMarket.mix(seed, 2));
    List<SymbolProfile> out = new ArrayList<>(n);
    int[] used = new int[Kind.values().length];
    boolean thinWithoutMarket = false;
    for (int i = 0; i < n; i++) {
      Kind kind = i < 2 ? Kind.MAJOR : CYCLE[(i - 2) % CYCLE.length];
      String base = switch (kind) {
        case MAJOR -> i == 0 ? "BTC" : "ETH";
        case ALT -> name(ALTS, used, kind, "ALT");
        case SOCIALFI -> name(SOCIALFI, used, kind, "SOC");
        case MEME -> name(MEMES, used, kind, "MEME");
        case THIN -> name(THIN, used, kind, "THIN");
        case FRESH -> name(FRESH, used, kind, "NEW");
      };
      double price;
      double vol;
      double beta;
      double spread;
      double levelQuote;
      int levels = 5000;
      double perMinute;
      long listing = -1;
      double pump = 0;
      switch (kind) {
        case MAJOR -> {
          price = i == 0 ? 60_000 * (0.9 + 0.2 * rnd.nextDouble()) : 3_000 * (0.9 + 0.2 * rnd.nextDouble());
          vol = i == 0 ? 0.55 : 0.7;
          beta = i == 0 ? 1.0 : 1.1;
          spread = i == 0 ? 0.00002 : 0.00004;
          levelQuote = i == 0 ? 150_000 : 80_000;
          perMinute = i == 0 ? 1_500_000 : 700_000;
        }
        case ALT -> {
          price = logUniform(rnd, 0.1, 200);
          vol = uniform(rnd, 0.8, 1.2);
          beta = uniform(rnd, 0.9, 1.4);
          spread = uniform(rnd, 0.0003, 0.001);
          levelQuote = uniform(rnd, 5_000, 30_000);
          perMinute = uniform(rnd, 10_000, 200_000);
        }
        case SOCIALFI -> {
          price = logUniform(rnd, 0.05, 5);
          vol = uniform(rnd, 1.0, 1.6);
          beta = uniform(rnd, 0.6, 1.2);
          spread = uniform(rnd, 0.0008, 0.002);
          levelQuote = uniform(rnd, 1_000, 8_000);
          perMinute = uniform(rnd, 2_000, 40_000);
        }
        case MEME -> {
          price = logUniform(rnd, 1e-6, 0.5);
          vol = uniform(rnd, 1.5, 2.5);
          beta = uniform(rnd, 0.8, 1.6);
          spread = uniform(rnd, 0.0005, 0.002);
          levelQuote = uniform(rnd, 2_000, 20_000);
          perMinute = uniform(rnd, 5_000, 100_000);
        }
        case THIN -> {
          price = logUniform(rnd, 0.001, 2);
          vol = uniform(rnd, 1.2, 2.0);
          beta = uniform(rnd, 0.3, 0.8);
          spread = uniform(rnd, 0.01, 0.04);
          levelQuote = uniform(rnd, 20, 200);
          levels = 8 + rnd.nextInt(8);
          perMinute = uniform(rnd, 20, 300);
        }
        case FRESH -> {
          price = logUniform(rnd, 0.001, 0.5);
          vol = uniform(rnd, 2.0, 3.0);
          beta = uniform(rnd, 0.2, 0.6);
          spread = uniform(rnd, 0.002, 0.006);
          levelQuote = uniform(rnd, 500, 3_000);
          perMinute = uniform(rnd, 20_000, 200_000);
          long minutesBeforeStart = 30 + rnd.nextLong(570);
          listing = Math.max(0, historySteps - minutesBeforeStart * 60_000 / stepMillis);
          pump = uniform(rnd, 0.6, 1.5);
        }
        default -> throw new IllegalStateException("unreachable: " + kind);
      }
      boolean apiTradable = i != 7 && i != 19;
      EnumSet<OrderType> types = EnumSet.allOf(OrderType.class);
      if (kind == Kind.THIN && !thinWithoutMarket) {
        types.remove(OrderType.MARKET);
        thinWithoutMarket = true;
      }
      SymbolRules rules = rulesFor(base, quote, price)
          .minNotional(kind == Kind.MAJOR ? "5" : "1")
          .maxNotional("2000000")
          .apiTradable(apiTradable)
          .orderTypes(types)
          .build();
      out.add(new SymbolProfile(base + quote, kind, price, vol, beta, spread, levelQuote, levels, perMinute,
          listing, pump, rules));
    }
    return out;
  }

  /**
   * MEXC-like precision for a pair trading near {@code price}: about six significant digits of price
   * (at least 2 decimals) and a quantity step worth roughly a cent.
   */
  static SymbolRules.Builder rulesFor(String base, String quote, double price) {
    int exponent = (int) Math.floor(Math.log10(price));
    int priceDecimals = Math.max(2, Math.min(10, 5 - exponent));
    int qtyDecimals = Math.max(0, Math.min(6, exponent + 2));
    return SymbolRules.builder(base + quote, base, quote)
        .tickSize(Decimals.incrementForDecimals(priceDecimals))
        .stepSize(Decimals.incrementForDecimals(qtyDecimals));
  }

  private static String name(String[] names, int[] used, Kind kind, String prefix) {
    int k = used[kind.ordinal()]++;
    return k < names.length ? names[k] : prefix + (k - names.length + 1);
  }

  private static double uniform(SplittableRandom rnd, double lo, double hi) {
    return lo + (hi - lo) * rnd.nextDouble();
  }

  private static double logUniform(SplittableRandom rnd, double lo, double hi) {
    return Math.exp(Math.log(lo) + (Math.log(hi) - Math.log(lo)) * rnd.nextDouble());
  }

  /** True for a fresh listing (its bars start at {@link #listingOffsetSteps()}). */
  boolean isFresh() {
    return listingOffsetSteps >= 0;
  }
}
