package io.ottertrend.cli.commands;

import io.ottertrend.cli.CliContext;
import io.ottertrend.cli.Json;
import io.ottertrend.cli.SharedOptions;
import io.ottertrend.cli.UsageException;
import io.ottertrend.config.Setting;
import io.ottertrend.config.Settings;
import io.ottertrend.data.BarImporter;
import io.ottertrend.data.BarStore;
import io.ottertrend.data.DataException;
import io.ottertrend.data.KlineFetcher;
import io.ottertrend.data.SyntheticHistory;
import io.ottertrend.exchange.ExchangeException;
import io.ottertrend.exchange.mexc.MexcExchange;
import io.ottertrend.model.Interval;
import io.ottertrend.time.Clock;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code ottertrend data}: the historical bar store — {@code fetch} klines from MEXC, {@code import} CSV/JSON
 * files, {@code synth} a synthetic set, {@code list} what is stored. Without a subcommand it prints its help.
 */
@Command(
    name = "data",
    mixinStandardHelpOptions = true,
    description = {
      "Historical bars for backtests, stored compactly in a folder (default ./ottertrend-data): fetch them from "
          + "MEXC, import Binance/MEXC CSV or freqtrade JSON files, generate a synthetic set, or list what is there.",
      "",
      "Examples:",
      "  ottertrend data synth --symbols 200 --days 365 --interval 5m --seed 7",
      "  ottertrend data fetch --symbols BTCUSDT,ETHUSDT --interval 5m --from 2025-01-01",
      "  ottertrend data import BTCUSDT-5m-2025-01.csv",
      "  ottertrend data list --json"
    },
    subcommands = {DataCommand.Fetch.class, DataCommand.Import.class, DataCommand.Synth.class, DataCommand.ListCmd.class})
