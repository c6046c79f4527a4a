/**
 * The deterministic rules brain: the offline default, the backtest default and the fallback when the LLM
 * fails. API: {@link io.ottertrend.brain.rules.RulesBrain} with {@link io.ottertrend.brain.rules.RulesConfig}.
 */
package io.ottertrend.brain.rules;
