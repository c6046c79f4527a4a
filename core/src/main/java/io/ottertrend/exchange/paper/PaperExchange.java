package io.ottertrend.exchange.paper;

import com.squareup.moshi.JsonAdapter;
import com.squareup.moshi.Moshi;
import io.ottertrend.config.Setting;
import io.ottertrend.config.Settings;
import io.ottertrend.exchange.Exchange;
import io.ottertrend.exchange.ExchangeException;
import io.ottertrend.exchange.ExchangeException.InvalidReason;
import io.ottertrend.exchange.mexc.MexcExchange;
import io.ottertrend.market.MarketSource;
import io.ottertrend.memory.Memory;
import io.ottertrend.memory.MemoryException;
import io.ottertrend.model.Balance;
import io.ottertrend.model.BookLevel;
import io.ottertrend.model.BookTicker;
import io.ottertrend.model.Candle;
import io.ottertrend.model.Decimals;
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
import java.io.IOException;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

/**
 * A simulated MEXC spot account filling against a {@link MarketSource}.
 *
 * <p><b>Behaviour (as MEXC):</b> the read side is the market source's. {@link #placeOrder} runs the MEXC
 * client's own pre-trade checks and rounding ({@link MexcExchange#prepare}: suspended symbol, not API-tradable
 * (10007), side or type refused, market orders disabled, price rounded to the tick conservatively for the side and
 * quantity truncated to the step — below one increment is PRECISION —, value below the minimum after rounding
 * (BELOW_MIN_NOTIONAL, 30002) or above the maximum), then what the exchange itself refuses: duplicate client
 * order id, 500 open orders, a market order on an empty book side or below the minimum at the best price, a
 * crossing LIMIT_MAKER (WOULD_CROSS), balance (10101 / 30004). It answers with an acknowledgement only; callers
 * query the order. Marketable orders walk the current book (slippage):
 * MARKET buys are sized by quote amount (or quantity), sells by quantity; IMMEDIATE_OR_CANCEL keeps what filled;
 * FILL_OR_KILL fills completely or not at all (then CANCELED); a LIMIT remainder rests and fills at its price
 * only when the market trades <i>through</i> it (touching is not enough); LIMIT_MAKER is refused if it would
 * cross. An arriving order is matched against the top {@value #SHALLOW_DEPTH} levels (within one market instant,
 * the very book {@link #orderBook} served at that depth, which is what the agent read), and against
 * {@value #BOOK_DEPTH} levels only when matching reads past them: the same outcome, without building a deep book
 * for the small orders of a small account. Taker fills pay the taker fee, resting fills the maker fee, both in the asset received (base on buys,
 * quote on sells), shown as {@code commissionAsset}. Liquidity our own taker fills took is gone from the book
 * until the market's clock moves on.
 *
 * <p><b>Persistence:</b> wallet, orders and sequence numbers live in the memory's {@code state} table under
 * {@code <namespace>.}, fills in its {@code fills} table (exchange = namespace); every change is committed in one
 * transaction before the call returns. A new exchange on the same database continues where the last stopped;
 * the starting balance is credited only on first start.
 *
 * <p><b>Thread-safety:</b> safe for concurrent use (one lock around the account). <b>Errors:</b> only
 * {@link ExchangeException} subtypes; a failed database write leaves the account as it was and surfaces as
 * {@link ExchangeException.Unavailable}.
 */
public final class PaperExchange implements Exchange {
  /** MEXC's documented cap on open orders per account. */
  static final int MAX_OPEN_ORDERS = 500;
  /** Levels of the book an arriving order may walk (MEXC serves up to 5,000; a small account never needs more). */
  static final int BOOK_DEPTH = 1000;
  /**
   * Levels an arriving order is first matched against: the depth the agent reads books at, so within one market
   * instant the book the agent just read is reused. Only an order that would read past them (walk deeper, or ask
   * for the book's size) is matched again against {@link #BOOK_DEPTH} levels; the top levels of a deeper book are
   * the shallower book, so the outcome is the same.
   */
  static final int SHALLOW_DEPTH = 20;
  private static final JsonAdapter<Object> JSON = new Moshi.Builder().build().adapter(Object.class);

  private final MarketSource market;
  private final Memory memory;
  private final String namespace;
  private final String quoteAsset;
  private final BigDecimal makerFee;
  private final BigDecimal takerFee;
  private final Set<String> marketOrdersDisabled;
  private final BigDecimal startingBalance;
  private final Map<String, BigDecimal> initialBalances;

