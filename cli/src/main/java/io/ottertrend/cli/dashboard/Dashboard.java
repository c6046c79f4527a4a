package io.ottertrend.cli.dashboard;

import io.ottertrend.agent.AgentListener;
import java.io.IOException;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import java.util.function.BooleanSupplier;
import java.util.function.LongSupplier;
import org.jline.terminal.Terminal;
import org.jline.terminal.TerminalBuilder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The live dashboard of {@code paper} and {@code run}: the only class of this package used from outside.
 *
 * <pre>{@code
 * Optional<Dashboard> d = Dashboard.openSystem(info, controls);   // empty: fall back to plain lines
 * listener = d.get().listener();                                  // feed it the agent's events
 * d.get().start();  ... agent.run(...) ...
 * d.get().awaitDismiss(() -> interrupted);  d.get().close();
 * }</pre>
 *
 * <p>Thread-safety: {@link #listener()} may be called from any thread and never blocks on the terminal;
 * {@link #start()}, {@link #awaitDismiss(BooleanSupplier)} and {@link #close()} belong to the thread that runs the
 * agent.
 */
public final class Dashboard implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(Dashboard.class);

  static {
    // jline draws box characters through the VT100 line-drawing set when terminfo declares one; under tmux that
    // came out as "qqqq" and "x". Every UTF-8 terminal draws the Unicode box characters directly, so use them.
    if (System.getProperty("org.jline.utils.disableAlternateCharset") == null) {
      System.setProperty("org.jline.utils.disableAlternateCharset", "true");
    }
  }

  /**
   * What the header shows.
   *
   * @param live real orders (the badge turns red)
   * @param market where prices come from
   * @param brain who decides
   * @param cycleWait real time between cycles, for the countdown ({@link Duration#ZERO} when cycles do not wait)
   */
  public record Info(boolean live, String market, String brain, Duration cycleWait) {
    public Info {
      Objects.requireNonNull(market, "market");
      Objects.requireNonNull(brain, "brain");
      cycleWait = cycleWait == null || cycleWait.isNegative() ? Duration.ZERO : cycleWait;
    }
  }

  /** What the keys do. Implementations must be thread-safe: they are called from the key thread. */
  public interface Controls {
    /** {@code q}: stop after the current step. */
    void quit();

    /** Ctrl-C while the dashboard owns the terminal: stop after the current step, exit as interrupted. */
    void interrupt();

    /** {@code p}: pause ({@code true}) or resume new decisions. */
    void pause(boolean paused);

    /** {@code h}: throw the kill switch (no new entries from the next step on). */
    void halt(String reason);
  }

  private final Terminal terminal;
  private final boolean ownsTerminal;
  private final DashboardState state;
  private final DashboardView view;
  private final Controls controls;
  private final java.util.concurrent.atomic.AtomicBoolean terminalClosed = new java.util.concurrent.atomic.AtomicBoolean();

  Dashboard(Terminal terminal, boolean ownsTerminal, Info info, Controls controls, LongSupplier wallClock) {
    this.terminal = terminal;
    this.ownsTerminal = ownsTerminal;
    this.controls = controls;
    this.state = new DashboardState(new DashboardSnapshot.Header(info.live(), info.market(), info.brain(),
        info.cycleWait()), wallClock);
    this.view = new DashboardView(terminal, state, wallClock);
    view.keys(new KeyHandler(state, controls, view::requestFrame));
  }

  /**
   * A dashboard on the process's terminal, or empty when there is no usable one (dumb terminal, too small,
   * or jline cannot open it): the caller then prints plain lines.
   */
  public static Optional<Dashboard> openSystem(Info info, Controls controls) {
    Terminal terminal = null;
    try {
      // Our own INT handler (Ctrl-C = graceful stop); jline's default would reinstate the OS default handler
      // and kill the JVM without running shutdown hooks.
      terminal = TerminalBuilder.builder().system(true).dumb(true).nativeSignals(true)
          .signalHandler(Terminal.SignalHandler.SIG_IGN).build();
      String type = terminal.getType();
      if (type == null || type.startsWith(Terminal.TYPE_DUMB) || terminal.getWidth() < 20 || terminal.getHeight() < 5) {
        terminal.close();
        return Optional.empty();
      }
      return Optional.of(new Dashboard(terminal, true, info, controls, System::currentTimeMillis));
    } catch (IOException | RuntimeException e) {
      LOG.info("no dashboard, plain lines instead: {}", e.toString());
      if (terminal != null) {
        try {
          terminal.close();
        } catch (IOException ignored) {
          // nothing more to release
        }
      }
      return Optional.empty();
    }
  }

  /** The listener to give the agent: folds events into the state; cheap, never throws. */
  public AgentListener listener() {
    return event -> {
      try {
        state.apply(event);
      } catch (RuntimeException e) {
        LOG.warn("dashboard could not fold {}: {}", event.getClass().getSimpleName(), e.toString());
      }
    };
  }

  /** Shows a halt that was already in force when the run started. */
  public void halted(String reason) {
    state.halted(reason);
  }

  /** Takes over the terminal: alternate screen, raw keys, render and key threads. */
  public void start() {
    view.start(controls::interrupt);
  }

  /**
   * Marks the run finished and waits until a key is pressed or {@code abort} turns true (a signal arrived).
   * Returns at once when no key can come.
   */
  public void awaitDismiss(BooleanSupplier abort) throws InterruptedException {
    view.awaitDismiss(abort);
  }

  /** Gives the terminal back (and closes it when this dashboard opened it). Idempotent. */
  @Override
  public void close() {
    close(null);
  }

  /**
   * Like {@link #close()}, then prints {@code farewell} on the normal screen (through the terminal, because closing
   * the system terminal can take standard output with it).
   */
  public void close(String farewell) {
    view.close(farewell);
    if (ownsTerminal && !terminalClosed.getAndSet(true)) {
      try {
        terminal.close();
      } catch (IOException e) {
        LOG.debug("terminal close: {}", e.toString());
      }
    }
  }

  /**
   * Leaves the full screen now and prints {@code farewell}, without waiting for the threads: for a shutdown hook
   * (SIGTERM), which races jline's own hook that closes the terminal. {@link #close(String)} still follows.
   */
  public void leaveScreen(String farewell) {
    view.restore(farewell);
  }

  /** For tests and the runner: the state (package-private). */
  DashboardState state() {
    return state;
  }

  DashboardView view() {
    return view;
  }
}
