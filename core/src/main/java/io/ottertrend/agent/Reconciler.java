package io.ottertrend.agent;

import io.ottertrend.config.Setting;
import io.ottertrend.config.Settings;
import io.ottertrend.config.SettingsException;
import io.ottertrend.exchange.Exchange;
import io.ottertrend.memory.JournaledOrder;
import io.ottertrend.memory.Memory;
import io.ottertrend.memory.OrderState;
import io.ottertrend.memory.PositionRecord;
import io.ottertrend.model.Balance;
import io.ottertrend.model.Decimals;
import io.ottertrend.model.Fill;
import io.ottertrend.model.Order;
import io.ottertrend.model.OrderRef;
import io.ottertrend.model.SymbolRules;
import io.ottertrend.time.Clock;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The start-up gate (reliability §2.2, DESIGN invariant 3): run it at every start, paper runs included,
 * before the brain may trade. In order it
 *
 * <ol>
 *   <li>resolves every non-final journal entry by client order id, querying again on the {@link Clock} (every
 *       {@link Builder#pollInterval poll interval}, at most {@link Builder#maxWait max wait}) until orders whose
 *       outcome was unknown are found or proven absent — never re-sending anything;
 *   <li>adopts open exchange orders the journal does not know as external ({@code JournaledOrder.external});
 *       they are tracked (fills recorded) but never managed, and they count as drift;
 *   <li>records recent fills that are missing from memory, applying those of our own orders to positions;
 *       fills of orders we did not place are recorded and reported as drift;
 *   <li>compares every wallet balance with what the managed positions account for.
 * </ol>
 *
 * <p><b>Existing wallets.</b> A real user's account holds more than the bot's positions: the quote currency
 * (cash, {@link Builder#quoteAsset}, always ignored), long-term holdings, a fee token such as MX. Such assets
 * are either {@linkplain Builder#ignoreAssets ignored} (never compared; use for assets the bot does not trade)
 * or {@linkplain Builder#reservedHoldings reserved} (the wallet is expected to hold the reserve <em>plus</em> the
 * bot's position; use when the bot trades an asset you also hold). A difference within {@linkplain
 * Builder#tolerance the tolerance} of the expected amount, or worth less than the symbol's minimum notional
 * (dust), is not drift. Everything else is: the report explains each one in a line, and the agent refuses to
 * trade until a human resolves it (sells or buys back, cancels the external order, or adds the asset to the
 * ignored or reserved list).
 *
 * <p><b>Thread-safety:</b> not meant for concurrent use; run it once before the loop starts. <b>Errors:</b>
 * exchange failures of the balance or open-order reads propagate (the caller must not trade without a
 * reconciliation); failures on single orders are listed as unresolved.
 */
public final class Reconciler {
  private static final Logger LOG = LoggerFactory.getLogger(Reconciler.class);
  private final OrderManager om;
  private final Exchange exchange;
  private final Memory memory;
  private final Clock clock;
  private final String quoteAsset;
  private final Set<String> ignored;
  private final Map<String, BigDecimal> reserved;
  private final BigDecimal tolerance;
  private final Duration fillLookback;
  private final Duration pollInterval;
  private final Duration maxWait;

  private Reconciler(Builder b) {
    this.om = b.om;
    this.exchange = om.exchange();
    this.memory = om.memory();
    this.clock = om.clock();
    this.quoteAsset = b.quoteAsset;
    this.ignored = Set.copyOf(b.ignored);
    this.reserved = Map.copyOf(b.reserved);
    this.tolerance = b.tolerance;
    this.fillLookback = b.fillLookback;
    this.pollInterval = b.pollInterval;
    this.maxWait = b.maxWait != null ? b.maxWait : om.notFoundGrace().plus(b.pollInterval.multipliedBy(2));
  }

  /** A builder reconciling the journal of {@code orderManager} with its exchange. */
  public static Builder builder(OrderManager orderManager) {
    return new Builder(orderManager);
  }

  /**
   * Runs the four steps and returns what it found. The caller trades only when the report is {@link
   * ReconciliationReport#clean() clean}.
   */
  public ReconciliationReport run() {
    OrderManager.Progress progress = new OrderManager.Progress();
    List<ReconciliationReport.Drift> drifts = new ArrayList<>();
    List<String> unresolved = resolveJournal(progress);
    List<ReconciliationReport.AdoptedOrder> adopted = adoptOpenOrders(progress, drifts);
    recordMissedFills(progress, drifts);
    compareBalances(drifts);
    ReconciliationReport report = new ReconciliationReport(om.account(), clock.millis(), progress.transitions,
        adopted, progress.fills, drifts, unresolved, lastPerOrder(progress.problems));
    if (report.clean()) {
      LOG.info("{}", report.summary());
    } else {
      LOG.warn("{}", report.summary());
    }
    return report;
  }

  /** The latest problem line per order (lines start with the client order id), in first-seen order. */
  private static List<String> lastPerOrder(List<String> problems) {
    Map<String, String> last = new java.util.LinkedHashMap<>();
    for (String p : problems) {
      int colon = p.indexOf(':');
      last.put(colon > 0 ? p.substring(0, colon) : p, p);
    }
    return List.copyOf(last.values());
  }

  // --- 1: journal -----------------------------------------------------------------------------------------

  private List<String> resolveJournal(OrderManager.Progress progress) {
    long start = clock.millis();
    List<JournaledOrder> batch = om.pending(OrderManager.NON_FINAL);
    // the round cap only matters for a clock that does not advance on sleep (a zero poll interval)
    for (int round = 0; round < 10_000; round++) {
      for (JournaledOrder o : batch) {
        try {
          om.refresh(om.order(o.clientOrderId()), progress);
        } catch (RuntimeException e) {
          OrderManager.rethrowStorageFailure(e);
          progress.problems.add(o.clientOrderId() + ": " + e.getMessage());
        }
      }
      batch = om.pending(OrderManager.UNRESOLVED);
      if (batch.isEmpty() || clock.millis() - start >= maxWait.toMillis()) {
        break;
      }
      try {
        clock.sleep(pollInterval);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        break;
      }
    }
    List<String> out = new ArrayList<>();
    for (JournaledOrder o : batch) {
      out.add(o.clientOrderId() + " (" + o.side() + " " + o.symbol() + ", " + o.state()
          + "): outcome still unknown after " + Duration.ofMillis(clock.millis() - start).toSeconds()
          + " s; check the order on the exchange before trading");
    }
    return out;
  }

  // --- 2: open orders -------------------------------------------------------------------------------------

  private record Index(Map<String, JournaledOrder> byClientId, Map<String, JournaledOrder> byExchangeId) {
    Optional<JournaledOrder> find(String exchangeOrderId, String clientOrderId) {
      JournaledOrder o = exchangeOrderId == null ? null : byExchangeId.get(exchangeOrderId);
      if (o == null && clientOrderId != null) {
        o = byClientId.get(clientOrderId);
      }
      return Optional.ofNullable(o);
    }
  }

  private Index index() {
    Map<String, JournaledOrder> byCid = new HashMap<>();
    Map<String, JournaledOrder> byXid = new HashMap<>();
    for (JournaledOrder o : memory.orders(EnumSet.allOf(OrderState.class))) {
      if (!o.exchange().equals(om.account())) {
        continue;
      }
      byCid.put(o.clientOrderId(), o);
      if (o.exchangeOrderId() != null) {
        byXid.put(o.exchangeOrderId(), o);
      }
    }
    return new Index(byCid, byXid);
  }

  private List<ReconciliationReport.AdoptedOrder> adoptOpenOrders(OrderManager.Progress progress,
      List<ReconciliationReport.Drift> drifts) {
    Index index = index();
    List<ReconciliationReport.AdoptedOrder> adopted = new ArrayList<>();
    for (Order x : exchange.openOrders(null)) {
      Optional<JournaledOrder> known = index.find(x.orderId(), x.clientOrderId());
      if (known.isPresent()) {
        if (known.get().state().isFinal()) {
          // we had closed it (e.g. NOT_SENT) but the exchange shows it open: the exchange is right
          om.apply(known.get(), x, progress);
        }
        continue;
      }
      long now = clock.millis();
      String cid = adoptionKey(x.orderId());
      JournaledOrder o = new JournaledOrder(cid, om.runId(), om.account(), x.symbol(), x.side(), x.type(),
          x.origQty().signum() > 0 ? x.origQty() : null, x.origQuoteQty().signum() > 0 ? x.origQuoteQty() : null,
          x.price().signum() > 0 ? x.price() : null, OrderState.OPEN, x.orderId(), x.executedQty(),
          x.cumulativeQuoteQty(), OrderPurpose.EXTERNAL.name(),
          "adopted at start-up: open on the exchange but not placed by OtterTrend (exchange client id "
              + x.clientOrderId() + ")",
          null, x.time() > 0 ? x.time() : now, now, true);
      memory.journal(o);
      if (x.executedQty().signum() > 0) {
        om.recordFills(o, x.orderId(), progress);
      }
      adopted.add(new ReconciliationReport.AdoptedOrder(cid, x.orderId(), x.symbol(), x.side(), x.origQty(),
          x.price()));
    }
    return adopted;
  }

  /** A journal key for an adopted order: {@code x-<exchange id>}, hashed when too long or unusual. */
  static String adoptionKey(String exchangeOrderId) {
    String key = "x-" + exchangeOrderId;
    if (key.length() <= 32 && key.matches("[A-Za-z0-9_-]+")) {
      return key;
    }
    try {
      byte[] digest = MessageDigest.getInstance("SHA-256").digest(exchangeOrderId.getBytes(StandardCharsets.UTF_8));
      return "x-" + HexFormat.of().formatHex(digest, 0, 15);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is part of every JDK", e);
    }
  }

  // --- 3: fills -------------------------------------------------------------------------------------------

  private void recordMissedFills(OrderManager.Progress progress, List<ReconciliationReport.Drift> drifts) {
    long since = Math.max(0, clock.millis() - fillLookback.toMillis());
    Index index = index();
    Set<String> symbols = new TreeSet<>();
    for (PositionRecord p : om.positions()) {
      symbols.add(p.symbol());
    }
    for (JournaledOrder o : index.byClientId().values()) {
      if (o.createdAt() >= since || !o.state().isFinal()) {
        symbols.add(o.symbol());
      }
    }
    Map<String, Optional<String>> orderClientIds = new HashMap<>();
    for (String symbol : symbols) {
      for (Fill f : om.trades(symbol, since)) {
        if (om.fillApplied(f.tradeId())) {
          continue;
        }
        Optional<JournaledOrder> owner = index.find(f.orderId(), f.clientOrderId());
        if (owner.isEmpty() && f.orderId() != null) {
          // trades need not echo our client order id: ask the exchange which order this is (e.g. one we had
          // closed as NOT_SENT, whose exchange id we never learned)
          owner = clientIdOf(symbol, f.orderId(), orderClientIds).flatMap(cid -> index.find(null, cid));
        }
        if (owner.isPresent()) {
          om.applyFill(owner.get(), f, progress);
          JournaledOrder o = om.order(owner.get().clientOrderId());
          if (o.state() == OrderState.NOT_SENT || !o.state().isFinal()) {
            om.refresh(o, progress);
          }
          if (o.external()) {
            drifts.add(new ReconciliationReport.Drift(symbol, "fill " + f.tradeId() + " (" + f.side() + " "
                + Decimals.plain(f.quantity()) + ") of external order " + f.orderId()
                + " was not placed by OtterTrend"));
          }
        } else {
          if (om.recordForeignFill(f)) {
            progress.fills.add(f);
          }
          drifts.add(new ReconciliationReport.Drift(symbol, "fill " + f.tradeId() + " (" + f.side() + " "
              + Decimals.plain(f.quantity()) + " at " + Decimals.plain(f.price()) + ") of order " + f.orderId()
              + " was not placed by OtterTrend; check the account for other bots or manual trades"));
        }
      }
    }
  }

  /** The client order id the exchange has for {@code orderId}, looked up once per order. */
  private Optional<String> clientIdOf(String symbol, String orderId, Map<String, Optional<String>> cache) {
    return cache.computeIfAbsent(orderId, id -> {
      try {
        return exchange.queryOrder(symbol, OrderRef.exchangeId(id)).map(Order::clientOrderId);
      } catch (RuntimeException e) {
        return Optional.empty();
      }
    });
  }

  // --- 4: balances ----------------------------------------------------------------------------------------

  private void compareBalances(List<ReconciliationReport.Drift> drifts) {
    Map<String, BigDecimal> held = new TreeMap<>();
    for (Balance b : exchange.balances()) {
      held.merge(b.asset(), b.total(), BigDecimal::add);
    }
    Map<String, BigDecimal> expected = new TreeMap<>();
    Map<String, String> symbolOf = new HashMap<>();
    for (PositionRecord p : om.positions()) {
      String asset = om.rules(p.symbol()).baseAsset();
      expected.merge(asset, p.quantity(), BigDecimal::add);
      symbolOf.put(asset, p.symbol());
    }
    Set<String> history = new HashSet<>();
    for (JournaledOrder o : index().byClientId().values()) {
      String base = baseAsset(o.symbol());
      if (base == null) {
        continue;
      }
      history.add(base);
      if (o.external() && !o.state().isFinal() && !ignored.contains(base)) {
        drifts.add(new ReconciliationReport.Drift(o.symbol(), "open order " + o.exchangeOrderId() + " ("
            + o.side() + ") was not placed by OtterTrend; cancel it on the exchange or add " + base
            + " to the ignored assets"));
      }
    }
    Set<String> assets = new LinkedHashSet<>(held.keySet());
    assets.addAll(expected.keySet());
    assets.addAll(reserved.keySet());
    for (String asset : assets) {
      if (asset.equals(quoteAsset) || ignored.contains(asset)) {
        continue;
      }
      BigDecimal h = held.getOrDefault(asset, BigDecimal.ZERO);
      BigDecimal position = expected.getOrDefault(asset, BigDecimal.ZERO);
      BigDecimal e = position.add(reserved.getOrDefault(asset, BigDecimal.ZERO));
      BigDecimal diff = h.subtract(e);
      if (diff.abs().compareTo(e.abs().multiply(tolerance)) <= 0) {
        continue;
      }
      if (isDustValue(asset, symbolOf.get(asset), diff.abs())) {
        continue;
      }
      String explanation;
      if (position.signum() == 0 && !history.contains(asset) && !reserved.containsKey(asset)) {
        explanation = "wallet holds " + Decimals.plain(h) + " " + asset + " that OtterTrend has no position or "
            + "order history for; if it is yours, add " + asset + " to the ignored or reserved assets";
      } else if (diff.signum() < 0) {
        explanation = "wallet holds " + Decimals.plain(h) + " " + asset + " but OtterTrend accounts for "
            + Decimals.plain(e) + " (" + Decimals.plain(diff) + "); sold or moved outside OtterTrend?";
      } else {
        explanation = "wallet holds " + Decimals.plain(h) + " " + asset + " but OtterTrend accounts for "
            + Decimals.plain(e) + " (+" + Decimals.plain(diff) + "); a trade or deposit OtterTrend did not make?";
      }
      drifts.add(new ReconciliationReport.Drift(asset, explanation));
    }
  }

  private String baseAsset(String symbol) {
    try {
      return om.rules(symbol).baseAsset();
    } catch (RuntimeException e) {
      return null;
    }
  }

  /** True when {@code quantity} of {@code asset} is worth less than its market's minimum notional. */
  private boolean isDustValue(String asset, String knownSymbol, BigDecimal quantity) {
    String symbol = knownSymbol != null ? knownSymbol : asset + quoteAsset;
    try {
      Optional<SymbolRules> r = exchange.symbolRules(symbol);
      if (r.isEmpty()) {
        return false;
      }
      BigDecimal price = exchange.ticker(symbol).lastPrice();
      return quantity.multiply(price).compareTo(r.get().minNotional()) < 0;
    } catch (RuntimeException e) {
      // no price: cannot prove it is dust, so it is drift
      return false;
    }
  }

  /** Fluent builder for {@link Reconciler}. Not thread-safe. */
  public static final class Builder {
    private final OrderManager om;
    private String quoteAsset = "USDT";
    private final Set<String> ignored = new HashSet<>();
    private final Map<String, BigDecimal> reserved = new HashMap<>();
    private BigDecimal tolerance = new BigDecimal("0.01");
    private Duration fillLookback = Duration.ofDays(1);
    private Duration pollInterval = Duration.ofSeconds(10);
    private Duration maxWait;

    private Builder(OrderManager om) {
      this.om = Objects.requireNonNull(om, "orderManager");
    }

    /**
     * Applies {@code QUOTE_ASSET}, {@code RECONCILE_IGNORE_ASSETS}, {@code RECONCILE_RESERVED} and {@code
     * RECONCILE_TOLERANCE_PCT}.
     *
     * @throws SettingsException when a reserved holding is not {@code ASSET:AMOUNT} with a non-negative amount
     */
    public Builder settings(Settings s) {
      quoteAsset(s.string(Setting.QUOTE_ASSET).strip().toUpperCase(Locale.ROOT));
      Set<String> assets = new HashSet<>();
      for (String a : s.list(Setting.RECONCILE_IGNORE_ASSETS)) {
        assets.add(a.toUpperCase(Locale.ROOT));
      }
      ignoreAssets(assets);
      Map<String, BigDecimal> amounts = new HashMap<>();
      List<String> problems = new ArrayList<>();
      for (String item : s.list(Setting.RECONCILE_RESERVED)) {
        String[] parts = item.split(":", -1);
        BigDecimal amount = null;
        if (parts.length == 2 && !parts[0].isBlank()) {
          try {
            amount = new BigDecimal(parts[1].strip());
          } catch (NumberFormatException e) {
            amount = null;
          }
        }
        if (amount == null || amount.signum() < 0) {
          problems.add("RECONCILE_RESERVED: '" + item + "' is not ASSET:AMOUNT with an amount >= 0 (e.g. BTC:0.05)");
        } else {
          amounts.put(parts[0].strip().toUpperCase(Locale.ROOT), amount);
        }
      }
      if (!problems.isEmpty()) {
        throw new SettingsException(problems);
      }
      reservedHoldings(amounts);
      return tolerance(s.decimal(Setting.RECONCILE_TOLERANCE_PCT));
    }

    /** The cash asset (default {@code USDT}): never compared with positions. */
    public Builder quoteAsset(String v) {
      this.quoteAsset = Objects.requireNonNull(v, "quoteAsset");
      return this;
    }

    /** Assets never compared (holdings the bot does not trade, a fee token such as MX). */
    public Builder ignoreAssets(Set<String> assets) {
      this.ignored.addAll(assets);
      return this;
    }

    /** Amounts the wallet holds on top of the bot's positions (e.g. a long-term holding of an asset it trades). */
    public Builder reservedHoldings(Map<String, BigDecimal> amounts) {
      amounts.forEach((asset, amount) -> {
        if (amount == null || amount.signum() < 0) {
          throw new IllegalArgumentException("reserved holding of " + asset + " must be >= 0: " + amount);
        }
        reserved.put(asset, amount);
      });
      return this;
    }

    /** Relative difference between wallet and positions accepted as fees or rounding (default 0.01 = 1 %). */
    public Builder tolerance(BigDecimal v) {
      if (v == null || v.signum() < 0 || v.compareTo(BigDecimal.ONE) >= 0) {
        throw new IllegalArgumentException("tolerance must be in [0, 1): " + v);
      }
      this.tolerance = v;
      return this;
    }

    /** How far back fills are compared (default 1 day). */
    public Builder fillLookback(Duration v) {
      this.fillLookback = Objects.requireNonNull(v, "fillLookback");
      return this;
    }

    /** Wait between queries of orders whose outcome is unknown (default 10 s, on the clock). */
    public Builder pollInterval(Duration v) {
      if (v == null || v.isNegative()) {
        throw new IllegalArgumentException("pollInterval must be >= 0: " + v);
      }
      this.pollInterval = v;
      return this;
    }

    /** Longest wait for unknown outcomes (default the not-found grace plus two poll intervals). */
    public Builder maxWait(Duration v) {
      this.maxWait = Objects.requireNonNull(v, "maxWait");
      return this;
    }

    public Reconciler build() {
      return new Reconciler(this);
    }
  }
}
