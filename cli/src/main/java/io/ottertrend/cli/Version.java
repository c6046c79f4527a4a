package io.ottertrend.cli;

import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;
import picocli.CommandLine.IVersionProvider;

/** {@code ottertrend --version}: version, commit and the JVM it runs on. */
public final class Version implements IVersionProvider {

  /** The OtterTrend version from the build. */
  public static String version() {
    return properties().getProperty("version", "unknown");
  }

  /** The git commit the jar was built from, when the build knew it. */
  public static String commit() {
    Properties p = properties();
    String c = p.getProperty("commit", "");
    if (c.isBlank() || c.startsWith("${")) {
      return "unknown";
    }
    return "true".equals(p.getProperty("dirty")) ? c + "-dirty" : c;
  }

  private static Properties properties() {
    Properties p = new Properties();
    try (InputStream in = Version.class.getResourceAsStream("version.properties")) {
      if (in != null) {
        p.load(in);
      }
    } catch (IOException e) {
      // a jar without the file still runs; the version shows as unknown
    }
    return p;
  }

  @Override
  public String[] getVersion() {
    return new String[] {
      "ottertrend " + version() + " (commit " + commit() + ")",
      "Java " + Runtime.version() + " (" + System.getProperty("java.vm.name") + ")"
    };
  }
}
