package io.ottertrend.examples;

import io.ottertrend.cli.CliContext;
import io.ottertrend.cli.Main;
import io.ottertrend.config.SettingsDocs;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import picocli.CommandLine;

/**
 * The repository's README and the sections generated into it (test helper). A generated section sits between
 * {@code <!-- NAME:start -->} and {@code <!-- NAME:end -->}.
 */
final class Readme {
  /** Tests run in {@code examples/}; the repository root is its parent. */
  static final Path ROOT = Path.of("..").toAbsolutePath().normalize();
  static final Path FILE = ROOT.resolve("README.md");

  private Readme() {}

  static String text() {
    try {
      return Files.readString(FILE, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static String start(String name) {
    return "<!-- " + name + ":start -->\n";
  }

  static String end(String name) {
    return "<!-- " + name + ":end -->";
  }

  /** The text between the markers of {@code name}, or {@code null} when the markers are missing. */
  static String section(String text, String name) {
    int s = text.indexOf(start(name));
    int e = text.indexOf(end(name));
    return s < 0 || e < s ? null : text.substring(s + start(name).length(), e);
  }

  /** {@code text} with the section {@code name} replaced by {@code body}. */
  static String withSection(String text, String name, String body) {
    int s = text.indexOf(start(name));
    int e = text.indexOf(end(name));
    if (s < 0 || e < s) {
      throw new IllegalStateException("README.md has no " + start(name).strip() + " ... " + end(name) + " markers");
    }
    return text.substring(0, s + start(name).length()) + body + text.substring(e);
  }

  /** The settings table, generated from the settings definitions. */
  static String settingsSection() {
    return SettingsDocs.markdownTable().stripTrailing() + "\n";
  }

  /** The CLI reference: the picocli usage help of the root command and of every subcommand, 100 columns wide. */
  static String cliSection() {
    CommandLine root = Main.commandLine(new CliContext(Map.of(), ROOT, false));
    StringBuilder out = new StringBuilder();
    for (CommandLine c : commands(root)) {
      c.setUsageHelpAutoWidth(false);
      c.setUsageHelpWidth(100);
      out.append("#### `").append(c.getCommandSpec().qualifiedName()).append("`\n\n```text\n")
          .append(c.getUsageMessage(CommandLine.Help.Ansi.OFF).stripTrailing()).append("\n```\n\n");
    }
    return out.toString().stripTrailing() + "\n";
  }

  private static List<CommandLine> commands(CommandLine c) {
    List<CommandLine> all = new ArrayList<>();
    all.add(c);
    for (CommandLine sub : c.getSubcommands().values()) {
      if (!sub.getCommandSpec().usageMessage().hidden() && !all.contains(sub)) {
        for (CommandLine x : commands(sub)) {
          if (!all.contains(x)) {
            all.add(x);
          }
        }
      }
    }
    return all;
  }
}
