/**
 * The resilient HTTP layer of every exchange client: {@link io.ottertrend.net.HttpStack} (okhttp + failsafe;
 * composition order documented there), the request and response values, the failure classification
 * {@link io.ottertrend.net.HttpStackException} (not sent / maybe sent / server error / 429 / 418), metrics
 * records and the log {@link io.ottertrend.net.Redactor}. API; the limiter and base-URL bookkeeping are
 * package-private.
 */
package io.ottertrend.net;
