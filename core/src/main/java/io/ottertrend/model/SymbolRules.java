package io.ottertrend.model;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Objects;
import java.util.Set;

/**
 * Trading rules of one spot pair, as the exchange publishes them. Pre-trade rounding lives here so that
 * the paper exchange, the MEXC client and the risk engine round the same way.
 *
 * @param symbol exchange symbol, upper case, e.g. {@code BTCUSDT}
 * @param baseAsset asset bought or sold, e.g. {@code BTC}
 * @param quoteAsset asset paid with, e.g. {@code USDT}
 * @param status whether the pair trades at all
 * @param tickSize price increment ({@code > 0})
 * @param stepSize quantity increment ({@code > 0})
 * @param minQuantity smallest base quantity accepted ({@code >= 0})
 * @param minNotional smallest order value in quote currency, checked after rounding ({@code >= 0})
 * @param maxNotional largest order value in quote currency, or {@code null} when unlimited
 * @param apiTradable whether orders may be placed through the API (MEXC {@code defaultSymbols})
 * @param orderTypes order types the pair accepts
 * @param sides which sides the pair accepts
 * @param makerFee maker fee as a fraction ({@code 0} on MEXC)
 * @param takerFee taker fee as a fraction ({@code 0.0005} on MEXC)
 * @param listedAtMillis first open time in epoch milliseconds when known, else {@code 0}
 */
