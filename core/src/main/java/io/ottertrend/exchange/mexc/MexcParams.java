package io.ottertrend.exchange.mexc;

import io.ottertrend.model.Decimals;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;

/**
 * Ordered query parameters, encoded with {@link MexcSigner#encode(String)}. Decimals are written in plain notation
 * ({@code 0.00000123}, never {@code 1.23E-6}). Parameters are sent and signed in insertion order. Immutable
 * (every {@code with} returns a copy) and thread-safe.
 */
public final class MexcParams {
  private final List<String[]> pairs;

  private MexcParams(List<String[]> pairs) {
    this.pairs = pairs;
  }

  public static MexcParams of() {
    return new MexcParams(List.of());
  }

  /** A copy with {@code name=value} appended; a {@code null} value is skipped. */
  public MexcParams with(String name, String value) {
    if (value == null) {
      return this;
    }
    List<String[]> copy = new ArrayList<>(pairs);
    copy.add(new String[] {name, value});
    return new MexcParams(List.copyOf(copy));
  }

  /** A copy with a decimal in plain notation; {@code null} is skipped. */
  public MexcParams with(String name, BigDecimal value) {
    return value == null ? this : with(name, Decimals.plain(value));
  }

  public MexcParams with(String name, long value) {
    return with(name, Long.toString(value));
  }

  /** The encoded query string, e.g. {@code symbol=BTCUSDT&quantity=0.5}. */
  public String toQuery() {
    StringBuilder sb = new StringBuilder();
    for (String[] p : pairs) {
      if (!sb.isEmpty()) {
        sb.append('&');
      }
      sb.append(MexcSigner.encode(p[0])).append('=').append(MexcSigner.encode(p[1]));
    }
    return sb.toString();
  }

  @Override
  public String toString() {
    return toQuery();
  }
}
