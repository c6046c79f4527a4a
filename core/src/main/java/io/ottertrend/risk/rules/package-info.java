/**
 * The rules OtterTrend ships, in the order {@link io.ottertrend.risk.rules.Rules#standard()} documents. Every
 * limit is a setting; none can be switched off.
 *
 * <p><b>API:</b> {@link io.ottertrend.risk.rules.Rules} (the standard chain and the rule names). The rule classes
 * are package-private implementations of the {@link io.ottertrend.risk.RiskRule} SPI: stateless, pure and
 * thread-safe.
 */
package io.ottertrend.risk.rules;
