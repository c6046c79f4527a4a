package io.ottertrend.cli;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.Map;

/** Runs the CLI in-process with captured output (test helper). */
public final class CliRunner {
  private CliRunner() {}

  /** Result of one CLI run. */
  public record Result(int exitCode, String out, String err) {}

  public static Result run(Path workingDir, Map<String, String> env, String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int code = Main.run(args, new PrintWriter(out, true), new PrintWriter(err, true),
        new CliContext(env, workingDir, false));
    return new Result(code, out.toString(), err.toString());
  }
}
