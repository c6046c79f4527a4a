package io.ottertrend.cli.commands;

import io.ottertrend.agent.Agent;
import io.ottertrend.agent.CancelOnHalt;
import io.ottertrend.alert.Alerts;
import io.ottertrend.cli.CliContext;
import io.ottertrend.cli.Json;
import io.ottertrend.cli.SharedOptions;
import io.ottertrend.config.Setting;
import io.ottertrend.config.Settings;
import io.ottertrend.memory.SqliteMemory;
import io.ottertrend.risk.KillSwitch;
import io.ottertrend.time.Clock;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code ottertrend halt}: the kill switch. Persists a halt in the database so that a running agent refuses new
 * entries from its next step on (exits still pass), and every later start stays halted until
 * {@code ottertrend resume}. Creates the database when it does not exist yet, so a run started later is halted.
 * Says what the agent does with its resting orders ({@code RISK_HALT_CANCEL_ORDERS}): the value the agent on this
 * database last started with, which is what counts, else this command's own settings.
 */
@Command(
    name = "halt",
    mixinStandardHelpOptions = true,
    description = {
      "Halt trading: no new entries from the agent's next step on (exits still allowed). The halt is stored in "
          + "the database, survives restarts and is shown by `status`. Lift it with `ottertrend resume`.",
      "Without this tool, creating the file <database>.halt (first line = reason) halts too.",
      "On its next cycle (a restarted agent: its first) the agent cancels its resting orders as "
          + "RISK_HALT_CANCEL_ORDERS says: entries (default: its buy orders), all (its exits too) or none.",
      "",
      "Examples:",
      "  ottertrend halt --reason \"exchange incident\"",
      "  ottertrend halt --db live.db --json"
    })
public final class HaltCommand implements Callable<Integer> {
  private final CliContext context;

  @Spec CommandSpec spec;
  @Mixin SharedOptions shared;

  @Option(names = "--reason", paramLabel = "TEXT", description = "Why (stored and shown by status; default: manual halt).")
  String reason;

  @Option(names = "--json", description = "Print one JSON object.")
  boolean json;

  public HaltCommand(CliContext context) {
    this.context = context;
  }

  @Override
  public Integer call() {
    Settings settings = shared.settings(context);
    Path db = shared.dbPath(context, settings);
    Clock clock = Clock.system();
    KillSwitch.HaltStatus status;
    RestingOrders resting;
    try (SqliteMemory memory = SqliteMemory.open(db);
        Alerts alerts = Alerts.fromSettings(settings, clock, null)) {
      KillSwitch ks = KillSwitch.forMemory(memory, clock, alerts);
      ks.halt(reason);
      status = ks.status();
      resting = memory.state(Agent.CANCEL_ON_HALT_KEY).flatMap(HaltCommand::cancelOnHalt)
          .map(c -> new RestingOrders(c, true))
          .orElseGet(() -> new RestingOrders(CancelOnHalt.from(settings), false));
    }
    print(spec.commandLine().getOut(), json, db, status, resting);
    return 0;
  }

  /** The value an agent recorded, if this version knows it. */
  private static java.util.Optional<CancelOnHalt> cancelOnHalt(String word) {
    try {
      return java.util.Optional.of(CancelOnHalt.valueOf(word.strip().toUpperCase(Locale.ROOT)));
    } catch (IllegalArgumentException e) {
      return java.util.Optional.empty();
    }
  }

  /**
   * What the agent does with its resting orders when halted.
   *
   * @param fromAgent true when the agent on the database recorded it; false when read from this command's settings
   */
  record RestingOrders(CancelOnHalt cancel, boolean fromAgent) {
    String sentence() {
      String what = switch (cancel) {
        case ENTRIES -> "Resting entry (buy) orders: cancelled by the agent on its next cycle";
        case ALL -> "Resting orders, exits too: cancelled by the agent on its next cycle";
        case NONE -> "Resting orders: left on the exchange, where a resting buy can still fill";
      };
      return what + " (" + Setting.RISK_HALT_CANCEL_ORDERS.name() + "=" + cancel.word() + ", "
          + (fromAgent ? "as the agent on this database last started" : "from these settings: no agent has "
              + "started on this database yet") + ").";
    }
  }

  static void print(PrintWriter out, boolean json, Path db, KillSwitch.HaltStatus status) {
    print(out, json, db, status, null);
  }

  /** Prints the halt state; {@code resting} (what happens to resting orders) only after a halt, else null. */
  static void print(PrintWriter out, boolean json, Path db, KillSwitch.HaltStatus status, RestingOrders resting) {
    if (json) {
      Map<String, Object> m = Json.object();
      m.put("database", db.toString());
      m.put("halted", status.halted());
      m.put("reason", status.halted() ? status.reason() : null);
      m.put("source", status.halted() ? status.source() : null);
      m.put("since", status.since() == 0 ? null : Instant.ofEpochMilli(status.since()).toString());
      if (resting != null) {
        Map<String, Object> r = Json.object();
        r.put("cancel", resting.cancel().word());
        r.put("setBy", resting.fromAgent() ? "agent" : "settings");
        m.put("restingOrders", r);
      }
      out.println(Json.write(m));
    } else if (status.halted()) {
      out.println("Halted (" + status.source() + "): " + status.reason());
      out.println("No new entries from the agent's next step on; exits still allowed. Database: " + db);
      if (resting != null) {
        out.println(resting.sentence());
      }
    } else {
      out.println("Not halted. Database: " + db);
    }
  }
}