public final class DataCommand implements Runnable {
  @Spec CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
  }

  /** Options every data subcommand shares. */
  static final class DataOptions {
    @Option(names = "--data-dir", paramLabel = "DIR",
        description = "Folder of the bar store (default: ./ottertrend-data).")
    Path dataDir;

    @Option(names = "--json", description = "Print one JSON object instead of text.")
    boolean json;

    BarStore store(CliContext context) {
      return BarStore.open(context.resolve(dataDir != null ? dataDir : Path.of("ottertrend-data")));
    }
  }

  static Interval interval(String text) {
    try {
      return Interval.parse(text);
    } catch (IllegalArgumentException e) {
      throw new UsageException(e.getMessage());
    }
  }

  /** Parses {@code 2025-01-01}, an ISO instant or epoch milliseconds. */
  static long time(String option, String text) {
    String t = text.strip();
    try {
      if (t.matches("\\d{4}-\\d{2}-\\d{2}")) {
        return LocalDate.parse(t).atStartOfDay(ZoneOffset.UTC).toInstant().toEpochMilli();
      }
      if (t.matches("\\d{11,}")) {
        return Long.parseLong(t);
      }
      return Instant.parse(t).toEpochMilli();
    } catch (DateTimeParseException | NumberFormatException e) {
      throw new UsageException(option + " '" + text + "' is not a date; use 2025-01-01, 2025-01-01T12:00:00Z or "
          + "epoch milliseconds");
    }
  }

  /** Draws a one-line progress bar on a terminal; plain output prints nothing until the summary. */
  static final class ProgressBar {
    private final PrintWriter out;
    private final boolean enabled;
    private boolean drawn;

    ProgressBar(PrintWriter out, boolean enabled) {
      this.out = out;
      this.enabled = enabled;
    }

    void draw(double fraction, String label) {
      if (!enabled) {
        return;
      }
      int width = 30;
      int full = (int) Math.round(Math.max(0, Math.min(1, fraction)) * width);
      out.print("\r[" + "#".repeat(full) + " ".repeat(width - full) + "] "
          + String.format(Locale.ROOT, "%3d%% ", Math.round(fraction * 100)) + label + "   ");
      out.flush();
      drawn = true;
    }

    void done() {
      if (drawn) {
        out.println();
        drawn = false;
      }
    }
  }

  static String date(long millis) {
    return Instant.ofEpochMilli(millis).toString().replace(":00Z", "Z");
  }

  // --- fetch ---------------------------------------------------------------------------------------------------

  @Command(name = "fetch", mixinStandardHelpOptions = true,
      description = {"Download klines from MEXC (public data, no key needed) page by page. Each page is committed "
          + "before the next is requested: an interrupted fetch resumes after the last stored bar when run again.",
          "Gaps in MEXC's data are reported. The base URL comes from MEXC_BASE_URL."})
  static final class Fetch implements Callable<Integer> {
    private final CliContext context;
    @Spec CommandSpec spec;
    @Mixin SharedOptions shared;
    @Mixin DataOptions data = new DataOptions();

    @Option(names = "--symbols", required = true, split = ",", paramLabel = "SYM[,SYM...]",
        description = "Symbols to fetch, e.g. BTCUSDT,ETHUSDT.")
    List<String> symbols;

    @Option(names = "--interval", defaultValue = "5m", description = "Kline interval: 1m 5m 15m 30m 60m 4h 1d 1W 1M (default ${DEFAULT-VALUE}).")
    String interval;

    @Option(names = "--from", required = true, description = "First open time: 2025-01-01, an ISO instant or epoch ms.")
    String from;

    @Option(names = "--to", description = "Last open time (default: the last closed bar).")
    String to;

    @Option(names = "--rate", defaultValue = "10", description = "Requests per second at most (default ${DEFAULT-VALUE}; MEXC allows 20).")
    double rate;

    Fetch(CliContext context) {
      this.context = context;
    }

    @Override
    public Integer call() throws InterruptedException {
      Settings settings = shared.settings(context);
      Interval iv = interval(interval);
      long fromMs = time("--from", from);
      Long toMs = to == null ? null : time("--to", to);
      if (toMs != null && toMs < fromMs) {
        throw new UsageException("--to is before --from");
      }
      if (!(rate > 0 && rate <= 20)) {
        throw new UsageException("--rate must be in (0, 20] requests per second: " + rate);
      }
      BarStore store = data.store(context);
      PrintWriter out = spec.commandLine().getOut();
      ProgressBar bar = new ProgressBar(out, !data.json && !shared.plain(context));
      List<Object> results = new ArrayList<>();
      try (MexcExchange mexc = MexcExchange.fromSettings(settings, Clock.system())) {
        for (String raw : symbols) {
          String symbol = raw.strip().toUpperCase(Locale.ROOT);
          KlineFetcher fetcher = KlineFetcher.builder(mexc, store)
              .minRequestInterval(Duration.ofNanos((long) (1e9 / rate)))
              .progress(p -> bar.draw(p.fraction(), symbol + " " + p.barsStored() + " bars"))
              .build();
          KlineFetcher.Result r;
          try {
            r = fetcher.fetch(symbol, iv, fromMs, toMs);
          } catch (ExchangeException e) {
            bar.done();
            long have = store.info(symbol, iv).map(BarStore.SeriesInfo::bars).orElse(0L);
            throw new DataException("fetch of " + symbol + " " + iv.wireName() + " stopped: " + e.getMessage()
                + "; " + have + " bars are stored, run the same command again to resume", e);
          }
          bar.done();
          Map<String, Object> m = Json.object();
          m.put("symbol", symbol);
          m.put("interval", iv.wireName());
          m.put("stored", r.stored());
          m.put("resumedFrom", date(r.resumedFrom()));
          m.put("requests", r.requests());
          List<Object> gaps = new ArrayList<>();
          long missing = 0;
          for (BarStore.Gap g : r.gaps()) {
            Map<String, Object> gm = Json.object();
            gm.put("from", date(g.expectedOpenTime()));
            gm.put("to", date(g.nextOpenTime()));
            gm.put("missingBars", g.missingBars());
            gaps.add(gm);
            missing += g.missingBars();
          }
          m.put("gaps", gaps);
          results.add(m);
          if (!data.json) {
            out.println(symbol + " " + iv.wireName() + ": " + r.stored() + " bars stored from "
                + date(r.resumedFrom()) + " in " + r.requests() + " requests"
                + (gaps.isEmpty() ? ", no gaps" : ", " + gaps.size() + " gaps (" + missing + " bars missing)"));
          }
        }
      }
      if (data.json) {
        Map<String, Object> m = Json.object();
        m.put("dataDir", store.root().toString());
        m.put("symbols", results);
        out.println(Json.write(m));
      }
      return 0;
    }
  }

  // --- import --------------------------------------------------------------------------------------------------

  @Command(name = "import", mixinStandardHelpOptions = true,
      description = {"Import kline files: Binance/MEXC kline CSV (6, 8 or 12 columns, optional header) and freqtrade "
          + "JSON ([[ms, open, high, low, close, volume], ...]). Symbol and interval come from names like "
          + "BTCUSDT-5m-2025-01.csv or BTC_USDT-5m.json unless given. A bad file is refused with its line number and "
          + "nothing is written; bars already stored are skipped."})
  static final class Import implements Callable<Integer> {
    private final CliContext context;
    @Spec CommandSpec spec;
    @Mixin SharedOptions shared;
    @Mixin DataOptions data = new DataOptions();

    @Parameters(arity = "1..*", paramLabel = "FILE", description = "Files to import.")
    List<Path> files;

    @Option(names = "--symbol", description = "Symbol of every file (default: from the file name).")
    String symbol;

    @Option(names = "--interval", description = "Interval of every file (default: from the file name).")
    String interval;

    Import(CliContext context) {
      this.context = context;
    }

    @Override
    public Integer call() {
      Interval iv = interval == null ? null : interval(interval);
      BarStore store = data.store(context);
      PrintWriter out = spec.commandLine().getOut();
      List<Object> results = new ArrayList<>();
      for (Path f : files) {
        BarImporter.Result r;
        try {
          r = BarImporter.importFile(store, context.resolve(f), symbol, iv);
        } catch (DataException e) {
          throw new UsageException(e.getMessage());
        }
        Map<String, Object> m = Json.object();
        m.put("file", r.file().toString());
        m.put("symbol", r.symbol());
        m.put("interval", r.interval().wireName());
        m.put("format", r.format());
        m.put("read", r.read());
        m.put("appended", r.appended());
        m.put("skipped", r.skipped());
        results.add(m);
        if (!data.json) {
          out.println(f.getFileName() + ": " + r.symbol() + " " + r.interval().wireName() + ", " + r.read()
              + " bars read, " + r.appended() + " appended" + (r.skipped() > 0 ? ", " + r.skipped()
              + " already stored" : ""));
        }
      }
      if (data.json) {
        out.println(Json.write(Map.of("imports", results)));
      }
      return 0;
    }
  }

  // --- synth ---------------------------------------------------------------------------------------------------

  @Command(name = "synth", mixinStandardHelpOptions = true,
      description = {"Generate synthetic history with the built-in market model (fat tails, volatility clustering, "
          + "regimes, SocialFi/meme names, thin pairs, fresh listings). The same seed gives the same bars."})
  static final class Synth implements Callable<Integer> {
    private final CliContext context;
    @Spec CommandSpec spec;
    @Mixin SharedOptions shared;
    @Mixin DataOptions data = new DataOptions();

    @Option(names = "--symbols", description = "Number of pairs (default: SYNTHETIC_SYMBOLS).")
    Integer symbols;

    @Option(names = "--days", defaultValue = "30", description = "Days of history (default ${DEFAULT-VALUE}).")
    int days;

    @Option(names = "--interval", defaultValue = "5m", description = "Bar interval, 1m to 1d (default ${DEFAULT-VALUE}).")
    String interval;

    @Option(names = "--seed", defaultValue = "7", description = "Random seed (default ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--end", description = "End of the history (default: today 00:00 UTC).")
    String end;

    @Option(names = "--replace", description = "Regenerate series that already exist.")
    boolean replace;

    Synth(CliContext context) {
      this.context = context;
    }

    @Override
    public Integer call() {
      Settings settings = shared.settings(context);
      int n = symbols != null ? symbols : settings.integer(Setting.SYNTHETIC_SYMBOLS);
      if (n < 2 || n > 10_000) {
        throw new UsageException("--symbols must be 2..10000: " + n);
      }
      if (days < 1 || days > 3660) {
        throw new UsageException("--days must be 1..3660: " + days);
      }
      Interval iv = interval(interval);
      if (iv == Interval.W1 || iv == Interval.MN1) {
        throw new UsageException("--interval must be 1m to 1d for synthetic data: " + interval);
      }
      long endMs = end == null
          ? Clock.system().utcDate().atStartOfDay(ZoneOffset.UTC).toInstant().toEpochMilli() : time("--end", end);
      BarStore store = data.store(context);
      PrintWriter out = spec.commandLine().getOut();
      ProgressBar bar = new ProgressBar(out, !data.json && !shared.plain(context));
      List<SyntheticHistory.Written> written;
      try {
        written = SyntheticHistory.write(store, seed, n, days, iv, endMs, replace,
            w -> bar.draw((double) w.index() / w.total(), w.symbol()));
      } catch (DataException e) {
        bar.done();
        throw new UsageException(e.getMessage());
      }
      bar.done();
      long bars = written.stream().mapToLong(SyntheticHistory.Written::bars).sum();
      if (data.json) {
        Map<String, Object> m = Json.object();
        m.put("dataDir", store.root().toString());
        m.put("seed", seed);
        m.put("interval", iv.wireName());
        m.put("symbols", written.size());
        m.put("bars", bars);
        m.put("end", date(endMs));
        out.println(Json.write(m));
      } else {
        out.println("Wrote " + written.size() + " synthetic pairs, " + bars + " " + iv.wireName() + " bars ending "
            + date(endMs) + " (seed " + seed + ") to " + store.root());
      }
      return 0;
    }
  }

  // --- list ----------------------------------------------------------------------------------------------------

  @Command(name = "list", mixinStandardHelpOptions = true,
      description = {"List stored series: symbol, interval, bar count, first and last open time, gaps."})
  static final class ListCmd implements Callable<Integer> {
    private final CliContext context;
    @Spec CommandSpec spec;
    @Mixin SharedOptions shared;
    @Mixin DataOptions data = new DataOptions();

    ListCmd(CliContext context) {
      this.context = context;
    }

    @Override
    public Integer call() {
      BarStore store = data.store(context);
      List<BarStore.SeriesInfo> all = store.list();
      PrintWriter out = spec.commandLine().getOut();
      if (data.json) {
        List<Object> series = new ArrayList<>();
        for (BarStore.SeriesInfo s : all) {
          Map<String, Object> m = Json.object();
          m.put("symbol", s.symbol());
          m.put("interval", s.interval().wireName());
          m.put("bars", s.bars());
          m.put("from", date(s.firstOpenTime()));
          m.put("to", date(s.lastOpenTime()));
          m.put("gaps", s.gaps());
          m.put("missingBars", s.missingBars());
          series.add(m);
        }
        Map<String, Object> m = Json.object();
        m.put("dataDir", store.root().toString());
        m.put("series", series);
        out.println(Json.write(m));
        return 0;
      }
      if (all.isEmpty()) {
        out.println("No data in " + store.root() + ". Try: ottertrend data synth  or  ottertrend data fetch --symbols "
            + "BTCUSDT --from 2025-01-01");
        return 0;
      }
      out.printf(Locale.ROOT, "%-14s %-4s %10s  %-17s  %-17s  %s%n", "SYMBOL", "INT", "BARS", "FROM", "TO", "GAPS");
      long total = 0;
      for (BarStore.SeriesInfo s : all) {
        out.printf(Locale.ROOT, "%-14s %-4s %10d  %-17s  %-17s  %s%n", s.symbol(), s.interval().wireName(), s.bars(),
            date(s.firstOpenTime()), date(s.lastOpenTime()),
            s.gaps() == 0 ? "none" : s.gaps() + " (" + s.missingBars() + " bars missing)");
        total += s.bars();
      }
      out.println(all.size() + " series, " + total + " bars in " + store.root());
      return 0;
    }
  }
}
