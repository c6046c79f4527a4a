package io.ottertrend.testing;

import io.ottertrend.brain.Action;
import io.ottertrend.brain.MarketSnapshot;
import io.ottertrend.brain.OrderGateway;
import io.ottertrend.brain.tools.AgentPorts;
import io.ottertrend.model.BookLevel;
import io.ottertrend.model.OrderBook;
import io.ottertrend.model.Side;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

/** Ports answering from a snapshot, counting calls; news can carry an injected headline. */
public final class FakePorts {
  public final AtomicInteger bookCalls = new AtomicInteger();
  public final AtomicInteger trendsCalls = new AtomicInteger();
  public final List<Action.Open> riskChecks = new ArrayList<>();
  public List<MarketSnapshot.Headline> news = List.of();

  public AgentPorts ports(MarketSnapshot snapshot, OrderGateway gateway) {
    AgentPorts.MarketData market = new AgentPorts.MarketData() {
      @Override
      public MarketSnapshot snapshot() {
        return snapshot;
      }

      @Override
      public OrderBook orderBook(String symbol, int depth) {
        bookCalls.incrementAndGet();
        double p = snapshot.symbol(symbol).orElseThrow().lastPrice();
        return new OrderBook(symbol, List.of(new BookLevel(BigDecimal.valueOf(p * 0.9999), BigDecimal.TEN)),
            List.of(new BookLevel(BigDecimal.valueOf(p * 1.0001), BigDecimal.TEN)), snapshot.at());
      }
    };
    AgentPorts.Analytics analytics = new AgentPorts.Analytics() {
      @Override
      public Regime regime(String symbol) {
        return new Regime(snapshot.symbol(symbol).orElseThrow().regime(), 0.8);
      }

      @Override
      public double forecastVolatility(String symbol, int horizonBars) {
        return 0.012;
      }

      @Override
      public double estimateSlippage(String symbol, Side side, double quoteAmount) {
        return 0.0004;
      }

      @Override
      public List<String> anomalies(String symbol) {
        return List.of();
      }
    };
    AgentPorts.Signals signals = new AgentPorts.Signals() {
      @Override
      public Map<String, Double> googleTrends(List<String> keywords) {
        trendsCalls.incrementAndGet();
        return Map.of("memecoin", 55.0);
      }

      @Override
      public List<String> trendingTokens() {
        return List.of("SOLUSDT", "ЅOLUSDT", "NEWCOIN");
      }

      @Override
      public long socialMentions(String symbol) {
        return 1234;
      }

      @Override
      public List<MarketSnapshot.Headline> news(String symbol, int limit) {
        return news;
      }

      @Override
      public double scoreSentiment(String text) {
        return 0.3;
      }

      @Override
      public double narrativeStrength(String narrative) {
        return 0.7;
      }
    };
    AgentPorts.RiskGate risk = new AgentPorts.RiskGate() {
      @Override
      public MarketSnapshot.Risk constraints() {
        return snapshot.risk();
      }

      @Override
      public Verdict check(Action.Open open) {
        riskChecks.add(open);
        return new Verdict(true, open.sizePctEquity().doubleValue(), "approved");
      }
    };
    return new AgentPorts(market, analytics, signals, snapshot::portfolio, risk, gateway);
  }
}
