package io.ottertrend.agent;

import io.ottertrend.memory.Memory;
import io.ottertrend.memory.PositionRecord;
import io.ottertrend.memory.TradeRecord;
import io.ottertrend.model.Fill;
import io.ottertrend.model.Side;
import io.ottertrend.model.SymbolRules;
import java.math.BigDecimal;
import java.math.MathContext;
import java.util.Optional;

/**
 * Position accounting from fills only: a position is the sum of its fills, never an order's size.
 *
 * <p>Each fill is recorded and applied in one {@link Memory#inTransaction} together with an "applied" marker
 * in {@link Memory#state} keyed by (account, trade id), so that a crash can neither apply a fill twice nor lose
 * one. The marker, not {@link Memory#recordFill}'s answer, decides: an exchange that keeps its own ledger in the
 * same memory (the paper exchange records its fills under its namespace) may have stored the fill first.
 *
 * <p>Fees: in the base asset they reduce the quantity held (the wallet receives less than the fill says); in
 * the quote asset they add to the cost of a buy or come off the proceeds of a sell; in a third asset (e.g. MX)
 * the base quantity is unchanged and the fee, valued in quote by the caller when a price is known, is treated
 * like a quote fee.
 *
 * <p>Not thread-safe on its own; {@link OrderManager} serialises calls.
 */
final class PositionBook {
  private static final MathContext MC = MathContext.DECIMAL64;

  private final Memory memory;
  private final String exchange;
  private final Long runId;
  /** Trades this book recorded (a rolled-back one included): lets the loop skip reading trades when none were. */
  private final java.util.concurrent.atomic.AtomicLong tradesRecorded = new java.util.concurrent.atomic.AtomicLong();

  /** {@code "fill.applied.<exchange>."} and {@code "position.exits.<exchange>."}: the keys' fixed parts, built once. */
  private final String appliedPrefix;
  private final String exitsPrefix;

  PositionBook(Memory memory, String exchange, Long runId) {
    this.memory = memory;
    this.exchange = exchange;
    this.runId = runId;
    this.appliedPrefix = "fill.applied." + exchange + ".";
    this.exitsPrefix = pendingExitsKey(exchange, "");
  }

  /** State key holding exits set before the position existed (applied when its first fill arrives). */
  static String pendingExitsKey(String exchange, String symbol) {
    return "position.exits." + exchange + "." + symbol;
  }

  /** {@link #pendingExitsKey(String, String)} of this book's exchange. */
  String pendingExitsKey(String symbol) {
    return exitsPrefix.concat(symbol);
  }

  /**
   * Records {@code fill} and, for our own orders, applies it to the position, all in one transaction.
   *
   * @param fill the fill, already carrying our client order id
   * @param rules the symbol's rules (base and quote asset, minimums for the dust flag)
   * @param purpose the order's purpose (exit reason of a sell)
   * @param manage false for fills of external orders: recorded for the audit trail, never applied
   * @param thirdAssetFeeValue quote value of a fee charged in a third asset, or {@code null} when unknown
   * @return true when the fill was new
   */
  boolean apply(Fill fill, SymbolRules rules, OrderPurpose purpose, boolean manage, BigDecimal thirdAssetFeeValue) {
    // a class, not a lambda: in the C1-compiled code a backtest's per-cycle path mostly runs, a capturing lambda
    // costs a call into the VM
    return memory.inTransaction(new java.util.function.Supplier<Boolean>() {
      @Override
      public Boolean get() {
        String marker = appliedKey(fill.tradeId());
        if (memory.state(marker).isPresent()) {
          return false;
        }
        memory.recordFill(exchange, runId, fill);
        memory.putState(marker, fill.clientOrderId() == null ? "" : fill.clientOrderId(), fill.time());
        if (manage) {
          applyToPosition(fill, rules, purpose, thirdAssetFeeValue);
        }
        return true;
      }
    });
  }

  /** True when this account already recorded (and, for our orders, applied) the trade. */
  boolean applied(String tradeId) {
    return memory.state(appliedKey(tradeId)).isPresent();
  }

  private String appliedKey(String tradeId) {
    return appliedPrefix.concat(tradeId);
  }

  private Optional<PositionRecord> position(String symbol) {
    for (PositionRecord p : memory.positions(exchange)) {
      if (p.symbol().equals(symbol)) {
        return Optional.of(p);
      }
    }
    return Optional.empty();
  }

