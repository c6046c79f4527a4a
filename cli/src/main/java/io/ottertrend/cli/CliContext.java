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
    Map<String, String> env = System.getenv();
    boolean tty = isTerminal(System.console());
    boolean plainForced = env.containsKey("NO_COLOR") || env.containsKey("CI");
    return new CliContext(env, Path.of("").toAbsolutePath(), tty && !plainForced);
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
