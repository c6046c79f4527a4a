package io.ottertrend.agent;

import io.ottertrend.exchange.Exchange;
import io.ottertrend.exchange.ExchangeException;
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
import io.ottertrend.model.OrderStatus;
import io.ottertrend.model.OrderType;
import io.ottertrend.model.PublicTrade;
import io.ottertrend.model.Side;
import io.ottertrend.model.SymbolRules;
import io.ottertrend.model.Ticker;
import io.ottertrend.time.Clock;
import java.io.IOException;
import java.io.InputStream;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.io.OutputStream;
import java.io.Serializable;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * A small deterministic exchange for order-manager tests: no order book, market orders fill at the symbol's
 * set price, limit orders fill when the price crosses or when a test fills them, with scriptable faults.
 * With a state file it persists every change atomically (write + rename), so it survives a killed client
 * process like a real exchange would.
 *
 * <p>Thread-safe (every method synchronised).
 */
final class FakeExchange implements Exchange {

  /** Which asset fees are charged in. */
  enum FeeMode {
    /** The asset received: buys pay in base, sells in quote (Binance/MEXC default). */
    RECEIVED,
    /** Always the quote asset. */
    QUOTE,
    /** A third token (like MX), converted at its own price. */
    THIRD
  }

  /** A scripted fault on the next placement. */
  enum PlaceFault {
    /** Connection refused: nothing reaches the exchange; the client throws Unavailable. */
    REFUSE,
    /** The exchange accepts the order but the answer is lost: OutcomeUnknown. */
    ACCEPT_THEN_TIMEOUT,
    /** HTTP 503 "Unknown error" without the order having been placed: OutcomeUnknown. */
    AMBIGUOUS_NOT_PLACED,
    /** HTTP 503 "Unknown error" after the order was placed: OutcomeUnknown. */
    AMBIGUOUS_PLACED
  }

  static final class FakeOrder implements Serializable {
    private static final long serialVersionUID = 1L;
    String orderId;
    String clientId;
    String symbol;
    Side side;
    OrderType type;
    BigDecimal qty;
    BigDecimal quoteQty;
    BigDecimal price;
    BigDecimal executed = BigDecimal.ZERO;
    BigDecimal cumQuote = BigDecimal.ZERO;
    OrderStatus status = OrderStatus.NEW;
    long time;
    long updateTime;
  }

  static final class Trade implements Serializable {
    private static final long serialVersionUID = 1L;
    String tradeId;
    String orderId;
    String symbol;
    Side side;
    BigDecimal price;
    BigDecimal qty;
    BigDecimal quote;
    BigDecimal fee;
    String feeAsset;
    long time;
  }

  static final class State implements Serializable {
    private static final long serialVersionUID = 1L;
    final LinkedHashMap<String, FakeOrder> orders = new LinkedHashMap<>();
    final ArrayList<Trade> trades = new ArrayList<>();
    final HashMap<String, BigDecimal> free = new HashMap<>();
    final HashMap<String, BigDecimal> locked = new HashMap<>();
    final HashMap<String, Integer> placements = new HashMap<>();
    final HashMap<String, BigDecimal> prices = new HashMap<>();
    long nextOrderId = 1000;
    long nextTradeId = 1;
  }

  private final Clock clock;
  private final Path stateFile;
  private final Map<String, SymbolRules> rules = new LinkedHashMap<>();
  private final Map<String, FeeMode> feeModes = new HashMap<>();
  private BigDecimal feeRate = new BigDecimal("0.001");
  private String thirdAsset = "MX";
  private final Deque<PlaceFault> placeFaults = new ArrayDeque<>();
  private final Deque<RuntimeException> placeErrors = new ArrayDeque<>();
  private final Map<String, Integer> hiddenQueries = new HashMap<>();
  private final Set<String> fillOnCancel = new HashSet<>();
  private int failingQueries;
  private int failingCancels;
  private boolean tradesHidden;
  private Runnable afterAccept = () -> {};
  private final State state;

  FakeExchange(Clock clock, Path stateFile) {
    this.clock = clock;
    this.stateFile = stateFile;
    this.state = stateFile != null && Files.exists(stateFile) ? load(stateFile) : new State();
  }

  FakeExchange(Clock clock) {
    this(clock, null);
  }

