package io.ottertrend.agent;

import io.ottertrend.config.Setting;
import io.ottertrend.config.Settings;
import io.ottertrend.exchange.Exchange;
import io.ottertrend.exchange.ExchangeException;
import io.ottertrend.memory.JournaledOrder;
import io.ottertrend.memory.Memory;
import io.ottertrend.memory.MemoryException;
import io.ottertrend.memory.OrderState;
import io.ottertrend.memory.PositionRecord;
import io.ottertrend.model.Balance;
import io.ottertrend.model.BookTicker;
import io.ottertrend.model.Fill;
import io.ottertrend.model.Order;
import io.ottertrend.model.OrderAck;
import io.ottertrend.model.OrderRef;
import io.ottertrend.model.OrderRequest;
import io.ottertrend.model.OrderStatus;
import io.ottertrend.model.Side;
import io.ottertrend.model.SymbolRules;
import io.ottertrend.time.Clock;
import java.math.BigDecimal;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Predicate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The only component that sends orders to an {@link Exchange}. It implements DESIGN invariants 2 and 3:
 *
 * <ol>
 *   <li>{@link #submit} journals the intent as {@code NEW} with its client order id, then marks it {@code SENT},
 *       and only then calls {@link Exchange#placeOrder}. If either journal write fails nothing is sent and an
 *       {@link OrderManagerException} of kind {@code JOURNAL_FAILED} is raised.
 *   <li>An acknowledged order becomes {@code OPEN} and is queried at once. A timeout, a 5xx, a refused
 *       connection or any unexpected error makes it {@code UNKNOWN}: it is resolved by querying its client
 *       order id, <em>never re-sent</em>. An order the exchange does not know is closed as {@code NOT_SENT}
 *       only after {@link Builder#notFoundMisses(int) several misses} spread over a {@link
 *       Builder#notFoundGrace(Duration) grace period} on the {@link Clock} (an exchange may not show a
 *       just-placed order yet), except an intent still in {@code NEW}, which provably never left the process.
 *   <li>Definitive refusals (invalid order, insufficient funds, symbol not tradable, market orders disabled,
 *       unknown symbol, other business rejections, auth failure, HTTP 429 and 418, and a clock-skew rejection
 *       that reaches this class after the client's own resync) become {@code REJECTED} with the reason.
 * </ol>
 *
 * <p>{@link #sync()} runs every cycle: it queries every non-final journal entry, records each fill once and
 * applies it to the position in the same transaction (positions are sums of fills; fees in base, quote or a
 * third asset are handled), and never re-orders the remainder of a partly filled order.
 *
 * <p>Client order ids are {@code <prefix>-<counter>} (at most 30 characters of {@code [A-Za-z0-9-]}). The
 * prefix is chosen once per database (random unless set) and the counter is persisted in {@link
 * Memory#state}, so a restart never reuses an id and two databases never collide on one exchange account.
 *
 * <p><b>Thread-safety:</b> safe for concurrent use; public methods are serialised on this instance (including
 * their exchange calls), which matches the single-threaded agent loop. <b>Errors:</b> {@link
 * OrderManagerException} for journal and lookup failures; exchange errors during {@link #sync()} are reported in
 * its result rather than thrown.
 */
public final class OrderManager {
  private static final Logger LOG = LoggerFactory.getLogger(OrderManager.class);
  static final Set<OrderState> NON_FINAL = EnumSet.of(OrderState.NEW, OrderState.SENT, OrderState.UNKNOWN,
      OrderState.OPEN);
  static final Set<OrderState> UNRESOLVED = EnumSet.of(OrderState.NEW, OrderState.SENT, OrderState.UNKNOWN);
  private static final String PREFIX_KEY = "orders.clientId.prefix";
  private static final String COUNTER_KEY = "orders.clientId.counter.";
  private static final String MISS_KEY = "orders.notFound.";
  static final int TRADE_PAGE = 100;
  private static final int MAX_TRADE_PAGES = 100;

  private final Exchange exchange;
  private final String account;
  private final Memory memory;
  private final Clock clock;
  private final Long runId;
  private final String idPrefix;
  private final int notFoundMisses;
  private final Duration notFoundGrace;
  private final Duration fillSlack;
  private final PositionBook book;
  private final Map<String, SymbolRules> rules = new ConcurrentHashMap<>();
  /** {@code COUNTER_KEY + idPrefix} and {@code idPrefix + "-"}, built once. */
  private final String counterKey;
  private final String idStem;
  /**
   * The counter text this manager last stored: the value its next compare-and-set expects, so allocating an id
   * reads nothing first; null until the first id. When another writer moved the counter (or a rollback took it
   * back) the compare-and-set fails and the stored value is read, as before.
   */
  private String storedCounter;

  private OrderManager(Builder b) {
    this.exchange = b.exchange;
    this.memory = b.memory;
    this.clock = b.clock;
    this.runId = b.runId;
    this.notFoundMisses = b.notFoundMisses;
    this.notFoundGrace = b.notFoundGrace;
    this.fillSlack = b.fillSlack;
    this.account = b.account != null ? b.account : exchange.id();
    this.book = new PositionBook(memory, account, runId);
    this.idPrefix = b.idPrefix != null ? b.idPrefix : persistedPrefix();
    this.counterKey = COUNTER_KEY + idPrefix;
    this.idStem = idPrefix + "-";
  }

  /** A builder; {@code exchange}, {@code memory} and {@code clock} are required. */
  public static Builder builder(Exchange exchange, Memory memory, Clock clock) {
    return new Builder(exchange, memory, clock);
  }

  private String persistedPrefix() {
    try {
      Optional<String> stored = memory.state(PREFIX_KEY);
      if (stored.isPresent()) {
        return stored.get();
      }
      String alphabet = "abcdefghijklmnopqrstuvwxyz0123456789";
      SecureRandom random = new SecureRandom();
      StringBuilder sb = new StringBuilder("ot");
      for (int i = 0; i < 6; i++) {
        sb.append(alphabet.charAt(random.nextInt(alphabet.length())));
      }
      memory.compareAndSetState(PREFIX_KEY, null, sb.toString(), clock.millis());
      return memory.state(PREFIX_KEY).orElseThrow();
    } catch (MemoryException e) {
      throw new OrderManagerException(OrderManagerException.Kind.JOURNAL_FAILED,
          "cannot store the client order id prefix: " + e.getMessage(), e);
    }
  }

  /** The exchange this manager sends to. */
  public Exchange exchange() {
    return exchange;
  }

  /**
   * The key under which the journal, fills, positions and trades of this manager are stored in the memory
   * (their {@code exchange} column).
   */
  public String account() {
    return account;
  }

  /** The memory holding the journal, fills and positions. */
  public Memory memory() {
    return memory;
  }

  /** The prefix of every client order id this manager allocates. */
  public String clientIdPrefix() {
    return idPrefix;
  }

  // --- client order ids -----------------------------------------------------------------------------------

  /**
   * Allocates the next client order id. The counter is committed before the id is returned, so an id is never
   * handed out twice, even across restarts (a crash may skip a number; that is harmless).
   *
   * @throws OrderManagerException JOURNAL_FAILED when the counter cannot be persisted
   */
  public synchronized String newClientOrderId() {
    String key = counterKey;
    try {
      String current = storedCounter != null ? storedCounter : memory.state(key).orElse(null);
      for (int attempt = 0; attempt < 100; attempt++) {
        long next = current == null ? 1 : Long.parseLong(current) + 1;
        String text = Long.toString(next);
        if (memory.compareAndSetState(key, current, text, clock.millis())) {
          storedCounter = text;
          return idStem.concat(Long.toString(next, 36));
        }
        current = memory.state(key).orElse(null);
      }
    } catch (MemoryException e) {
      throw new OrderManagerException(OrderManagerException.Kind.JOURNAL_FAILED,
          "cannot persist the client order id counter, nothing sent: " + e.getMessage(), e);
    }
    throw new OrderManagerException(OrderManagerException.Kind.JOURNAL_FAILED,
        "client order id counter is contended by another process sharing " + memory.location(), null);
  }

  // --- placing --------------------------------------------------------------------------------------------

  /**
   * Journals and sends one order, then learns its status. The request must carry a client order id that is
   * not yet in the journal; use {@link #newClientOrderId()}.
   *
   * @param request sized and rounded by the risk engine
   * @param purpose why the order exists
   * @param decisionId decision that caused it, or {@code null}
   * @return the journal entry after the attempt (OPEN, FILLED, UNKNOWN, REJECTED, ...)
   * @throws OrderManagerException JOURNAL_FAILED or DUPLICATE_CLIENT_ID; then nothing was sent
   * @throws IllegalArgumentException for the purpose {@code EXTERNAL}, which only adopted orders carry
   */
  public synchronized JournaledOrder submit(OrderRequest request, OrderPurpose purpose, Long decisionId) {
    Objects.requireNonNull(request, "request");
    Objects.requireNonNull(purpose, "purpose");
    if (purpose == OrderPurpose.EXTERNAL) {
      throw new IllegalArgumentException("EXTERNAL marks adopted orders; an order OtterTrend sends has a purpose");
    }
    String cid = request.clientOrderId();
    long now = clock.millis();
    JournaledOrder intent = new JournaledOrder(cid, runId, account, request.symbol(), request.side(),
        request.type(), request.quantity(), request.quoteQuantity(), request.price(), OrderState.NEW, null, null,
        null, purpose.name(), null, decisionId, now, now, false);
    try {
      memory.journal(intent);
    } catch (MemoryException e) {
      if (e.kind() == MemoryException.Kind.CONFLICT) {
        throw new OrderManagerException(OrderManagerException.Kind.DUPLICATE_CLIENT_ID,
            "client order id " + cid + " is already journalled; nothing sent (an intent is never sent twice)", e);
      }
      throw new OrderManagerException(OrderManagerException.Kind.JOURNAL_FAILED,
          "cannot journal order intent " + cid + ", nothing sent; halt trading until the database is writable: "
              + e.getMessage(), e);
    }
    try {
      memory.updateOrder(cid, OrderState.SENT, null, null, null, null, clock.millis());
    } catch (MemoryException e) {
      // still NEW: the reconciler will close it as NOT_SENT, which is the truth
      throw new OrderManagerException(OrderManagerException.Kind.JOURNAL_FAILED,
          "cannot mark order intent " + cid + " as sent, nothing sent; halt trading until the database is "
              + "writable: " + e.getMessage(), e);
    }
    Progress progress = new Progress();
    OrderAck ack;
    try {
      ack = exchange.placeOrder(request);
    } catch (ExchangeException e) {
      if (isDefinitiveRejection(e)) {
        reject(cid, request, e);
        return order(cid);
      }
      markUnknown(cid, e);
      resolveQuietly(cid, progress);
      return order(cid);
    } catch (RuntimeException e) {
      // an implementation bug or a transport failure outside the contract: the order may exist
      markUnknown(cid, e);
      resolveQuietly(cid, progress);
      return order(cid);
    }
    journalUpdate(cid, OrderState.OPEN, ack.orderId(), null, null, null);
    resolveQuietly(cid, progress);
    return order(cid);
  }

  /**
   * {@link Memory#updateOrder} of {@code cid} at the clock's time, a failure raised as JOURNAL_FAILED. A method
   * rather than a lambda per write: an order's journal is updated at every sync, and in the C1-compiled code a
   * backtest's per-cycle path mostly runs a capturing lambda costs a call into the VM.
   */
  private void journalUpdate(String cid, OrderState state, String exchangeOrderId, BigDecimal executedQty,
      BigDecimal cumulativeQuote, String reason) {
    try {
      memory.updateOrder(cid, state, exchangeOrderId, executedQty, cumulativeQuote, reason, clock.millis());
    } catch (MemoryException e) {
      throw new OrderManagerException(OrderManagerException.Kind.JOURNAL_FAILED,
          "the state of order " + cid + " cannot be journalled; halt trading, the start-up reconciliation "
              + "will resolve it by client order id: " + e.getMessage(), e);
    }
  }

  /**
   * True for errors that prove the exchange did not execute the order. A 429 or 418 is refused before the
   * matching engine; a clock-skew rejection proves the same (the exchange client already resynced and
   * re-signed once).
   */
  static boolean isDefinitiveRejection(ExchangeException e) {
    return switch (e) {
      case ExchangeException.OutcomeUnknown x -> false;
      case ExchangeException.Unavailable x -> false;
      case ExchangeException.UnknownOrder x -> false;
      case ExchangeException.InvalidOrder x -> true;
      case ExchangeException.InsufficientFunds x -> true;
      case ExchangeException.SymbolNotApiTradable x -> true;
      case ExchangeException.MarketOrdersDisabled x -> true;
      case ExchangeException.UnknownSymbol x -> true;
      case ExchangeException.Rejected x -> true;
      case ExchangeException.AuthFailed x -> true;
      case ExchangeException.RateLimited x -> true;
      case ExchangeException.IpBanned x -> true;
      case ExchangeException.ClockSkew x -> true;
    };
  }

  private void reject(String cid, OrderRequest request, ExchangeException e) {
    String reason = "rejected: " + e.getClass().getSimpleName()
        + (e instanceof ExchangeException.InvalidOrder io ? " " + io.reason() : "")
        + (e.code() != 0 ? " (" + e.code() + ")" : "") + ": " + e.getMessage();
    journalUpdate(cid, OrderState.REJECTED, null, null, null, reason);
    LOG.warn("order {} {} {}: {}", cid, request.side(), request.symbol(), reason);
    if (request.side() == Side.SELL && e instanceof ExchangeException.InvalidOrder io
        && (io.reason() == ExchangeException.InvalidReason.BELOW_MIN_NOTIONAL
            || io.reason() == ExchangeException.InvalidReason.INVALID_QUANTITY)) {
      // the exchange says this position cannot be sold: flag it so the loop does not retry every cycle
      flagDust(request.symbol(), true);
    }
  }

  private void markUnknown(String cid, RuntimeException e) {
    String reason = "outcome unknown (" + e.getClass().getSimpleName() + ": " + e.getMessage()
        + "); resolving by client order id, never re-sent";
    journalUpdate(cid, OrderState.UNKNOWN, null, null, null, reason);
    LOG.warn("order {}: {}", cid, reason);
  }

  private void resolveQuietly(String cid, Progress progress) {
    try {
      refresh(order(cid), progress);
    } catch (RuntimeException e) {
      rethrowStorageFailure(e);
      // the order is journalled; sync() retries the query next cycle
      progress.problems.add(cid + ": " + e.getMessage());
    }
  }

  // --- syncing --------------------------------------------------------------------------------------------

  /**
   * Queries every non-final journal entry of this exchange, updates its state and fill progress, and records
   * and applies new fills. Never places an order.
   */
  public synchronized SyncResult sync() {
    Progress progress = new Progress();
    int checked = 0;
    for (JournaledOrder o : pending(NON_FINAL)) {
      checked++;
      try {
        refresh(o, progress);
      } catch (RuntimeException e) {
        rethrowStorageFailure(e);
        // one order's exchange trouble (or a client bug) must not stop the others from being checked
        progress.problems.add(o.clientOrderId() + " (" + o.symbol() + "): " + e.getMessage());
      }
    }
    return new SyncResult(checked, progress.transitions, progress.fills, progress.problems);
  }

  /** A broken database is never reduced to a "problem" line: the caller must halt. */
  static void rethrowStorageFailure(RuntimeException e) {
    if (e instanceof MemoryException m) {
      throw new OrderManagerException(OrderManagerException.Kind.JOURNAL_FAILED,
          "the order journal cannot be read or written; halt trading: " + m.getMessage(), m);
    }
    if (e instanceof OrderManagerException o && o.kind() == OrderManagerException.Kind.JOURNAL_FAILED) {
      throw o;
    }
  }

  /** Non-final journal entries of this exchange in {@code states}, oldest first. */
  List<JournaledOrder> pending(Set<OrderState> states) {
    List<JournaledOrder> all = memory.orders(states);
    if (all.isEmpty()) {
      return List.of();
    }
    // a loop, not a stream: this runs twice a cycle, mostly over one resting order or none
    List<JournaledOrder> out = new ArrayList<>(all.size());
    for (JournaledOrder o : all) {
      if (o.exchange().equals(account)) {
        out.add(o);
      }
    }
    return java.util.Collections.unmodifiableList(out);
  }

  /** Queries one journal entry and applies what the exchange says. */
  void refresh(JournaledOrder o, Progress progress) {
    OrderRef ref = o.exchangeOrderId() != null ? OrderRef.exchangeId(o.exchangeOrderId())
        : OrderRef.clientId(o.clientOrderId());
    Optional<Order> found;
    try {
      found = exchange.queryOrder(o.symbol(), ref);
    } catch (ExchangeException.UnknownOrder e) {
      found = Optional.empty();
    } catch (ExchangeException e) {
      progress.problems.add(o.clientOrderId() + ": query failed (" + e.getClass().getSimpleName() + "): "
          + e.getMessage());
      return;
    }
    if (found.isEmpty()) {
      notFound(o, progress);
      return;
    }
    String missKey = MISS_KEY.concat(o.clientOrderId());
    if (memory.state(missKey).isPresent()) {
      memory.deleteState(missKey);
    }
    apply(o, found.get(), progress);
  }

  private void notFound(JournaledOrder o, Progress progress) {
    long now = clock.millis();
    if (o.state() == OrderState.NEW) {
      // NEW is only ever seen outside submit() after a crash between the journal write and the SENT mark: the
      // request never left this process
      transition(o, OrderState.NOT_SENT, "never sent (journalled NEW, not found at the exchange)", progress);
      return;
    }
    String key = MISS_KEY + o.clientOrderId();
    String[] previous = memory.state(key).map(v -> v.split(":")).orElse(null);
    int misses = previous == null ? 1 : Integer.parseInt(previous[0]) + 1;
    long firstMiss = previous == null ? now : Long.parseLong(previous[1]);
    boolean existed = o.state() == OrderState.OPEN || o.exchangeOrderId() != null || o.executedQty().signum() > 0
        || !fillsOf(o, null).isEmpty();
    if (!existed && misses >= notFoundMisses && now - firstMiss >= notFoundGrace.toMillis()) {
      memory.deleteState(key);
      transition(o, OrderState.NOT_SENT, "not found at the exchange " + misses + " times over "
          + Duration.ofMillis(now - firstMiss).toSeconds() + " s", progress);
      return;
    }
    memory.putState(key, misses + ":" + firstMiss, now);
    progress.problems.add(o.clientOrderId() + ": not found at the exchange (miss " + misses
        + (existed ? ", the exchange acknowledged it earlier" : "") + ")");
  }

  private void transition(JournaledOrder o, OrderState to, String note, Progress progress) {
    journalUpdate(o.clientOrderId(), to, null, null, null, note);
    if (o.state() != to) {
      progress.transitions.add(new OrderTransition(o.clientOrderId(), o.state(), to, note));
      LOG.info("order {}: {} -> {} ({})", o.clientOrderId(), o.state(), to, note);
    }
  }

  static OrderState stateOf(OrderStatus status) {
    return switch (status) {
      case NEW, PARTIALLY_FILLED -> OrderState.OPEN;
      case FILLED -> OrderState.FILLED;
      case CANCELED, PARTIALLY_CANCELED, EXPIRED -> OrderState.CANCELED;
      case REJECTED -> OrderState.REJECTED;
    };
  }

  /** Applies an exchange report of order {@code o}: fills first, then the state. */
  void apply(JournaledOrder o, Order x, Progress progress) {
    if (x.executedQty().signum() > 0) {
      recordFills(o, x.orderId(), progress);
    }
    OrderState target = stateOf(x.status());
    boolean waiting = false;
    BigDecimal recorded = BigDecimal.ZERO;
    if (target.isFinal()) {
      // only a final status waits for its fills: a resting order's (every sync) need not sum them
      for (Fill f : fillsOf(o, x.orderId())) {
        recorded = recorded.add(f.quantity());
      }
      waiting = recorded.compareTo(x.executedQty()) < 0;
    }
    if (waiting) {
      // keep it non-final so the next sync fetches the missing fills; a final entry is never looked at again
      target = OrderState.OPEN;
    }
    // an unchanged state keeps its reason (e.g. the cancel request) rather than rewriting it every cycle, and then
    // the note is not written, so it is built only when a new state or the wait needs it
    String note = null;
    if (target != o.state() || waiting) {
      note = waiting ? "exchange status " + x.status() + ", waiting for fills (" + recorded.toPlainString() + " of "
          + x.executedQty().toPlainString() + " recorded)" : "exchange status " + x.status();
      if (target == OrderState.CANCELED && o.reason() != null && o.reason().startsWith("cancel requested")) {
        note = o.reason() + "; " + note;
      }
    }
    journalUpdate(o.clientOrderId(), target, x.orderId(), x.executedQty(), x.cumulativeQuoteQty(), note);
    if (o.state() != target) {
      progress.transitions.add(new OrderTransition(o.clientOrderId(), o.state(), target, note));
    }
  }

  /**
   * The fills of journal entry {@code o} recorded under this account (matched by client order id or exchange
   * order id: an exchange writing the same rows may not have echoed our id), each trade once.
   */
  List<Fill> fillsOf(JournaledOrder o, String exchangeOrderId) {
    String xid = exchangeOrderId != null ? exchangeOrderId : o.exchangeOrderId();
    long since = Math.max(0, o.createdAt() - fillSlack.toMillis());
    Map<String, Fill> out = new java.util.LinkedHashMap<>();
    for (Fill f : memory.fills(account, o.symbol(), since)) {
      if (o.clientOrderId().equals(f.clientOrderId()) || (xid != null && xid.equals(f.orderId()))) {
        out.putIfAbsent(f.tradeId(), f);
      }
    }
    return List.copyOf(out.values());
  }

  /** Fetches the exchange's fills of one order and records and applies the new ones. */
  void recordFills(JournaledOrder o, String exchangeOrderId, Progress progress) {
    long since = Math.max(0, o.createdAt() - fillSlack.toMillis());
    for (Fill t : trades(o.symbol(), since)) {
      boolean mine = exchangeOrderId != null ? exchangeOrderId.equals(t.orderId())
          : o.clientOrderId().equals(t.clientOrderId());
      if (mine) {
        applyFill(o, t, progress);
      }
    }
  }

  /**
   * Every trade of {@code symbol} since {@code since}, paging through the exchange's cap (MEXC answers at most
   * 100 per call) by advancing the start time; duplicates at page borders are dropped by trade id.
   */
  List<Fill> trades(String symbol, long since) {
    Map<String, Fill> out = new java.util.LinkedHashMap<>();
    long from = since;
    for (int page = 0; page < MAX_TRADE_PAGES; page++) {
      List<Fill> batch = exchange.myTrades(symbol, from, TRADE_PAGE);
      int before = out.size();
      for (Fill f : batch) {
        out.putIfAbsent(f.tradeId(), f);
      }
      if (batch.size() < TRADE_PAGE || out.size() == before) {
        break;
      }
      long last = batch.getLast().time();
      // a full page that ends where it started cannot advance by time: step past that millisecond
      from = last > from ? last : last + 1;
    }
    return List.copyOf(out.values());
  }

  /** Trades recorded by this manager's fills so far (an upper bound); a change means "read the new trades". */
  long tradesRecorded() {
    return book.tradesRecorded();
  }

  /** True when this account already recorded the trade (see {@link PositionBook}). */
  boolean fillApplied(String tradeId) {
    return book.applied(tradeId);
  }

  /** Records a fill of an order nobody journalled (once); it never touches a position. */
  boolean recordForeignFill(Fill fill) {
    return book.apply(fill, null, OrderPurpose.EXTERNAL, false, null);
  }

  /** Records one fill of journal entry {@code o} (once) and applies it to the position unless external. */
  void applyFill(JournaledOrder o, Fill t, Progress progress) {
    Fill fill = new Fill(t.symbol(), t.tradeId(), t.orderId(), o.clientOrderId(), t.side(), t.price(),
        t.quantity(), t.quoteQuantity(), t.commission(), t.commissionAsset(), t.maker(), t.time());
    SymbolRules r = rules(o.symbol());
    BigDecimal thirdFee = thirdAssetFeeValue(fill, r);
    if (book.apply(fill, r, OrderPurpose.parse(o.purpose()), !o.external(), thirdFee)) {
      progress.fills.add(fill);
    }
  }

  /** Quote value of a fee paid in a third asset (e.g. MX), from that asset's own market; null when unknown. */
  private BigDecimal thirdAssetFeeValue(Fill fill, SymbolRules r) {
    String asset = fill.commissionAsset();
    if (fill.commission().signum() == 0 || asset.isEmpty() || asset.equals(r.baseAsset())
        || asset.equals(r.quoteAsset())) {
      return null;
    }
    try {
      BigDecimal price = exchange.ticker(asset + r.quoteAsset()).lastPrice();
      return fill.commission().multiply(price);
    } catch (RuntimeException e) {
      // no market for the fee asset: the fee stays recorded in its own asset, P&L excludes it
      return null;
    }
  }

  /** The symbol's rules, cached. */
  SymbolRules rules(String symbol) {
    SymbolRules cached = rules.get(symbol);
    if (cached != null) {
      return cached;
    }
    SymbolRules r = exchange.symbolRules(symbol).orElseThrow(() -> new OrderManagerException(
        OrderManagerException.Kind.NO_RULES, "no trading rules for " + symbol + " on " + exchange.id(), null));
    rules.put(symbol, r);
    return r;
  }

  // --- cancelling -----------------------------------------------------------------------------------------

  /**
   * Cancels one order and journals why. A cancel that races a fill ("unknown order") is resolved by a query.
   *
   * @return the journal entry afterwards
   * @throws OrderManagerException UNKNOWN_ORDER when not journalled, CANCEL_FAILED when the exchange did not
   *     answer (the order's state is unchanged; cancelling again is safe)
   */
  public synchronized JournaledOrder cancel(String clientOrderId, String reason) {
    return cancel(order(clientOrderId), reason, new Progress());
  }

  /** {@link #cancel(String, String)} of a journal entry already read; what changed goes to {@code progress}. */
  private JournaledOrder cancel(JournaledOrder journaled, String reason, Progress progress) {
    String clientOrderId = journaled.clientOrderId();
    if (journaled.state().isFinal()) {
      return journaled;
    }
    journalUpdate(clientOrderId, null, null, null, null, "cancel requested: " + reason);
    JournaledOrder o = order(clientOrderId);
    OrderRef ref = o.exchangeOrderId() != null ? OrderRef.exchangeId(o.exchangeOrderId())
        : OrderRef.clientId(clientOrderId);
    try {
      Order x = exchange.cancelOrder(o.symbol(), ref);
      apply(o, x, progress);
    } catch (ExchangeException.UnknownOrder e) {
      // filled (or cancelled) before our cancel arrived, or not there yet: ask
      refresh(o, progress);
    } catch (ExchangeException e) {
      throw new OrderManagerException(OrderManagerException.Kind.CANCEL_FAILED,
          "cancel of " + clientOrderId + " not confirmed (" + e.getClass().getSimpleName() + ": " + e.getMessage()
              + "); the order may still be open, cancel again", e);
    }
    return order(clientOrderId);
  }

  /**
   * Cancels each non-final order of this manager that {@code which} selects, by the rules of {@link
   * #cancel(String, String)}, trying every one even when one fails: an "unknown order" answer is resolved by a
   * query, fills that arrived before the cancel are recorded and applied, and an order whose cancel was not
   * confirmed is left as it is (a problem line says so; cancelling it again is safe). The agent's halt uses it.
   *
   * @return the selected journal entries afterwards, and what changed on the way (transitions, new fills, problems)
   * @throws OrderManagerException JOURNAL_FAILED when the journal cannot be read or written
   */
  synchronized Cancellation cancelWhere(Predicate<JournaledOrder> which, String reason) {
    Progress progress = new Progress();
    List<JournaledOrder> after = new ArrayList<>();
    for (JournaledOrder o : pending(NON_FINAL)) {
      if (!which.test(o)) {
        continue;
      }
      try {
        after.add(cancel(o, reason, progress));
      } catch (RuntimeException e) {
        rethrowStorageFailure(e);
        progress.problems.add(o.clientOrderId() + " (" + o.symbol() + "): " + e.getMessage());
        after.add(order(o.clientOrderId()));
      }
    }
    return new Cancellation(after, new SyncResult(after.size(), progress.transitions, progress.fills,
        progress.problems));
  }

  /**
   * What {@link #cancelWhere} did.
   *
   * @param orders the selected journal entries after the attempt (CANCELED, FILLED if a fill won the race, or
   *     still working when the cancel was not confirmed)
   * @param changes transitions and fills recorded on the way, and one problem line per cancel not confirmed
   */
  record Cancellation(List<JournaledOrder> orders, SyncResult changes) {}

  /**
   * Cancels every non-final order this manager placed in {@code symbol} ({@code null}: all symbols), trying
   * each even when one fails. Adopted external orders are left alone.
   *
   * @return the journal entries afterwards
   * @throws OrderManagerException CANCEL_FAILED after trying all, when at least one was not confirmed
   */
  public synchronized List<JournaledOrder> cancelAll(String symbol, String reason) {
    List<JournaledOrder> out = new ArrayList<>();
    OrderManagerException failure = null;
    for (JournaledOrder o : pending(NON_FINAL)) {
      if (o.external() || (symbol != null && !symbol.equals(o.symbol()))) {
        continue; // adopted orders belong to someone else: only an explicit cancel(id) touches them
      }
      try {
        out.add(cancel(o.clientOrderId(), reason));
      } catch (OrderManagerException e) {
        if (failure == null) {
          failure = e;
        } else {
          failure.addSuppressed(e);
        }
      }
    }
    if (failure != null) {
      throw failure;
    }
    return out;
  }

  // --- positions ------------------------------------------------------------------------------------------

  /** Managed positions on this exchange (dust included, flagged). */
  public List<PositionRecord> positions() {
    return memory.positions(account);
  }

  /** The managed position in {@code symbol}, if any. */
  public Optional<PositionRecord> position(String symbol) {
    for (PositionRecord p : positions()) {
      if (p.symbol().equals(symbol)) {
        return Optional.of(p);
      }
    }
    return Optional.empty();
  }

  /** Positions that count against the open-position cap: dust is released from the count. */
  public int openPositionCount() {
    int count = 0;
    for (PositionRecord p : positions()) {
      if (!p.dust()) {
        count++;
      }
    }
    return count;
  }

  /** Symbols whose position is dust: released from the open-position cap, as {@link #openPositionCount} counts. */
  public Set<String> dustSymbols() {
    Set<String> dust = new HashSet<>();
    for (PositionRecord p : positions()) {
      if (p.dust()) {
        dust.add(p.symbol());
      }
    }
    return dust;
  }

  /**
   * Sets the exits code enforces on a position. When the position does not exist yet (entry not filled), they
   * are kept and applied when its first fill arrives. Fills never change them.
   *
   * @param exitDeadline epoch ms, {@code 0} for none
   */
  public synchronized void setExits(String symbol, BigDecimal stopLoss, BigDecimal takeProfit, long exitDeadline) {
    Optional<PositionRecord> p = position(symbol);
    if (p.isPresent()) {
      PositionRecord r = p.get();
      memory.upsertPosition(new PositionRecord(r.exchange(), r.symbol(), r.quantity(), r.averageEntryPrice(),
          r.costBasis(), r.openedAt(), stopLoss, takeProfit, exitDeadline, r.dust(), clock.millis()));
    } else {
      memory.putState(book.pendingExitsKey(symbol),
          new PositionBook.Exits(stopLoss, takeProfit, exitDeadline).format(), clock.millis());
    }
  }

  /**
   * What can actually be sold: the wallet's free base balance, never more than the position, truncated to the
   * step. Fees taken in the base asset are thereby never sold twice.
   */
  public synchronized BigDecimal sellableQuantity(String symbol) {
    Optional<PositionRecord> p = position(symbol);
    if (p.isEmpty()) {
      return BigDecimal.ZERO;
    }
    SymbolRules r = rules(symbol);
    BigDecimal free = freeBalance(r.baseAsset());
    return r.truncateQuantity(free.min(p.get().quantity()));
  }

  private BigDecimal freeBalance(String asset) {
    for (Balance b : exchange.balances()) {
      if (b.asset().equals(asset)) {
        return b.free();
      }
    }
    return BigDecimal.ZERO;
  }

  /**
   * Re-evaluates the dust flag of a position at {@code markPrice}: a position whose sellable quantity is
   * worth less than the symbol's minimum notional is flagged dust (no sells, not counted as open).
   *
   * @return the flag after the check ({@code false} when there is no position)
   */
  public synchronized boolean refreshDust(String symbol, BigDecimal markPrice) {
    Optional<PositionRecord> p = position(symbol);
    if (p.isEmpty()) {
      return false;
    }
    boolean dust = PositionBook.isDust(p.get().quantity(), markPrice, rules(symbol));
    if (dust != p.get().dust()) {
      flagDust(symbol, dust);
    }
    return dust;
  }

  private void flagDust(String symbol, boolean dust) {
    position(symbol).ifPresent(r -> memory.upsertPosition(new PositionRecord(r.exchange(), r.symbol(),
        r.quantity(), r.averageEntryPrice(), r.costBasis(), r.openedAt(), r.stopLoss(), r.takeProfit(),
        r.exitDeadline(), dust, clock.millis())));
  }

  /**
   * Closes (sells) a managed position with a market order of the {@linkplain #sellableQuantity sellable
   * quantity}. Sends nothing — and flags the position dust — when that quantity is below the symbol's
   * minimums at the current bid; sends nothing when a sell of this symbol is already pending.
   *
   * @return the journal entry of the sell, or empty when nothing was sent
   */
  public synchronized Optional<JournaledOrder> closePosition(String symbol, OrderPurpose purpose, Long decisionId) {
    Optional<PositionRecord> p = position(symbol);
    if (p.isEmpty()) {
      return Optional.empty();
    }
    boolean sellPending = pending(NON_FINAL).stream()
        .anyMatch(o -> o.symbol().equals(symbol) && o.side() == Side.SELL && !o.external());
    if (sellPending) {
      return Optional.empty();
    }
    SymbolRules r = rules(symbol);
    BigDecimal qty = sellableQuantity(symbol);
    BookTicker book = exchange.bookTicker(symbol);
    BigDecimal price = book.bidPrice() != null ? book.bidPrice() : exchange.ticker(symbol).lastPrice();
    if (qty.signum() == 0 || !r.meetsMinimums(qty, price)) {
      flagDust(symbol, true);
      return Optional.empty();
    }
    return Optional.of(submit(OrderRequest.marketSell(symbol, qty, newClientOrderId()), purpose, decisionId));
  }

  // --- helpers --------------------------------------------------------------------------------------------

  /** The journal entry of {@code clientOrderId}. */
  public JournaledOrder order(String clientOrderId) {
    Optional<JournaledOrder> o = memory.order(clientOrderId);
    if (o.isEmpty()) {
      throw new OrderManagerException(OrderManagerException.Kind.UNKNOWN_ORDER,
          "no journalled order " + clientOrderId, null);
    }
    return o.get();
  }

  Clock clock() {
    return clock;
  }

  Long runId() {
    return runId;
  }

  Duration notFoundGrace() {
    return notFoundGrace;
  }

  /** Accumulates what one operation did. */
  static final class Progress {
    final List<OrderTransition> transitions = new ArrayList<>();
    final List<Fill> fills = new ArrayList<>();
    final List<String> problems = new ArrayList<>();
  }

  /** Fluent builder for {@link OrderManager}. Not thread-safe. */
  public static final class Builder {
    private final Exchange exchange;
    private final Memory memory;
    private final Clock clock;
    private Long runId;
    private String account;
    private String idPrefix;
    private int notFoundMisses = 3;
    private Duration notFoundGrace = Duration.ofSeconds(30);
    private Duration fillSlack = Duration.ofMinutes(5);

    private Builder(Exchange exchange, Memory memory, Clock clock) {
      this.exchange = Objects.requireNonNull(exchange, "exchange");
      this.memory = Objects.requireNonNull(memory, "memory");
      this.clock = Objects.requireNonNull(clock, "clock");
    }

    /** Run that journals and fills belong to ({@code null}: none). */
    public Builder runId(Long v) {
      this.runId = v;
      return this;
    }

    /**
     * The key of this manager's journal, fills, positions and trades in the memory (default: the exchange's
     * id, which is what {@code status} reads). Sharing the key with an exchange that keeps its own ledger in the
     * same memory (the paper exchange, namespace {@code paper}) is safe: fills are applied once by their own
     * marker, not by whoever recorded the row first.
     */
    public Builder account(String v) {
      if (v == null || v.isBlank()) {
        throw new IllegalArgumentException("account must not be blank");
      }
      this.account = v;
      return this;
    }

    /**
     * Fixed client order id prefix, 1–16 characters of {@code [A-Za-z0-9]}. Default: a random prefix chosen
     * once and kept in the database, so two databases never reuse each other's ids on one account.
     */
    public Builder clientIdPrefix(String v) {
      if (v == null || !v.matches("[A-Za-z0-9]{1,16}")) {
        throw new IllegalArgumentException("client id prefix must be 1-16 characters of [A-Za-z0-9]: " + v);
      }
      this.idPrefix = v;
      return this;
    }

    /** Applies {@code ORDER_NOT_FOUND_MISSES} and {@code ORDER_NOT_FOUND_GRACE}. */
    public Builder settings(Settings s) {
      return notFoundMisses(s.integer(Setting.ORDER_NOT_FOUND_MISSES))
          .notFoundGrace(s.duration(Setting.ORDER_NOT_FOUND_GRACE));
    }

    /** Misses needed before an order the exchange does not know is closed as NOT_SENT (default 3, ≥ 1). */
    public Builder notFoundMisses(int v) {
      if (v < 1) {
        throw new IllegalArgumentException("notFoundMisses must be >= 1: " + v);
      }
      this.notFoundMisses = v;
      return this;
    }

    /** Time from the first miss before NOT_SENT is allowed (default 30 s, on the clock). */
    public Builder notFoundGrace(Duration v) {
      if (v == null || v.isNegative()) {
        throw new IllegalArgumentException("notFoundGrace must be >= 0: " + v);
      }
      this.notFoundGrace = v;
      return this;
    }

    /** How far before an order's creation its fills are searched (clock differences; default 5 min). */
    public Builder fillSlack(Duration v) {
      if (v == null || v.isNegative()) {
        throw new IllegalArgumentException("fillSlack must be >= 0: " + v);
      }
      this.fillSlack = v;
      return this;
    }

    /**
     * Builds the manager.
     *
     * @throws OrderManagerException JOURNAL_FAILED when the id prefix cannot be stored
     */
    public OrderManager build() {
      return new OrderManager(this);
    }
  }
}
