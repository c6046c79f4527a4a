package io.ottertrend.exchange.paper;

import io.ottertrend.model.Order;
import io.ottertrend.model.OrderStatus;
import io.ottertrend.model.OrderType;
import io.ottertrend.model.Side;
import java.math.BigDecimal;
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

  /** The stored form, read back by {@link #fromJson}: every value a string, in a fixed field order. */
  String json() {
    JsonText out = new JsonText(400).open();
    out.member("symbol", order.symbol());
    out.member("orderId", order.orderId());
    if (order.clientOrderId() != null) {
      out.member("clientOrderId", order.clientOrderId());
    }
    out.member("side", order.side().name());
    out.member("type", order.type().name());
    out.member("price", order.price().toPlainString());
    out.member("origQty", order.origQty().toPlainString());
    out.member("origQuoteQty", order.origQuoteQty().toPlainString());
    out.member("executedQty", order.executedQty().toPlainString());
    out.member("cummulativeQuoteQty", order.cumulativeQuoteQty().toPlainString());
    out.member("status", order.status().name());
    out.member("time", Long.toString(order.time()));
    out.member("updateTime", Long.toString(order.updateTime()));
    out.member("fillCount", Integer.toString(fillCount));
    out.member("checkedFrom", Long.toString(checkedFrom));
    return out.close().toString();
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
