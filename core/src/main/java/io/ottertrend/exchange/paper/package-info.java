/**
 * The paper exchange (API: {@link io.ottertrend.exchange.paper.PaperExchange}; everything else internal): a
 * simulated wallet that behaves like MEXC — same validations, same error types, acknowledgement then query —
 * filling against a {@link io.ottertrend.market.MarketSource} and persisting wallet, orders and fills in
 * {@link io.ottertrend.memory.Memory} so that a restarted paper run continues where it stopped.
 */
package io.ottertrend.exchange.paper;