  private void applyToPosition(Fill fill, SymbolRules rules, OrderPurpose purpose, BigDecimal thirdFeeValue) {
    String feeAsset = fill.commissionAsset();
    BigDecimal fee = fill.commission();
    boolean baseFee = feeAsset.equals(rules.baseAsset()) && fee.signum() != 0;
    boolean quoteFee = feeAsset.equals(rules.quoteAsset()) && fee.signum() != 0;
    BigDecimal baseFeeQty = baseFee ? fee : BigDecimal.ZERO;
    // quote-valued fee that is not already reflected in the base quantity
    BigDecimal quoteFeeValue = quoteFee ? fee
        : (!baseFee && fee.signum() != 0 && thirdFeeValue != null ? thirdFeeValue : BigDecimal.ZERO);
    Optional<PositionRecord> existing = position(fill.symbol());
    long now = fill.time();
    if (fill.side() == Side.BUY) {
      BigDecimal qtyIn = fill.quantity().subtract(baseFeeQty);
      BigDecimal costIn = fill.quoteQuantity().add(quoteFeeValue);
      PositionRecord p = existing.orElse(null);
      BigDecimal oldQty = p == null ? BigDecimal.ZERO : p.quantity();
      BigDecimal newQty = oldQty.add(qtyIn);
      BigDecimal cost = (p == null ? BigDecimal.ZERO : p.costBasis()).add(costIn);
      BigDecimal avg = newQty.signum() <= 0 ? fill.price()
          : (p == null ? BigDecimal.ZERO : p.averageEntryPrice().multiply(oldQty))
              .add(fill.price().multiply(qtyIn)).divide(newQty, MC);
      BigDecimal stop = p == null ? null : p.stopLoss();
      BigDecimal target = p == null ? null : p.takeProfit();
      long deadline = p == null ? 0 : p.exitDeadline();
      long openedAt = p == null ? fill.time() : p.openedAt();
      if (p == null) {
        String key = pendingExitsKey(fill.symbol());
        Optional<String> pending = memory.state(key);
        if (pending.isPresent()) {
          Exits exits = Exits.parse(pending.get());
          stop = exits.stopLoss();
          target = exits.takeProfit();
          deadline = exits.deadline();
          memory.deleteState(key);
        }
      }
      memory.upsertPosition(new PositionRecord(exchange, fill.symbol(), newQty, avg, cost, openedAt, stop, target,
          deadline, isDust(newQty, fill.price(), rules), now));
      return;
    }
    // SELL
    BigDecimal sold = fill.quantity().add(baseFeeQty);
    BigDecimal proceeds = fill.quoteQuantity().subtract(quoteFeeValue);
    BigDecimal feesValue = quoteFeeValue.add(baseFeeQty.multiply(fill.price()));
    if (existing.isEmpty() || existing.get().quantity().signum() <= 0) {
      // selling something we do not hold as a position (e.g. a user's own coins): the reconciler reports it
      return;
    }
    PositionRecord p = existing.get();
    BigDecimal reduce = sold.min(p.quantity());
    if (reduce.compareTo(sold) < 0) {
      proceeds = proceeds.multiply(reduce).divide(sold, MC);
    }
    boolean closes = reduce.compareTo(p.quantity()) >= 0;
    BigDecimal costOut = closes ? p.costBasis() : p.costBasis().multiply(reduce).divide(p.quantity(), MC);
    BigDecimal pnl = proceeds.subtract(costOut);
    memory.recordTrade(new TradeRecord(0, runId, exchange, fill.symbol(), reduce, p.averageEntryPrice(), fill.price(),
        p.openedAt(), fill.time(), pnl, feesValue, purpose.exitReason()));
    tradesRecorded.incrementAndGet();
    if (closes) {
      memory.removePosition(exchange, fill.symbol());
      return;
    }
    BigDecimal left = p.quantity().subtract(reduce);
    memory.upsertPosition(new PositionRecord(exchange, fill.symbol(), left, p.averageEntryPrice(),
        p.costBasis().subtract(costOut), p.openedAt(), p.stopLoss(), p.takeProfit(), p.exitDeadline(),
        isDust(left, fill.price(), rules), now));
  }

  /**
   * True when {@code quantity} cannot be sold at {@code price}: after truncation to the step it is zero, below
   * the minimum quantity, or below the minimum notional.
   */
  static boolean isDust(BigDecimal quantity, BigDecimal price, SymbolRules rules) {
    if (quantity.signum() <= 0) {
      return false;
    }
    BigDecimal sellable = rules.truncateQuantity(quantity);
    return price == null ? sellable.signum() == 0 : !rules.meetsMinimums(sellable, price);
  }

  /** Stop-loss, take-profit and exit deadline of a position. */
  record Exits(BigDecimal stopLoss, BigDecimal takeProfit, long deadline) {
    /** {@code <stop>|<target>|<deadline>}, an absent price as nothing. */
    String format() {
      StringBuilder sb = new StringBuilder(48);
      if (stopLoss != null) {
        sb.append(stopLoss.toPlainString());
      }
      sb.append('|');
      if (takeProfit != null) {
        sb.append(takeProfit.toPlainString());
      }
      return sb.append('|').append(deadline).toString();
    }

    /** The exits {@link #format()} wrote: the first three {@code '|'}-separated fields. */
    static Exits parse(String text) {
      int a = text.indexOf('|');
      int b = a < 0 ? -1 : text.indexOf('|', a + 1);
      if (b < 0) {
        throw new IllegalArgumentException("not stored exits: " + text);
      }
      int c = text.indexOf('|', b + 1);
      return new Exits(a == 0 ? null : new BigDecimal(text.substring(0, a)),
          b == a + 1 ? null : new BigDecimal(text.substring(a + 1, b)),
          Long.parseLong(text.substring(b + 1, c < 0 ? text.length() : c)));
    }
  }

  /** How many trades this book has recorded so far (an upper bound: rolled-back writes count too). */
  long tradesRecorded() {
    return tradesRecorded.get();
  }
}
