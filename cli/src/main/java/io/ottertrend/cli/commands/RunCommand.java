package io.ottertrend.cli.commands;

import io.ottertrend.OtterTrend;
import io.ottertrend.cli.CliContext;
import io.ottertrend.cli.RefusedException;
import io.ottertrend.cli.SharedOptions;
import io.ottertrend.config.Setting;
import io.ottertrend.config.Settings;
import io.ottertrend.exchange.Exchange;
import io.ottertrend.memory.Memory;
import io.ottertrend.registry.Registry;
import io.ottertrend.risk.PreLiveReport;
import io.ottertrend.risk.PreLiveValidator;
import io.ottertrend.time.Clock;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code ottertrend run}: the loop with real orders on MEXC. Refuses (exit 3) unless live trading is explicitly
 * enabled and every pre-live check passes; never shares a database with paper runs.
 */
@Command(
    name = "run",
    mixinStandardHelpOptions = true,
    description = {
      "Trade for real on MEXC. Refuses (exit 3) unless live trading is enabled (PAPER_TRADING=false or --live) and "
          + "the pre-live checklist passes: keys present and accepted, clock within 1 s of the exchange, symbol rules "
          + "loaded, limits within sane bounds, a writable database distinct from the paper one, and a paper track "
          + "record (PRELIVE_MIN_PAPER_TRADES closed trades in PAPER_DB_PATH).",
      "",
      "Use a trade-only API key with an IP whitelist; never grant withdrawal permission.",
      "",
      "Examples:",
      "  ottertrend run --live --db live.db --plain",
      "  PAPER_TRADING=false ottertrend run --brain rules --interval 5m",
      ""
    })
public final class RunCommand implements Callable<Integer> {
  private final CliContext context;

  @Spec CommandSpec spec;
  @Mixin SharedOptions shared;

  @Option(names = "--live", description = "Explicit opt-in to real orders (same as PAPER_TRADING=false).")
  boolean live;

  @Option(names = "--brain", defaultValue = "auto", paramLabel = "auto|llm|rules",
      description = "Who decides (default: ${DEFAULT-VALUE}: llm when GROQ_API_KEY is set, else rules).")
  String brain;

  @Option(names = "--cycles", defaultValue = "0", paramLabel = "N", description = "Stop after N cycles (0: until stopped).")
  long cycles;

  @Option(names = "--interval", paramLabel = "DURATION", description = "Time between cycles (default: CYCLE_INTERVAL).")
  String interval;

  @Option(names = "--json-events", description = "Print one JSON object per event.")
  boolean jsonEvents;

  public RunCommand(CliContext context) {
    this.context = context;
  }

  @Override
  public Integer call() throws InterruptedException {
    Settings settings = shared.settings(context);
    PrintWriter out = spec.commandLine().getOut();
    if (!live && settings.bool(Setting.PAPER_TRADING)) {
      throw new RefusedException("live trading is not enabled: set PAPER_TRADING=false or pass --live "
          + "(use `ottertrend paper` to trade on a simulated wallet)");
    }
    if (settings.bool(Setting.EXCHANGE_TESTNET)) {
      throw new RefusedException("EXCHANGE_TESTNET=true but MEXC has no spot testnet; use `ottertrend paper`");
    }
    Path db = shared.dbPath(context, settings);
    Path paperDb = context.resolve(settings.path(Setting.PAPER_DB_PATH));
    if (db.toAbsolutePath().normalize().equals(paperDb.toAbsolutePath().normalize())) {
      throw new RefusedException("the live database " + db + " is the paper database (PAPER_DB_PATH); "
          + "give live runs their own file, e.g. --db ottertrend-live.db");
    }
    Settings effective = settings.with(Map.of(Setting.DB_PATH, db.toString(), Setting.PAPER_DB_PATH,
        paperDb.toString(), Setting.PAPER_TRADING, "false"));
    String chosenBrain = brain.equals("auto")
        ? (effective.secret(Setting.GROQ_API_KEY).isPresent() ? "llm" : "rules") : brain;
    OtterTrend.Options options = new OtterTrend.Options("live", "mexc", chosenBrain, 0, false, null);
    Duration every = interval == null ? effective.duration(Setting.CYCLE_INTERVAL) : PaperCommand.parseInterval(interval);
    return AgentRunner.run(effective, options, AgentRunner.output(jsonEvents, shared.plain(context)), out,
        cycles, every, registry -> preLive(registry, out));
  }

  /** Prints the checklist and refuses on any failure, before the agent (and its run record) exists. */
  private static void preLive(Registry registry, PrintWriter out) {
    PreLiveReport report = PreLiveValidator.validate(registry.settings(), registry.get(Exchange.class),
        registry.get(Memory.class), registry.get(Clock.class));
    out.println("Pre-live checklist:");
    out.println(report.render());
    if (!report.passed()) {
      throw new RefusedException("pre-live checks failed: " + report.failures().size() + " of "
          + report.checks().size() + "; fix them and run again");
    }
  }
}
