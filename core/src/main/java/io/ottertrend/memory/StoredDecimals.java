package io.ottertrend.memory;

import io.ottertrend.model.Fill;
import java.math.BigDecimal;

/**
 * Gives records the decimals SQLite would hand back. {@link SqliteMemory} stores a {@link BigDecimal} as
 * {@link BigDecimal#toPlainString()} and reads it with {@code new BigDecimal(text)}: the value and a
 * non-negative scale survive, but a negative scale ({@code 1E+3}) comes back as scale 0 ({@code 1000}).
 * {@link InMemoryMemory} applies the same rule so both return equal records.
 */
final class StoredDecimals {
  private StoredDecimals() {}

  static BigDecimal of(BigDecimal value) {
    return value == null || value.scale() >= 0 ? value : value.setScale(0);
  }

  private static boolean changes(BigDecimal value) {
    return value != null && value.scale() < 0;
  }

  static JournaledOrder of(JournaledOrder o) {
    if (!changes(o.quantity()) && !changes(o.quoteQuantity()) && !changes(o.price()) && !changes(o.executedQty())
        && !changes(o.cumulativeQuote())) {
      return o;
    }
    return new JournaledOrder(o.clientOrderId(), o.runId(), o.exchange(), o.symbol(), o.side(), o.type(),
        of(o.quantity()), of(o.quoteQuantity()), of(o.price()), o.state(), o.exchangeOrderId(), of(o.executedQty()),
        of(o.cumulativeQuote()), o.purpose(), o.reason(), o.decisionId(), o.createdAt(), o.updatedAt(), o.external());
  }

  static Fill of(Fill f) {
    if (!changes(f.price()) && !changes(f.quantity()) && !changes(f.quoteQuantity()) && !changes(f.commission())) {
      return f;
    }
    return new Fill(f.symbol(), f.tradeId(), f.orderId(), f.clientOrderId(), f.side(), of(f.price()),
        of(f.quantity()), of(f.quoteQuantity()), of(f.commission()), f.commissionAsset(), f.maker(), f.time());
  }

  /** The trade as stored under {@code id}. */
  static TradeRecord of(TradeRecord t, long id) {
    return new TradeRecord(id, t.runId(), t.exchange(), t.symbol(), of(t.quantity()), of(t.entryPrice()),
        of(t.exitPrice()), t.openedAt(), t.closedAt(), of(t.pnl()), of(t.fees()), t.exitReason());
  }

  static PositionRecord of(PositionRecord p) {
    if (!changes(p.quantity()) && !changes(p.averageEntryPrice()) && !changes(p.costBasis())
        && !changes(p.stopLoss()) && !changes(p.takeProfit())) {
      return p;
    }
    return new PositionRecord(p.exchange(), p.symbol(), of(p.quantity()), of(p.averageEntryPrice()),
        of(p.costBasis()), p.openedAt(), of(p.stopLoss()), of(p.takeProfit()), p.exitDeadline(), p.dust(),
        p.updatedAt());
  }

  static EquityPoint of(EquityPoint e) {
    return changes(e.equity()) || changes(e.cash())
        ? new EquityPoint(e.runId(), e.at(), of(e.equity()), of(e.cash()))
        : e;
  }
}