  // --- configuration ------------------------------------------------------------------------------------

  synchronized FakeExchange symbol(SymbolRules r, String price) {
    rules.put(r.symbol(), r);
    if (!state.prices.containsKey(r.symbol())) {
      state.prices.put(r.symbol(), new BigDecimal(price));
      persist();
    }
    return this;
  }

  synchronized FakeExchange feeMode(String symbol, FeeMode mode) {
    feeModes.put(symbol, mode);
    return this;
  }

  synchronized FakeExchange feeRate(String rate) {
    feeRate = new BigDecimal(rate);
    return this;
  }

  synchronized FakeExchange deposit(String asset, String amount) {
    state.free.merge(asset, new BigDecimal(amount), BigDecimal::add);
    persist();
    return this;
  }

  synchronized void setPrice(String symbol, String price) {
    state.prices.put(symbol, new BigDecimal(price));
    matchLimits(symbol);
    persist();
  }

  synchronized void failNextPlacement(PlaceFault fault) {
    placeFaults.add(fault);
  }

  synchronized void rejectNextPlacement(RuntimeException error) {
    placeErrors.add(error);
  }

  /** The next {@code n} queries of {@code clientId} answer "not found" even when the order exists. */
  synchronized void hideFromQueries(String clientId, int n) {
    hiddenQueries.put(clientId, n);
  }

  /** The next {@code n} queries of any order throw Unavailable. */
  synchronized void failQueries(int n) {
    failingQueries = n;
  }

  /** The next {@code n} cancels throw Unavailable without cancelling. */
  synchronized void failCancels(int n) {
    failingCancels = n;
  }

  /** While set, {@link #myTrades} lags behind the orders and returns nothing. */
  synchronized void hideTrades(boolean v) {
    tradesHidden = v;
  }

  /** A cancel of {@code clientId} arrives after the order filled completely (answer: unknown order). */
  synchronized void fillBeforeCancel(String clientId) {
    fillOnCancel.add(clientId);
  }

  /** Runs after an order is accepted and persisted, before the answer returns: a crash point. */
  synchronized void afterAccept(Runnable hook) {
    afterAccept = hook;
  }

  // --- inspection and scripted market events ----------------------------------------------------------------

  synchronized int placements(String clientId) {
    return state.placements.getOrDefault(clientId, 0);
  }

  synchronized Map<String, Integer> allPlacements() {
    return Map.copyOf(state.placements);
  }

  synchronized List<Fill> allTrades() {
    return state.trades.stream().map(FakeExchange::toFill).toList();
  }

  synchronized List<Order> allOrders() {
    return state.orders.values().stream().map(FakeExchange::toOrder).toList();
  }

  synchronized BigDecimal free(String asset) {
    return state.free.getOrDefault(asset, BigDecimal.ZERO);
  }

  /** Fills {@code qty} of a resting order at its limit price (or the market price). */
  synchronized void fill(String clientId, String qty) {
    FakeOrder o = state.orders.values().stream().filter(x -> clientId.equals(x.clientId)).findFirst()
        .orElseThrow();
    execute(o, new BigDecimal(qty), o.price != null ? o.price : state.prices.get(o.symbol));
    persist();
  }

  /** An order placed by someone else on the same account (a human, another bot). */
  synchronized String placeExternal(String symbol, Side side, String qty, String price) {
    FakeOrder o = accept(OrderRequest.limit(symbol, side, new BigDecimal(qty), new BigDecimal(price), "web1"),
        null);
    persist();
    return o.orderId;
  }

  /** Fills an external order by exchange id. */
  synchronized void fillExternal(String orderId, String qty) {
    FakeOrder o = state.orders.get(orderId);
    execute(o, new BigDecimal(qty), o.price);
    persist();
  }

  // --- Exchange -------------------------------------------------------------------------------------------

  @Override
  public String id() {
    return "fake";
  }

  @Override
  public synchronized List<SymbolRules> symbolRules() {
    return List.copyOf(rules.values());
  }

  @Override
  public synchronized List<Ticker> tickers() {
    return rules.keySet().stream().filter(state.prices::containsKey).map(this::ticker).toList();
  }

