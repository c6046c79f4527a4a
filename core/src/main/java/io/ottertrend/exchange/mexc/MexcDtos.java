package io.ottertrend.exchange.mexc;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * MEXC spot v3 response shapes, parsed leniently from {@link JsonValue}: numbers may come as JSON numbers or
 * strings, empty strings and nulls read as missing, wrapped {@code {"code","data","msg"}} answers are unwrapped.
 * Only the fields OtterTrend uses are kept. The records are the native layer; {@link MexcAdapters} turns them into
 * {@code io.ottertrend.model} records. Stateless and thread-safe.
 */
public final class MexcDtos {
  private MexcDtos() {}

  /** One {@code exchangeInfo} symbol. */
  public record SymbolDto(
      String symbol, String status, String baseAsset, String quoteAsset, int baseAssetPrecision,
      int quotePrecision, List<String> orderTypes, boolean spotTradingAllowed, BigDecimal minNotional,
      BigDecimal minNotionalMarket, BigDecimal baseSizePrecision, BigDecimal maxQuoteAmount,
      BigDecimal makerCommission, BigDecimal takerCommission, String tradeSideType, long firstOpenTime) {}

  /** One 24 h ticker. */
  public record TickerDto(
      String symbol, BigDecimal lastPrice, BigDecimal bidPrice, BigDecimal askPrice, BigDecimal openPrice,
      BigDecimal highPrice, BigDecimal lowPrice, BigDecimal priceChangePercent, BigDecimal volume,
      BigDecimal quoteVolume, long closeTime) {}

  /** Best bid and ask. */
  public record BookTickerDto(
      String symbol, BigDecimal bidPrice, BigDecimal bidQty, BigDecimal askPrice, BigDecimal askQty) {}

  /** An order book snapshot; levels are {@code [price, quantity]}. */
  public record DepthDto(List<BigDecimal[]> bids, List<BigDecimal[]> asks, long timestamp) {}

  /** One 8-element kline. */
  public record KlineDto(
      long openTime, BigDecimal open, BigDecimal high, BigDecimal low, BigDecimal close, BigDecimal volume,
      long closeTime, BigDecimal quoteVolume) {}

  /** One public trade. */
  public record TradeDto(BigDecimal price, BigDecimal qty, BigDecimal quoteQty, long time, boolean buyerMaker) {}

  /** An order as {@code GET/DELETE /api/v3/order} and {@code openOrders} report it. */
  public record OrderDto(
      String symbol, String orderId, String clientOrderId, BigDecimal price, BigDecimal origQty,
      BigDecimal origQuoteOrderQty, BigDecimal executedQty, BigDecimal cummulativeQuoteQty, String status,
      String type, String side, long time, long updateTime) {}

  /** The acknowledgement of {@code POST /api/v3/order}: no status, no fills. */
  public record AckDto(String symbol, String orderId, String clientOrderId, long transactTime) {}

  /** One balance of {@code GET /api/v3/account}. */
  public record BalanceDto(String asset, BigDecimal free, BigDecimal locked) {}

  /** One of our fills from {@code GET /api/v3/myTrades}. */
  public record MyTradeDto(
      String symbol, String id, String orderId, String clientOrderId, BigDecimal price, BigDecimal qty,
      BigDecimal quoteQty, BigDecimal commission, String commissionAsset, long time, boolean buyer,
      boolean maker) {}

  /** An error body {@code {"code":…, "msg":…}} (or {@code "message"}). */
  public record ErrorDto(int code, String msg) {}

  // --- parsing ---------------------------------------------------------------------------------------------

  static String required(JsonValue v, String field) {
    String t = v.get(field).text();
    if (t == null) {
      throw new MalformedResponseException("field '" + field + "' is missing");
    }
    return t;
  }

  static BigDecimal requiredDecimal(JsonValue v, String field) {
    BigDecimal d = v.get(field).decimal();
    if (d == null) {
      throw new MalformedResponseException("field '" + field + "' is missing");
    }
    return d;
  }

  /**
   * Unwraps {@code {"code":0|200,"data":…}}; any other code is an error.
   *
   * @throws MalformedResponseException when {@code root} is not a wrapped success
   */
  public static JsonValue unwrap(JsonValue root) {
    if (root.isObject() && root.has("data")) {
      int code = root.get("code").intOr(0);
      if (code != 0 && code != 200) {
        throw new MalformedResponseException("wrapped response with code " + code);
      }
      return root.get("data");
    }
    return root;
  }

