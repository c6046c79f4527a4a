package io.ottertrend.brain;

import io.ottertrend.config.Setting;
import io.ottertrend.config.Settings;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * Everything a brain sees in one cycle, as plain data. The agent loop builds it from the exchange, the
 * analytics and the signals; brains never fetch anything themselves (except tools in tool-calling mode).
 *
 * <p>Units: prices in the quote asset; fractions are fractions ({@code 0.0173} = 1.73 %, as MEXC sends
 * {@code priceChangePercent}); {@code NaN} means "unknown" for any analytics number. Immutable.
 *
 * @param at observation time, epoch milliseconds on the loop's clock
 * @param quoteAsset quote currency traded against, e.g. {@code USDT}
 * @param portfolio the wallet
 * @param symbols one view per tradable symbol (may be thousands; the compactor picks what the LLM sees)
 * @param signals trends, news, listings, gainers
 * @param risk live limits and today's counters
 */
public record MarketSnapshot(
    long at, String quoteAsset, Portfolio portfolio, List<SymbolView> symbols, Signals signals, Risk risk) {

  public MarketSnapshot {
    Objects.requireNonNull(quoteAsset, "quoteAsset");
    Objects.requireNonNull(portfolio, "portfolio");
    symbols = List.copyOf(symbols);
    signals = signals == null ? Signals.EMPTY : signals;
    Objects.requireNonNull(risk, "risk");
  }

  /** Market regime from the analytics. */
  public enum Regime {
    TRENDING_UP,
    TRENDING_DOWN,
    RANGING,
    VOLATILE,
    UNKNOWN
  }

  /**
   * The wallet.
   *
   * @param equity total value in the quote asset (cash + positions at mark)
   * @param cash free quote balance
   * @param positions open positions
   */
  public record Portfolio(double equity, double cash, List<PositionView> positions) {
    public Portfolio {
      positions = List.copyOf(positions);
    }
  }

  /**
   * One open position.
   *
   * @param symbol exchange symbol
   * @param quantity base quantity held
   * @param entryPrice average entry price
   * @param markPrice current price
   * @param pnlUsd unrealised profit and loss in the quote asset
   * @param pnlPct unrealised P&amp;L as a fraction of the entry value
   * @param heldMillis time since the position was opened
   * @param stopPrice the code-enforced stop, NaN if none
   * @param targetPrice the take-profit, NaN if none
   */
  public record PositionView(
      String symbol, double quantity, double entryPrice, double markPrice, double pnlUsd, double pnlPct,
      long heldMillis, double stopPrice, double targetPrice) {}

  /**
   * One symbol's market and analytics.
   *
   * @param symbol exchange symbol (ASCII upper case)
   * @param lastPrice last trade price
   * @param change24h 24 h price change as a fraction
   * @param quoteVolume 24 h volume in the quote asset (liquidity)
   * @param spreadPct (ask − bid) / mid, a fraction; NaN when the book is unknown
   * @param rsi RSI(14) on the analysis interval, 0..100
   * @param trend signed trend strength: fast EMA / slow EMA − 1
   * @param momentum rate of change over the analysis window, a fraction
   * @param volatility standard deviation of bar returns, a fraction
   * @param regime the analytics' regime label
   * @param newListing listed recently (MEXC's speciality: watch these)
   * @param topGainer among the 24 h top gainers
   */
  public record SymbolView(
      String symbol, double lastPrice, double change24h, double quoteVolume, double spreadPct, double rsi,
      double trend, double momentum, double volatility, Regime regime, boolean newListing, boolean topGainer) {
    public SymbolView {
      Objects.requireNonNull(symbol, "symbol");
      regime = regime == null ? Regime.UNKNOWN : regime;
    }
  }

  /**
   * A news headline. {@code title} and {@code source} are untrusted text.
   *
   * @param sentiment -1..1 from the sentiment analyser
   * @param symbols symbols the headline was matched to by code (never parsed from the title by the LLM)
   */
  public record Headline(String source, String title, double sentiment, List<String> symbols, long publishedAt) {
    public Headline {
      symbols = symbols == null ? List.of() : List.copyOf(symbols);
    }
  }

  /** A narrative (socialfi, memecoin, ...) and its strength 0..1. */
  public record Narrative(String name, double strength) {}

  /** A Google Trends keyword: interest 0..100 and its change over the window (fraction). */
  public record TrendKeyword(String keyword, double interest, double change) {}

  /**
   * Signals.
   *
   * @param narratives narrative strengths
   * @param headlines recent headlines (untrusted text)
   * @param trends Google Trends keywords
   * @param newListings recently listed symbols
   * @param topGainers 24 h top gainers
   * @param providers provider name → available this cycle (trends, news, ...)
   */
  public record Signals(
      List<Narrative> narratives, List<Headline> headlines, List<TrendKeyword> trends, List<String> newListings,
      List<String> topGainers, Map<String, Boolean> providers) {
    public static final Signals EMPTY = new Signals(List.of(), List.of(), List.of(), List.of(), List.of(), Map.of());

    public Signals {
      narratives = narratives == null ? List.of() : List.copyOf(narratives);
      headlines = headlines == null ? List.of() : List.copyOf(headlines);
      trends = trends == null ? List.of() : List.copyOf(trends);
      newListings = newListings == null ? List.of() : List.copyOf(newListings);
      topGainers = topGainers == null ? List.of() : List.copyOf(topGainers);
      providers = providers == null ? Map.of() : new LinkedHashMap<>(providers);
    }
  }

  /**
   * Live risk limits and today's counters (UTC day).
   *
   * @param maxTradeUsd largest order value
   * @param maxTradePctEquity largest order as a fraction of equity
   * @param maxOpenPositions open positions allowed
   * @param maxDailyTrades orders per day
   * @param maxDailyLossUsd loss per day that halts entries
   * @param maxSpreadPct widest spread accepted (fraction)
   * @param minLiquidityUsd 24 h quote volume below which a pair is blocked
   * @param tradesToday orders placed today
   * @param openPositions positions open now
   * @param pnlTodayUsd realised + unrealised P&amp;L today
   * @param halted entries are halted (daily loss, drawdown, kill switch)
   * @param safeMode exits only (e.g. after repeated LLM failures)
   * @param haltReason why, or empty
   */
  public record Risk(
      double maxTradeUsd, double maxTradePctEquity, int maxOpenPositions, int maxDailyTrades, double maxDailyLossUsd,
      double maxSpreadPct, double minLiquidityUsd, int tradesToday, int openPositions, double pnlTodayUsd,
      boolean halted, boolean safeMode, String haltReason) {
    public Risk {
      haltReason = haltReason == null ? "" : haltReason;
    }

    /** The configured limits with zero counters. */
    public static Risk fromSettings(Settings s) {
      return new Risk(s.number(Setting.RISK_MAX_TRADE_USD), s.number(Setting.RISK_MAX_TRADE_PCT_EQUITY),
          s.integer(Setting.RISK_MAX_OPEN_POSITIONS), s.integer(Setting.RISK_MAX_DAILY_TRADES),
          s.number(Setting.RISK_MAX_DAILY_LOSS_USD), s.number(Setting.RISK_MAX_SPREAD_PCT),
          s.number(Setting.RISK_MIN_LIQUIDITY_USD), 0, 0, 0, false, false, "");
    }

    /** True when new entries are allowed at all. */
    public boolean entriesAllowed() {
      return !halted && !safeMode && openPositions < maxOpenPositions && tradesToday < maxDailyTrades;
    }
  }

  /** The view of {@code symbol}, if tradable. */
  public Optional<SymbolView> symbol(String symbol) {
    for (SymbolView v : symbols) {
      if (v.symbol().equals(symbol)) {
        return Optional.of(v);
      }
    }
    return Optional.empty();
  }

  /** Every tradable symbol plus every held one: the widest allow-list a brain may use. */
  public Set<String> allSymbols() {
    Set<String> s = new LinkedHashSet<>();
    for (SymbolView v : symbols) {
      s.add(v.symbol());
    }
    for (PositionView p : portfolio.positions()) {
      s.add(p.symbol());
    }
    return s;
  }

  /** The held position of {@code symbol}, if any. */
  public Optional<PositionView> position(String symbol) {
    return portfolio.positions().stream().filter(p -> p.symbol().equals(symbol)).findFirst();
  }
}
