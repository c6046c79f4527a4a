/**
 * The exchange abstraction: {@link io.ottertrend.exchange.Exchange} and the one sealed
 * {@link io.ottertrend.exchange.ExchangeException} hierarchy that the order manager, the risk engine and the
 * brain's tools switch on.
 *
 * <p><b>API and SPI.</b> Implementations (MEXC, paper) live in sub-packages and are chosen by
 * {@code EXCHANGE_ID} through the {@link io.ottertrend.registry.Registry}. The interface deliberately has no
 * withdraw, transfer or deposit method: no code path in OtterTrend can move funds off the exchange.
 */
package io.ottertrend.exchange;