  /** The error in {@code root}, if it is an error body (a {@code code} that is not 0 or 200). */
  public static ErrorDto error(JsonValue root) {
    if (!root.isObject() || !root.has("code")) {
      return null;
    }
    int code;
    try {
      code = root.get("code").intOr(0);
    } catch (MalformedResponseException e) {
      return null;
    }
    if (code == 0 || code == 200 && root.has("data")) {
      return null;
    }
    String msg = root.get("msg").textOr(root.get("message").textOr(""));
    return new ErrorDto(code, msg);
  }

  /** The API-tradable symbols of {@code defaultSymbols} (wrapped, {@code code} 0 or 200). */
  public static Set<String> defaultSymbols(JsonValue root) {
    JsonValue data = unwrap(root);
    if (!data.isArray()) {
      throw new MalformedResponseException("defaultSymbols: data is not an array");
    }
    return new LinkedHashSet<>(data.strings());
  }

  /** Symbols of {@code exchangeInfo}. Entries without a symbol name are skipped. */
  public static List<SymbolDto> symbols(JsonValue root) {
    JsonValue arr = root.get("symbols");
    if (!arr.isArray()) {
      throw new MalformedResponseException("exchangeInfo: 'symbols' is not an array");
    }
    List<SymbolDto> out = new ArrayList<>();
    for (JsonValue s : arr.elements()) {
      String name = s.get("symbol").text();
      if (name == null) {
        continue;
      }
      int quotePrecision = s.get("quotePrecision").intOr(s.get("quoteAssetPrecision").intOr(8));
      out.add(new SymbolDto(name, s.get("status").textOr(""), s.get("baseAsset").textOr(""),
          s.get("quoteAsset").textOr(""), s.get("baseAssetPrecision").intOr(8), quotePrecision,
          s.get("orderTypes").strings(), s.get("isSpotTradingAllowed").boolOr(false),
          s.get("quoteAmountPrecision").decimal(), s.get("quoteAmountPrecisionMarket").decimal(),
          s.get("baseSizePrecision").decimal(), s.get("maxQuoteAmount").decimal(),
          s.get("makerCommission").decimal(), s.get("takerCommission").decimal(),
          s.get("tradeSideType").textOr("1"), s.get("firstOpenTime").longOr(0)));
    }
    return out;
  }

  /** One ticker object. */
  public static TickerDto ticker(JsonValue t) {
    return new TickerDto(required(t, "symbol"), t.get("lastPrice").decimal(), t.get("bidPrice").decimal(),
        t.get("askPrice").decimal(), t.get("openPrice").decimal(), t.get("highPrice").decimal(),
        t.get("lowPrice").decimal(), t.get("priceChangePercent").decimal(), t.get("volume").decimal(),
        t.get("quoteVolume").decimal(), t.get("closeTime").longOr(0));
  }

  /** An array of tickers (or one object). */
  public static List<TickerDto> tickers(JsonValue root) {
    if (root.isObject()) {
      return List.of(ticker(root));
    }
    if (!root.isArray()) {
      throw new MalformedResponseException("ticker/24hr: not an array");
    }
    List<TickerDto> out = new ArrayList<>();
    for (JsonValue t : root.elements()) {
      if (t.get("symbol").text() != null) {
        out.add(ticker(t));
      }
    }
    return out;
  }

  public static BookTickerDto bookTicker(JsonValue b) {
    return new BookTickerDto(required(b, "symbol"), b.get("bidPrice").decimal(), b.get("bidQty").decimal(),
        b.get("askPrice").decimal(), b.get("askQty").decimal());
  }

  public static DepthDto depth(JsonValue root) {
    if (!root.get("bids").isArray() || !root.get("asks").isArray()) {
      throw new MalformedResponseException("depth: 'bids' or 'asks' is not an array");
    }
    return new DepthDto(levels(root.get("bids")), levels(root.get("asks")), root.get("timestamp").longOr(0));
  }

