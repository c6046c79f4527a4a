package io.ottertrend.exchange.mexc;

import io.ottertrend.exchange.mexc.MexcDtos.BalanceDto;
import io.ottertrend.exchange.mexc.MexcDtos.BookTickerDto;
import io.ottertrend.exchange.mexc.MexcDtos.DepthDto;
import io.ottertrend.exchange.mexc.MexcDtos.KlineDto;
import io.ottertrend.exchange.mexc.MexcDtos.MyTradeDto;
import io.ottertrend.exchange.mexc.MexcDtos.OrderDto;
import io.ottertrend.exchange.mexc.MexcDtos.SymbolDto;
import io.ottertrend.exchange.mexc.MexcDtos.TickerDto;
import io.ottertrend.exchange.mexc.MexcDtos.TradeDto;
import io.ottertrend.model.Balance;
import io.ottertrend.model.BookLevel;
import io.ottertrend.model.BookTicker;
import io.ottertrend.model.Candle;
import io.ottertrend.model.Decimals;
import io.ottertrend.model.Fill;
import io.ottertrend.model.Order;
import io.ottertrend.model.OrderBook;
import io.ottertrend.model.OrderStatus;
import io.ottertrend.model.OrderType;
import io.ottertrend.model.PublicTrade;
import io.ottertrend.model.Side;
import io.ottertrend.model.SymbolRules;
import io.ottertrend.model.SymbolStatus;
import io.ottertrend.model.Ticker;
import io.ottertrend.model.TradeSides;
import java.math.BigDecimal;
import java.math.MathContext;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Static, side-effect-free adapters from {@link MexcDtos} to {@code io.ottertrend.model} records. Every MEXC quirk
 * is decided here: symbol status {@code "1"/"2"/"3"} or legacy {@code "ENABLED"}, {@code tradeSideType} as an int
 * or string, {@code priceChangePercent} as a fraction, precisions as decimal counts, the API-tradable whitelist
 * from {@code defaultSymbols}. Stateless and thread-safe.
 */
public final class MexcAdapters {
  private MexcAdapters() {}

  /** {@code "1"} or {@code "ENABLED"} → trading, {@code "2"} → paused, anything else → offline (fail closed). */
  public static SymbolStatus status(String s) {
    return switch (s == null ? "" : s.strip().toUpperCase(Locale.ROOT)) {
      case "1", "ENABLED", "TRADING" -> SymbolStatus.TRADING;
      case "2", "PAUSED", "PAUSE" -> SymbolStatus.PAUSED;
      default -> SymbolStatus.OFFLINE;
    };
  }

  /** {@code tradeSideType} 1 all, 2 buy-only, 3 sell-only, 4 closed (int or string); missing → both. */
  public static TradeSides sides(String s) {
    return switch (s == null ? "1" : s.strip()) {
      case "2" -> TradeSides.BUY_ONLY;
      case "3" -> TradeSides.SELL_ONLY;
      case "4" -> TradeSides.NONE;
      default -> TradeSides.BOTH;
    };
  }

  /**
   * Order types of a symbol. MEXC lists {@code LIMIT}, {@code MARKET}, {@code LIMIT_MAKER}; IOC and FOK are order
   * types it accepts wherever {@code LIMIT} is accepted, so they are added then. An empty list means all.
   */
  public static Set<OrderType> orderTypes(List<String> names) {
    if (names == null || names.isEmpty()) {
      return EnumSet.allOf(OrderType.class);
    }
    Set<OrderType> out = EnumSet.noneOf(OrderType.class);
    for (String n : names) {
      try {
        out.add(orderType(n));
      } catch (MalformedResponseException unknownType) {
        // a type OtterTrend does not use (e.g. STOP_LIMIT): ignore it
      }
    }
    if (out.contains(OrderType.LIMIT)) {
      out.add(OrderType.IMMEDIATE_OR_CANCEL);
      out.add(OrderType.FILL_OR_KILL);
    }
    return out;
  }

  /** Order type by name or by the numeric code of the push streams (1 LIMIT, 2 LIMIT_MAKER, 3 IOC, 4 FOK, 5 MARKET). */
  public static OrderType orderType(String n) {
    return switch (n == null ? "" : n.strip().toUpperCase(Locale.ROOT)) {
      case "LIMIT", "1" -> OrderType.LIMIT;
      case "LIMIT_MAKER", "2", "POST_ONLY" -> OrderType.LIMIT_MAKER;
      case "IMMEDIATE_OR_CANCEL", "3", "IOC" -> OrderType.IMMEDIATE_OR_CANCEL;
      case "FILL_OR_KILL", "4", "FOK" -> OrderType.FILL_OR_KILL;
      case "MARKET", "5" -> OrderType.MARKET;
      default -> throw new MalformedResponseException("unknown order type '" + n + "'");
    };
  }

  /** Order status by name or numeric code (1 NEW … 5 PARTIALLY_CANCELED). */
  public static OrderStatus orderStatus(String s) {
    return switch (s == null ? "" : s.strip().toUpperCase(Locale.ROOT)) {
      case "NEW", "1" -> OrderStatus.NEW;
      case "FILLED", "2" -> OrderStatus.FILLED;
      case "PARTIALLY_FILLED", "3" -> OrderStatus.PARTIALLY_FILLED;
      case "CANCELED", "CANCELLED", "4" -> OrderStatus.CANCELED;
      case "PARTIALLY_CANCELED", "PARTIALLY_CANCELLED", "5" -> OrderStatus.PARTIALLY_CANCELED;
      case "REJECTED" -> OrderStatus.REJECTED;
      case "EXPIRED" -> OrderStatus.EXPIRED;
      default -> throw new MalformedResponseException("unknown order status '" + s + "'");
    };
  }

