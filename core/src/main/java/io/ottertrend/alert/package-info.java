/**
 * Alerts to humans: halts, bans, repeated rejects, reconciliation drift, errors.
 *
 * <p><b>API and SPI.</b> {@link io.ottertrend.alert.Alerts} is the dispatcher the agent calls (rate-limited per
 * kind, asynchronous, never throws, scrubs secrets); {@link io.ottertrend.alert.AlertSink} is the SPI for a
 * destination. Shipped sinks (log, console, JSON webhook, Telegram, Discord) are created through
 * {@link io.ottertrend.alert.AlertSinks}.
 */
package io.ottertrend.alert;