  @Override
  public synchronized Ticker ticker(String symbol) {
    BigDecimal p = state.prices.get(symbol);
    if (p == null) {
      throw new ExchangeException.UnknownSymbol("unknown symbol " + symbol, -1121);
    }
    return new Ticker(symbol, p, p, p, p, p, p, 0, BigDecimal.ZERO, BigDecimal.ZERO, clock.millis());
  }

  @Override
  public synchronized BookTicker bookTicker(String symbol) {
    BigDecimal p = ticker(symbol).lastPrice();
    return new BookTicker(symbol, p, BigDecimal.TEN, p, BigDecimal.TEN);
  }

  @Override
  public OrderBook orderBook(String symbol, int limit) {
    throw new UnsupportedOperationException("the fake exchange has no order book");
  }

  @Override
  public List<Candle> klines(String symbol, Interval interval, Long startTime, Long endTime, int limit) {
    return List.of();
  }

  @Override
  public List<PublicTrade> recentTrades(String symbol, int limit) {
    return List.of();
  }

  @Override
  public synchronized List<Balance> balances() {
    Set<String> assets = new HashSet<>(state.free.keySet());
    assets.addAll(state.locked.keySet());
    List<Balance> out = new ArrayList<>();
    for (String a : assets.stream().sorted().toList()) {
      Balance b = new Balance(a, state.free.getOrDefault(a, BigDecimal.ZERO),
          state.locked.getOrDefault(a, BigDecimal.ZERO));
      if (b.total().signum() != 0) {
        out.add(b);
      }
    }
    return out;
  }

  @Override
  public synchronized OrderAck placeOrder(OrderRequest request) {
    if (!placeErrors.isEmpty()) {
      throw placeErrors.poll();
    }
    PlaceFault fault = placeFaults.poll();
    if (fault == PlaceFault.REFUSE) {
      throw new ExchangeException.Unavailable("connection refused", 0);
    }
    if (fault == PlaceFault.AMBIGUOUS_NOT_PLACED) {
      throw new ExchangeException.OutcomeUnknown("HTTP 503 Unknown error, please check your request or try again later",
          request.clientOrderId(), null);
    }
    FakeOrder o = accept(request, request.clientOrderId());
    persist();
    afterAccept.run();
    if (fault == PlaceFault.ACCEPT_THEN_TIMEOUT) {
      throw new ExchangeException.OutcomeUnknown("read timed out", request.clientOrderId(), null);
    }
    if (fault == PlaceFault.AMBIGUOUS_PLACED) {
      throw new ExchangeException.OutcomeUnknown("HTTP 503 Unknown error, please check your request or try again later",
          request.clientOrderId(), null);
    }
    return new OrderAck(o.symbol, o.orderId, o.clientId, o.time);
  }

  private FakeOrder accept(OrderRequest r, String clientId) {
    SymbolRules rule = rules.get(r.symbol());
    if (rule == null) {
      throw new ExchangeException.UnknownSymbol("unknown symbol " + r.symbol(), -1121);
    }
    BigDecimal market = state.prices.get(r.symbol());
    BigDecimal price = r.price() != null ? r.price() : market;
    if (r.quantity() != null && rule.truncateQuantity(r.quantity()).compareTo(r.quantity()) != 0) {
      throw new ExchangeException.InvalidOrder("quantity scale is invalid", 10096,
          ExchangeException.InvalidReason.PRECISION);
    }
    BigDecimal notional = r.notional(price);
    if (notional.compareTo(rule.minNotional()) < 0) {
      throw new ExchangeException.InvalidOrder("order amount below minimum", 30002,
          ExchangeException.InvalidReason.BELOW_MIN_NOTIONAL);
    }
    String payAsset = r.side() == Side.BUY ? rule.quoteAsset() : rule.baseAsset();
    BigDecimal need = r.side() == Side.BUY ? notional : r.quantity();
    if (state.free.getOrDefault(payAsset, BigDecimal.ZERO).compareTo(need) < 0) {
      throw new ExchangeException.InsufficientFunds("insufficient balance", 30004);
    }
    FakeOrder o = new FakeOrder();
    o.orderId = "C02__" + state.nextOrderId++;
    o.clientId = clientId;
    o.symbol = r.symbol();
    o.side = r.side();
    o.type = r.type();
    o.qty = r.quantity();
    o.quoteQty = r.quoteQuantity();
    o.price = r.price();
    o.time = clock.millis();
    o.updateTime = o.time;
    // lock what the order may spend (market buys spend their quote amount)
    state.free.merge(payAsset, need.negate(), BigDecimal::add);
    state.locked.merge(payAsset, need, BigDecimal::add);
    state.orders.put(o.orderId, o);
    if (clientId != null) {
      state.placements.merge(clientId, 1, Integer::sum);
    }
    if (r.type() == OrderType.MARKET) {
      BigDecimal qty = r.quantity() != null ? r.quantity()
          : rule.truncateQuantity(r.quoteQuantity().divide(market, MathContext.DECIMAL64));
      execute(o, qty, market);
      closeRemainder(o, OrderStatus.CANCELED);
    } else {
      crossIfMarketable(o, market);
    }
    return o;
  }

