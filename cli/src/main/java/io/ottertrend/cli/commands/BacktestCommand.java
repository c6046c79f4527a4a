package io.ottertrend.cli.commands;

import io.ottertrend.backtest.Backtest;
import io.ottertrend.backtest.BacktestException;
import io.ottertrend.backtest.BacktestReport;
import io.ottertrend.backtest.BacktestResult;
import io.ottertrend.backtest.BacktestSummary;
import io.ottertrend.backtest.Sweep;
import io.ottertrend.cli.CliContext;
import io.ottertrend.cli.Json;
import io.ottertrend.cli.SharedOptions;
import io.ottertrend.cli.UsageException;
import io.ottertrend.config.Setting;
import io.ottertrend.config.Settings;
import io.ottertrend.data.BarStore;
import io.ottertrend.model.Interval;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicInteger;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code ottertrend backtest}: the agent over history on a simulated clock, one run or a parallel sweep. */
@Command(
    name = "backtest",
    mixinStandardHelpOptions = true,
    description = {
      "Run the same agent as `paper` (brain, risk engine, order manager, paper fills) over stored or synthetic "
          + "history on a simulated clock, one cycle per bar, and report the outcome. No look-ahead: at bar t "
          + "the agent sees only bars closed by t. The same inputs give the same trade fingerprint (sha256 over "
          + "fills), whatever --threads.",
      "",
      "Examples:",
      "  ottertrend backtest --synthetic --symbols 20 --days 30 --interval 5m --json",
      "  ottertrend backtest --data ottertrend-data --symbols BTCUSDT,ETHUSDT --from 2025-01-01 --to 2025-02-01 \\",
      "      --report bt.html --trades bt.csv",
      "  ottertrend backtest --synthetic --days 7 --grid RISK_STOP_LOSS_PCT=0.01,0.02 --grid RULES_MIN_MOMENTUM=0,0.01 \\",
      "      --rank sharpe --threads 2",
      ""
    })
public final class BacktestCommand implements Callable<Integer> {
  private final CliContext context;

  @Spec CommandSpec spec;
  @Mixin SharedOptions shared;

  @Option(names = "--data", paramLabel = "DIR", description = "Bar store folder (see `ottertrend data`).")
  Path data;

  @Option(names = "--synthetic", description = "Use the built-in synthetic market (offline; the default without --data).")
  boolean synthetic;

  @Option(names = "--symbols", paramLabel = "N|LIST",
      description = "Synthetic: number of pairs (default 20). Stored data: comma-separated pairs (default: all stored).")
  String symbols;

  @Option(names = "--interval", defaultValue = "5m", paramLabel = "INTERVAL",
      description = "Bar interval, one agent cycle per bar (default: ${DEFAULT-VALUE}).")
  String interval;

  @Option(names = "--from", paramLabel = "TIME", description = "Window start: 2025-01-01, an ISO instant or epoch ms.")
  String from;

  @Option(names = "--to", paramLabel = "TIME", description = "Window end (exclusive).")
  String to;

  @Option(names = "--days", defaultValue = "0", paramLabel = "N",
      description = "Window length in days when --from or --to is missing (synthetic default: 1).")
  int days;

  @Option(names = "--seed", defaultValue = "7", description = "Seed of the synthetic market (default: ${DEFAULT-VALUE}).")
  long seed;

  @Option(names = "--brain", defaultValue = "rules", paramLabel = "rules|llm",
      description = "Who decides (default: ${DEFAULT-VALUE}). llm answers come from the replay store in --db.")
  String brain;

  @Option(names = "--llm-cache-only", description = "Serve LLM answers only from the replay store; never call the network.")
  boolean llmCacheOnly;

  @Option(names = "--signals", paramLabel = "DB",
      description = "A database with recorded signals (trends, news), read as of each simulated time.")
  Path signals;

  @Option(names = "--report", paramLabel = "FILE", description = "Write a self-contained HTML report with charts.")
  Path report;

  @Option(names = "--trades", paramLabel = "FILE", description = "Write every closed trade as CSV.")
  Path trades;

