/**
 * MEXC spot v3 REST client: {@link io.ottertrend.exchange.mexc.MexcExchange} (API) over a native layer
 * ({@link io.ottertrend.exchange.mexc.MexcRestClient}, {@link io.ottertrend.exchange.mexc.MexcSigner},
 * {@link io.ottertrend.exchange.mexc.MexcParams}, {@link io.ottertrend.exchange.mexc.JsonValue},
 * {@link io.ottertrend.exchange.mexc.MexcDtos}), static adapters to model records
 * ({@link io.ottertrend.exchange.mexc.MexcAdapters}) and the error-code map
 * ({@link io.ottertrend.exchange.mexc.MexcErrors}). Wire facts follow the protocol reference §1 literally.
 *
 * <p>There is no withdraw, transfer or deposit endpoint here, by design; a test scans the code for them.
 */
package io.ottertrend.exchange.mexc;
