package io.ottertrend.cli;

import java.nio.file.Path;
import java.util.Map;

/**
 * What a command may know about the world it runs in: the environment, the working directory, whether the
 * output is an interactive terminal. Injected so that tests run commands in-process with captured output.
 *
 * @param environment environment variables (the process environment in production)
 * @param workingDirectory where relative paths ({@code .env}, {@code --db}) resolve
 * @param interactive true when stdout is a terminal and neither {@code NO_COLOR} nor {@code CI} is set
 */
public record CliContext(Map<String, String> environment, Path workingDirectory, boolean interactive) {

  /** The real process context. */
  public static CliContext system() {
    return of(System.getenv(), Path.of("").toAbsolutePath(), isTerminal(System.console()));
  }

  /**
   * A context whose {@code interactive} flag follows the rule of {@link #system()}: a terminal, and neither
   * {@code NO_COLOR} nor {@code CI} set (whatever their value: {@code NO_COLOR=} counts, as no-color.org says).
   */
  public static CliContext of(Map<String, String> environment, Path workingDirectory, boolean terminal) {
    boolean plainForced = environment.containsKey("NO_COLOR") || environment.containsKey("CI");
    return new CliContext(environment, workingDirectory, terminal && !plainForced);
  }

  /**
   * On JDK 22+ {@code System.console()} exists even when output is redirected; {@code Console.isTerminal()}
   * (called reflectively because we compile for 21) tells the truth there. On 21 a console means a terminal.
   */
  private static boolean isTerminal(java.io.Console console) {
    if (console == null) {
      return false;
    }
    try {
      return (Boolean) java.io.Console.class.getMethod("isTerminal").invoke(console);
    } catch (ReflectiveOperationException e) {
      return true;
    }
  }

  /** Resolves {@code path} against the working directory. */
  public Path resolve(Path path) {
    return path.isAbsolute() ? path : workingDirectory.resolve(path).normalize();
  }
}
