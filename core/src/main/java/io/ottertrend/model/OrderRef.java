package io.ottertrend.model;

/**
 * Names an order by the exchange's id or by our client order id (exactly one is set).
 *
 * @param orderId the exchange's opaque order id, or {@code null}
 * @param clientOrderId our client order id, or {@code null}
 */
public record OrderRef(String orderId, String clientOrderId) {
  public OrderRef {
    if ((orderId == null) == (clientOrderId == null)) {
      throw new IllegalArgumentException("set exactly one of orderId and clientOrderId");
    }
  }

  public static OrderRef exchangeId(String orderId) {
    return new OrderRef(orderId, null);
  }

  public static OrderRef clientId(String clientOrderId) {
    return new OrderRef(null, clientOrderId);
  }

  @Override
  public String toString() {
    return orderId != null ? "orderId=" + orderId : "clientOrderId=" + clientOrderId;
  }
}