  private final Object lock = new Object();
  /** Liquidity our own orders took from the market's current book, per symbol, until the market moves on. */
  private final Map<String, Consumed> consumed = new HashMap<>();
  /**
   * Free and locked amount per asset, sorted by asset. Only assets with a non-zero amount are kept (an emptied
   * slot is dropped at the next commit): {@link #balances()} never showed them, and a wallet that kept every
   * asset ever traded made each commit's serialisation grow with the number of pairs.
   */
  private Map<String, BigDecimal[]> wallet = new TreeMap<>();
  /** What {@link #balances()} answers until the wallet next changes; {@code null} when it must be rebuilt. */
  private List<Balance> balancesView;
  private Map<String, PaperOrder> orders = new LinkedHashMap<>();
  /** Ids of the orders that are still open, oldest first: matching and listing never scan closed orders. */
  private Set<String> open = new java.util.LinkedHashSet<>();
  private Map<String, String> byClientId = new HashMap<>();
  private long orderSeq;
  /** State keys of the wallet and the sequence, and the prefix of an order's: built once, not per commit. */
  private final String walletKey;
  private final String seqKey;
  private final String orderKeyPrefix;
  /**
   * Books of {@link #SHALLOW_DEPTH} levels served by {@link #orderBook} at market time {@link #booksAt}, by symbol
   * (guarded by {@link #lock}): an order placed at that same instant matches against the book its sender read.
   */
  private final Map<String, OrderBook> shallowBooks = new HashMap<>();
  private long booksAt = Long.MIN_VALUE;

  private PaperExchange(Builder b) {
    this.market = b.market;
    this.memory = b.memory;
    this.namespace = b.namespace;
    this.quoteAsset = b.quoteAsset;
    this.makerFee = b.makerFee;
    this.takerFee = b.takerFee;
    this.marketOrdersDisabled = Set.copyOf(b.marketOrdersDisabled);
    this.startingBalance = b.startingBalance;
    this.initialBalances = b.initialBalances;
    this.walletKey = namespace + ".wallet";
    this.seqKey = namespace + ".seq";
    this.orderKeyPrefix = namespace + ".order.";
    synchronized (lock) {
      load();
    }
  }

  /** A builder over {@code market} storing its account in {@code memory}. */
  public static Builder builder(MarketSource market, Memory memory) {
    return new Builder(market, memory);
  }

  /** An exchange configured from {@code PAPER_STARTING_BALANCE}, {@code PAPER_MAKER_FEE}, {@code PAPER_TAKER_FEE}, {@code QUOTE_ASSET}. */
  public static PaperExchange fromSettings(Settings settings, MarketSource market, Memory memory) {
    return builder(market, memory)
        .startingBalance(settings.decimal(Setting.PAPER_STARTING_BALANCE))
        .makerFee(settings.decimal(Setting.PAPER_MAKER_FEE))
        .takerFee(settings.decimal(Setting.PAPER_TAKER_FEE))
        .quoteAsset(settings.string(Setting.QUOTE_ASSET))
        .build();
  }

  @Override
  public String id() {
    return "paper";
  }

  /** The market this account fills against. */
  public MarketSource market() {
    return market;
  }

  // --- read side: the market's ---------------------------------------------------------------------------

  @Override
  public List<SymbolRules> symbolRules() {
    List<SymbolRules> out = new ArrayList<>();
    for (SymbolRules r : market.symbolRules()) {
      out.add(withPaperFees(r));
    }
    return out;
  }

  @Override
  public Optional<SymbolRules> symbolRules(String symbol) {
    Optional<SymbolRules> r = market.symbolRules(symbol);
    return r.isEmpty() ? r : Optional.of(withPaperFees(r.get()));
  }

  private SymbolRules withPaperFees(SymbolRules r) {
    return new SymbolRules(r.symbol(), r.baseAsset(), r.quoteAsset(), r.status(), r.tickSize(), r.stepSize(),
        r.minQuantity(), r.minNotional(), r.maxNotional(), r.apiTradable(), marketOrdersDisabled.contains(r.symbol())
            ? without(r.orderTypes(), OrderType.MARKET) : r.orderTypes(), r.sides(), makerFee, takerFee,
        r.listedAtMillis());
  }

  private static Set<OrderType> without(Set<OrderType> types, OrderType t) {
    java.util.EnumSet<OrderType> copy = java.util.EnumSet.noneOf(OrderType.class);
    copy.addAll(types);
    copy.remove(t);
    return copy;
  }

  @Override
  public List<Ticker> tickers() {
    return market.tickers();
  }

  @Override
  public Ticker ticker(String symbol) {
    return market.ticker(symbol);
  }

  @Override
  public io.ottertrend.model.QuoteBoard quotes() {
    return market.quotes();
  }

  @Override
  public BookTicker bookTicker(String symbol) {
    return market.bookTicker(symbol);
  }

  @Override
  public OrderBook orderBook(String symbol, int limit) {
    OrderBook book = market.orderBook(symbol, limit);
    if (limit == SHALLOW_DEPTH) {
      long at = market.now();
      synchronized (lock) {
        if (at != booksAt) {
          shallowBooks.clear();
          booksAt = at;
        }
        shallowBooks.put(symbol, book);
      }
    }
    return book;
  }

  /** The book of {@link #SHALLOW_DEPTH} levels at the market's current instant: the one last served, else read. */
  private OrderBook shallowBook(String symbol) {
    OrderBook book = booksAt == market.now() ? shallowBooks.get(symbol) : null;
    return book != null ? book : market.orderBook(symbol, SHALLOW_DEPTH);
  }

  @Override
  public List<Candle> klines(String symbol, Interval interval, Long startTime, Long endTime, int limit) {
    return market.klines(symbol, interval, startTime, endTime, limit);
  }

  @Override
  public List<PublicTrade> recentTrades(String symbol, int limit) {
    return market.recentTrades(symbol, limit);
  }