  private static List<BigDecimal[]> levels(JsonValue arr) {
    List<BigDecimal[]> out = new ArrayList<>();
    for (JsonValue l : arr.elements()) {
      BigDecimal p = l.at(0).decimal();
      BigDecimal q = l.at(1).decimal();
      if (p == null || q == null) {
        throw new MalformedResponseException("depth: level without price or quantity");
      }
      out.add(new BigDecimal[] {p, q});
    }
    return out;
  }

  /** Klines: arrays of 8 elements, times as numbers (or numeric strings). */
  public static List<KlineDto> klines(JsonValue root) {
    if (!root.isArray()) {
      throw new MalformedResponseException("klines: not an array");
    }
    List<KlineDto> out = new ArrayList<>();
    for (JsonValue k : root.elements()) {
      if (k.size() < 7) {
        throw new MalformedResponseException("kline with " + k.size() + " elements, expected 8");
      }
      out.add(new KlineDto(k.at(0).longOr(0), k.at(1).decimal(), k.at(2).decimal(), k.at(3).decimal(),
          k.at(4).decimal(), k.at(5).decimalOr(BigDecimal.ZERO), k.at(6).longOr(0),
          k.at(7).decimalOr(BigDecimal.ZERO)));
    }
    return out;
  }

  public static List<TradeDto> trades(JsonValue root) {
    List<TradeDto> out = new ArrayList<>();
    for (JsonValue t : root.elements()) {
      out.add(new TradeDto(requiredDecimal(t, "price"), requiredDecimal(t, "qty"), t.get("quoteQty").decimal(),
          t.get("time").longOr(0), t.get("isBuyerMaker").boolOr(false)));
    }
    return out;
  }

  public static OrderDto order(JsonValue o) {
    return new OrderDto(required(o, "symbol"), required(o, "orderId"), o.get("clientOrderId").text(),
        o.get("price").decimal(), o.get("origQty").decimal(), o.get("origQuoteOrderQty").decimal(),
        o.get("executedQty").decimal(), o.get("cummulativeQuoteQty").decimal(), required(o, "status"),
        required(o, "type"), required(o, "side"), o.get("time").longOr(0),
        o.get("updateTime").longOr(o.get("time").longOr(0)));
  }

  public static List<OrderDto> orders(JsonValue root) {
    if (!root.isArray()) {
      throw new MalformedResponseException("orders: not an array");
    }
    List<OrderDto> out = new ArrayList<>();
    for (JsonValue o : root.elements()) {
      out.add(order(o));
    }
    return out;
  }

  public static AckDto ack(JsonValue root) {
    return new AckDto(required(root, "symbol"), required(root, "orderId"), root.get("clientOrderId").text(),
        root.get("transactTime").longOr(0));
  }

  public static List<BalanceDto> balances(JsonValue root) {
    JsonValue arr = root.get("balances");
    if (!arr.isArray()) {
      throw new MalformedResponseException("account: 'balances' is not an array");
    }
    List<BalanceDto> out = new ArrayList<>();
    for (JsonValue b : arr.elements()) {
      out.add(new BalanceDto(required(b, "asset"), b.get("free").decimalOr(BigDecimal.ZERO),
          b.get("locked").decimalOr(BigDecimal.ZERO)));
    }
    return out;
  }

  public static List<MyTradeDto> myTrades(JsonValue root) {
    if (!root.isArray()) {
      throw new MalformedResponseException("myTrades: not an array");
    }
    List<MyTradeDto> out = new ArrayList<>();
    for (JsonValue t : root.elements()) {
      out.add(new MyTradeDto(required(t, "symbol"), required(t, "id"), t.get("orderId").text(),
          t.get("clientOrderId").text(), requiredDecimal(t, "price"), requiredDecimal(t, "qty"),
          t.get("quoteQty").decimal(), t.get("commission").decimal(), t.get("commissionAsset").text(),
          t.get("time").longOr(0), t.get("isBuyer").boolOr(false), t.get("isMaker").boolOr(false)));
    }
    return out;
  }

  /** {@code serverTime} of {@code GET /api/v3/time}. */
  public static long serverTime(JsonValue root) {
    long t = root.get("serverTime").longOr(-1);
    if (t <= 0) {
      throw new MalformedResponseException("time: 'serverTime' is missing");
    }
    return t;
  }
}