  public static Side side(String s) {
    return switch (s == null ? "" : s.strip().toUpperCase(Locale.ROOT)) {
      case "BUY", "1" -> Side.BUY;
      case "SELL", "2" -> Side.SELL;
      default -> throw new MalformedResponseException("unknown side '" + s + "'");
    };
  }

  /**
   * Trading rules: tick = 10^-quotePrecision, step = 10^-baseAssetPrecision, minimum quantity from
   * {@code baseSizePrecision}, minimum notional from {@code quoteAmountPrecision} (a minimum order value despite its
   * name), maximum from {@code maxQuoteAmount}, API-tradable when listed in {@code defaultSymbols}.
   */
  public static SymbolRules symbolRules(SymbolDto d, Set<String> apiTradable) {
    BigDecimal minQty = d.baseSizePrecision() != null && d.baseSizePrecision().signum() > 0 ? d.baseSizePrecision()
        : BigDecimal.ZERO;
    BigDecimal maxNotional = d.maxQuoteAmount() != null && d.maxQuoteAmount().signum() > 0 ? d.maxQuoteAmount() : null;
    return new SymbolRules(d.symbol(), d.baseAsset(), d.quoteAsset(), status(d.status()),
        Decimals.incrementForDecimals(Math.max(0, d.quotePrecision())),
        Decimals.incrementForDecimals(Math.max(0, d.baseAssetPrecision())), minQty,
        d.minNotional() == null ? BigDecimal.ZERO : d.minNotional(), maxNotional, apiTradable.contains(d.symbol()),
        orderTypes(d.orderTypes()), sides(d.tradeSideType()), d.makerCommission(), d.takerCommission(),
        d.firstOpenTime());
  }

  /**
   * A ticker; {@code priceChangePercent} is a fraction on MEXC ({@code "0.0173"} = +1.73 %). When it is missing
   * the change is derived from open and last, else {@code 0}. Returns {@code null} when there is no last price.
   */
  public static Ticker ticker(TickerDto t) {
    if (t.lastPrice() == null) {
      return null;
    }
    double change;
    if (t.priceChangePercent() != null) {
      change = t.priceChangePercent().doubleValue();
    } else if (t.openPrice() != null && t.openPrice().signum() > 0) {
      change = t.lastPrice().subtract(t.openPrice()).divide(t.openPrice(), MathContext.DECIMAL64).doubleValue();
    } else {
      change = 0;
    }
    return new Ticker(t.symbol(), t.lastPrice(), positiveOrNull(t.bidPrice()), positiveOrNull(t.askPrice()),
        t.openPrice(), t.highPrice(), t.lowPrice(), change, t.volume(), t.quoteVolume(), t.closeTime());
  }

  private static BigDecimal positiveOrNull(BigDecimal d) {
    return d != null && d.signum() > 0 ? d : null;
  }

  public static BookTicker bookTicker(BookTickerDto b) {
    return new BookTicker(b.symbol(), positiveOrNull(b.bidPrice()), b.bidQty(), positiveOrNull(b.askPrice()),
        b.askQty());
  }

  public static OrderBook orderBook(String symbol, DepthDto d) {
    return new OrderBook(symbol, levels(d.bids()), levels(d.asks()), d.timestamp());
  }

  private static List<BookLevel> levels(List<BigDecimal[]> in) {
    List<BookLevel> out = new ArrayList<>(in.size());
    for (BigDecimal[] l : in) {
      out.add(new BookLevel(l[0], l[1]));
    }
    return out;
  }

  public static Candle candle(KlineDto k) {
    return new Candle(k.openTime(), k.open().doubleValue(), k.high().doubleValue(), k.low().doubleValue(),
        k.close().doubleValue(), k.volume().doubleValue(), k.closeTime(), k.quoteVolume().doubleValue());
  }

  public static PublicTrade publicTrade(String symbol, TradeDto t) {
    BigDecimal quote = t.quoteQty() != null ? t.quoteQty() : t.price().multiply(t.qty());
    return new PublicTrade(symbol, t.price(), t.qty(), quote, t.time(), t.buyerMaker());
  }

  public static Order order(OrderDto o) {
    return new Order(o.symbol(), o.orderId(), o.clientOrderId(), side(o.side()), orderType(o.type()), o.price(),
        o.origQty(), o.origQuoteOrderQty(), o.executedQty(), o.cummulativeQuoteQty(), orderStatus(o.status()),
        o.time(), o.updateTime());
  }

  /** Non-zero balances only. */
  public static List<Balance> balances(List<BalanceDto> in) {
    List<Balance> out = new ArrayList<>();
    for (BalanceDto b : in) {
      if (b.free().signum() != 0 || b.locked().signum() != 0) {
        out.add(new Balance(b.asset(), b.free(), b.locked()));
      }
    }
    return out;
  }

  public static Fill fill(MyTradeDto t) {
    return new Fill(t.symbol(), t.id(), t.orderId(), t.clientOrderId(), t.buyer() ? Side.BUY : Side.SELL, t.price(),
        t.qty(), t.quoteQty(), t.commission(), t.commissionAsset(), t.maker(), t.time());
  }
}
