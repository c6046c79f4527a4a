/**
 * Time as the agent sees it. Nothing in the loop, the risk engine or the exchanges reads the wall clock
 * directly: it asks a {@link io.ottertrend.time.Clock}, so that paper runs can be accelerated and backtests
 * replay history deterministically.
 *
 * <p><b>API.</b> Thread-safe implementations only.
 */
package io.ottertrend.time;