  @Option(names = "--json", description = "Print one JSON object (sweeps: one JSON line per run, best first).")
  boolean json;

  @Option(names = "--threads", paramLabel = "N",
      description = "Worker threads for sweeps (default: all cores). Results do not depend on it.")
  Integer threads;

  @Option(names = "--grid", paramLabel = "KEY=v1,v2,...",
      description = "Sweep a setting over values (repeatable; every combination runs).")
  List<String> grid = new ArrayList<>();

  @Option(names = "--sweep", paramLabel = "FILE", description = "Sweep file: one KEY=v1,v2,... per line.")
  Path sweepFile;

  @Option(names = "--rank", defaultValue = "sharpe", paramLabel = "METRIC",
      description = "Rank sweep results by sharpe, sortino, return, cagr, daily, drawdown, profit-factor, win-rate "
          + "or trades (default: ${DEFAULT-VALUE}).")
  String rank;

  @Option(names = "--format", defaultValue = "json", paramLabel = "json|csv",
      description = "Sweep output: JSON lines or CSV rows (default: ${DEFAULT-VALUE}).")
  String format;

  public BacktestCommand(CliContext context) {
    this.context = context;
  }

  @Override
  public Integer call() throws InterruptedException {
    Settings settings = shared.settings(context);
    PrintWriter out = spec.commandLine().getOut();
    if (data != null && synthetic) {
      throw new UsageException("use either --data DIR or --synthetic, not both");
    }
    Interval iv = DataCommand.interval(interval);
    int workers = threads == null ? Runtime.getRuntime().availableProcessors() : threads;
    if (workers < 1) {
      throw new UsageException("--threads must be at least 1");
    }
    if (days < 0) {
      throw new UsageException("--days must be >= 0");
    }
    Sweep.Metric metric;
    Map<Setting, List<String>> axes = new LinkedHashMap<>();
    try {
      metric = Sweep.Metric.parse(rank);
      for (String g : grid) {
        Sweep.addAxis(axes, g);
      }
      if (sweepFile != null) {
        Sweep.readFile(context.resolve(sweepFile)).forEach((k, v) -> axes.computeIfAbsent(k, x -> new ArrayList<>()).addAll(v));
      }
    } catch (BacktestException e) {
      throw new UsageException(e.getMessage());
    }
    if (!format.equals("json") && !format.equals("csv")) {
      throw new UsageException("--format '" + format + "': use json or csv");
    }
    Backtest backtest = build(settings, iv);
    List<Map<Setting, String>> points = Sweep.combinations(axes);
    for (Map<Setting, String> p : points) {
      try {
        settings.with(p); // validates every value before anything runs
      } catch (RuntimeException e) {
        throw new UsageException("--grid " + p + ": " + e.getMessage());
      }
    }
    boolean bar = context.interactive() && !json;
    DataCommand.ProgressBar progress = new DataCommand.ProgressBar(out, bar);
    AtomicInteger done = new AtomicInteger();
    List<BacktestResult> results;
    try {
      if (axes.isEmpty()) {
        // One run: the agent loop is single-threaded by design; --threads only sizes sweeps.
        results = List.of(backtest.run(Map.of(), (d, total) -> progress.draw((double) d / total, d + "/" + total
            + " bars")));
      } else {
        results = Sweep.run(backtest, points, workers, r -> progress.draw((double) done.incrementAndGet()
            / points.size(), done.get() + "/" + points.size() + " runs"));
      }
    } catch (BacktestException e) {
      throw new UsageException(e.getMessage());
    } finally {
      progress.done();
    }
    if (axes.isEmpty()) {
      single(results.get(0), out);
    } else {
      sweep(Sweep.rank(results, metric), metric, out);
    }
    out.flush();
    return 0;
  }

