package io.ottertrend.cli;

import io.ottertrend.config.SettingsException;
import io.ottertrend.memory.MemoryException;
import io.ottertrend.registry.RegistryException;
import java.io.PrintWriter;
import java.lang.reflect.Constructor;
import java.nio.charset.StandardCharsets;
import picocli.CommandLine;
import picocli.CommandLine.IFactory;

/**
 * Entry point of {@code ottertrend}. {@link #run(String[], PrintWriter, PrintWriter, CliContext)} is what
 * tests call: output goes to the given writers, nothing touches {@code System.out} or calls
 * {@code System.exit}.
 */
public final class Main {
  private Main() {}

  public static void main(String[] args) {
    CliContext context = CliContext.system();
    PrintWriter out = new PrintWriter(new java.io.OutputStreamWriter(System.out, StandardCharsets.UTF_8), true);
    PrintWriter err = new PrintWriter(new java.io.OutputStreamWriter(System.err, StandardCharsets.UTF_8), true);
    int code = run(args, out, err, context);
    out.flush();
    err.flush();
    System.exit(code);
  }

  /** Runs the CLI and returns its exit code. */
  public static int run(String[] args, PrintWriter out, PrintWriter err, CliContext context) {
    Logging.configure(args, context);
    CommandLine cmd = commandLine(context);
    cmd.setOut(out);
    cmd.setErr(err);
    int code = cmd.execute(args);
    out.flush();
    err.flush();
    return code;
  }

  /** The configured picocli command tree (also used to generate completion scripts and docs). */
  public static CommandLine commandLine(CliContext context) {
    CommandLine cmd = new CommandLine(new OtterTrendCommand(), new ContextFactory(context));
    cmd.setUsageHelpAutoWidth(true);
    cmd.setExecutionExceptionHandler((ex, commandLine, parseResult) -> handle(ex, commandLine.getErr()));
    return cmd;
  }

  /** Maps domain errors to one clear line and an exit code. */
  static int handle(Exception ex, PrintWriter err) {
    Throwable e = ex;
    while (e instanceof RegistryException && e.getCause() != null) {
      e = e.getCause();
    }
    switch (e) {
      case SettingsException s -> {
        s.problems().forEach(p -> err.println("error: " + p));
        return ExitCodes.USAGE;
      }
      case UsageException u -> {
        err.println("error: " + u.getMessage());
        return ExitCodes.USAGE;
      }
      case RefusedException r -> {
        err.println("refused: " + r.getMessage());
        return ExitCodes.REFUSED;
      }
      case MemoryException m when m.kind() == MemoryException.Kind.NOT_OTTERTREND
          || m.kind() == MemoryException.Kind.NEWER_SCHEMA -> {
        err.println("error: " + m.getMessage());
        return ExitCodes.USAGE;
      }
      case InterruptedException i -> {
        err.println("interrupted");
        return ExitCodes.INTERRUPTED;
      }
      default -> {
        err.println("error: " + e.getMessage() + " (details in ottertrend.log)");
        org.slf4j.LoggerFactory.getLogger(Main.class).error("command failed", e);
        return ExitCodes.FAILURE;
      }
    }
  }

  /** Creates commands, passing the {@link CliContext} to constructors that take one. */
  private record ContextFactory(CliContext context) implements IFactory {
    @Override
    public <K> K create(Class<K> type) throws Exception {
      for (Constructor<?> c : type.getDeclaredConstructors()) {
        if (c.getParameterCount() == 1 && c.getParameterTypes()[0] == CliContext.class) {
          c.setAccessible(true);
          return type.cast(c.newInstance(context));
        }
      }
      return CommandLine.defaultFactory().create(type);
    }
  }
}
