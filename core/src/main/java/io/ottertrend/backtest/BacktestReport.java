package io.ottertrend.backtest;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.Map;

/**
 * A self-contained HTML report of a backtest: summary table, warnings, and charts — equity against buy-and-hold
 * and the 1 %/day target line, drawdown, trades on the most-traded pair's price, and the histogram of returns.
 * The charts use uPlot (MIT licence, fetched from the npm registry at build time), inlined with its licence, so
 * the file opens offline and loads nothing from the network.
 *
 * <p>Stateless; thread-safe. <b>Errors:</b> {@link BacktestException} when the bundled chart library is missing
 * from the classpath; {@link UncheckedIOException} when the file cannot be written.
 */
public final class BacktestReport {
  private static final String UPLOT = "uplot/package/";

  private BacktestReport() {}

  /** Writes the report of {@code result} to {@code file}. */
  public static void write(BacktestResult result, Path file) {
    try {
      Path parent = file.toAbsolutePath().getParent();
      if (parent != null) {
        Files.createDirectories(parent);
      }
      Files.writeString(file, html(result), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write the report " + file + ": " + e.getMessage(), e);
    }
  }

  /** The report as one HTML document. */
  public static String html(BacktestResult r) {
    BacktestSummary s = r.summary();
    StringBuilder h = new StringBuilder(64 * 1024);
    h.append("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">\n<title>OtterTrend backtest ")
        .append(esc(r.fingerprint().substring(0, 12))).append("</title>\n<style>\n")
        .append(resource(UPLOT + "dist/uPlot.min.css"))
        .append("\nbody{font-family:system-ui,sans-serif;margin:24px;color:#222;max-width:1100px}"
            + "table{border-collapse:collapse}td,th{padding:3px 12px;border-bottom:1px solid #ddd;text-align:left}"
            + "td.n{text-align:right;font-variant-numeric:tabular-nums}.warn{background:#fff3cd;padding:8px;"
            + "border:1px solid #e0c060;margin:8px 0}.chart{margin:18px 0}h2{margin-top:28px}"
            + "code{font-size:90%}</style>\n</head><body>\n");
    h.append("<h1>OtterTrend backtest</h1>\n<p>").append(esc(r.brain())).append(" brain, ")
        .append(r.symbols().size()).append(" pairs, ").append(esc(r.interval())).append(" bars, ")
        .append(Instant.ofEpochMilli(r.from())).append(" → ").append(Instant.ofEpochMilli(r.to())).append(", ")
        .append(r.cycles()).append(" cycles. Fingerprint <code>").append(esc(r.fingerprint())).append("</code></p>\n");
    if (!r.parameters().isEmpty()) {
      h.append("<p>Parameters: <code>").append(esc(r.parameters().toString())).append("</code></p>\n");
    }
    for (String w : r.warnings()) {
      h.append("<div class=\"warn\">⚠ ").append(esc(w)).append("</div>\n");
    }
    h.append("<div class=\"warn\">Target: the spec's ROI &gt; 1 %/day is a line results are compared to, not a promise. "
        + "Mean daily return ").append(pct(s.meanDailyReturn())).append(s.meetsTarget() ? " — at or above" : " — below")
        .append(" the target.</div>\n");
    h.append("<h2>Summary</h2>\n<table>\n");
    row(h, "Start → end equity", num(s.startEquity()) + " → " + num(s.endEquity()));
    row(h, "Total return", pct(s.totalReturn()));
    row(h, "Mean daily return (95 % bootstrap CI)", pct(s.meanDailyReturn()) + " (" + pct(s.dailyReturnLow())
        + " … " + pct(s.dailyReturnHigh()) + ")");
    row(h, "CAGR", pct(s.cagr()));
    row(h, "Sharpe / Sortino (annualised)", num(s.sharpe()) + " / " + num(s.sortino()));
    row(h, "Max drawdown (longest underwater)", pct(-s.maxDrawdown()) + " (" + dur(s.maxDrawdownMillis()) + ")");
    row(h, "Trades, win rate, profit factor", s.trades() + ", " + pct(s.winRate()) + ", " + num(s.profitFactor()));
    row(h, "Average hold", dur(s.averageHoldMillis()));
    row(h, "Fees paid", num(s.feesPaid()));
    row(h, "Exposure (mean share of equity in positions)", pct(s.exposure()));
    row(h, "Buy and hold " + (r.baselineSymbol() == null ? "(no BTC pair)" : r.baselineSymbol()),
        pct(s.buyHoldReturn()));
    row(h, "Bar-steps/s", num(r.barStepsPerSecond()));
    h.append("</table>\n");
    h.append("<h2>Equity</h2><div id=\"equity\" class=\"chart\"></div>\n");
    h.append("<h2>Drawdown</h2><div id=\"drawdown\" class=\"chart\"></div>\n");
    h.append("<h2>Trades on price").append(r.focus().symbol().isEmpty() ? " (no trades)" : ": " + esc(r.focus().symbol()))
        .append("</h2><div id=\"trades\" class=\"chart\"></div>\n");
    h.append("<h2>Returns histogram</h2><div id=\"hist\" class=\"chart\"></div>\n");
    h.append("<script>\n/* uPlot ").append(esc(version())).append(" — licence:\n")
        .append(resource(UPLOT + "LICENSE").replace("*/", "* /")).append("\n*/\n")
        .append(resource(UPLOT + "dist/uPlot.iife.min.js")).append("\n</script>\n");
    h.append("<script>\n").append(data(r)).append(SCRIPT).append("</script>\n</body></html>\n");
    return h.toString();
  }

  private static String data(BacktestResult r) {
    StringBuilder d = new StringBuilder();
    long[] t = r.times();
    double[] eq = r.equity();
    double[] base = r.baseline();
    double start = eq.length == 0 ? 0 : eq[0];
    double firstBase = Double.NaN;
    for (double v : base) {
      if (Double.isFinite(v) && v > 0) {
        firstBase = v;
        break;
      }
    }
    double[] hold = new double[eq.length];
    double[] target = new double[eq.length];
    for (int i = 0; i < eq.length; i++) {
      hold[i] = Double.isFinite(firstBase) && Double.isFinite(base[i]) ? start * base[i] / firstBase : Double.NaN;
      target[i] = start * Math.pow(1 + r.summary().targetDailyReturn(), (t[i] - t[0]) / (double) Metrics.DAY);
    }
    d.append("const T=").append(seconds(t)).append(";\nconst EQ=").append(array(eq)).append(";\nconst HOLD=")
        .append(array(hold)).append(";\nconst TARGET=").append(array(target)).append(";\nconst DD=")
        .append(array(Metrics.drawdownSeries(eq))).append(";\n");
    BacktestResult.PriceSeries f = r.focus();
    double[] buys = new double[f.times().length];
    double[] sells = new double[f.times().length];
    java.util.Arrays.fill(buys, Double.NaN);
    java.util.Arrays.fill(sells, Double.NaN);
    for (BacktestResult.FillLine fill : r.fills()) {
      if (!fill.symbol().equals(f.symbol()) || f.times().length == 0) {
        continue;
      }
      int i = java.util.Arrays.binarySearch(f.times(), fill.time());
      i = i >= 0 ? i : Math.max(0, -i - 2);
      (fill.side().equals("BUY") ? buys : sells)[i] = fill.price();
    }
    d.append("const PT=").append(seconds(f.times())).append(";\nconst PX=").append(array(f.closes()))
        .append(";\nconst BUYS=").append(array(buys)).append(";\nconst SELLS=").append(array(sells)).append(";\n");
    double[] daily = Metrics.dailyReturns(t, eq);
    boolean byDay = daily.length >= 5;
    double[] returns = byDay ? daily : cycleReturns(eq);
    double[][] hist = Metrics.histogram(returns, 30);
    double[] centres = new double[hist[1].length];
    for (int i = 0; i < centres.length; i++) {
      centres[i] = (hist[0][i] + hist[0][i + 1]) / 2 * 100;
    }
    d.append("const HX=").append(array(centres)).append(";\nconst HY=").append(array(hist[1]))
        .append(";\nconst HLABEL=\"").append(byDay ? "daily" : "per-cycle").append(" return, %\";\n");
    return d.toString();
  }

  private static double[] cycleReturns(double[] eq) {
    double[] out = new double[Math.max(0, eq.length - 1)];
    for (int i = 1; i < eq.length; i++) {
      out[i - 1] = eq[i - 1] > 0 ? eq[i] / eq[i - 1] - 1 : 0;
    }
    return out;
  }

  private static final String SCRIPT = """
      const W = Math.min(1050, (window.innerWidth || 1100) - 48);
      function line(el, title, x, ys, labels, colors, extra) {
        const series = [{}].concat(ys.map((y, i) => Object.assign({label: labels[i], stroke: colors[i], width: 1.5},
            (extra || [])[i] || {})));
        return new uPlot({title: title, width: W, height: 300, series: series, scales: {x: {time: true}}},
            [x].concat(ys), document.getElementById(el));
      }
      line("equity", "Equity (quote)", T, [EQ, HOLD, TARGET], ["strategy", "buy and hold BTC", "1 %/day target"],
          ["#1f77b4", "#999", "#d62728"], [{}, {}, {dash: [6, 4]}]);
      line("drawdown", "Drawdown", T, [DD.map(v => v == null ? null : v * 100)], ["drawdown %"], ["#d62728"],
          [{fill: "rgba(214,39,40,0.15)"}]);
      if (PT.length > 0) {
        const dot = c => ({stroke: c, width: 0, paths: () => null, points: {show: true, size: 9, fill: c, stroke: c}});
        line("trades", "Fills on price", PT, [PX, BUYS, SELLS], ["close", "buy", "sell"], ["#555", "#2ca02c", "#d62728"],
            [{}, dot("#2ca02c"), dot("#d62728")]);
      }
      new uPlot({title: "Histogram of " + HLABEL, width: W, height: 260, scales: {x: {time: false}},
          series: [{label: HLABEL}, {label: "count", stroke: "#1f77b4", fill: "rgba(31,119,180,0.35)",
              paths: uPlot.paths.bars({size: [0.9, 60]})}]},
          [HX, HY], document.getElementById("hist"));
      document.body.setAttribute("data-rendered", "true");
      """;

  private static String version() {
    String pkg = resource(UPLOT + "package.json");
    java.util.regex.Matcher m = java.util.regex.Pattern.compile("\"version\"\\s*:\\s*\"([^\"]+)\"").matcher(pkg);
    return m.find() ? m.group(1) : "?";
  }

  private static String resource(String name) {
    try (InputStream in = BacktestReport.class.getResourceAsStream(name)) {
      if (in == null) {
        throw new BacktestException("the chart library " + name + " is missing from the build (it is fetched "
            + "from the npm registry by the core module's build)");
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static String seconds(long[] t) {
    StringBuilder b = new StringBuilder(t.length * 11 + 2).append('[');
    for (int i = 0; i < t.length; i++) {
      b.append(i == 0 ? "" : ",").append(t[i] / 1000);
    }
    return b.append(']').toString();
  }

  private static String array(double[] x) {
    StringBuilder b = new StringBuilder(x.length * 10 + 2).append('[');
    for (int i = 0; i < x.length; i++) {
      b.append(i == 0 ? "" : ",");
      b.append(Double.isFinite(x[i]) ? String.format(Locale.ROOT, "%.8g", x[i]) : "null");
    }
    return b.append(']').toString();
  }

  private static void row(StringBuilder h, String label, String value) {
    h.append("<tr><th>").append(esc(label)).append("</th><td class=\"n\">").append(esc(value)).append("</td></tr>\n");
  }

  /** A fraction as a percentage with three decimals, or {@code n/a}. */
  public static String pct(double v) {
    return Double.isFinite(v) ? String.format(Locale.ROOT, "%.3f %%", v * 100) : "n/a";
  }

  /** Four significant digits, {@code ∞}, or {@code n/a}. */
  public static String num(double v) {
    if (v == Double.POSITIVE_INFINITY) {
      return "∞";
    }
    return Double.isFinite(v) ? String.format(Locale.ROOT, "%.4g", v) : "n/a";
  }

  /** A duration as days and hours, or hours and minutes. */
  public static String dur(long millis) {
    Duration d = Duration.ofMillis(millis);
    return d.toDays() > 0 ? d.toDays() + " d " + d.toHoursPart() + " h" : d.toHours() + " h " + d.toMinutesPart() + " min";
  }

  private static String esc(String s) {
    return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
  }

  /** Used by the JSON output of the CLI: the summary as an ordered map of plain numbers. */
  public static Map<String, Object> summaryMap(BacktestSummary s) {
    Map<String, Object> m = new java.util.LinkedHashMap<>();
    m.put("startEquity", s.startEquity());
    m.put("endEquity", s.endEquity());
    m.put("totalReturn", s.totalReturn());
    m.put("meanDailyReturn", s.meanDailyReturn());
    m.put("dailyReturnCi95", java.util.Arrays.asList(s.dailyReturnLow(), s.dailyReturnHigh()));
    m.put("cagr", s.cagr());
    m.put("sharpe", s.sharpe());
    m.put("sortino", s.sortino());
    m.put("maxDrawdown", s.maxDrawdown());
    m.put("maxDrawdownMillis", s.maxDrawdownMillis());
    m.put("trades", s.trades());
    m.put("winRate", s.winRate());
    m.put("profitFactor", s.profitFactor());
    m.put("averageHoldMillis", s.averageHoldMillis());
    m.put("feesPaid", s.feesPaid());
    m.put("exposure", s.exposure());
    m.put("buyHoldReturn", s.buyHoldReturn());
    m.put("targetDailyReturn", s.targetDailyReturn());
    m.put("meetsTarget", s.meetsTarget());
    return m;
  }
}
