/**
 * The restart-safe core of the autonomous agent: the order manager (the only component that sends orders),
 * fill and position accounting, and the start-up reconciliation gate.
 *
 * <p><b>API.</b> {@link io.ottertrend.agent.OrderManager}, {@link io.ottertrend.agent.Reconciler} and the
 * records they return. Helpers are package-private.
 *
 * <p><b>Existing wallets.</b> The start-up gate compares wallet balances with the positions the agent manages.
 * A user's own holdings are declared to the {@link io.ottertrend.agent.Reconciler} as ignored assets (never
 * compared: long-term holdings the agent does not trade, a fee token such as MX) or reserved amounts (held on top
 * of the agent's position in an asset it does trade); the quote currency is cash and never compared. Orders the
 * agent did not place are adopted as external: tracked, never managed or cancelled in bulk, and reported as drift
 * until they are gone or their asset is ignored.
 *
 * <p><b>Guarantees</b> (DESIGN invariants 2 and 3): every order is journalled in {@link io.ottertrend.memory.Memory}
 * before it leaves the process; an order whose outcome is unknown is resolved by querying its client order id
 * and is never re-sent; a restart resolves the journal against the exchange before anything trades. What is
 * <em>not</em> guaranteed: exactly-once delivery at the exchange when the exchange itself loses an accepted
 * order, or fills the exchange stops reporting (its trade history is the source of truth).
 */
package io.ottertrend.agent;
