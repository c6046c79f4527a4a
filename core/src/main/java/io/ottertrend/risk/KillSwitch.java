package io.ottertrend.risk;

import io.ottertrend.alert.Alerts;
import io.ottertrend.memory.Memory;
import io.ottertrend.time.Clock;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Objects;

/**
 * The manual halt. A halt stops new entries from the next risk check on (exits still pass); it is persisted in
 * the database ({@code state} key {@value #KEY}) so it survives restarts, and it can also be raised by creating
 * a flag file next to the database ({@code <db>.halt}; its first line is the reason), which needs no tool at
 * all. {@link #resume()} lifts both, and acknowledges the day's losses: the daily-loss halt is cleared and the
 * daily-loss and drawdown baselines restart from the current equity.
 *
 * <p>Refusing entries does not pull orders already resting on the exchange: the agent does that itself when it
 * finds itself halted ({@link RiskEngine#haltReason()}), as {@code RISK_HALT_CANCEL_ORDERS} says.
 *
 * <p>A running {@link RiskEngine} notices a halt or resume written by another process (the CLI) within its poll
 * interval, through the {@value #GENERATION} key every change bumps.
 *
 * <p>Thread-safe. Errors: {@link io.ottertrend.memory.MemoryException} when the database cannot be written,
 * {@link UncheckedIOException} when the flag file cannot be removed.
 */
public final class KillSwitch {
  /** State key of the manual halt: {@code <epoch ms>|<reason>}. */
  public static final String KEY = "risk.halt";
  /** State key bumped by every halt and resume so running engines reload. */
  public static final String GENERATION = "risk.generation";

  private final Memory memory;
  private final Path flagFile;
  private final Clock clock;
  private final Alerts alerts;

  /**
   * @param flagFile the flag file, or {@code null} for none
   * @param alerts where halts and resumes are announced
   */
  public KillSwitch(Memory memory, Path flagFile, Clock clock, Alerts alerts) {
    this.memory = Objects.requireNonNull(memory, "memory");
    this.flagFile = flagFile;
    this.clock = Objects.requireNonNull(clock, "clock");
    this.alerts = alerts == null ? Alerts.none() : alerts;
  }

  /** A kill switch on {@code memory} with the flag file {@code <database file>.halt}. */
  public static KillSwitch forMemory(Memory memory, Clock clock, Alerts alerts) {
    return new KillSwitch(memory, flagFileFor(memory), clock, alerts);
  }

  /**
   * The flag file of a database: {@code <location>.halt}; {@code null} for an in-memory journal, which has no file
   * beside which an operator could drop one (a relative {@code in-memory.halt} would be looked for in whatever
   * folder the process runs in).
   */
  public static Path flagFileFor(Memory memory) {
    if (memory instanceof io.ottertrend.memory.InMemoryMemory) {
      return null;
    }
    return Path.of(memory.location() + ".halt");
  }

  /** The flag file watched, or {@code null}. */
  public Path flagFile() {
    return flagFile;
  }

  /** Halts new entries with {@code reason} (persisted) and alerts. */
  public void halt(String reason) {
    String why = reason == null || reason.isBlank() ? "manual halt" : reason.strip();
    long now = clock.millis();
    memory.inTransaction(() -> {
      memory.putState(KEY, now + "|" + why, now);
      bump(now);
      return null;
    });
    alerts.halt(why);
  }

  /**
   * Lifts a manual halt (database and flag file) and the daily-loss halt, and restarts the loss and drawdown
   * baselines from the current equity.
   */
  public void resume() {
    long now = clock.millis();
    if (flagFile != null) {
      try {
        Files.deleteIfExists(flagFile);
      } catch (IOException e) {
        throw new UncheckedIOException("cannot remove the halt flag file " + flagFile + ": " + e.getMessage(), e);
      }
    }
    memory.inTransaction(() -> {
      memory.deleteState(KEY);
      memory.deleteState(RiskState.DAILY_HALT);
      memory.deleteState(RiskState.DAY_START_EQUITY);
      memory.deleteState(RiskState.EQUITY_PEAK);
      bump(now);
      return null;
    });
    alerts.alert(io.ottertrend.alert.AlertKind.RESUME, "", "trading resumed by a human");
  }

  private void bump(long now) {
    long next = memory.state(GENERATION).map(KillSwitch::parseLong).orElse(0L) + 1;
    memory.putState(GENERATION, Long.toString(next), now);
  }

  private static long parseLong(String s) {
    try {
      return Long.parseLong(s.strip());
    } catch (NumberFormatException e) {
      return 0;
    }
  }

  /** The current halt, read fresh from the database and the flag file. */
  public HaltStatus status() {
    Map<String, String> states = memory.states("risk.");
    return statusFrom(states);
  }

  /** The halt described by already-read state entries plus the flag file. */
  HaltStatus statusFrom(Map<String, String> states) {
    String stored = states.get(KEY);
    if (stored != null) {
      int bar = stored.indexOf('|');
      long since = bar > 0 ? parseLong(stored.substring(0, bar)) : 0;
      return new HaltStatus(true, bar >= 0 ? stored.substring(bar + 1) : stored, since, "database");
    }
    String daily = states.get(RiskState.DAILY_HALT);
    if (flagFile != null && Files.isRegularFile(flagFile)) {
      String reason = "flag file " + flagFile.getFileName();
      try {
        long modified = Files.getLastModifiedTime(flagFile).toMillis();
        String first = Files.readAllLines(flagFile, StandardCharsets.UTF_8).stream()
            .map(String::strip).filter(l -> !l.isEmpty()).findFirst().orElse("");
        if (!first.isEmpty()) {
          reason = reason + ": " + (first.length() > 200 ? first.substring(0, 200) : first);
        }
        return new HaltStatus(true, reason, modified, "flag file");
      } catch (IOException | UncheckedIOException e) {
        return new HaltStatus(true, reason + " (unreadable)", 0, "flag file");
      }
    }
    if (daily != null) {
      return new HaltStatus(true, "daily loss: " + daily, 0, "daily loss");
    }
    return HaltStatus.RUNNING;
  }

  /**
   * Whether trading is halted.
   *
   * @param halted true when new entries are refused
   * @param reason why, or {@code ""}
   * @param since when the halt started, epoch ms ({@code 0} when unknown)
   * @param source {@code database}, {@code flag file}, {@code daily loss}, or {@code ""}
   */
  public record HaltStatus(boolean halted, String reason, long since, String source) {
    static final HaltStatus RUNNING = new HaltStatus(false, "", 0, "");

    /** True when the halt is a manual one (database or flag file), not the daily-loss latch. */
    public boolean manual() {
      return halted && !"daily loss".equals(source);
    }
  }
}
