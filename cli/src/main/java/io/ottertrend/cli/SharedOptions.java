package io.ottertrend.cli;

import io.ottertrend.config.Setting;
import io.ottertrend.config.Settings;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Option;

/**
 * Options every command shares ({@code @Mixin}). Settings come from flags &gt; environment &gt; {@code .env}
 * &gt; defaults; {@link #settings(CliContext)} applies that order and validates.
 */
public final class SharedOptions {

  @Option(names = "--db", paramLabel = "PATH",
      description = "SQLite database file (default: DB_PATH, else ottertrend.db). Paper and live runs must use different files.")
  Path db;

  @Option(names = "--plain",
      description = "Plain line output, no full-screen view (automatic when not a terminal or when NO_COLOR or CI is set).")
  boolean plain;

  @Option(names = "--set", paramLabel = "KEY=VALUE",
      description = "Override a setting for this run, e.g. --set RISK_MAX_TRADE_USD=10 (repeatable).")
  List<String> sets = new ArrayList<>();

  @Option(names = "--env-file", paramLabel = "PATH", description = "Settings file to read (default: .env in the working directory).")
  Path envFile;

  /**
   * Loads and validates the effective settings.
   *
   * @throws io.ottertrend.config.SettingsException listing every invalid value
   */
  public Settings settings(CliContext context) {
    Settings.Builder b = Settings.builder()
        .dotenv(context.resolve(envFile != null ? envFile : Path.of(".env")))
        .environment(context.environment());
    for (String s : sets) {
      b.flag(s);
    }
    if (db != null) {
      b.flag(Setting.DB_PATH, db.toString());
    }
    return b.build();
  }

  /** The database path, resolved against the working directory. */
  public Path dbPath(CliContext context, Settings settings) {
    return context.resolve(settings.path(Setting.DB_PATH));
  }

  /** True when output should be plain lines. */
  public boolean plain(CliContext context) {
    return plain || !context.interactive();
  }

  /** Raw {@code --db} value, for logging setup before settings are parsed. */
  public Path rawDb() {
    return db;
  }
}
