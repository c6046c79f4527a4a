package io.ottertrend.exchange.scan;

import io.ottertrend.exchange.Exchange;
import io.ottertrend.exchange.ExchangeException;
import io.ottertrend.memory.Memory;
import io.ottertrend.model.Candle;
import io.ottertrend.model.Interval;
import io.ottertrend.model.OrderBook;
import io.ottertrend.model.SymbolRules;
import io.ottertrend.model.Ticker;
import io.ottertrend.time.Clock;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;

/**
 * Observe-only market scans (spec T1.4) over any {@link Exchange}: top gainers, new listings and the liquidity of a
 * pair. Nothing here places orders.
 *
 * <ul>
 *   <li>{@link #topGainers(int, BigDecimal)}: every 24 h ticker (one weighted call), filtered by quote volume,
 *       sorted by change, highest first.
 *   <li>{@link #newListings()}: symbols listed now that were not listed at the previous scan. The set of seen
 *       symbols is persisted through {@link Memory#putState} under {@value #SEEN_KEY} (in memory when no
 *       {@link Memory} is given), so the diff spans restarts. The first scan only records a baseline. Each new
 *       symbol's age comes from its listing time when the exchange publishes one, else from its first daily
 *       kline.
 *   <li>{@link #estimatePairLiquidity(String)}: 24 h quote volume and the quote value resting within ±1 % and
 *       ±2 % of the mid: the numbers the risk rules compare with {@code RISK_MIN_LIQUIDITY_USD},
 *       {@code RISK_LOW_LIQUIDITY_THRESHOLD_USD} and {@code RISK_LOW_LIQUIDITY_CAP_USD}.
 * </ul>
 *
 * <p>Thread-safe when its {@link Exchange} and {@link Memory} are; {@link #newListings()} is serialised.
 * Exchange failures propagate as {@link ExchangeException}s.
 */
public final class MarketScanner {
  /** {@link Memory} state key of the comma-separated, sorted set of symbols seen by the last listings scan. */
  public static final String SEEN_KEY = "scan.seen-symbols";
  /** Book levels fetched per side for the liquidity estimate. */
  static final int DEPTH_LEVELS = 500;

  private final Exchange exchange;
  private final Memory memory;
  private final Clock clock;
  private String inMemorySeen;

  /**
   * @param exchange where market data comes from
   * @param memory where the seen-symbol set is kept, or {@code null} to keep it in this object only
   * @param clock the time listing ages are measured against
   */
  public MarketScanner(Exchange exchange, Memory memory, Clock clock) {
    this.exchange = Objects.requireNonNull(exchange, "exchange");
    this.memory = memory;
    this.clock = Objects.requireNonNull(clock, "clock");
  }

  /**
   * One gainer.
   *
   * @param symbol exchange symbol
   * @param lastPrice last traded price
   * @param changeFraction 24 h change as a fraction ({@code 0.25} = +25 %)
   * @param quoteVolume 24 h quote volume
   */
  public record Gainer(String symbol, BigDecimal lastPrice, double changeFraction, BigDecimal quoteVolume) {}

  /**
   * The {@code n} symbols with the highest 24 h change among those with at least {@code minQuoteVolume} of 24 h
   * quote volume; ties go to the larger volume, then to the symbol name.
   */
  public List<Gainer> topGainers(int n, BigDecimal minQuoteVolume) {
    if (n < 1) {
      throw new IllegalArgumentException("n must be >= 1: " + n);
    }
    BigDecimal min = minQuoteVolume == null ? BigDecimal.ZERO : minQuoteVolume;
    return exchange.tickers().stream()
        .filter(t -> Double.isFinite(t.changeFraction()))
        .filter(t -> t.quoteVolume().compareTo(min) >= 0)
        .sorted(Comparator.comparingDouble(Ticker::changeFraction).reversed()
            .thenComparing(Ticker::quoteVolume, Comparator.reverseOrder())
            .thenComparing(Ticker::symbol))
        .limit(n)
        .map(t -> new Gainer(t.symbol(), t.lastPrice(), t.changeFraction(), t.quoteVolume()))
        .toList();
  }

