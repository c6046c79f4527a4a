/**
 * The live dashboard of {@code paper} and {@code run}: a jline3 full-screen view (header, Thoughts, Actions,
 * Portfolio) fed by {@link io.ottertrend.agent.AgentEvent}s, with keys {@code q} (quit), {@code p} (pause) and
 * {@code h} (halt).
 *
 * <p>Only {@link io.ottertrend.cli.dashboard.Dashboard} is used from outside. Events are folded into a
 * {@code DashboardState} on the agent's thread (cheap, never blocks on the terminal); a render thread takes a
 * snapshot at a bounded rate and draws it with jline's {@link org.jline.utils.Display}, so a slow or broken
 * terminal can never stall or crash trading. The layout is a pure function of a snapshot and a size, which is
 * what the tests render on an emulated screen.
 *
 * <p><b>Internal to the CLI.</b>
 */
package io.ottertrend.cli.dashboard;
