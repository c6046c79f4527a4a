package io.ottertrend.backtest;

import static org.assertj.core.api.Assertions.assertThat;

import io.ottertrend.config.Settings;
import io.ottertrend.model.Interval;
import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The HTML report renders in a real headless browser, offline, without script errors: the page's own script marks
 * the body {@code data-rendered} only after every chart was built, and uPlot's canvases are in the DOM. Skipped
 * when no chromium is installed ({@code apt-get install -y chromium}). Also leaves a screenshot next to the report.
 */
class BacktestReportBrowserTest {
  @TempDir Path dir;

  private static String chromium() {
    for (String c : List.of("chromium", "chromium-browser", "google-chrome")) {
      for (String p : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
        if (Files.isExecutable(Path.of(p, c))) {
          return Path.of(p, c).toString();
        }
      }
    }
    return null;
  }

  @Test
  void theReportRendersEveryChartInHeadlessChromiumWithoutNetwork() throws Exception {
    String chromium = chromium();
    Assumptions.assumeTrue(chromium != null, "chromium not installed");
    BacktestResult r = Backtest.builder(Settings.defaults()).synthetic(7, 8).interval(Interval.M30)
        .from(Instant.parse("2025-01-01T00:00:00Z")).days(2).workDir(dir).build().run();
    Path html = dir.resolve("report.html");
    BacktestReport.write(r, html);
    List<String> common = List.of(chromium, "--headless", "--no-sandbox", "--disable-gpu",
        "--disable-background-networking", "--user-data-dir=" + dir.resolve("profile"), "--virtual-time-budget=5000");
    String dom = browse(common, "--dump-dom", html.toUri().toString());
    assertThat(dom).contains("data-rendered=\"true\"").contains("class=\"uplot");
    assertThat(dom.split("<canvas", -1).length - 1).isGreaterThanOrEqualTo(4);
    Path png = dir.resolve("report.png");
    browse(common, "--screenshot=" + png, "--window-size=1200,1800", html.toUri().toString());
    assertThat(png).exists();
    Path target = Path.of("target");
    if (Files.isDirectory(target)) { // kept for a look after the build: target/backtest-report.png
      Files.copy(png, target.resolve("backtest-report.png"), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
      Files.copy(html, target.resolve("backtest-report.html"), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
    }
  }

  private static String browse(List<String> common, String... more) throws Exception {
    List<String> cmd = new java.util.ArrayList<>(common);
    cmd.addAll(List.of(more));
    Process p = new ProcessBuilder(cmd).redirectError(ProcessBuilder.Redirect.DISCARD).start();
    byte[] out = p.getInputStream().readAllBytes();
    // A guard against a hung browser, not a timing assertion.
    if (!p.waitFor(120, TimeUnit.SECONDS)) {
      p.destroyForcibly();
    }
    return new String(out, StandardCharsets.UTF_8);
  }
}
