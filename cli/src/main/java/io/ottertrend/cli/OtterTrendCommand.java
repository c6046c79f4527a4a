package io.ottertrend.cli;

import io.ottertrend.cli.commands.BacktestCommand;
import io.ottertrend.cli.commands.HaltCommand;
import io.ottertrend.cli.commands.ResumeCommand;
import io.ottertrend.cli.commands.ScanCommand;
import io.ottertrend.cli.commands.DataCommand;
import io.ottertrend.cli.commands.PaperCommand;
import io.ottertrend.cli.commands.RunCommand;
import io.ottertrend.cli.commands.StatusCommand;
import picocli.AutoComplete;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** The root command: only dispatches to subcommands. */
@Command(
    name = "ottertrend",
    mixinStandardHelpOptions = true,
    versionProvider = Version.class,
    description = {
      "Autonomous crypto spot-trading agent for small accounts. An LLM (or the built-in rules brain) observes the "
          + "market, trends and news and decides; hard risk rules in code decide what reaches the exchange. Paper "
          + "trading on the synthetic market is the offline default.",
      ""
    },
    subcommands = {
      PaperCommand.class,
      RunCommand.class,
      StatusCommand.class,
      HaltCommand.class,
      ResumeCommand.class,
      ScanCommand.class,
      DataCommand.class,
      BacktestCommand.class,
      AutoComplete.GenerateCompletion.class,
    },
    footerHeading = "%nSettings:%n",
    footer = {
      "Every setting is an environment variable (see .env.example), can live in a .env file, or be given with "
          + "--set KEY=VALUE. Precedence: flags > environment > .env > defaults. `ottertrend status` lists them all.",
      "",
      "Safety: use a trade-only MEXC API key with an IP whitelist and no withdrawal permission. Start with paper."
    },
    exitCodeListHeading = "%nExit codes:%n",
    exitCodeList = {
      "0:ok",
      "1:runtime failure",
      "2:bad usage or configuration (one line per problem)",
      "3:refused for safety (live without opt-in, failed pre-live check, halted)",
      "130:interrupted"
    })
public final class OtterTrendCommand implements Runnable {
  @Spec CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
  }
}
