package io.ottertrend.cli.commands;

import io.ottertrend.alert.Alerts;
import io.ottertrend.cli.CliContext;
import io.ottertrend.cli.SharedOptions;
import io.ottertrend.config.Settings;
import io.ottertrend.memory.SqliteMemory;
import io.ottertrend.risk.KillSwitch;
import io.ottertrend.time.Clock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code ottertrend resume}: lifts a manual halt (database and flag file) and the daily-loss halt, and restarts
 * the daily-loss and drawdown baselines from the current equity. Never creates a database.
 */
@Command(
    name = "resume",
    mixinStandardHelpOptions = true,
    description = {
      "Lift a halt: the manual halt (database and <database>.halt flag file) and the daily-loss halt. The day's "
          + "losses so far are acknowledged: the daily-loss and drawdown limits count again from the current equity.",
      "",
      "Examples:",
      "  ottertrend resume",
      "  ottertrend resume --db live.db --json"
    })
public final class ResumeCommand implements Callable<Integer> {
  private final CliContext context;

  @Spec CommandSpec spec;
  @Mixin SharedOptions shared;

  @Option(names = "--json", description = "Print one JSON object.")
  boolean json;

  public ResumeCommand(CliContext context) {
    this.context = context;
  }

  @Override
  public Integer call() {
    Settings settings = shared.settings(context);
    Path db = shared.dbPath(context, settings);
    Clock clock = Clock.system();
    if (!Files.isRegularFile(db)) {
      Path flag = Path.of(db + ".halt");
      if (Files.exists(flag)) {
        try {
          Files.delete(flag);
        } catch (java.io.IOException e) {
          throw new java.io.UncheckedIOException("cannot remove " + flag + ": " + e.getMessage(), e);
        }
      }
      HaltCommand.print(spec.commandLine().getOut(), json, db, new KillSwitch.HaltStatus(false, "", 0, ""));
      return 0;
    }
    KillSwitch.HaltStatus status;
    try (SqliteMemory memory = SqliteMemory.open(db);
        Alerts alerts = Alerts.fromSettings(settings, clock, null)) {
      KillSwitch ks = KillSwitch.forMemory(memory, clock, alerts);
      ks.resume();
      status = ks.status();
    }
    HaltCommand.print(spec.commandLine().getOut(), json, db, status);
    return 0;
  }
}
