package io.ottertrend.testing;

import io.ottertrend.model.BookLevel;
import io.ottertrend.model.Candle;
import io.ottertrend.model.OrderType;
import io.ottertrend.model.SymbolRules;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * A market and a wallet that any {@link io.ottertrend.exchange.Exchange} under test is set up with: symbols with
 * their rules, resting external liquidity (the book our orders trade against), 24 h statistics, klines and the
 * starting balances. {@code FakeMexcServer} serves it over MEXC's protocol; a paper exchange feeds it to its
 * market source. Immutable.
 *
 * <p>Fill model every implementation under the conformance suite follows: a buy walks the asks from the best
 * price up to its limit (a market buy until its quote amount is spent), a sell walks the bids; each level trades
 * at its own price and is consumed; what does not fill rests (LIMIT, LIMIT_MAKER) or is cancelled (IOC; FOK fills
 * completely or not at all). The taker fee of the symbol is charged on every fill, in the asset received (base for
 * buys, quote for sells). Resting orders lock the quote (buys, at their limit price) or the base (sells).
 *
 * @param symbols the listed symbols, in listing order
 * @param balances starting free balances per asset
 * @param nowMillis the time the market data refers to (kline close times end here)
 */
public record ExchangeScenario(List<SymbolSpec> symbols, Map<String, BigDecimal> balances, long nowMillis) {

  public ExchangeScenario {
    symbols = List.copyOf(symbols);
    balances = Map.copyOf(balances);
  }

  /**
   * One listed symbol.
   *
   * @param rules trading rules; tick and step must be powers of ten (MEXC publishes decimal counts)
   * @param bids external buy liquidity, best (highest) first
   * @param asks external sell liquidity, best (lowest) first
   * @param lastPrice last traded price
   * @param openPrice price 24 h ago
   * @param quoteVolume 24 h quote volume
   * @param klines 1-minute klines, oldest first (may be empty)
   */
  public record SymbolSpec(
      SymbolRules rules, List<BookLevel> bids, List<BookLevel> asks, BigDecimal lastPrice, BigDecimal openPrice,
      BigDecimal quoteVolume, List<Candle> klines) {
    public SymbolSpec {
      Objects.requireNonNull(rules);
      bids = List.copyOf(bids);
      asks = List.copyOf(asks);
      klines = List.copyOf(klines);
    }

    public String symbol() {
      return rules.symbol();
    }

    /** 24 h change as a fraction. */
    public double changeFraction() {
      return openPrice.signum() == 0 ? 0
          : lastPrice.subtract(openPrice).divide(openPrice, java.math.MathContext.DECIMAL64).doubleValue();
    }
  }

  public Optional<SymbolSpec> symbol(String name) {
    return symbols.stream().filter(s -> s.symbol().equals(name)).findFirst();
  }

  /** A copy with one more symbol (e.g. a new listing). */
  public ExchangeScenario withSymbol(SymbolSpec spec) {
    List<SymbolSpec> l = new ArrayList<>(symbols);
    l.add(spec);
    return new ExchangeScenario(l, balances, nowMillis);
  }

  // --- the standard scenario of the conformance suite ---------------------------------------------------------

  /** Start of the standard scenario: 2026-11-24T00:00:00Z. */
  public static final long STANDARD_NOW = 1_795_478_400_000L;

