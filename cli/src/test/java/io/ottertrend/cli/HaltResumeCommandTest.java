package io.ottertrend.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.squareup.moshi.Moshi;
import io.ottertrend.memory.SqliteMemory;
import io.ottertrend.risk.KillSwitch;
import io.ottertrend.time.Clock;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class HaltResumeCommandTest {
  @TempDir Path dir;

  @SuppressWarnings("unchecked")
  private static Map<String, Object> parse(String json) throws IOException {
    return (Map<String, Object>) new Moshi.Builder().build().adapter(Object.class).fromJson(json);
  }

  @Test
  void haltPersistsInTheDatabaseAndStatusShowsIt() throws IOException {
    CliRunner.Result r = CliRunner.run(dir, Map.of(), "halt", "--reason", "exchange incident");
    assertThat(r.exitCode()).as(r.err()).isZero();
    assertThat(r.out()).contains("Halted (database): exchange incident").contains("exits still allowed");
    try (SqliteMemory m = SqliteMemory.open(dir.resolve("ottertrend.db"))) {
      assertThat(KillSwitch.forMemory(m, Clock.system(), null).status().reason()).isEqualTo("exchange incident");
    }
    CliRunner.Result status = CliRunner.run(dir, Map.of(), "status", "--json");
    assertThat(status.exitCode()).as(status.err()).isZero();
    @SuppressWarnings("unchecked")
    Map<String, Object> halt = (Map<String, Object>) parse(status.out()).get("halt");
    assertThat(halt).containsEntry("reason", "exchange incident").containsEntry("source", "database");
    assertThat(CliRunner.run(dir, Map.of(), "status").out()).contains("Halt: HALTED (database): exchange incident");
  }

  @Test
  void resumeLiftsTheHaltAndTheFlagFile() throws IOException {
    assertThat(CliRunner.run(dir, Map.of(), "halt", "--db", "live.db").exitCode()).isZero();
    Files.writeString(dir.resolve("live.db.halt"), "from the desk\n");
    CliRunner.Result r = CliRunner.run(dir, Map.of(), "resume", "--db", "live.db", "--json");
    assertThat(r.exitCode()).as(r.err()).isZero();
    assertThat(parse(r.out())).containsEntry("halted", false);
    assertThat(dir.resolve("live.db.halt")).doesNotExist();
    assertThat(parse(CliRunner.run(dir, Map.of(), "status", "--db", "live.db", "--json").out()).get("halt")).isNull();
  }

  @Test
  void statusShowsAFlagFileHalt() throws IOException {
    assertThat(CliRunner.run(dir, Map.of(), "halt").exitCode()).isZero();
    assertThat(CliRunner.run(dir, Map.of(), "resume").exitCode()).isZero();
    Files.writeString(dir.resolve("ottertrend.db.halt"), "pulled the plug\n");
    CliRunner.Result status = CliRunner.run(dir, Map.of(), "status");
    assertThat(status.out()).contains("HALTED (flag file)").contains("pulled the plug");
  }

  @Test
  void haltJsonAndResumeOnAMissingDatabaseCreatesNothing() throws IOException {
    CliRunner.Result resume = CliRunner.run(dir, Map.of(), "resume");
    assertThat(resume.exitCode()).isZero();
    assertThat(resume.out()).contains("Not halted");
    assertThat(dir.resolve("ottertrend.db")).doesNotExist();
    CliRunner.Result halt = CliRunner.run(dir, Map.of(), "halt", "--json");
    assertThat(halt.exitCode()).isZero();
    assertThat(parse(halt.out())).containsEntry("halted", true).containsEntry("reason", "manual halt");
  }

  @Test
  void haltSaysWhatTheAgentDoesWithItsRestingOrders() throws IOException {
    CliRunner.Result fresh = CliRunner.run(dir, Map.of(), "halt");
    assertThat(fresh.exitCode()).as(fresh.err()).isZero();
    assertThat(fresh.out()).contains("Resting entry (buy) orders: cancelled by the agent on its next cycle "
        + "(RISK_HALT_CANCEL_ORDERS=entries, from these settings: no agent has started on this database yet).");
    CliRunner.Result none = CliRunner.run(dir, Map.of(), "halt", "--set", "RISK_HALT_CANCEL_ORDERS=none", "--json");
    assertThat(parse(none.out()).get("restingOrders")).isEqualTo(Map.of("cancel", "none", "setBy", "settings"));

    // What counts is the running agent's own setting, which it records when it starts.
    CliRunner.Result paper = CliRunner.run(dir, Map.of(), "paper", "--market", "synthetic", "--cycles", "1",
        "--plain", "--set", "RISK_HALT_CANCEL_ORDERS=all");
    assertThat(paper.exitCode()).as(paper.err()).isZero(); // a halted agent runs: exits still work
    CliRunner.Result halt = CliRunner.run(dir, Map.of(), "halt", "--set", "RISK_HALT_CANCEL_ORDERS=none");
    assertThat(halt.out()).contains("Resting orders, exits too: cancelled by the agent on its next cycle "
        + "(RISK_HALT_CANCEL_ORDERS=all, as the agent on this database last started).");
  }

  @Test
  void aBadHaltCancelValueIsOneLineAndExitTwoBeforeAnythingRuns() {
    for (String command : new String[] {"halt", "paper"}) {
      CliRunner.Result r = CliRunner.run(dir, Map.of(), command, "--set", "RISK_HALT_CANCEL_ORDERS=maybe", "--plain");
      assertThat(r.exitCode()).as(command).isEqualTo(ExitCodes.USAGE);
      assertThat(r.err().lines().toList()).as(command).containsExactly(
          "error: RISK_HALT_CANCEL_ORDERS='maybe': must be one of entries, all, none (from flag)");
    }
    assertThat(dir.resolve("ottertrend.db")).doesNotExist();
  }

  @Test
  void badSettingsExitTwo() {
    CliRunner.Result r = CliRunner.run(dir, Map.of(), "halt", "--set", "RISK_MAX_TRADE_USD=0");
    assertThat(r.exitCode()).isEqualTo(ExitCodes.USAGE);
    assertThat(r.err()).contains("RISK_MAX_TRADE_USD");
  }
}