  @Override
  public long serverTime() {
    return market.now();
  }

  // --- account -------------------------------------------------------------------------------------------

  @Override
  public List<Balance> balances() {
    synchronized (lock) {
      settle();
      if (balancesView == null) {
        balancesView = nonZeroBalances();
      }
      // callers have always received a list of their own
      return new ArrayList<>(balancesView);
    }
  }

  private List<Balance> nonZeroBalances() {
    List<Balance> out = new ArrayList<>(wallet.size());
    for (Map.Entry<String, BigDecimal[]> e : wallet.entrySet()) {
      BigDecimal[] fl = e.getValue();
      if (!isEmpty(fl)) {
        out.add(new Balance(e.getKey(), Decimals.normalise(fl[0]), Decimals.normalise(fl[1])));
      }
    }
    return out;
  }

  private static boolean isEmpty(BigDecimal[] slot) {
    return slot[0].signum() == 0 && slot[1].signum() == 0;
  }

  @Override
  public OrderAck placeOrder(OrderRequest request) {
    Objects.requireNonNull(request, "request");
    synchronized (lock) {
      settle();
      SymbolRules rules = rulesOf(request.symbol());
      // The same pre-trade checks and rounding as the MEXC client: identical rejections, identical orders.
      OrderRequest r = MexcExchange.prepare(request, rules);
      if (byClientId.containsKey(request.clientOrderId())) {
        throw new ExchangeException.InvalidOrder("duplicate client order id " + request.clientOrderId()
            + "; every order needs a fresh one", 33333, InvalidReason.BAD_PARAMETER);
      }
      if (openCount() >= MAX_OPEN_ORDERS) {
        throw new ExchangeException.InvalidOrder("Cannot exceed the maximum order limit (" + MAX_OPEN_ORDERS
            + " open orders); cancel some first", 30029, InvalidReason.TOO_MANY_ORDERS);
      }
      Execution ex;
      try {
        Depth shallow = afterOurTrades(shallowBook(r.symbol()), SHALLOW_DEPTH);
        validateValueAndFunds(r, rules, shallow);
        ex = execute(r, rules, shallow);
      } catch (DeeperBookNeeded e) {
        Depth deep = afterOurTrades(market.orderBook(r.symbol(), BOOK_DEPTH), Integer.MAX_VALUE);
        validateValueAndFunds(r, rules, deep);
        ex = execute(r, rules, deep);
      }
      long now = market.now();
      String orderId = orderId(orderSeq + 1);
      OrderStatus status = ex.status;
      Order order = new Order(r.symbol(), orderId, r.clientOrderId(), r.side(), r.type(),
          r.type() == OrderType.MARKET ? BigDecimal.ZERO : r.price(),
          r.quantity() == null ? BigDecimal.ZERO : r.quantity(),
          r.quoteQuantity() == null ? BigDecimal.ZERO : r.quoteQuantity(),
          ex.executed, ex.quote, status, now, now);
      List<Fill> fills = new ArrayList<>();
      for (int k = 0; k < ex.prices.size(); k++) {
        fills.add(fill(order, k + 1, ex.prices.get(k), ex.quantities.get(k), false, rules, now));
      }
      PaperOrder po = new PaperOrder(order, fills.size(), now);
      orderSeq++;
      for (Fill f : fills) {
        applyFill(f, rules);
      }
      if (status.isOpen()) {
        lockFor(order, rules, po.remaining());
      }
      put(po);
      byClientId.put(r.clientOrderId(), orderId);
      commit(List.of(po), fills);
      consume(r.symbol(), r.side(), ex, now);
      return new OrderAck(r.symbol(), orderId, r.clientOrderId(), now);
    }
  }

  /** {@code P} and the sequence number zero-padded to 12 digits, as {@code String.format("P%012d", seq)}. */
  static String orderId(long seq) {
    String digits = Long.toString(seq);
    if (seq < 0 || digits.length() >= 12) {
      return "P" + digits;
    }
    StringBuilder sb = new StringBuilder(13).append('P');
    for (int pad = 12 - digits.length(); pad > 0; pad--) {
      sb.append('0');
    }
    return sb.append(digits).toString();
  }

  @Override
  public Order cancelOrder(String symbol, OrderRef ref) {
    synchronized (lock) {
      settle();
      PaperOrder po = find(symbol, ref).orElseThrow(() -> new ExchangeException.UnknownOrder(
          "Unknown order sent: " + ref + " on " + symbol, -2011));
      if (!po.order().status().isOpen()) {
        throw new ExchangeException.UnknownOrder("Unknown order sent: " + ref + " on " + symbol + " is already "
            + po.order().status(), -2011);
      }
      SymbolRules rules = rulesOf(po.order().symbol());
      long now = market.now();
      Order o = po.order();
      OrderStatus status = o.executedQty().signum() == 0 ? OrderStatus.CANCELED : OrderStatus.PARTIALLY_CANCELED;
      PaperOrder done = po.with(o.withProgress(status, o.executedQty(), o.cumulativeQuoteQty(), now),
          po.fillCount(), po.checkedFrom());
      unlockFor(o, rules, po.remaining());
      put(done);
      commit(List.of(done), List.of());
      return done.order();
    }
  }

