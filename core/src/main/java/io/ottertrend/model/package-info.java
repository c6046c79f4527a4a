/**
 * Domain values shared by every layer: symbols and their trading rules, market data, orders, fills,
 * balances, positions and portfolios.
 *
 * <p><b>API.</b> Every type here is an immutable record or enum and therefore thread-safe. Money and
 * quantities that cross the exchange boundary are {@link java.math.BigDecimal}; candles, which only feed
 * analytics, carry primitive {@code double}s. Constructors validate their arguments and throw
 * {@link java.lang.IllegalArgumentException} or {@link java.lang.NullPointerException} on bad input, so an
 * instance that exists is well formed.
 */
package io.ottertrend.model;
