package io.ottertrend.cli.commands;

import io.ottertrend.cli.CliContext;
import io.ottertrend.cli.Json;
import io.ottertrend.cli.SharedOptions;
import io.ottertrend.cli.UsageException;
import io.ottertrend.config.Setting;
import io.ottertrend.config.Settings;
import io.ottertrend.exchange.mexc.MexcExchange;
import io.ottertrend.exchange.scan.MarketScanner;
import io.ottertrend.memory.SqliteMemory;
import io.ottertrend.time.Clock;
import java.io.PrintWriter;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code ottertrend scan}: observe only. Top gainers over every 24 h ticker, new listings since the previous
 * scan (remembered in the database), and the liquidity of one pair, from MEXC's public endpoints at
 * {@code MEXC_BASE_URL}. No API key is needed and nothing is traded.
 */
@Command(
    name = "scan",
    mixinStandardHelpOptions = true,
    description = {
      "Observe the market without trading: top 24 h gainers (filtered by quote volume), symbols listed since the "
          + "previous scan (remembered in the database; the first scan records a baseline), and the liquidity of "
          + "a pair (24 h quote volume, book depth within 1 %% and 2 %% of the mid). Uses MEXC's public API at "
          + "MEXC_BASE_URL; no key needed. Without options it shows the top 10 gainers.",
      "",
      "Examples:",
      "  ottertrend scan --gainers 5",
      "  ottertrend scan --listings --liquidity BTCUSDT",
      "  ottertrend scan --gainers 20 --min-quote-volume 1000000 --json | jq '.gainers[].symbol'"
    })
public final class ScanCommand implements Callable<Integer> {
  private final CliContext context;

  @Spec CommandSpec spec;
  @Mixin SharedOptions shared;

  @Option(names = "--gainers", paramLabel = "N", description = "Show the N biggest 24 h gainers.")
  Integer gainers;

  @Option(names = "--min-quote-volume", paramLabel = "USD",
      description = "Ignore pairs with less 24 h quote volume (default: RISK_MIN_LIQUIDITY_USD).")
  BigDecimal minQuoteVolume;

  @Option(names = "--listings", description = "Show symbols listed since the previous scan, with their age.")
  boolean listings;

  @Option(names = "--liquidity", paramLabel = "SYMBOL", description = "Show 24 h volume and book depth of SYMBOL.")
  String liquidity;

  @Option(names = "--json", description = "Print one JSON object with stable field names.")
  boolean json;

  public ScanCommand(CliContext context) {
    this.context = context;
  }

  @Override
  public Integer call() {
    Settings settings = shared.settings(context);
    if (gainers != null && (gainers < 1 || gainers > 1000)) {
      throw new UsageException("--gainers must be between 1 and 1000, e.g. --gainers 10");
    }
    if (liquidity != null && !liquidity.matches("[A-Za-z0-9]{2,30}")) {
      throw new UsageException("--liquidity needs a symbol such as BTCUSDT, not '" + liquidity + "'");
    }
    int n = gainers != null ? gainers : (!listings && liquidity == null ? 10 : 0);
    BigDecimal minVolume = minQuoteVolume != null ? minQuoteVolume : settings.decimal(Setting.RISK_MIN_LIQUIDITY_USD);
    Clock clock = Clock.system();
    Map<String, Object> report = Json.object();
    report.put("source", settings.string(Setting.MEXC_BASE_URL));
    report.put("at", Instant.ofEpochMilli(clock.millis()).toString());
    try (MexcExchange exchange = MexcExchange.fromSettings(settings, clock)) {
      if (n > 0) {
        MarketScanner scanner = new MarketScanner(exchange, null, clock);
        report.put("minQuoteVolume", minVolume);
        List<Object> rows = new ArrayList<>();
        for (MarketScanner.Gainer g : scanner.topGainers(n, minVolume)) {
          Map<String, Object> m = Json.object();
          m.put("symbol", g.symbol());
          m.put("changePct", BigDecimal.valueOf(g.changeFraction() * 100).setScale(2, java.math.RoundingMode.HALF_EVEN));
          m.put("lastPrice", g.lastPrice());
          m.put("quoteVolume", g.quoteVolume());
          rows.add(m);
        }
        report.put("gainers", rows);
      }
      if (listings) {
        try (SqliteMemory memory = SqliteMemory.open(shared.dbPath(context, settings))) {
          MarketScanner.ListingScan scan = new MarketScanner(exchange, memory, clock).newListings();
          Map<String, Object> m = Json.object();
          m.put("baseline", scan.baseline());
          m.put("known", scan.known());
          List<Object> rows = new ArrayList<>();
          for (MarketScanner.Listing l : scan.listings()) {
            Map<String, Object> r = Json.object();
            r.put("symbol", l.symbol());
            r.put("apiTradable", l.apiTradable());
            r.put("listedAt", l.listedAt() > 0 ? Instant.ofEpochMilli(l.listedAt()).toString() : null);
            r.put("ageHours", l.ageMillis() >= 0 ? BigDecimal.valueOf(l.ageMillis() / 3_600_000.0)
                .setScale(1, java.math.RoundingMode.HALF_EVEN) : null);
            rows.add(r);
          }
          m.put("new", rows);
          report.put("listings", m);
        }
      }
      if (liquidity != null) {
        MarketScanner.PairLiquidity l = new MarketScanner(exchange, null, clock)
            .estimatePairLiquidity(liquidity.toUpperCase(Locale.ROOT));
        Map<String, Object> m = Json.object();
        m.put("symbol", l.symbol());
        m.put("quoteVolume24h", l.quoteVolume24h());
        m.put("mid", l.mid());
        m.put("spreadPct", l.spreadFraction() * 100);
        m.put("depth1Pct", l.depth1Pct());
        m.put("bidDepth1Pct", l.bidDepth1Pct());
        m.put("askDepth1Pct", l.askDepth1Pct());
        m.put("depth2Pct", l.depth2Pct());
        m.put("bidDepth2Pct", l.bidDepth2Pct());
        m.put("askDepth2Pct", l.askDepth2Pct());
        m.put("minLiquidityUsd", settings.decimal(Setting.RISK_MIN_LIQUIDITY_USD));
        m.put("lowLiquidityThresholdUsd", settings.decimal(Setting.RISK_LOW_LIQUIDITY_THRESHOLD_USD));
        m.put("lowLiquidityCapUsd", settings.decimal(Setting.RISK_LOW_LIQUIDITY_CAP_USD));
        report.put("liquidity", m);
      }
    }
    PrintWriter out = spec.commandLine().getOut();
    if (json) {
      out.println(Json.write(report));
    } else {
      printText(out, report);
    }
    return 0;
  }

