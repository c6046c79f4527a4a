package io.ottertrend.cli.commands;

import io.ottertrend.OtterTrend;
import io.ottertrend.agent.Agent;
import io.ottertrend.agent.AgentEvent;
import io.ottertrend.agent.AgentEvents;
import io.ottertrend.agent.AgentListener;
import io.ottertrend.agent.AgentRefusedException;
import io.ottertrend.cli.ExitCodes;
import io.ottertrend.cli.RefusedException;
import io.ottertrend.config.Settings;
import io.ottertrend.registry.Registry;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;

/**
 * Runs the agent for {@code paper} and {@code run}: builds it from the registry, prints events as plain lines
 * or JSON, and stops gracefully on SIGINT/SIGTERM (the current step finishes and is persisted; exit 130).
 */
final class AgentRunner {
  private AgentRunner() {}

  /** Output styles. */
  enum Output {
    PLAIN,
    JSON
  }

  static int run(Settings settings, OtterTrend.Options options, Output output, PrintWriter out, long cycles,
      Duration interval, Consumer<Registry> customise) throws InterruptedException {
    AgentListener listener = switch (output) {
      case JSON -> e -> out.println(AgentEvents.toJson(e));
      case PLAIN -> e -> {
        if (!(e instanceof AgentEvent.Thinking)) {
          out.println(AgentEvents.toLine(e));
        }
      };
    };
    AtomicBoolean interrupted = new AtomicBoolean();
    CountDownLatch finished = new CountDownLatch(1);
    try (Registry registry = OtterTrend.registry(settings, options.withListener(listener))) {
      customise.accept(registry);
      Agent agent = OtterTrend.agent(registry);
      Thread hook = new Thread(() -> {
        interrupted.set(true);
        agent.requestStop();
        try {
          finished.await(30, TimeUnit.SECONDS); // let the current step finish and persist
        } catch (InterruptedException ignored) {
          Thread.currentThread().interrupt();
        }
      }, "ottertrend-shutdown");
      Runtime.getRuntime().addShutdownHook(hook);
      String status = "FAILED";
      try {
        agent.start();
        agent.run(cycles, interval, () -> false);
        status = interrupted.get() ? "INTERRUPTED" : cycles > 0 ? "COMPLETED" : "STOPPED";
      } catch (AgentRefusedException e) {
        status = "REFUSED";
        throw new RefusedException(e.getMessage());
      } finally {
        agent.finish(status);
        finished.countDown();
        try {
          Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException shuttingDown) {
          // the JVM is already exiting because of a signal; the hook is running
        }
      }
      out.flush();
    }
    return interrupted.get() ? ExitCodes.INTERRUPTED : ExitCodes.OK;
  }
}
