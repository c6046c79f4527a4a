package io.ottertrend.agent;

import io.ottertrend.memory.Memory;
import io.ottertrend.memory.MemoryException;
import io.ottertrend.memory.SqliteMemory;
import io.ottertrend.model.Fill;
import io.ottertrend.model.Side;
import io.ottertrend.model.SymbolRules;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.math.BigDecimal;
import java.util.List;
import java.util.Set;

/** Shared symbols and helpers of the agent tests. */
final class AgentFixture {
  static final SymbolRules OTR = SymbolRules.builder("OTRUSDT", "OTR", "USDT").tickSize("0.0001").stepSize("0.01")
      .minNotional("1").build();
  static final SymbolRules KLP = SymbolRules.builder("KLPUSDT", "KLP", "USDT").tickSize("0.001").stepSize("0.1")
      .minNotional("1").build();
  static final SymbolRules MX = SymbolRules.builder("MXUSDT", "MX", "USDT").tickSize("0.0001").stepSize("0.01")
      .minNotional("1").build();

  private AgentFixture() {}

  static BigDecimal d(String v) {
    return new BigDecimal(v);
  }

  /** Base quantity a set of fills put into the wallet: buys net of base fees minus sells (and base fees). */
  static BigDecimal netBase(List<Fill> fills, String baseAsset) {
    BigDecimal sum = BigDecimal.ZERO;
    for (Fill f : fills) {
      BigDecimal baseFee = f.commissionAsset().equals(baseAsset) ? f.commission() : BigDecimal.ZERO;
      sum = f.side() == Side.BUY ? sum.add(f.quantity()).subtract(baseFee) : sum.subtract(f.quantity()).subtract(baseFee);
    }
    return sum;
  }

  /**
   * A memory whose methods named in {@code failing} throw NOT_WRITABLE, like a full disk or a read-only file;
   * everything else goes to {@code real}.
   */
  static Memory failing(SqliteMemory real, Set<String> failing) {
    return (Memory) Proxy.newProxyInstance(Memory.class.getClassLoader(), new Class<?>[] {Memory.class},
        (proxy, method, args) -> {
          if (failing.contains(method.getName())) {
            throw new MemoryException(MemoryException.Kind.NOT_WRITABLE,
                "cannot write: [SQLITE_FULL] database or disk is full", null);
          }
          try {
            return method.invoke(real, args);
          } catch (InvocationTargetException e) {
            throw e.getCause();
          }
        });
  }
}