  private Backtest build(Settings settings, Interval iv) {
    Backtest.Builder b = Backtest.builder(settings).interval(iv).days(days)
        .from(from == null ? null : Instant.ofEpochMilli(DataCommand.time("--from", from)))
        .to(to == null ? null : Instant.ofEpochMilli(DataCommand.time("--to", to)));
    if (data != null) {
      Path dir = context.resolve(data);
      if (!Files.isDirectory(dir)) {
        throw new UsageException("--data " + dir + " is not a folder; create one with `ottertrend data synth|fetch`");
      }
      List<String> names = new ArrayList<>();
      if (symbols != null) {
        for (String s : symbols.split(",")) {
          if (!s.isBlank()) {
            names.add(s.strip().toUpperCase(Locale.ROOT));
          }
        }
      }
      b.history(BarStore.open(dir), names);
    } else {
      int n = 20;
      if (symbols != null) {
        try {
          n = Integer.parseInt(symbols.strip());
        } catch (NumberFormatException e) {
          throw new UsageException("--symbols '" + symbols + "': with --synthetic give a number of pairs, e.g. 20");
        }
      }
      if (n < 2 || n > 10_000) {
        throw new UsageException("--symbols must be 2..10000 for the synthetic market");
      }
      b.synthetic(seed, n);
      if (from == null && to == null && days == 0) {
        b.days(1);
      }
    }
    switch (brain.toLowerCase(Locale.ROOT)) {
      case "rules" -> b.brain("rules");
      case "llm" -> {
        if (!llmCacheOnly && !settings.secret(Setting.GROQ_API_KEY).isPresent()
            && settings.string(Setting.LLM_BASE_URL).contains("groq.com")) {
          throw new UsageException("--brain llm needs GROQ_API_KEY, a local LLM_BASE_URL, or --llm-cache-only");
        }
        b.brain("llm").llmCacheOnly(llmCacheOnly).llmReplayStore(shared.dbPath(context, settings));
      }
      default -> throw new UsageException("--brain '" + brain + "': use rules or llm");
    }
    if (signals != null) {
      Path s = context.resolve(signals);
      if (!Files.isRegularFile(s)) {
        throw new UsageException("--signals " + s + " is not a database file");
      }
      b.signalsStore(s);
    }
    try {
      Backtest built = b.build();
      built.from(); // resolves the window now, so bad input is one clear line before any work
      return built;
    } catch (BacktestException e) {
      throw new UsageException(e.getMessage());
    }
  }

  private void single(BacktestResult r, PrintWriter out) {
    if (report != null) {
      BacktestReport.write(r, context.resolve(report));
    }
    if (trades != null) {
      writeTrades(r, context.resolve(trades));
    }
    if (json) {
      Map<String, Object> m = result(r);
      if (report != null) {
        m.put("report", context.resolve(report).toString());
      }
      if (trades != null) {
        m.put("tradesFile", context.resolve(trades).toString());
      }
      out.println(Json.write(m));
      return;
    }
    BacktestSummary s = r.summary();
    out.println("OtterTrend BACKTEST — " + r.brain() + " brain, " + r.symbols().size() + " pairs, " + r.interval()
        + " bars, " + DataCommand.date(r.from()) + " → " + DataCommand.date(r.to()) + ", " + r.cycles() + " cycles");
    for (String w : r.warnings()) {
      out.println("warning: " + w);
    }
    line(out, "equity", BacktestReport.num(s.startEquity()) + " → " + BacktestReport.num(s.endEquity()));
    line(out, "total return", BacktestReport.pct(s.totalReturn()));
    line(out, "mean daily return", BacktestReport.pct(s.meanDailyReturn()) + "  (95 % bootstrap CI "
        + BacktestReport.pct(s.dailyReturnLow()) + " … " + BacktestReport.pct(s.dailyReturnHigh()) + ")");
    line(out, "target 1 %/day", (s.meetsTarget() ? "met" : "not met") + " (a comparison line, not a promise)");
    line(out, "CAGR", BacktestReport.pct(s.cagr()));
    line(out, "Sharpe / Sortino", BacktestReport.num(s.sharpe()) + " / " + BacktestReport.num(s.sortino()));
    line(out, "max drawdown", BacktestReport.pct(s.maxDrawdown()) + " (longest underwater "
        + BacktestReport.dur(s.maxDrawdownMillis()) + ")");
    line(out, "trades", s.trades() + ", win rate " + BacktestReport.pct(s.winRate()) + ", profit factor "
        + BacktestReport.num(s.profitFactor()) + ", average hold " + BacktestReport.dur(s.averageHoldMillis()));
    line(out, "fees paid", BacktestReport.num(s.feesPaid()));
    line(out, "exposure", BacktestReport.pct(s.exposure()));
    line(out, "buy & hold " + (r.baselineSymbol() == null ? "BTC" : r.baselineSymbol()),
        BacktestReport.pct(s.buyHoldReturn()));
    line(out, "speed", String.format(Locale.ROOT, "%,.0f bar-steps/s (%d ms)", r.barStepsPerSecond(),
        r.elapsedMillis()));
    line(out, "fingerprint", "sha256:" + r.fingerprint());
    if (report != null) {
      line(out, "report", context.resolve(report).toString());
    }
    if (trades != null) {
      line(out, "trades file", context.resolve(trades).toString());
    }
  }

