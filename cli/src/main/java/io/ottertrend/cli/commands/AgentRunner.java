package io.ottertrend.cli.commands;

import io.ottertrend.OtterTrend;
import io.ottertrend.agent.Agent;
import io.ottertrend.agent.AgentEvent;
import io.ottertrend.agent.AgentEvents;
import io.ottertrend.agent.AgentListener;
import io.ottertrend.agent.AgentRefusedException;
import io.ottertrend.cli.ExitCodes;
import io.ottertrend.cli.RefusedException;
import io.ottertrend.cli.dashboard.Dashboard;
import io.ottertrend.config.Settings;
import io.ottertrend.registry.Registry;
import io.ottertrend.risk.KillSwitch;
import io.ottertrend.time.Clock;
import io.ottertrend.time.SimulatedClock;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;

/**
 * Runs the agent for {@code paper} and {@code run}: builds it from the registry, shows events as plain lines,
 * JSON or the full-screen dashboard, and stops gracefully on SIGINT/SIGTERM (the current step finishes and is
 * persisted; exit 130). In the dashboard, {@code q} stops the same way (exit 0) and Ctrl-C counts as SIGINT.
 */
final class AgentRunner {
  private AgentRunner() {}

  /** Output styles. */
  enum Output {
    PLAIN,
    JSON,
    /** The full-screen dashboard; plain lines when the terminal cannot show it. */
    DASHBOARD
  }

  /** JSON when asked, plain lines when the output is not an interactive terminal, else the dashboard. */
  static Output output(boolean jsonEvents, boolean plain) {
    return jsonEvents ? Output.JSON : plain ? Output.PLAIN : Output.DASHBOARD;
  }

  static int run(Settings settings, OtterTrend.Options options, Output output, PrintWriter out, long cycles,
      Duration interval, Consumer<Registry> customise) throws InterruptedException {
    return run(settings, options, output, out, cycles, interval, 0, customise);
  }

  /**
   * @param speed simulated seconds per real second for a simulated clock (0: as fast as possible, except in the
   *     dashboard, which shows one cycle per second)
   */
  static int run(Settings settings, OtterTrend.Options options, Output output, PrintWriter out, long cycles,
      Duration interval, double speed, Consumer<Registry> customise) throws InterruptedException {
    AgentListener lines = switch (output) {
      case JSON -> e -> out.println(AgentEvents.toJson(e));
      case PLAIN, DASHBOARD -> e -> {
        if (!(e instanceof AgentEvent.Thinking)) {
          out.println(AgentEvents.toLine(e));
        }
      };
    };
    // The dashboard (if any) is opened once the registry tells us about the clock; until then events go nowhere.
    AtomicReference<AgentListener> target = new AtomicReference<>(output == Output.DASHBOARD ? AgentListener.none() : lines);
    AgentListener listener = e -> target.get().on(e);
    AtomicBoolean interrupted = new AtomicBoolean();
    CountDownLatch stopRequested = new CountDownLatch(1);
    CountDownLatch finished = new CountDownLatch(1);
    AtomicReference<Agent> agentRef = new AtomicReference<>();
    Runnable stop = () -> {
      stopRequested.countDown();
      Agent a = agentRef.get();
      if (a != null) {
        a.requestStop();
      }
    };
    try (Registry registry = OtterTrend.registry(settings, options.withListener(listener))) {
      Clock clock = registry.get(Clock.class);
      boolean simulated = clock instanceof SimulatedClock;
      Dashboard dashboard = null;
      double pace = speed;
      if (output == Output.DASHBOARD) {
        if (pace <= 0 && simulated) {
          pace = Math.max(1.0, interval.toMillis() / 1000.0); // one cycle per real second: watchable
        }
        Duration wait = simulated ? Duration.ofMillis((long) (interval.toMillis() / pace)) : interval;
        dashboard = Dashboard.openSystem(new Dashboard.Info(options.mode().equals("live"), options.market(),
            options.brain(), wait), new AgentControls(agentRef, registry, stop, interrupted)).orElse(null);
        if (dashboard == null) {
          target.set(lines);
          pace = speed;
        }
      }
      if (dashboard != null || (simulated && pace > 0)) {
        registry.bindInstance(Clock.class, new PacedClock(clock, simulated, pace, stopRequested));
      }
      try {
        return runAgent(registry, dashboard, target, cycles, interval, customise, out, interrupted, stop, agentRef,
            finished);
      } finally {
        if (dashboard != null) {
          dashboard.close();
        }
        finished.countDown();
      }
    }
  }

  private static int runAgent(Registry registry, Dashboard dashboard, AtomicReference<AgentListener> target,
      long cycles, Duration interval, Consumer<Registry> customise, PrintWriter out, AtomicBoolean interrupted,
      Runnable stop, AtomicReference<Agent> agentRef, CountDownLatch finished) throws InterruptedException {
    customise.accept(registry);
    Agent agent = OtterTrend.agent(registry);
    agentRef.set(agent);
    Thread hook = new Thread(() -> {
      interrupted.set(true);
      stop.run();
      if (dashboard != null) {
        dashboard.leaveScreen("OtterTrend: signal received, finishing the current step…");
      }
      try {
        finished.await(30, TimeUnit.SECONDS); // let the current step finish and persist
      } catch (InterruptedException ignored) {
        Thread.currentThread().interrupt();
      }
    }, "ottertrend-shutdown");
    Runtime.getRuntime().addShutdownHook(hook);
    String status = "FAILED";
    long done = 0;
    try {
      if (dashboard != null) {
        KillSwitch.HaltStatus halt = registry.get(KillSwitch.class).status();
        if (halt.halted()) {
          dashboard.halted(halt.reason());
        }
        target.set(dashboard.listener());
        dashboard.start();
      }
      agent.start();
      done = agent.run(cycles, interval, () -> false);
      status = interrupted.get() ? "INTERRUPTED" : cycles > 0 && done >= cycles ? "COMPLETED" : "STOPPED";
      if (dashboard != null && status.equals("COMPLETED")) {
        dashboard.awaitDismiss(interrupted::get); // let the human read the final state
      }
    } catch (AgentRefusedException e) {
      status = "REFUSED";
      throw new RefusedException(e.getMessage());
    } finally {
      if (dashboard != null) {
        // Give the terminal back before anything else is printed, and say how the run ended.
        dashboard.close("OtterTrend " + status.toLowerCase(java.util.Locale.ROOT) + " after " + done + " cycle"
            + (done == 1 ? "" : "s") + "; `ottertrend status` shows the details.");
      }
      agent.finish(status);
      try {
        Runtime.getRuntime().removeShutdownHook(hook);
      } catch (IllegalStateException shuttingDown) {
        // the JVM is already exiting because of a signal; the hook is running
      }
    }
    out.flush();
    return interrupted.get() ? ExitCodes.INTERRUPTED : ExitCodes.OK;
  }

  /** The dashboard's keys, acting on the agent and the kill switch. Thread-safe. */
  private record AgentControls(AtomicReference<Agent> agent, Registry registry, Runnable stop,
      AtomicBoolean interrupted) implements Dashboard.Controls {
    @Override
    public void quit() {
      stop.run();
    }

    @Override
    public void interrupt() {
      interrupted.set(true);
      stop.run();
    }

    @Override
    public void pause(boolean paused) {
      Agent a = agent.get();
      if (a != null) {
        a.setPaused(paused);
      }
    }

    @Override
    public void halt(String reason) {
      registry.get(KillSwitch.class).halt(reason);
    }
  }
}
