package io.ottertrend.agent;

import io.ottertrend.analytics.Analytics;
import io.ottertrend.analytics.Anomaly;
import io.ottertrend.analytics.RegimeAssessment;
import io.ottertrend.brain.MarketSnapshot;
import io.ottertrend.brain.tools.AgentPorts;
import io.ottertrend.exchange.Exchange;
import io.ottertrend.model.Candle;
import io.ottertrend.model.Interval;
import io.ottertrend.model.OrderBook;
import io.ottertrend.model.Side;
import io.ottertrend.time.Clock;
import java.math.BigDecimal;
import java.util.List;
import java.util.Objects;
import java.util.function.Predicate;

/**
 * The "think" tools over {@link Analytics}, fed with one-minute bars and books read from the {@link Exchange}
 * (reads only). Symbols outside {@code known} are refused before any exchange call, so a model cannot make the
 * agent query arbitrary pairs. Thread-safe when the exchange is; exchange errors propagate to the tool router,
 * which reports them to the model.
 */
final class ExchangeAnalytics implements AgentPorts.Analytics {
  private static final int BARS = 120;
  private final Exchange exchange;
  private final Clock clock;
  private final Predicate<String> known;

  ExchangeAnalytics(Exchange exchange, Clock clock, Predicate<String> known) {
    this.exchange = Objects.requireNonNull(exchange, "exchange");
    this.clock = Objects.requireNonNull(clock, "clock");
    this.known = Objects.requireNonNull(known, "known");
  }

  private List<Candle> bars(String symbol) {
    if (!known.test(symbol)) {
      throw new IllegalArgumentException("unknown symbol " + symbol);
    }
    return exchange.klines(symbol, Interval.M1, null, clock.millis(), BARS);
  }

  @Override
  public Regime regime(String symbol) {
    double[] close = bars(symbol).stream().mapToDouble(Candle::close).toArray();
    int window = Math.min(Analytics.DEFAULT_REGIME_WINDOW, close.length - 1);
    if (window < 2) {
      return new Regime(MarketSnapshot.Regime.UNKNOWN, 0);
    }
    RegimeAssessment a = Analytics.detectRegime(close, window);
    MarketSnapshot.Regime r = switch (a.regime()) {
      case TRENDING_UP -> MarketSnapshot.Regime.TRENDING_UP;
      case TRENDING_DOWN, CRASH -> MarketSnapshot.Regime.TRENDING_DOWN;
      case RANGING -> MarketSnapshot.Regime.RANGING;
      case HIGH_VOLATILITY -> MarketSnapshot.Regime.VOLATILE;
    };
    return new Regime(r, a.confidence());
  }

  @Override
  public double forecastVolatility(String symbol, int horizonBars) {
    List<Candle> c = bars(symbol);
    if (c.size() < 3) {
      throw new IllegalStateException("not enough bars for " + symbol);
    }
    double[] r = new double[c.size() - 1];
    for (int i = 1; i < c.size(); i++) {
      r[i - 1] = Math.log(c.get(i).close() / c.get(i - 1).close());
    }
    return Analytics.forecastVolatility(r, Math.max(1, horizonBars)).horizonVolatility();
  }

  @Override
  public double estimateSlippage(String symbol, Side side, double quoteAmount) {
    if (!known.test(symbol)) {
      throw new IllegalArgumentException("unknown symbol " + symbol);
    }
    OrderBook book = exchange.orderBook(symbol, 20);
    return Analytics.estimateSlippage(book, side, BigDecimal.valueOf(quoteAmount)).slippageBpsVsBest() / 10_000;
  }

  @Override
  public List<String> anomalies(String symbol) {
    return Analytics.detectAnomalies(bars(symbol)).stream().map(Anomaly::explanation).toList();
  }
}
