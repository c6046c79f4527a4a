package io.ottertrend.exchange.paper;

import io.ottertrend.model.Order;
import io.ottertrend.model.OrderStatus;
import io.ottertrend.model.OrderType;
import io.ottertrend.model.Side;
import java.math.BigDecimal;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One paper order with the bookkeeping the exchange needs (fill count, where the next traded-range check starts).
 * Immutable; the exchange replaces it on every change.
 */
record PaperOrder(Order order, int fillCount, long checkedFrom) {

  String id() {
    return order.orderId();
  }

  /** Base quantity still to fill (resting limit orders only). */
  BigDecimal remaining() {
    return order.origQty().subtract(order.executedQty());
  }

  PaperOrder with(Order o, int fills, long checked) {
    return new PaperOrder(o, fills, checked);
  }

  Map<String, Object> toJson() {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("symbol", order.symbol());
    m.put("orderId", order.orderId());
    if (order.clientOrderId() != null) {
      m.put("clientOrderId", order.clientOrderId());
    }
    m.put("side", order.side().name());
    m.put("type", order.type().name());
    m.put("price", order.price().toPlainString());
    m.put("origQty", order.origQty().toPlainString());
    m.put("origQuoteQty", order.origQuoteQty().toPlainString());
    m.put("executedQty", order.executedQty().toPlainString());
    m.put("cummulativeQuoteQty", order.cumulativeQuoteQty().toPlainString());
    m.put("status", order.status().name());
    m.put("time", Long.toString(order.time()));
    m.put("updateTime", Long.toString(order.updateTime()));
    m.put("fillCount", Integer.toString(fillCount));
    m.put("checkedFrom", Long.toString(checkedFrom));
    return m;
  }

  static PaperOrder fromJson(Map<?, ?> m) {
    Order o = new Order(s(m, "symbol"), s(m, "orderId"), (String) m.get("clientOrderId"),
        Side.valueOf(s(m, "side")), OrderType.valueOf(s(m, "type")), d(m, "price"), d(m, "origQty"),
        d(m, "origQuoteQty"), d(m, "executedQty"), d(m, "cummulativeQuoteQty"), OrderStatus.valueOf(s(m, "status")),
        Long.parseLong(s(m, "time")), Long.parseLong(s(m, "updateTime")));
    return new PaperOrder(o, Integer.parseInt(s(m, "fillCount")), Long.parseLong(s(m, "checkedFrom")));
  }

  private static String s(Map<?, ?> m, String key) {
    Object v = m.get(key);
    if (v == null) {
      throw new IllegalArgumentException("stored paper order lacks '" + key + "'");
    }
    return v.toString();
  }

  private static BigDecimal d(Map<?, ?> m, String key) {
    return new BigDecimal(s(m, key));
  }
}