  private void crossIfMarketable(FakeOrder o, BigDecimal market) {
    boolean crosses = o.side == Side.BUY ? o.price.compareTo(market) >= 0 : o.price.compareTo(market) <= 0;
    if (crosses && o.status.isOpen()) {
      execute(o, o.qty.subtract(o.executed), o.price);
    }
  }

  private void matchLimits(String symbol) {
    BigDecimal market = state.prices.get(symbol);
    for (FakeOrder o : state.orders.values()) {
      if (o.symbol.equals(symbol) && o.status.isOpen() && o.type != OrderType.MARKET && o.clientId != null) {
        crossIfMarketable(o, market);
      }
    }
  }

  /** Executes {@code qty} of {@code o} at {@code price}: trade, fee, balances, order progress. */
  private void execute(FakeOrder o, BigDecimal qty, BigDecimal price) {
    if (qty.signum() <= 0) {
      return;
    }
    SymbolRules rule = rules.get(o.symbol);
    BigDecimal quote = qty.multiply(price);
    FeeMode mode = feeModes.getOrDefault(o.symbol, FeeMode.QUOTE);
    Trade t = new Trade();
    t.tradeId = Long.toString(state.nextTradeId++);
    t.orderId = o.orderId;
    t.symbol = o.symbol;
    t.side = o.side;
    t.price = price;
    t.qty = qty;
    t.quote = quote;
    t.time = clock.millis();
    String base = rule.baseAsset();
    String quoteAsset = rule.quoteAsset();
    if (mode == FeeMode.THIRD) {
      t.feeAsset = thirdAsset;
      BigDecimal thirdPrice = state.prices.getOrDefault(thirdAsset + quoteAsset, BigDecimal.ONE);
      t.fee = quote.multiply(feeRate).divide(thirdPrice, 8, RoundingMode.UP);
    } else if (mode == FeeMode.RECEIVED && o.side == Side.BUY) {
      t.feeAsset = base;
      t.fee = qty.multiply(feeRate).setScale(8, RoundingMode.UP).stripTrailingZeros();
    } else {
      t.feeAsset = quoteAsset;
      t.fee = quote.multiply(feeRate).setScale(8, RoundingMode.UP).stripTrailingZeros();
    }
    if (o.side == Side.BUY) {
      state.locked.merge(quoteAsset, quote.negate(), BigDecimal::add);
      state.free.merge(base, qty, BigDecimal::add);
    } else {
      state.locked.merge(base, qty.negate(), BigDecimal::add);
      state.free.merge(quoteAsset, quote, BigDecimal::add);
    }
    state.free.merge(t.feeAsset, t.fee.negate(), BigDecimal::add);
    state.trades.add(t);
    o.executed = o.executed.add(qty);
    o.cumQuote = o.cumQuote.add(quote);
    o.updateTime = t.time;
    boolean done = o.qty != null ? o.executed.compareTo(o.qty) >= 0 : false;
    o.status = done ? OrderStatus.FILLED : OrderStatus.PARTIALLY_FILLED;
  }