  @Override
  public Optional<Order> queryOrder(String symbol, OrderRef ref) {
    synchronized (lock) {
      settle();
      Optional<PaperOrder> po = find(symbol, ref);
      return po.isEmpty() ? Optional.empty() : Optional.of(po.get().order());
    }
  }

  @Override
  public List<Order> openOrders(String symbol) {
    synchronized (lock) {
      settle();
      List<Order> out = new ArrayList<>();
      for (String id : open) {
        PaperOrder po = orders.get(id);
        if (symbol == null || symbol.equals(po.order().symbol())) {
          out.add(po.order());
        }
      }
      return out;
    }
  }

  @Override
  public List<Fill> myTrades(String symbol, long sinceMillis, int limit) {
    synchronized (lock) {
      settle();
    }
    List<Fill> all = memory.fills(namespace, symbol, sinceMillis);
    int max = Math.max(1, Math.min(limit <= 0 ? 100 : limit, 1000));
    return all.size() <= max ? all : List.copyOf(all.subList(0, max));
  }

  // --- validation -------------------------------------------------------------------------------------------

  private SymbolRules rulesOf(String symbol) {
    Optional<SymbolRules> r = symbolRules(symbol);
    if (r.isEmpty()) {
      throw new ExchangeException.UnknownSymbol(
          "Invalid symbol: " + symbol + " is not listed; list symbols with symbolRules()", -1121);
    }
    return r.get();
  }

  private void validateValueAndFunds(OrderRequest r, SymbolRules rules, Depth book) {
    List<BookLevel> opposite = r.side() == Side.BUY ? book.asks() : book.bids();
    if (r.type() == OrderType.MARKET && opposite.isEmpty()) {
      throw new ExchangeException.InvalidOrder("no valid trade price: the " + (r.side() == Side.BUY ? "ask" : "bid")
          + " side of " + r.symbol() + " is empty", 30010, InvalidReason.INVALID_PRICE);
    }
    BigDecimal value = r.quoteQuantity() != null ? r.quoteQuantity()
        : r.quantity().multiply(r.price() != null && r.type() != OrderType.MARKET ? r.price()
            : opposite.get(0).price());
    if (value.compareTo(rules.minNotional()) < 0) {
      throw new ExchangeException.InvalidOrder("The minimum transaction volume cannot be less than:"
          + Decimals.plain(rules.minNotional()) + rules.quoteAsset() + " (order value " + Decimals.plain(value)
          + " on " + r.symbol() + ")", 30002, InvalidReason.BELOW_MIN_NOTIONAL);
    }
    if (rules.maxNotional() != null && value.compareTo(rules.maxNotional()) > 0) {
      throw new ExchangeException.InvalidOrder("The maximum transaction volume cannot be greater than:"
          + Decimals.plain(rules.maxNotional()) + rules.quoteAsset() + " (order value " + Decimals.plain(value)
          + ")", 30003, InvalidReason.ABOVE_MAX_NOTIONAL);
    }
    if (r.type() == OrderType.LIMIT_MAKER) {
      BigDecimal best = opposite.isEmpty() ? null : opposite.get(0).price();
      boolean crosses = best != null
          && (r.side() == Side.BUY ? r.price().compareTo(best) >= 0 : r.price().compareTo(best) <= 0);
      if (crosses) {
        throw new ExchangeException.InvalidOrder("LIMIT_MAKER " + r.side() + " at " + Decimals.plain(r.price())
            + " would cross the book (best " + Decimals.plain(best) + ") on " + r.symbol(), 30041,
            InvalidReason.WOULD_CROSS);
      }
    }
    if (r.side() == Side.BUY) {
      BigDecimal need = r.quoteQuantity() != null ? r.quoteQuantity()
          : r.type() == OrderType.MARKET ? costToBuy(opposite, r.quantity()) : r.quantity().multiply(r.price());
      BigDecimal free = free(rules.quoteAsset());
      if (need == null || need.compareTo(free) > 0) {
        throw new ExchangeException.InsufficientFunds("Insufficient balance: " + r.symbol() + " BUY needs "
            + (need == null ? "more than the book holds" : Decimals.plain(need) + " " + rules.quoteAsset())
            + ", free " + Decimals.plain(free), 10101);
      }
    } else {
      BigDecimal free = free(rules.baseAsset());
      if (r.quantity().compareTo(free) > 0) {
        throw new ExchangeException.InsufficientFunds("Insufficient position: " + r.symbol() + " SELL of "
            + Decimals.plain(r.quantity()) + " " + rules.baseAsset() + ", free " + Decimals.plain(free), 30004);
      }
    }
  }

  /** Quote cost of buying {@code qty} by walking the asks, or null when the book is too shallow. */
  private static BigDecimal costToBuy(List<BookLevel> asks, BigDecimal qty) {
    BigDecimal left = qty;
    BigDecimal cost = BigDecimal.ZERO;
    for (BookLevel l : asks) {
      BigDecimal take = left.min(l.quantity());
      cost = cost.add(take.multiply(l.price()));
      left = left.subtract(take);
      if (left.signum() == 0) {
        return cost;
      }
    }
    return null;
  }

