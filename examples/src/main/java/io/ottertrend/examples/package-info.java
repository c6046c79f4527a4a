/**
 * Small programs that embed the OtterTrend library, each compiled and run by this module's tests.
 *
 * <ol>
 *   <li>{@link io.ottertrend.examples.EmbedAgentExample}: build the agent from the registry, add a custom risk
 *       rule, run a few cycles and read the results back from {@code Memory}.</li>
 *   <li>{@link io.ottertrend.examples.CustomToolAndTrendsExample}: register a tool the LLM can call and a custom
 *       {@code TrendsProvider}.</li>
 *   <li>{@link io.ottertrend.examples.SwapComponentsExample}: run the agent on a different {@code Exchange} and
 *       a different {@code Memory}.</li>
 *   <li>{@link io.ottertrend.examples.ParameterSweepExample}: a parameter sweep from Java (and
 *       {@code examples/scripts/sweep.sh} for the shell).</li>
 * </ol>
 *
 * <p>Everything here runs offline: the synthetic market, the paper exchange, the rules brain and a simulated
 * clock, so a run of dozens of cycles takes well under a second and the same seed gives the same result.
 */
package io.ottertrend.examples;
