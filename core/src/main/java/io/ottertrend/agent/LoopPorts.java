package io.ottertrend.agent;

import io.ottertrend.brain.Action;
import io.ottertrend.brain.MarketSnapshot;
import io.ottertrend.brain.OrderGateway;
import io.ottertrend.brain.tools.AgentPorts;
import io.ottertrend.model.OrderBook;
import io.ottertrend.model.Side;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * The {@link AgentPorts} of a running {@link Agent}, for the tool-calling brain. The brain is built before the
 * agent (the agent needs its brain), so these ports are a stable front that forwards every call to the ports of
 * the agent's current cycle: the cycle's snapshot and portfolio, the risk engine's dry run, and the agent's own
 * order gateway (risk engine, then order manager — the same door as JSON actions).
 *
 * <p>Thread-safe to hand out; calls outside a cycle, or before {@link Agent.Builder#loopPorts} attached an agent,
 * throw {@link IllegalStateException} (the model sees a tool error and nothing is placed).
 */
public final class LoopPorts {
  private volatile Supplier<AgentPorts> current;
  private final AgentPorts ports;

  public LoopPorts() {
    ports = new AgentPorts(market(), analytics(), signals(), () -> now().portfolio().portfolio(), risk(), orders());
  }

  /** The forwarding ports; the same instance for the life of this object. */
  public AgentPorts ports() {
    return ports;
  }

  void attach(Supplier<AgentPorts> cycle) {
    current = cycle;
  }

  private AgentPorts now() {
    Supplier<AgentPorts> c = current;
    AgentPorts p = c == null ? null : c.get();
    if (p == null) {
      throw new IllegalStateException("no agent cycle is running");
    }
    return p;
  }

  private AgentPorts.MarketData market() {
    return new AgentPorts.MarketData() {
      @Override
      public MarketSnapshot snapshot() {
        return now().market().snapshot();
      }

      @Override
      public OrderBook orderBook(String symbol, int depth) {
        return now().market().orderBook(symbol, depth);
      }
    };
  }

  private AgentPorts.Analytics analytics() {
    return new AgentPorts.Analytics() {
      @Override
      public Regime regime(String symbol) {
        return now().analytics().regime(symbol);
      }

      @Override
      public double forecastVolatility(String symbol, int horizonBars) {
        return now().analytics().forecastVolatility(symbol, horizonBars);
      }

      @Override
      public double estimateSlippage(String symbol, Side side, double quoteAmount) {
        return now().analytics().estimateSlippage(symbol, side, quoteAmount);
      }

      @Override
      public List<String> anomalies(String symbol) {
        return now().analytics().anomalies(symbol);
      }
    };
  }

  private AgentPorts.Signals signals() {
    return new AgentPorts.Signals() {
      @Override
      public Map<String, Double> googleTrends(List<String> keywords) {
        return now().signals().googleTrends(keywords);
      }

      @Override
      public List<String> trendingTokens() {
        return now().signals().trendingTokens();
      }

      @Override
      public long socialMentions(String symbol) {
        return now().signals().socialMentions(symbol);
      }

      @Override
      public List<MarketSnapshot.Headline> news(String symbol, int limit) {
        return now().signals().news(symbol, limit);
      }

      @Override
      public double scoreSentiment(String text) {
        return now().signals().scoreSentiment(text);
      }

      @Override
      public double narrativeStrength(String narrative) {
        return now().signals().narrativeStrength(narrative);
      }
    };
  }

  private AgentPorts.RiskGate risk() {
    return new AgentPorts.RiskGate() {
      @Override
      public MarketSnapshot.Risk constraints() {
        return now().risk().constraints();
      }

      @Override
      public Verdict check(Action.Open open) {
        return now().risk().check(open);
      }
    };
  }

  private OrderGateway orders() {
    return new OrderGateway() {
      @Override
      public Result open(Action.Open a) {
        return now().orders().open(a);
      }

      @Override
      public Result close(Action.Close a) {
        return now().orders().close(a);
      }

      @Override
      public Result cancel(String symbol, String clientOrderId) {
        return now().orders().cancel(symbol, clientOrderId);
      }
    };
  }
}