  private static void line(PrintWriter out, String label, String value) {
    out.printf(Locale.ROOT, "  %-20s %s%n", label, value);
  }

  private void sweep(List<BacktestResult> ranked, Sweep.Metric metric, PrintWriter out) {
    if (format.equals("csv")) {
      List<String> keys = new ArrayList<>(ranked.get(0).parameters().keySet().stream().sorted().toList());
      List<String> metrics = new ArrayList<>(BacktestReport.summaryMap(ranked.get(0).summary()).keySet());
      metrics.remove("dailyReturnCi95");
      out.println("rank," + String.join(",", keys) + "," + String.join(",", metrics) + ",fingerprint");
      int i = 1;
      for (BacktestResult r : ranked) {
        StringBuilder row = new StringBuilder().append(i++);
        for (String k : keys) {
          row.append(',').append(r.parameters().get(k));
        }
        Map<String, Object> m = BacktestReport.summaryMap(r.summary());
        for (String k : metrics) {
          row.append(',').append(m.get(k));
        }
        out.println(row.append(',').append(r.fingerprint()));
      }
      return;
    }
    int i = 1;
    for (BacktestResult r : ranked) {
      Map<String, Object> m = Json.object();
      m.put("rank", i++);
      m.put("rankedBy", metric.name().toLowerCase(Locale.ROOT));
      m.putAll(result(r));
      out.println(Json.line(m));
    }
  }

  private static Map<String, Object> result(BacktestResult r) {
    Map<String, Object> m = Json.object();
    m.put("fingerprint", r.fingerprint());
    m.put("parameters", new LinkedHashMap<>(r.parameters()));
    m.put("brain", r.brain());
    m.put("interval", r.interval());
    m.put("from", Instant.ofEpochMilli(r.from()).toString());
    m.put("to", Instant.ofEpochMilli(r.to()).toString());
    m.put("symbols", r.symbols().size());
    m.put("cycles", r.cycles());
    m.put("barSteps", r.barSteps());
    m.put("elapsedMillis", r.elapsedMillis());
    m.put("barStepsPerSecond", r.barStepsPerSecond());
    m.put("fills", r.fills().size());
    m.put("warnings", r.warnings());
    m.put("summary", BacktestReport.summaryMap(r.summary()));
    return m;
  }

  private static void writeTrades(BacktestResult r, Path file) {
    try {
      Path parent = file.toAbsolutePath().getParent();
      if (parent != null) {
        Files.createDirectories(parent);
      }
      try (Writer w = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
        w.write("# fingerprint sha256:" + r.fingerprint() + "\n");
        w.write("symbol,entry_time,exit_time,quantity,entry_price,exit_price,pnl,return,fees,reason\n");
        for (var t : r.trades()) {
          w.write(String.join(",", t.symbol(), Instant.ofEpochMilli(t.entryTime()).toString(),
              Instant.ofEpochMilli(t.exitTime()).toString(), fmt(t.quantity()), fmt(t.entryPrice()),
              fmt(t.exitPrice()), fmt(t.pnl()), fmt(t.returnFraction()), fmt(t.fees()), t.reason()) + "\n");
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write " + file + ": " + e.getMessage(), e);
    }
  }

  private static String fmt(double v) {
    return String.format(Locale.ROOT, "%.10g", v);
  }
}
