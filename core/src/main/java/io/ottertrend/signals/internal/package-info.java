/**
 * Internal helpers of the signals packages (HTTP calls, JSON access, HTML text clean-up, the provider guard).
 * Not API: may change without notice.
 */
package io.ottertrend.signals.internal;