  @SuppressWarnings("unchecked")
  private static void printText(PrintWriter out, Map<String, Object> report) {
    out.println("Market scan of " + report.get("source") + " at " + report.get("at"));
    if (report.get("gainers") instanceof List<?> rows) {
      out.println();
      out.printf(Locale.ROOT, "Top %d gainers (24 h, quote volume >= %s):%n", rows.size(),
          plain(report.get("minQuoteVolume")));
      out.printf(Locale.ROOT, "  %3s  %-14s %9s  %-16s %16s%n", "#", "SYMBOL", "CHANGE", "LAST", "QUOTE VOL 24H");
      int i = 1;
      for (Object o : rows) {
        Map<String, Object> r = (Map<String, Object>) o;
        BigDecimal pct = (BigDecimal) r.get("changePct");
        out.printf(Locale.ROOT, "  %3d  %-14s %8s%%  %-16s %16s%n", i++, r.get("symbol"),
            (pct.signum() >= 0 ? "+" : "") + pct.toPlainString(), plain(r.get("lastPrice")),
            plain(r.get("quoteVolume")));
      }
      if (rows.isEmpty()) {
        out.println("  (no pair has that much volume)");
      }
    }
    if (report.get("listings") instanceof Map<?, ?> m) {
      out.println();
      List<Object> rows = (List<Object>) m.get("new");
      if (Boolean.TRUE.equals(m.get("baseline"))) {
        out.println("New listings: first scan; recorded " + m.get("known")
            + " symbols as the baseline. Scan again later to see what is new.");
      } else if (rows.isEmpty()) {
        out.println("New listings: none since the previous scan (" + m.get("known") + " symbols known).");
      } else {
        out.println("New listings since the previous scan:");
        out.printf(Locale.ROOT, "  %-14s %-8s %-24s %10s%n", "SYMBOL", "API", "LISTED AT", "AGE (H)");
        for (Object o : rows) {
          Map<String, Object> r = (Map<String, Object>) o;
          out.printf(Locale.ROOT, "  %-14s %-8s %-24s %10s%n", r.get("symbol"),
              Boolean.TRUE.equals(r.get("apiTradable")) ? "yes" : "no",
              r.get("listedAt") == null ? "unknown" : r.get("listedAt"),
              r.get("ageHours") == null ? "?" : plain(r.get("ageHours")));
        }
      }
    }
    if (report.get("liquidity") instanceof Map<?, ?> l) {
      out.println();
      out.println("Liquidity of " + l.get("symbol") + ":");
      out.printf(Locale.ROOT, "  24 h quote volume   %s (blocked below %s, capped at %s USD below %s)%n",
          plain(l.get("quoteVolume24h")), plain(l.get("minLiquidityUsd")), plain(l.get("lowLiquidityCapUsd")),
          plain(l.get("lowLiquidityThresholdUsd")));
      out.printf(Locale.ROOT, "  mid %s, spread %.3f %%%n", l.get("mid"), (Double) l.get("spreadPct"));
      out.printf(Locale.ROOT, "  depth within 1 %%    %.2f (bids %.2f, asks %.2f)%n", l.get("depth1Pct"),
          l.get("bidDepth1Pct"), l.get("askDepth1Pct"));
      out.printf(Locale.ROOT, "  depth within 2 %%    %.2f (bids %.2f, asks %.2f)%n", l.get("depth2Pct"),
          l.get("bidDepth2Pct"), l.get("askDepth2Pct"));
    }
  }

  private static String plain(Object o) {
    return o instanceof BigDecimal d ? d.stripTrailingZeros().toPlainString() : String.valueOf(o);
  }
}