  // --- execution --------------------------------------------------------------------------------------------

  /** What an order does on arrival: fills per book level and its resulting status. */
  private static final class Execution {
    final List<BigDecimal> prices = new ArrayList<>();
    final List<BigDecimal> quantities = new ArrayList<>();
    BigDecimal executed = BigDecimal.ZERO;
    BigDecimal quote = BigDecimal.ZERO;
    OrderStatus status;

    void add(BigDecimal price, BigDecimal qty) {
      prices.add(price);
      quantities.add(qty);
      executed = executed.add(qty);
      quote = quote.add(price.multiply(qty));
    }
  }

  private Execution execute(OrderRequest r, SymbolRules rules, Depth book) {
    Execution ex = new Execution();
    List<BookLevel> levels = r.side() == Side.BUY ? book.asks() : book.bids();
    if (r.type() == OrderType.MARKET && r.quoteQuantity() != null) {
      BigDecimal budget = r.quoteQuantity();
      for (BookLevel l : levels) {
        BigDecimal affordable = rules.truncateQuantity(budget.divide(l.price(), rules.quantityDecimals() + 2,
            java.math.RoundingMode.DOWN));
        BigDecimal take = affordable.min(l.quantity());
        if (take.signum() <= 0) {
          break;
        }
        ex.add(l.price(), take);
        budget = budget.subtract(take.multiply(l.price()));
      }
      // MEXC reports a quote-sized market buy FILLED once what is left cannot buy one more step.
      ex.status = ex.executed.signum() == 0 ? OrderStatus.CANCELED
          : budget.compareTo(rules.minNotional()) < 0 || levels.size() > ex.prices.size() ? OrderStatus.FILLED
          : OrderStatus.PARTIALLY_CANCELED;
      return ex;
    }
    BigDecimal want = r.quantity();
    BigDecimal limit = r.type() == OrderType.MARKET ? null : r.price();
    if (r.type() == OrderType.LIMIT_MAKER) {
      ex.status = OrderStatus.NEW;
      return ex;
    }
    if (r.type() == OrderType.FILL_OR_KILL && available(levels, limit, r.side()).compareTo(want) < 0) {
      ex.status = OrderStatus.CANCELED;
      return ex;
    }
    BigDecimal left = want;
    for (BookLevel l : levels) {
      if (left.signum() == 0 || (limit != null && !better(l.price(), limit, r.side()))) {
        break;
      }
      BigDecimal take = left.min(l.quantity());
      ex.add(l.price(), take);
      left = left.subtract(take);
    }
    if (left.signum() == 0) {
      ex.status = OrderStatus.FILLED;
    } else if (r.type() == OrderType.LIMIT) {
      ex.status = ex.executed.signum() == 0 ? OrderStatus.NEW : OrderStatus.PARTIALLY_FILLED;
    } else {
      ex.status = ex.executed.signum() == 0 ? OrderStatus.CANCELED : OrderStatus.PARTIALLY_CANCELED;
    }
    return ex;
  }

  /** Quantities taken per price level at one market instant. */
  private record Consumed(long at, Map<BigDecimal, BigDecimal> bids, Map<BigDecimal, BigDecimal> asks) {}

  /**
   * The levels an arriving order matches against, each side as read from a book fetched at depth {@code limit}.
   * A side that came back full may go on in the market: reading past its last level, or its size, throws
   * {@link DeeperBookNeeded}, and the order is matched again against a deeper book.
   */
  private record Depth(List<BookLevel> bids, List<BookLevel> asks) {}

  /** Thrown (without a stack) when matching reads past the levels of a book fetched at a limited depth. */
  private static final class DeeperBookNeeded extends RuntimeException {
    private static final long serialVersionUID = 1L;
    static final DeeperBookNeeded INSTANCE = new DeeperBookNeeded();

    private DeeperBookNeeded() {
      super("the order reads deeper than the shallow book", null, false, false);
    }
  }

  /**
   * One side of a book fetched at a limited depth. When the side came back full ({@code more}), the market may hold
   * further levels: any read that depends on them — an index past the end, the size, iterating past the last
   * level, emptiness of an emptied side — throws {@link DeeperBookNeeded} rather than answer for a shorter book.
   */
  private static final class BookSide extends java.util.AbstractList<BookLevel> {
    private final List<BookLevel> levels;
    private final boolean more;

    BookSide(List<BookLevel> levels, boolean more) {
      this.levels = levels;
      this.more = more;
    }

    @Override
    public BookLevel get(int i) {
      if (i >= levels.size() && more) {
        throw DeeperBookNeeded.INSTANCE;
      }
      return levels.get(i);
    }

    @Override
    public int size() {
      if (more) {
        throw DeeperBookNeeded.INSTANCE;
      }
      return levels.size();
    }

    @Override
    public boolean isEmpty() {
      if (levels.isEmpty() && more) {
        throw DeeperBookNeeded.INSTANCE;
      }
      return levels.isEmpty();
    }