  /**
   * The conformance scenario:
   * <ul>
   *   <li>{@code BTCUSDT}: tick 0.01, step 0.000001, min notional 1; asks 50000.00×0.5, 50010.00×1; bids
   *       49990.00×0.5, 49980.00×1; last 50000, open 48000 (+4.17 %), quote volume 55,000,000.
   *   <li>{@code MEMEUSDT}: tick 0.00000001, step 1, min notional 1; asks 0.00000124×10,000,000; bids
   *       0.00000122×10,000,000; last 0.00000123, open 0.000001 (+23 %), quote volume 120,000.
   *   <li>{@code NOAPIUSDT}: listed and online but <b>not API-tradable</b>.
   *   <li>{@code NOMKTUSDT}: <b>market orders disabled</b> (LIMIT and LIMIT_MAKER only).
   *   <li>{@code ETHUSDT}: tick 0.01, step 0.0001, min notional 5; last 3000, open 3100 (−3.2 %), quote volume
   *       30,000,000.
   *   <li>Balances: 1000 USDT and 0.01 BTC free. Taker fee 0.0005, maker fee 0 everywhere.
   * </ul>
   */
  public static ExchangeScenario standard() {
    List<SymbolSpec> s = new ArrayList<>();
    s.add(spec(rules("BTCUSDT", "BTC", "0.01", "0.000001", "1").build(),
        List.of(BookLevel.of("49990.00", "0.5"), BookLevel.of("49980.00", "1")),
        List.of(BookLevel.of("50000.00", "0.5"), BookLevel.of("50010.00", "1")), "50000", "48000", "55000000"));
    s.add(spec(rules("MEMEUSDT", "MEME", "0.00000001", "1", "1").build(),
        List.of(BookLevel.of("0.00000122", "10000000")), List.of(BookLevel.of("0.00000124", "10000000")),
        "0.00000123", "0.000001", "120000"));
    s.add(spec(rules("NOAPIUSDT", "NOAPI", "0.0001", "0.01", "1").apiTradable(false).build(),
        List.of(BookLevel.of("1.0000", "1000")), List.of(BookLevel.of("1.0100", "1000")), "1.005", "1", "900000"));
    s.add(spec(rules("NOMKTUSDT", "NOMKT", "0.0001", "0.01", "1")
            .orderTypes(EnumSet.of(OrderType.LIMIT, OrderType.LIMIT_MAKER, OrderType.IMMEDIATE_OR_CANCEL,
                OrderType.FILL_OR_KILL)).build(),
        List.of(BookLevel.of("2.0000", "1000")), List.of(BookLevel.of("2.0100", "1000")), "2.005", "2", "800000"));
    s.add(spec(rules("ETHUSDT", "ETH", "0.01", "0.0001", "5").build(),
        List.of(BookLevel.of("2999.00", "2")), List.of(BookLevel.of("3001.00", "2")), "3000", "3100", "30000000"));
    Map<String, BigDecimal> balances = new LinkedHashMap<>();
    balances.put("USDT", new BigDecimal("1000"));
    balances.put("BTC", new BigDecimal("0.01"));
    return new ExchangeScenario(s, balances, STANDARD_NOW);
  }

  /** Rules builder with the scenario's fees (maker 0, taker 0.0005). */
  public static SymbolRules.Builder rules(String symbol, String base, String tick, String step, String minNotional) {
    return SymbolRules.builder(symbol, base, "USDT").tickSize(tick).stepSize(step).minNotional(minNotional)
        .makerFee("0").takerFee("0.0005");
  }

  /** A symbol with 120 synthetic one-minute klines ending at {@link #STANDARD_NOW}. */
  public static SymbolSpec spec(SymbolRules rules, List<BookLevel> bids, List<BookLevel> asks, String last,
      String open, String quoteVolume) {
    return new SymbolSpec(rules, bids, asks, new BigDecimal(last), new BigDecimal(open), new BigDecimal(quoteVolume),
        klines(STANDARD_NOW - 120 * 60_000L, 120, Double.parseDouble(open), Double.parseDouble(last)));
  }

  /** {@code count} one-minute klines from {@code start}, moving linearly from {@code from} to {@code to}. */
  public static List<Candle> klines(long start, int count, double from, double to) {
    List<Candle> out = new ArrayList<>(count);
    for (int i = 0; i < count; i++) {
      double o = from + (to - from) * i / count;
      double c = from + (to - from) * (i + 1) / count;
      double hi = Math.max(o, c) * 1.001;
      double lo = Math.min(o, c) * 0.999;
      long t = start + i * 60_000L;
      out.add(new Candle(t, o, hi, lo, c, 10 + i, t + 59_999L, (10 + i) * c));
    }
    return out;
  }
}
