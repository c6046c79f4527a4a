package io.ottertrend.brain.tools;

import io.ottertrend.brain.Action;
import io.ottertrend.brain.MarketSnapshot;
import io.ottertrend.brain.OrderGateway;
import io.ottertrend.model.OrderBook;
import io.ottertrend.model.Side;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The narrow interfaces the standard tools call. The agent loop wires real implementations (exchange,
 * analytics, signals, risk engine, order manager); any port left out answers "unavailable" to the model.
 * Acting goes only through {@link RiskGate} and {@link OrderGateway}; no port exposes an exchange order method.
 *
 * <p>Implementations must be thread-safe; they may throw, which the model sees as a tool error.
 */
public record AgentPorts(
    MarketData market, Analytics analytics, Signals signals, PortfolioPort portfolio, RiskGate risk,
    OrderGateway orders) {

  public AgentPorts {
    market = market == null ? UNAVAILABLE_MARKET : market;
    analytics = analytics == null ? UNAVAILABLE_ANALYTICS : analytics;
    signals = signals == null ? UNAVAILABLE_SIGNALS : signals;
    portfolio = portfolio == null ? () -> unavailable("portfolio") : portfolio;
    risk = risk == null ? UNAVAILABLE_RISK : risk;
    orders = Objects.requireNonNull(orders, "orders: the gateway is mandatory (use a refusing one for read-only)");
  }

  /** Market data. */
  public interface MarketData {
    /** A fresh snapshot (the cycle's snapshot is the usual answer). */
    MarketSnapshot snapshot();

    /** The order book of {@code symbol}, {@code depth} levels a side. */
    OrderBook orderBook(String symbol, int depth);
  }

  /** The analytics ("think" tools). Fractions as fractions. */
  public interface Analytics {
    /** Regime label and a confidence 0..1. */
    Regime regime(String symbol);

    /** Expected standard deviation of returns over {@code horizonBars} bars, a fraction. */
    double forecastVolatility(String symbol, int horizonBars);

    /** Expected slippage of a market order of {@code quoteAmount}, a fraction of price. */
    double estimateSlippage(String symbol, Side side, double quoteAmount);

    /** Anomalies found (volume spikes, price glitches, wash trading hints); empty when none. */
    List<String> anomalies(String symbol);

    /** A regime and its confidence. */
    record Regime(MarketSnapshot.Regime regime, double confidence) {}
  }

  /** Trends, social and news signals. All text returned is untrusted. */
  public interface Signals {
    /** Google Trends interest 0..100 per keyword. */
    Map<String, Double> googleTrends(List<String> keywords);

    /** Trending tokens (symbols as the exchange spells them). */
    List<String> trendingTokens();

    /** Social mentions of {@code symbol} in the last 24 h. */
    long socialMentions(String symbol);

    /** Recent headlines, optionally about {@code symbol} (null: all). */
    List<MarketSnapshot.Headline> news(String symbol, int limit);

    /** Sentiment of a text, -1..1. */
    double scoreSentiment(String text);

    /** Strength of a narrative, 0..1. */
    double narrativeStrength(String narrative);
  }

  /** The wallet. */
  @FunctionalInterface
  public interface PortfolioPort {
    MarketSnapshot.Portfolio portfolio();
  }

  /** The risk engine's view for the model: its limits and a dry-run check. */
  public interface RiskGate {
    MarketSnapshot.Risk constraints();

    /** What the risk engine would do with {@code open}; nothing is placed. */
    Verdict check(Action.Open open);

    /**
     * A risk verdict.
     *
     * @param approved false when rejected
     * @param sizePctEquity the size it would allow (possibly shrunk)
     * @param reason one line
     */
    record Verdict(boolean approved, double sizePctEquity, String reason) {}
  }

  static <T> T unavailable(String what) {
    throw new UnsupportedOperationException(what + " is not available in this run");
  }

  private static final MarketData UNAVAILABLE_MARKET = new MarketData() {
    @Override
    public MarketSnapshot snapshot() {
      return unavailable("market data");
    }

    @Override
    public OrderBook orderBook(String symbol, int depth) {
      return unavailable("order books");
    }
  };

  private static final Analytics UNAVAILABLE_ANALYTICS = new Analytics() {
    @Override
    public Regime regime(String symbol) {
      return unavailable("analytics");
    }

    @Override
    public double forecastVolatility(String symbol, int horizonBars) {
      return unavailable("analytics");
    }

    @Override
    public double estimateSlippage(String symbol, Side side, double quoteAmount) {
      return unavailable("analytics");
    }

    @Override
    public List<String> anomalies(String symbol) {
      return unavailable("analytics");
    }
  };

  private static final Signals UNAVAILABLE_SIGNALS = new Signals() {
    @Override
    public Map<String, Double> googleTrends(List<String> keywords) {
      return unavailable("Google Trends");
    }

    @Override
    public List<String> trendingTokens() {
      return unavailable("trending tokens");
    }

    @Override
    public long socialMentions(String symbol) {
      return unavailable("social mentions");
    }

    @Override
    public List<MarketSnapshot.Headline> news(String symbol, int limit) {
      return unavailable("news");
    }

    @Override
    public double scoreSentiment(String text) {
      return unavailable("sentiment");
    }

    @Override
    public double narrativeStrength(String narrative) {
      return unavailable("narratives");
    }
  };

  private static final RiskGate UNAVAILABLE_RISK = new RiskGate() {
    @Override
    public MarketSnapshot.Risk constraints() {
      return unavailable("risk engine");
    }

    @Override
    public Verdict check(Action.Open open) {
      return unavailable("risk engine");
    }
  };
}
