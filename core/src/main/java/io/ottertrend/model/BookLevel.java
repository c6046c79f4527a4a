package io.ottertrend.model;

import java.math.BigDecimal;
import java.util.Objects;

/** One price level of an order book. */
public record BookLevel(BigDecimal price, BigDecimal quantity) {
  public BookLevel {
    Objects.requireNonNull(price, "price");
    Objects.requireNonNull(quantity, "quantity");
  }

  public static BookLevel of(String price, String quantity) {
    return new BookLevel(new BigDecimal(price), new BigDecimal(quantity));
  }
}
