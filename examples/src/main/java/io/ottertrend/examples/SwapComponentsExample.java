package io.ottertrend.examples;

import io.ottertrend.OtterTrend;
import io.ottertrend.agent.Agent;
import io.ottertrend.config.Settings;
import io.ottertrend.exchange.Exchange;
import io.ottertrend.memory.Memory;
import io.ottertrend.memory.SqliteMemory;
import io.ottertrend.model.Balance;
import io.ottertrend.model.BookTicker;
import io.ottertrend.model.Candle;
import io.ottertrend.model.Fill;
import io.ottertrend.model.Interval;
import io.ottertrend.model.Order;
import io.ottertrend.model.OrderAck;
import io.ottertrend.model.OrderBook;
import io.ottertrend.model.OrderRef;
import io.ottertrend.model.OrderRequest;
import io.ottertrend.model.PublicTrade;
import io.ottertrend.model.SymbolRules;
import io.ottertrend.model.Ticker;
import io.ottertrend.registry.Registry;
import io.ottertrend.time.Clock;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Example 3 — swap a component.
 *
 * <p>Every part of the agent is bound in the {@link Registry}; binding your own before
 * {@link OtterTrend#agent(Registry)} replaces it. Here the {@link Exchange} becomes a wrapper that records every
 * call and delegates to the shipped paper exchange, and the {@link Memory} becomes a wrapper around a SQLite
 * file of our choosing that counts every write per method. The loop, the risk engine and the order manager do
 * not know the difference. The same two lines swap in a different venue or a different store (a Postgres
 * {@code Memory}, a Binance {@code Exchange}) as long as they honour the interfaces' contracts.
 */
public final class SwapComponentsExample {
  private SwapComponentsExample() {}

  /** An exchange that records the name of every call, then delegates. */
  public static final class RecordingExchange implements Exchange {
    private final Exchange delegate;
    private final List<String> calls = new CopyOnWriteArrayList<>();

    /** Records calls to {@code delegate}, which does the work. */
    public RecordingExchange(Exchange delegate) {
      this.delegate = delegate;
    }

    /** Every call so far, in order, e.g. {@code placeOrder BTCUSDT}. */
    public List<String> calls() {
      return List.copyOf(calls);
    }

    private void record(String call) {
      calls.add(call);
    }

    @Override public String id() { return delegate.id(); }
    @Override public List<SymbolRules> symbolRules() { record("symbolRules"); return delegate.symbolRules(); }
    @Override public List<Ticker> tickers() { record("tickers"); return delegate.tickers(); }
    @Override public Ticker ticker(String symbol) { record("ticker " + symbol); return delegate.ticker(symbol); }
    @Override public BookTicker bookTicker(String symbol) {
      record("bookTicker " + symbol);
      return delegate.bookTicker(symbol);
    }
    @Override public OrderBook orderBook(String symbol, int limit) {
      record("orderBook " + symbol);
      return delegate.orderBook(symbol, limit);
    }
    @Override public List<Candle> klines(String symbol, Interval interval, Long startTime, Long endTime, int limit) {
      record("klines " + symbol);
      return delegate.klines(symbol, interval, startTime, endTime, limit);
    }
    @Override public List<PublicTrade> recentTrades(String symbol, int limit) {
      record("recentTrades " + symbol);
      return delegate.recentTrades(symbol, limit);
    }
    @Override public List<Balance> balances() { record("balances"); return delegate.balances(); }
    @Override public OrderAck placeOrder(OrderRequest request) {
      record("placeOrder " + request.symbol());
      return delegate.placeOrder(request);
    }
    @Override public Order cancelOrder(String symbol, OrderRef ref) {
      record("cancelOrder " + symbol);
      return delegate.cancelOrder(symbol, ref);
    }
    @Override public Optional<Order> queryOrder(String symbol, OrderRef ref) {
      record("queryOrder " + symbol);
      return delegate.queryOrder(symbol, ref);
    }
    @Override public List<Order> openOrders(String symbol) {
      record("openOrders " + symbol);
      return delegate.openOrders(symbol);
    }
    @Override public List<Fill> myTrades(String symbol, long sinceMillis, int limit) {
      record("myTrades " + symbol);
      return delegate.myTrades(symbol, sinceMillis, limit);
    }
    @Override public long serverTime() { record("serverTime"); return delegate.serverTime(); }
    @Override public void close() { delegate.close(); }
  }

  /**
   * A {@link Memory} that counts writes per method and delegates everything to {@code delegate}. Memory has
   * many methods, so this wrapper is a dynamic proxy; a real alternative store would implement the interface.
   */
  public static Memory countingWrites(Memory delegate, Map<String, AtomicLong> writes) {
    return (Memory) Proxy.newProxyInstance(Memory.class.getClassLoader(), new Class<?>[] {Memory.class},
        (proxy, method, args) -> {
          String name = method.getName();
          if (name.matches("(record|journal|update|upsert|remove|put|delete|startRun|finishRun|log|compareAndSet).*")) {
            writes.computeIfAbsent(name, k -> new AtomicLong()).incrementAndGet();
          }
          try {
            return method.invoke(delegate, args);
          } catch (InvocationTargetException e) {
            throw e.getCause();                       // callers see the store's own exceptions
          }
        });
  }

  /** What the run did through the swapped parts. */
  public record Result(List<String> exchangeCalls, Map<String, Long> memoryWrites, Path databaseFile,
      int decisions) {}

  /** Runs {@code cycles} cycles of the agent on the recording exchange and the counting memory. */
  public static Result run(Path dir, int cycles, long seed) throws InterruptedException {
    Path file = dir.resolve("swapped.db");
    Map<String, AtomicLong> writes = new ConcurrentHashMap<>();
    try (Registry registry = OtterTrend.registry(Settings.defaults(), OtterTrend.Options.paperSynthetic(seed))) {
      registry.bindInstance(Clock.class, Clock.simulated(Instant.parse("2026-03-02T10:00:00Z")));
      // a different Memory: our own file, wrapped (the default would open DB_PATH)
      registry.bind(Memory.class, r -> countingWrites(SqliteMemory.open(file), writes));
      // a different Exchange: the recording wrapper around the shipped paper exchange
      registry.bind(Exchange.class, r -> new RecordingExchange(r.named(Exchange.class, "paper")));

      Agent agent = OtterTrend.agent(registry);
      agent.start();
      agent.run(cycles, Duration.ofMinutes(1), () -> false); // the simulated clock advances instead of sleeping
      agent.finish("COMPLETED");

      RecordingExchange exchange = (RecordingExchange) registry.get(Exchange.class);
      Map<String, Long> counts = new TreeMap<>();
      writes.forEach((k, v) -> counts.put(k, v.get()));
      int decisions = registry.get(Memory.class).recentDecisions(10_000).size();
      return new Result(exchange.calls(), counts, file, decisions);
    }
  }

  /** Runs 20 cycles and prints what went through the swapped parts. */
  public static void main(String[] args) throws Exception {
    Result r = run(Files.createTempDirectory("ottertrend-swap"), 20, 7);
    System.out.println("exchange calls: " + r.exchangeCalls().size() + ", orders placed: "
        + r.exchangeCalls().stream().filter(c -> c.startsWith("placeOrder")).count());
    System.out.println("memory writes:  " + r.memoryWrites());
    System.out.println("database:       " + r.databaseFile());
  }
}
