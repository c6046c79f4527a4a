package io.ottertrend.cli.commands;

import io.ottertrend.alert.Alerts;
import io.ottertrend.cli.CliContext;
import io.ottertrend.cli.Json;
import io.ottertrend.cli.SharedOptions;
import io.ottertrend.config.Settings;
import io.ottertrend.memory.SqliteMemory;
import io.ottertrend.risk.KillSwitch;
import io.ottertrend.time.Clock;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Instant;
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
 */
@Command(
    name = "halt",
    mixinStandardHelpOptions = true,
    description = {
      "Halt trading: no new entries from the agent's next step on (exits still allowed). The halt is stored in "
          + "the database, survives restarts and is shown by `status`. Lift it with `ottertrend resume`.",
      "Without this tool, creating the file <database>.halt (first line = reason) halts too.",
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
    try (SqliteMemory memory = SqliteMemory.open(db);
        Alerts alerts = Alerts.fromSettings(settings, clock, null)) {
      KillSwitch ks = KillSwitch.forMemory(memory, clock, alerts);
      ks.halt(reason);
      status = ks.status();
    }
    print(spec.commandLine().getOut(), json, db, status);
    return 0;
  }

  static void print(PrintWriter out, boolean json, Path db, KillSwitch.HaltStatus status) {
    if (json) {
      Map<String, Object> m = Json.object();
      m.put("database", db.toString());
      m.put("halted", status.halted());
      m.put("reason", status.halted() ? status.reason() : null);
      m.put("source", status.halted() ? status.source() : null);
      m.put("since", status.since() == 0 ? null : Instant.ofEpochMilli(status.since()).toString());
      out.println(Json.write(m));
    } else if (status.halted()) {
      out.println("Halted (" + status.source() + "): " + status.reason());
      out.println("No new entries from the agent's next step on; exits still allowed. Database: " + db);
    } else {
      out.println("Not halted. Database: " + db);
    }
  }
}
