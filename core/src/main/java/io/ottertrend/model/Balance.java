package io.ottertrend.model;

import java.math.BigDecimal;
import java.util.Objects;

/** Wallet balance of one asset: {@code free} can be spent, {@code locked} is held by open orders. */
public record Balance(String asset, BigDecimal free, BigDecimal locked) {
  public Balance {
    Objects.requireNonNull(asset, "asset");
    free = free == null ? BigDecimal.ZERO : free;
    locked = locked == null ? BigDecimal.ZERO : locked;
  }

  public BigDecimal total() {
    return free.add(locked);
  }
}
