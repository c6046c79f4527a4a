/**
 * The risk engine: a chain of {@link io.ottertrend.risk.RiskRule}s that every order passes through, whatever
 * proposed it, plus the kill switch and the pre-live checklist.
 *
 * <p><b>API and SPI.</b> {@link io.ottertrend.risk.RiskEngine} is the entry point (evaluate for real, or check as
 * a dry run that records nothing); {@link io.ottertrend.risk.RiskRule} is the SPI for extra rules;
 * {@link io.ottertrend.risk.RiskContext}, {@link io.ottertrend.risk.OrderProposal},
 * {@link io.ottertrend.risk.RiskVerdict}, {@link io.ottertrend.risk.RiskDecision},
 * {@link io.ottertrend.risk.RiskLimits} and {@link io.ottertrend.risk.RiskCounters} are immutable values.
 * {@link io.ottertrend.risk.KillSwitch} halts new entries from the database or a flag file;
 * {@link io.ottertrend.risk.PreLiveValidator} runs the checks a live run needs.
 *
 * <p>Invariant: no order the engine approves exceeds a limit, and any error while checking rejects.
 */
package io.ottertrend.risk;