public record SymbolRules(
    String symbol,
    String baseAsset,
    String quoteAsset,
    SymbolStatus status,
    BigDecimal tickSize,
    BigDecimal stepSize,
    BigDecimal minQuantity,
    BigDecimal minNotional,
    BigDecimal maxNotional,
    boolean apiTradable,
    Set<OrderType> orderTypes,
    TradeSides sides,
    BigDecimal makerFee,
    BigDecimal takerFee,
    long listedAtMillis) {

  public SymbolRules {
    Objects.requireNonNull(symbol, "symbol");
    Objects.requireNonNull(baseAsset, "baseAsset");
    Objects.requireNonNull(quoteAsset, "quoteAsset");
    Objects.requireNonNull(status, "status");
    Objects.requireNonNull(sides, "sides");
    if (!Decimals.isPositive(tickSize)) {
      throw new IllegalArgumentException("tickSize must be > 0 for " + symbol + ": " + tickSize);
    }
    if (!Decimals.isPositive(stepSize)) {
      throw new IllegalArgumentException("stepSize must be > 0 for " + symbol + ": " + stepSize);
    }
    minQuantity = minQuantity == null ? BigDecimal.ZERO : minQuantity;
    minNotional = minNotional == null ? BigDecimal.ZERO : minNotional;
    makerFee = makerFee == null ? BigDecimal.ZERO : makerFee;
    takerFee = takerFee == null ? BigDecimal.ZERO : takerFee;
    orderTypes = orderTypes == null ? Set.of(OrderType.values()) : Set.copyOf(orderTypes);
  }

  /** True when the pair is online, API-tradable and accepts {@code side}. */
  public boolean canTrade(Side side) {
    return status == SymbolStatus.TRADING && apiTradable && sides.allows(side);
  }

  /**
   * Rounds a limit price to the tick in the conservative direction for the side: a BUY never pays more than
   * asked (round down), a SELL never sells for less (round up).
   */
  public BigDecimal roundPrice(BigDecimal price, Side side) {
    return side == Side.BUY ? Decimals.floorToStep(price, tickSize) : Decimals.ceilToStep(price, tickSize);
  }

  /** Truncates a quantity to the step (never rounds up: rounding up can exceed the balance). */
  public BigDecimal truncateQuantity(BigDecimal quantity) {
    return Decimals.floorToStep(quantity, stepSize);
  }

  /** Number of decimals of the tick (the price precision). */
  public int priceDecimals() {
    return Math.max(tickSize.stripTrailingZeros().scale(), 0);
  }

  /** Number of decimals of the step (the quantity precision). */
  public int quantityDecimals() {
    return Math.max(stepSize.stripTrailingZeros().scale(), 0);
  }

  /** Quote value of {@code quantity} at {@code price}, at the quote's natural scale. */
  public BigDecimal notional(BigDecimal quantity, BigDecimal price) {
    return quantity.multiply(price).setScale(priceDecimals() + quantityDecimals(), RoundingMode.HALF_EVEN);
  }

  /** True when an order of {@code quantity} at {@code price} meets the minimum quantity and notional. */
  public boolean meetsMinimums(BigDecimal quantity, BigDecimal price) {
    return quantity.compareTo(minQuantity) >= 0
        && quantity.signum() > 0
        && quantity.multiply(price).compareTo(minNotional) >= 0;
  }

  /** Fee fraction paid by an order that adds ({@code maker}) or takes liquidity. */
  public BigDecimal fee(boolean maker) {
    return maker ? makerFee : takerFee;
  }

  /** A builder with MEXC-like defaults for tests, examples and the synthetic market. */
  public static Builder builder(String symbol, String baseAsset, String quoteAsset) {
    return new Builder(symbol, baseAsset, quoteAsset);
  }

  /** Fluent builder for {@link SymbolRules}. Not thread-safe. */
  public static final class Builder {
    private final String symbol;
    private final String baseAsset;
    private final String quoteAsset;
    private SymbolStatus status = SymbolStatus.TRADING;
    private BigDecimal tickSize = new BigDecimal("0.0001");
    private BigDecimal stepSize = new BigDecimal("0.01");
    private BigDecimal minQuantity = BigDecimal.ZERO;
    private BigDecimal minNotional = new BigDecimal("1");
    private BigDecimal maxNotional;
    private boolean apiTradable = true;
    private Set<OrderType> orderTypes = Set.of(OrderType.values());
    private TradeSides sides = TradeSides.BOTH;
    private BigDecimal makerFee = BigDecimal.ZERO;
    private BigDecimal takerFee = new BigDecimal("0.0005");
    private long listedAtMillis;

    private Builder(String symbol, String baseAsset, String quoteAsset) {
      this.symbol = symbol;
      this.baseAsset = baseAsset;
      this.quoteAsset = quoteAsset;
    }

    public Builder status(SymbolStatus v) { this.status = v; return this; }
    public Builder tickSize(String v) { this.tickSize = new BigDecimal(v); return this; }
    public Builder tickSize(BigDecimal v) { this.tickSize = v; return this; }
    public Builder stepSize(String v) { this.stepSize = new BigDecimal(v); return this; }
    public Builder stepSize(BigDecimal v) { this.stepSize = v; return this; }
    public Builder minQuantity(String v) { this.minQuantity = new BigDecimal(v); return this; }
    public Builder minNotional(String v) { this.minNotional = new BigDecimal(v); return this; }
    public Builder minNotional(BigDecimal v) { this.minNotional = v; return this; }
    public Builder maxNotional(String v) { this.maxNotional = v == null ? null : new BigDecimal(v); return this; }
    public Builder apiTradable(boolean v) { this.apiTradable = v; return this; }
    public Builder orderTypes(Set<OrderType> v) { this.orderTypes = v; return this; }
    public Builder sides(TradeSides v) { this.sides = v; return this; }
    public Builder makerFee(String v) { this.makerFee = new BigDecimal(v); return this; }
    public Builder takerFee(String v) { this.takerFee = new BigDecimal(v); return this; }
    public Builder listedAtMillis(long v) { this.listedAtMillis = v; return this; }

    public SymbolRules build() {
      return new SymbolRules(symbol, baseAsset, quoteAsset, status, tickSize, stepSize, minQuantity,
          minNotional, maxNotional, apiTradable, orderTypes, sides, makerFee, takerFee, listedAtMillis);
    }
  }
}
