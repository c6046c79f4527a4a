package io.ottertrend.exchange;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.lang.reflect.Method;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Invariant 4: no code path can withdraw, transfer or deposit funds. Checked two ways: no method of any class
 * compiled from {@code core/src/main} is named like a funds movement, and no main source file names one of MEXC's
 * funds-movement endpoints ({@code /api/v3/capital/…}, {@code /sub-account}, transfers, withdrawals).
 */
class NoFundsMovementTest {
  private static final Pattern METHOD_NAME = Pattern.compile("(?i).*(withdraw|transfer|deposit).*");
  /** Endpoint paths ({@code /capital/…}, {@code …/withdraw…}) or bare identifiers such as {@code "withdraw"}. */
  private static final Pattern ENDPOINT = Pattern.compile(
      "(?i)(/capital|/sub-?account|/[\\w/-]*(withdraw|transfer|deposit)|^\\w*(withdraw|transfer|deposit)\\w*$)");

  private static Path mainClasses() throws URISyntaxException {
    // target/classes, where Exchange.class was compiled from core/src/main
    return Path.of(Exchange.class.getProtectionDomain().getCodeSource().getLocation().toURI());
  }

  private static Path mainSources() throws URISyntaxException {
    Path classes = mainClasses(); // core/target/classes
    return classes.getParent().getParent().resolve("src/main/java");
  }

  @Test
  void theExchangeInterfaceCannotMoveFunds() {
    for (Method m : Exchange.class.getMethods()) {
      assertThat(m.getName()).doesNotMatch(METHOD_NAME);
    }
  }

  @Test
  void noCompiledClassHasAFundsMovementMethod() throws Exception {
    List<String> offenders = new ArrayList<>();
    Path root = mainClasses();
    int classes = 0;
    try (Stream<Path> files = Files.walk(root)) {
      for (Path p : files.filter(f -> f.toString().endsWith(".class")).toList()) {
        String name = root.relativize(p).toString().replace('/', '.').replace(".class", "");
        if (name.endsWith("package-info")) {
          continue;
        }
        Class<?> c = Class.forName(name, false, getClass().getClassLoader());
        classes++;
        for (Method m : c.getDeclaredMethods()) {
          if (METHOD_NAME.matcher(m.getName()).matches()) {
            offenders.add(name + "#" + m.getName());
          }
        }
      }
    }
    assertThat(classes).as("classes scanned").isGreaterThan(50);
    assertThat(offenders).isEmpty();
  }

  @Test
  void noMainSourceNamesAFundsMovementEndpoint() throws IOException, URISyntaxException {
    Path src = mainSources();
    assertThat(src).isDirectory();
    List<String> offenders = new ArrayList<>();
    try (Stream<Path> files = Files.walk(src)) {
      for (Path p : files.filter(f -> f.toString().endsWith(".java")).toList()) {
        List<String> lines = Files.readAllLines(p);
        for (int i = 0; i < lines.size(); i++) {
          String line = lines.get(i);
          String code = line.strip();
          if (code.startsWith("*") || code.startsWith("/**") || code.startsWith("//")) {
            continue; // documentation may say that these do not exist
          }
          for (String literal : stringLiterals(line)) {
            if (ENDPOINT.matcher(literal).find()) {
              offenders.add(src.relativize(p) + ":" + (i + 1) + " " + literal);
            }
          }
        }
      }
    }
    assertThat(offenders).isEmpty();
  }

  @Test
  void theScannerWouldCatchAnEndpoint() {
    assertThat(stringLiterals("x(\"/api/v3/capital/withdraw/apply\", \"ok\")")).anyMatch(l -> ENDPOINT.matcher(l)
        .find());
    assertThat(stringLiterals("a(\"/api/v3/order\")")).noneMatch(l -> ENDPOINT.matcher(l).find());
    assertThat(ENDPOINT.matcher("/api/v3/sub-account/universalTransfer").find()).isTrue();
    assertThat(ENDPOINT.matcher("universalTransfer").find()).isTrue();
    assertThat(ENDPOINT.matcher("trade-only; never grant withdrawal").find()).isFalse();
    assertThat("withdrawFunds".toLowerCase(Locale.ROOT)).matches(METHOD_NAME);
  }

  private static List<String> stringLiterals(String line) {
    List<String> out = new ArrayList<>();
    var m = Pattern.compile("\"((?:[^\"\\\\]|\\\\.)*)\"").matcher(line);
    while (m.find()) {
      out.add(m.group(1));
    }
    return out;
  }
}