  /** Ends an order that can fill no more, releasing what it still locks. */
  private void closeRemainder(FakeOrder o, OrderStatus whenUnfilled) {
    if (!o.status.isOpen()) {
      return;
    }
    SymbolRules rule = rules.get(o.symbol);
    if (o.side == Side.BUY) {
      BigDecimal lockedTotal = o.quoteQty != null ? o.quoteQty : o.qty.multiply(o.price);
      BigDecimal release = lockedTotal.subtract(o.cumQuote);
      state.locked.merge(rule.quoteAsset(), release.negate(), BigDecimal::add);
      state.free.merge(rule.quoteAsset(), release, BigDecimal::add);
    } else {
      BigDecimal release = o.qty.subtract(o.executed);
      state.locked.merge(rule.baseAsset(), release.negate(), BigDecimal::add);
      state.free.merge(rule.baseAsset(), release, BigDecimal::add);
    }
    if (o.quoteQty != null && o.executed.signum() > 0) {
      o.status = OrderStatus.FILLED; // a quote-sized market buy that spent what it could is filled
    } else {
      o.status = o.executed.signum() > 0 ? OrderStatus.PARTIALLY_CANCELED : whenUnfilled;
    }
    o.updateTime = clock.millis();
  }

  private FakeOrder find(OrderRef ref) {
    if (ref.orderId() != null) {
      return state.orders.get(ref.orderId());
    }
    return state.orders.values().stream().filter(o -> ref.clientOrderId().equals(o.clientId)).findFirst()
        .orElse(null);
  }

  @Override
  public synchronized Order cancelOrder(String symbol, OrderRef ref) {
    if (failingCancels > 0) {
      failingCancels--;
      throw new ExchangeException.Unavailable("HTTP 504 on cancel", 504);
    }
    FakeOrder o = find(ref);
    if (o != null && fillOnCancel.remove(o.clientId)) {
      execute(o, o.qty.subtract(o.executed), o.price != null ? o.price : state.prices.get(o.symbol));
      persist();
    }
    if (o == null || !o.status.isOpen()) {
      throw new ExchangeException.UnknownOrder("Unknown order sent.", -2011);
    }
    closeRemainder(o, OrderStatus.CANCELED);
    persist();
    return toOrder(o);
  }

  @Override
  public synchronized Optional<Order> queryOrder(String symbol, OrderRef ref) {
    if (failingQueries > 0) {
      failingQueries--;
      throw new ExchangeException.Unavailable("HTTP 502 on order query", 502);
    }
    FakeOrder o = find(ref);
    if (o != null && o.clientId != null) {
      Integer hidden = hiddenQueries.get(o.clientId);
      if (hidden != null && hidden > 0) {
        hiddenQueries.put(o.clientId, hidden - 1);
        return Optional.empty();
      }
    }
    return Optional.ofNullable(o).map(FakeExchange::toOrder);
  }

  @Override
  public synchronized List<Order> openOrders(String symbol) {
    return state.orders.values().stream().filter(o -> o.status.isOpen())
        .filter(o -> symbol == null || symbol.equals(o.symbol)).map(FakeExchange::toOrder).toList();
  }

  @Override
  public synchronized List<Fill> myTrades(String symbol, long sinceMillis, int limit) {
    if (tradesHidden) {
      return List.of();
    }
    return state.trades.stream().filter(t -> t.symbol.equals(symbol) && t.time >= sinceMillis).limit(limit)
        .map(FakeExchange::toFill).toList();
  }

  @Override
  public long serverTime() {
    return clock.millis();
  }

  private static Order toOrder(FakeOrder o) {
    return new Order(o.symbol, o.orderId, o.clientId, o.side, o.type, o.price, o.qty, o.quoteQty, o.executed,
        o.cumQuote, o.status, o.time, o.updateTime);
  }

  /** Real exchanges do not always echo the client order id on trades: neither does this one. */
  private static Fill toFill(Trade t) {
    return new Fill(t.symbol, t.tradeId, t.orderId, null, t.side, t.price, t.qty, t.quote, t.fee, t.feeAsset, false,
        t.time);
  }

  // --- persistence ----------------------------------------------------------------------------------------

  private void persist() {
    if (stateFile == null) {
      return;
    }
    Path tmp = stateFile.resolveSibling(stateFile.getFileName() + ".tmp");
    try (OutputStream out = Files.newOutputStream(tmp); ObjectOutputStream oos = new ObjectOutputStream(out)) {
      oos.writeObject(state);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    try {
      Files.move(tmp, stateFile, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static State load(Path file) {
    try (InputStream in = Files.newInputStream(file); ObjectInputStream ois = new ObjectInputStream(in)) {
      return (State) ois.readObject();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (ClassNotFoundException e) {
      throw new IllegalStateException(e);
    }
  }

}