    @Override
    public java.util.Iterator<BookLevel> iterator() {
      return new java.util.Iterator<>() {
        private int next;

        @Override
        public boolean hasNext() {
          if (next < levels.size()) {
            return true;
          }
          if (more) {
            throw DeeperBookNeeded.INSTANCE;
          }
          return false;
        }

        @Override
        public BookLevel next() {
          if (next >= levels.size()) {
            throw new java.util.NoSuchElementException();
          }
          return levels.get(next++);
        }
      };
    }
  }

  /**
   * The book fetched at depth {@code limit}, minus what our own orders already took from it at this instant: a
   * second order in the same moment cannot take the same liquidity again. A new market instant brings a fresh
   * book. A side with {@code limit} levels may go on in the market (see {@link BookSide}).
   */
  private Depth afterOurTrades(OrderBook book, int limit) {
    Consumed c = consumed.get(book.symbol());
    boolean fresh = c == null || c.at() != market.now();
    List<BookLevel> bids = fresh ? book.bids() : reduce(book.bids(), c.bids());
    List<BookLevel> asks = fresh ? book.asks() : reduce(book.asks(), c.asks());
    return new Depth(new BookSide(bids, book.bids().size() >= limit), new BookSide(asks, book.asks().size() >= limit));
  }

  private static List<BookLevel> reduce(List<BookLevel> levels, Map<BigDecimal, BigDecimal> taken) {
    if (taken.isEmpty()) {
      return levels;
    }
    List<BookLevel> out = new ArrayList<>(levels.size());
    for (BookLevel l : levels) {
      BigDecimal left = l.quantity().subtract(taken.getOrDefault(l.price(), BigDecimal.ZERO));
      if (left.signum() > 0) {
        out.add(new BookLevel(l.price(), left));
      }
    }
    return out;
  }

  private void consume(String symbol, Side side, Execution ex, long now) {
    if (ex.prices.isEmpty()) {
      return;
    }
    Consumed c = consumed.get(symbol);
    if (c == null || c.at() != now) {
      c = new Consumed(now, new TreeMap<>(), new TreeMap<>());
      consumed.put(symbol, c);
    }
    Map<BigDecimal, BigDecimal> side2 = side == Side.BUY ? c.asks() : c.bids();
    for (int k = 0; k < ex.prices.size(); k++) {
      side2.merge(ex.prices.get(k), ex.quantities.get(k), BigDecimal::add);
    }
  }

  /** True when a book level at {@code price} is at or better than the limit for the taker's side. */
  private static boolean better(BigDecimal price, BigDecimal limit, Side side) {
    return side == Side.BUY ? price.compareTo(limit) <= 0 : price.compareTo(limit) >= 0;
  }

  private static BigDecimal available(List<BookLevel> levels, BigDecimal limit, Side side) {
    BigDecimal sum = BigDecimal.ZERO;
    for (BookLevel l : levels) {
      if (!better(l.price(), limit, side)) {
        break;
      }
      sum = sum.add(l.quantity());
    }
    return sum;
  }

  private Fill fill(Order o, int n, BigDecimal price, BigDecimal qty, boolean maker, SymbolRules rules, long at) {
    BigDecimal fee = maker ? makerFee : takerFee;
    BigDecimal quote = price.multiply(qty);
    BigDecimal commission;
    String asset;
    if (o.side() == Side.BUY) {
      commission = qty.multiply(fee);
      asset = rules.baseAsset();
    } else {
      commission = quote.multiply(fee);
      asset = rules.quoteAsset();
    }
    return new Fill(o.symbol(), new StringBuilder(16).append(o.orderId()).append('-').append(n).toString(), o.orderId(), o.clientOrderId(), o.side(), price, qty,
        quote, Decimals.parseOrNull(Decimals.plain(commission)), asset, maker, at);
  }

  /** Moves the money of one fill. Resting fills come out of the locked amount, taker fills out of free. */
  private void applyFill(Fill f, SymbolRules rules) {
    if (f.side() == Side.BUY) {
      BigDecimal[] q = slot(rules.quoteAsset());
      if (f.maker()) {
        q[1] = q[1].subtract(f.quoteQuantity());
      } else {
        q[0] = q[0].subtract(f.quoteQuantity());
      }
      BigDecimal[] b = slot(rules.baseAsset());
      b[0] = b[0].add(f.quantity()).subtract(f.commission());
    } else {
      BigDecimal[] b = slot(rules.baseAsset());
      if (f.maker()) {
        b[1] = b[1].subtract(f.quantity());
      } else {
        b[0] = b[0].subtract(f.quantity());
      }
      BigDecimal[] q = slot(rules.quoteAsset());
      q[0] = q[0].add(f.quoteQuantity()).subtract(f.commission());
    }
  }

  private void lockFor(Order o, SymbolRules rules, BigDecimal remaining) {
    BigDecimal[] s = slot(o.side() == Side.BUY ? rules.quoteAsset() : rules.baseAsset());
    BigDecimal amount = o.side() == Side.BUY ? remaining.multiply(o.price()) : remaining;
    s[0] = s[0].subtract(amount);
    s[1] = s[1].add(amount);
  }