  /**
   * One new listing.
   *
   * @param symbol exchange symbol
   * @param apiTradable whether orders may be placed through the API yet
   * @param firstSeenAt when this scan first saw it, epoch milliseconds
   * @param listedAt listing time or first kline open time, epoch milliseconds ({@code 0} when unknown)
   * @param ageMillis {@code firstSeenAt - listedAt}, or {@code -1} when unknown
   */
  public record Listing(String symbol, boolean apiTradable, long firstSeenAt, long listedAt, long ageMillis) {}

  /**
   * The result of a listings scan.
   *
   * @param baseline true for the first scan, which only records what is listed
   * @param known number of symbols known after this scan
   * @param listings symbols new since the previous scan
   */
  public record ListingScan(boolean baseline, int known, List<Listing> listings) {
    public ListingScan {
      listings = List.copyOf(listings);
    }
  }

  /** Symbols listed since the previous scan (persisted), with their age. */
  public synchronized ListingScan newListings() {
    long now = clock.millis();
    List<SymbolRules> rules = exchange.symbolRules();
    String stored = memory != null ? memory.state(SEEN_KEY).orElse(null) : inMemorySeen;
    Set<String> seen = new TreeSet<>();
    if (stored != null && !stored.isBlank()) {
      seen.addAll(Arrays.asList(stored.split(",")));
    }
    boolean baseline = stored == null;
    List<Listing> fresh = new ArrayList<>();
    for (SymbolRules r : rules) {
      if (!baseline && !seen.contains(r.symbol())) {
        long listedAt = r.listedAtMillis() > 0 ? r.listedAtMillis() : firstKlineOpen(r.symbol());
        fresh.add(new Listing(r.symbol(), r.apiTradable(), now, listedAt, listedAt > 0 ? now - listedAt : -1));
      }
      seen.add(r.symbol());
    }
    String value = String.join(",", seen);
    if (memory != null) {
      memory.putState(SEEN_KEY, value, now);
    } else {
      inMemorySeen = value;
    }
    fresh.sort(Comparator.comparing(Listing::symbol));
    return new ListingScan(baseline, seen.size(), fresh);
  }

  private long firstKlineOpen(String symbol) {
    try {
      List<Candle> first = exchange.klines(symbol, Interval.D1, 0L, null, 1);
      return first.isEmpty() ? 0 : first.get(0).openTime();
    } catch (ExchangeException.UnknownSymbol | ExchangeException.Unavailable e) {
      return 0;
    }
  }

  /**
   * Liquidity of one pair.
   *
   * @param symbol exchange symbol
   * @param quoteVolume24h 24 h quote volume
   * @param mid mid price, or {@code NaN} when a book side is empty
   * @param spreadFraction {@code (ask - bid) / mid}, or {@code NaN}
   * @param bidDepth1Pct quote value of bids within 1 % below the mid
   * @param askDepth1Pct quote value of asks within 1 % above the mid
   * @param bidDepth2Pct quote value of bids within 2 % below the mid
   * @param askDepth2Pct quote value of asks within 2 % above the mid
   * @param bookLevels levels fetched per side (depth beyond them is not counted)
   */
  public record PairLiquidity(
      String symbol, BigDecimal quoteVolume24h, double mid, double spreadFraction, double bidDepth1Pct,
      double askDepth1Pct, double bidDepth2Pct, double askDepth2Pct, int bookLevels) {

    /** Both sides within ±1 %. */
    public double depth1Pct() {
      return bidDepth1Pct + askDepth1Pct;
    }

    /** Both sides within ±2 %. */
    public double depth2Pct() {
      return bidDepth2Pct + askDepth2Pct;
    }
  }

  /** 24 h quote volume and book depth within ±1 % and ±2 % of the mid. */
  public PairLiquidity estimatePairLiquidity(String symbol) {
    Ticker t = exchange.ticker(symbol);
    OrderBook book = exchange.orderBook(symbol, DEPTH_LEVELS);
    return new PairLiquidity(symbol, t.quoteVolume(), book.mid(), book.spreadFraction(),
        book.depthQuote(true, 0.01), book.depthQuote(false, 0.01), book.depthQuote(true, 0.02),
        book.depthQuote(false, 0.02), DEPTH_LEVELS);
  }
}
