package io.ottertrend.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Configures slf4j-simple before the first logger exists: logs go to {@code ottertrend.log} beside the
 * database, or to stderr in {@code --plain} mode. Secrets never reach a logger (they are {@code Secret}s
 * that print as {@code ****}).
 */
final class Logging {
  private Logging() {}

  /** Reads {@code --db}, {@code --plain} and {@code DB_PATH}/{@code LOG_LEVEL} from raw arguments. */
  static void configure(String[] args, CliContext context) {
    if (System.getProperty("org.slf4j.simpleLogger.logFile") != null) {
      return;
    }
    Map<String, String> env = context.environment();
    String db = env.getOrDefault("DB_PATH", "ottertrend.db");
    boolean plain = false;
    List<String> list = List.of(args);
    for (int i = 0; i < list.size(); i++) {
      String a = list.get(i);
      if (a.equals("--db") && i + 1 < list.size()) {
        db = list.get(i + 1);
      } else if (a.startsWith("--db=")) {
        db = a.substring(5);
      } else if (a.equals("--plain")) {
        plain = true;
      }
    }
    String level = env.getOrDefault("LOG_LEVEL", "info").toLowerCase(Locale.ROOT);
    System.setProperty("org.slf4j.simpleLogger.defaultLogLevel", level);
    System.setProperty("org.slf4j.simpleLogger.showDateTime", "true");
    System.setProperty("org.slf4j.simpleLogger.dateTimeFormat", "yyyy-MM-dd'T'HH:mm:ss.SSSX");
    System.setProperty("org.slf4j.simpleLogger.showThreadName", "false");
    System.setProperty("org.slf4j.simpleLogger.showShortLogName", "true");
    if (plain) {
      System.setProperty("org.slf4j.simpleLogger.logFile", "System.err");
      return;
    }
    Path dbPath = context.resolve(Path.of(db));
    Path dir = dbPath.getParent() == null ? context.workingDirectory() : dbPath.getParent();
    if (Files.isDirectory(dir) && Files.isWritable(dir)) {
      System.setProperty("org.slf4j.simpleLogger.logFile", dir.resolve("ottertrend.log").toString());
    } else {
      System.setProperty("org.slf4j.simpleLogger.logFile", "System.err");
    }
  }
}