  private void unlockFor(Order o, SymbolRules rules, BigDecimal remaining) {
    BigDecimal[] s = slot(o.side() == Side.BUY ? rules.quoteAsset() : rules.baseAsset());
    BigDecimal amount = o.side() == Side.BUY ? remaining.multiply(o.price()) : remaining;
    s[0] = s[0].add(amount);
    s[1] = s[1].subtract(amount);
  }

  private BigDecimal[] slot(String asset) {
    BigDecimal[] slot = wallet.get(asset);
    if (slot == null) {
      slot = new BigDecimal[] {BigDecimal.ZERO, BigDecimal.ZERO};
      wallet.put(asset, slot);
    }
    return slot;
  }

  private BigDecimal free(String asset) {
    BigDecimal[] s = wallet.get(asset);
    return s == null ? BigDecimal.ZERO : s[0];
  }

  private int openCount() {
    return open.size();
  }

  /** Stores an order's new state and keeps the open index in step. */
  private void put(PaperOrder po) {
    orders.put(po.id(), po);
    if (po.order().status().isOpen()) {
      open.add(po.id());
    } else {
      open.remove(po.id());
    }
  }

  private Optional<PaperOrder> find(String symbol, OrderRef ref) {
    String id = ref.orderId() != null ? ref.orderId() : byClientId.get(ref.clientOrderId());
    PaperOrder po = id == null ? null : orders.get(id);
    if (po == null || (symbol != null && !symbol.equals(po.order().symbol()))) {
      return Optional.empty();
    }
    return Optional.of(po);
  }

  /**
   * Fills resting orders the market traded through since they were last checked. A BUY fills when the low went
   * strictly below its price, a SELL when the high went strictly above: touching is not enough.
   */
  private void settle() {
    if (open.isEmpty()) {
      return; // nothing rests: most calls of a backtest cycle
    }
    long now = market.now();
    List<PaperOrder> changed = new ArrayList<>();
    List<PaperOrder> checked = new ArrayList<>();
    List<Fill> fills = new ArrayList<>();
    for (String id : open) {
      PaperOrder po = orders.get(id);
      Order o = po.order();
      if (now <= po.checkedFrom()) {
        continue;
      }
      Optional<MarketSource.PriceRange> range = market.tradedRange(o.symbol(), po.checkedFrom(), now);
      if (range.isEmpty()) {
        continue;
      }
      MarketSource.PriceRange pr = range.get();
      double p = o.price().doubleValue();
      boolean through = o.side() == Side.BUY ? pr.low() < p : pr.high() > p;
      if (!through) {
        // Not persisted: re-checking the same bars after a restart gives the same answer.
        checked.add(po.with(o, po.fillCount(), pr.coveredUntil()));
        continue;
      }
      SymbolRules rules = rulesOf(o.symbol());
      long at = Math.min(pr.coveredUntil(), now);
      Fill f = fill(o, po.fillCount() + 1, o.price(), po.remaining(), true, rules, at);
      Order done = o.withProgress(OrderStatus.FILLED, o.origQty(), o.cumulativeQuoteQty().add(f.quoteQuantity()), at);
      changed.add(po.with(done, po.fillCount() + 1, pr.coveredUntil()));
      fills.add(f);
    }
    for (PaperOrder po : checked) {
      put(po);
    }
    if (changed.isEmpty()) {
      return;
    }
    for (int k = 0; k < changed.size(); k++) {
      PaperOrder po = changed.get(k);
      applyFill(fills.get(k), rulesOf(po.order().symbol()));
      put(po);
    }
    commit(changed, fills);
  }

  // --- persistence ---------------------------------------------------------------------------------------

  private void load() {
    Optional<String> w = memory.state(walletKey);
    wallet = new TreeMap<>();
    orders = new LinkedHashMap<>();
    open = new java.util.LinkedHashSet<>();
    byClientId = new HashMap<>();
    orderSeq = 0;
    balancesView = null;
    if (w.isEmpty()) {
      if (initialBalances != null) {
        initialBalances.forEach((asset, amount) -> slot(asset)[0] = amount);
      } else {
        slot(quoteAsset)[0] = startingBalance;
      }
      dropEmptySlots();
      memory.inTransaction(() -> {
        memory.putState(walletKey, walletJson(), market.now());
        memory.putState(seqKey, "0", market.now());
        return null;
      });
      return;
    }
    Map<?, ?> m = (Map<?, ?>) parse(w.get());
    for (Map.Entry<?, ?> e : m.entrySet()) {
      Map<?, ?> fl = (Map<?, ?>) e.getValue();
      wallet.put(e.getKey().toString(), new BigDecimal[] {new BigDecimal(fl.get("free").toString()),
          new BigDecimal(fl.get("locked").toString())});
    }
    dropEmptySlots(); // a store written before empty slots were dropped still holds them
    orderSeq = Long.parseLong(memory.state(seqKey).orElse("0"));
    for (String json : memory.states(orderKeyPrefix).values()) {
      PaperOrder po = PaperOrder.fromJson((Map<?, ?>) parse(json));
      put(po);
      if (po.order().clientOrderId() != null) {
        byClientId.put(po.order().clientOrderId(), po.id());
      }
    }
  }

  /**
   * Persists a change just applied in memory (wallet, sequence, the given orders and fills) in one transaction.
   * When the database refuses, the account is reloaded from it: nothing is acknowledged that was not stored.
   */
  private void commit(List<PaperOrder> changedOrders, List<Fill> fills) {
    dropEmptySlots();
    balancesView = null;
    long now = market.now();
    try {
      // a class, not a lambda: in the C1-compiled code a backtest's per-cycle path mostly runs, a capturing lambda
      // costs a call into the VM
      memory.inTransaction(new java.util.function.Supplier<Void>() {
        @Override
        public Void get() {
          memory.putState(walletKey, walletJson(), now);
          memory.putState(seqKey, Long.toString(orderSeq), now);
          for (PaperOrder po : changedOrders) {
            PaperOrder current = orders.get(po.id());
            memory.putState(orderKeyPrefix.concat(po.id()), current.json(), now);
          }
          for (Fill f : fills) {
            memory.recordFill(namespace, null, f);
          }
          return null;
        }
      });
    } catch (MemoryException e) {
      try {
        load();
      } catch (MemoryException reload) {
        e.addSuppressed(reload);
      }
      throw new ExchangeException.Unavailable("paper account could not be saved, nothing changed: "
          + e.getMessage(), 0, e);
    }
  }

  /** Removes the assets whose free and locked amounts are both zero (the wallet is small: a few held assets). */
  private void dropEmptySlots() {
    for (java.util.Iterator<BigDecimal[]> i = wallet.values().iterator(); i.hasNext(); ) {
      if (isEmpty(i.next())) {
        i.remove();
      }
    }
  }

  /** The stored wallet: {@code {"<asset>":{"free":"…","locked":"…"},…}} by asset, amounts as plain strings. */
  private String walletJson() {
    JsonText out = new JsonText(16 + 64 * wallet.size()).open();
    for (Map.Entry<String, BigDecimal[]> e : wallet.entrySet()) {
      out.name(e.getKey()).open()
          .member("free", e.getValue()[0].toPlainString())
          .member("locked", e.getValue()[1].toPlainString())
          .close();
    }
    return out.close().toString();
  }

  private static Object parse(String json) {
    try {
      return JSON.fromJson(json);
    } catch (IOException e) {
      throw new ExchangeException.Unavailable("stored paper account is not valid JSON: " + e.getMessage(), 0, e);
    }
  }

  /** Builder of {@link PaperExchange}. Not thread-safe. */
  public static final class Builder {
    private final MarketSource market;
    private final Memory memory;
    private String namespace = "paper-venue";
    private String quoteAsset = "USDT";
    private BigDecimal startingBalance = new BigDecimal("1000");
    private BigDecimal makerFee = BigDecimal.ZERO;
    private BigDecimal takerFee = new BigDecimal("0.0005");
    private Set<String> marketOrdersDisabled = Set.of();
    private Map<String, BigDecimal> initialBalances;

    private Builder(MarketSource market, Memory memory) {
      this.market = Objects.requireNonNull(market, "market");
      this.memory = Objects.requireNonNull(memory, "memory");
    }

    /** Prefix of the state keys and the {@code exchange} of recorded fills (default {@code paper-venue}: the simulated venue keeps its own ledger, apart from the agent's journal under the account {@code paper}). */
    public Builder namespace(String v) {
      if (v == null || !v.matches("[a-z0-9_-]{1,32}")) {
        throw new IllegalArgumentException("namespace must be 1-32 of [a-z0-9_-]: " + v);
      }
      this.namespace = v;
      return this;
    }

    public Builder quoteAsset(String v) {
      this.quoteAsset = Objects.requireNonNull(v, "quoteAsset");
      return this;
    }

    /** Quote balance credited on first start only (default 1,000). */
    public Builder startingBalance(BigDecimal v) {
      if (v == null || v.signum() < 0) {
        throw new IllegalArgumentException("starting balance must be >= 0: " + v);
      }
      this.startingBalance = v;
      return this;
    }

    public Builder makerFee(BigDecimal v) {
      this.makerFee = fee(v);
      return this;
    }

    public Builder takerFee(BigDecimal v) {
      this.takerFee = fee(v);
      return this;
    }

    /**
     * Free balances of several assets credited on first start only, instead of {@link #startingBalance} (e.g. a
     * wallet that already holds some base asset).
     */
    public Builder initialBalances(Map<String, BigDecimal> balances) {
      for (BigDecimal v : balances.values()) {
        if (v == null || v.signum() < 0) {
          throw new IllegalArgumentException("initial balances must be >= 0: " + balances);
        }
      }
      this.initialBalances = new TreeMap<>(balances);
      return this;
    }

    /** Symbols on which MARKET orders are refused with {@link ExchangeException.MarketOrdersDisabled}. */
    public Builder marketOrdersDisabled(Set<String> symbols) {
      this.marketOrdersDisabled = Set.copyOf(symbols);
      return this;
    }

    private static BigDecimal fee(BigDecimal v) {
      if (v == null || v.signum() < 0 || v.compareTo(new BigDecimal("0.1")) > 0) {
        throw new IllegalArgumentException("fee must be a fraction in [0, 0.1]: " + v);
      }
      return v;
    }

    public PaperExchange build() {
      return new PaperExchange(this);
    }
  }
}
