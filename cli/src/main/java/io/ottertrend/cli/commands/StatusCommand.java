package io.ottertrend.cli.commands;

import io.ottertrend.analytics.Vectorization;
import io.ottertrend.analytics.VectorizationInfo;
import io.ottertrend.cli.CliContext;
import io.ottertrend.cli.Json;
import io.ottertrend.cli.SharedOptions;
import io.ottertrend.cli.Version;
import io.ottertrend.config.Setting;
import io.ottertrend.config.Settings;
import io.ottertrend.memory.EquityPoint;
import io.ottertrend.memory.JournaledOrder;
import io.ottertrend.memory.OrderState;
import io.ottertrend.memory.PositionRecord;
import io.ottertrend.memory.RunRecord;
import io.ottertrend.memory.SqliteMemory;
import io.ottertrend.memory.DecisionRecord;
import io.ottertrend.risk.RiskConstraints;
import io.ottertrend.risk.RiskCounters;
import io.ottertrend.risk.RiskEngine;
import io.ottertrend.risk.RiskLimits;
import io.ottertrend.time.Clock;
import java.io.PrintWriter;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code ottertrend status}: what the database says, the effective settings (secrets redacted), the risk
 * limits, and what SIMD the JVM offers. Never creates a database: on a missing file it says there is no run
 * yet.
 */
@Command(
    name = "status",
    mixinStandardHelpOptions = true,
    description = {
      "Show runs, equity, positions, open orders, today's counters against their limits, halts, the effective "
          + "settings (secrets redacted) and the SIMD backend. Reads the database; never creates one.",
      "",
      "Examples:",
      "  ottertrend status",
      "  ottertrend status --db live.db --json | jq .today"
    })
public final class StatusCommand implements Callable<Integer> {
  private static final EnumSet<OrderState> OPEN_STATES =
      EnumSet.of(OrderState.NEW, OrderState.SENT, OrderState.UNKNOWN, OrderState.OPEN);

  private final CliContext context;

  @Spec CommandSpec spec;
  @Mixin SharedOptions shared;

  @Option(names = "--json", description = "Print one JSON object with stable field names.")
  boolean json;

  public StatusCommand(CliContext context) {
    this.context = context;
  }

  @Override
  public Integer call() {
    Settings settings = shared.settings(context);
    Path db = shared.dbPath(context, settings);
    Map<String, Object> report = Json.object();
    report.put("version", Version.version());
    report.put("mode", settings.bool(Setting.PAPER_TRADING) ? "paper" : "live");
    Map<String, Object> database = Json.object();
    database.put("path", db.toString());
    report.put("database", database);
    boolean exists = Files.isRegularFile(db);
    database.put("exists", exists);
    report.put("hasRuns", false);
    if (exists) {
      try (SqliteMemory memory = SqliteMemory.open(db)) {
        database.put("schemaVersion", memory.schemaVersion());
        fillFromDatabase(memory, settings, report);
        halt(memory, report);
      }
    }
    report.put("limits", limits(settings));
    report.put("settings", settingsList(settings));
    report.put("simd", simd());
    PrintWriter out = spec.commandLine().getOut();
    if (json) {
      out.println(Json.write(report));
    } else {
      printText(out, report);
    }
    return 0;
  }

  private static void fillFromDatabase(SqliteMemory memory, Settings settings, Map<String, Object> report) {
    List<RunRecord> runs = memory.recentRuns(5);
    report.put("hasRuns", !runs.isEmpty());
    List<Object> runList = new ArrayList<>();
    for (RunRecord r : runs) {
      Map<String, Object> m = Json.object();
      m.put("id", r.id());
      m.put("mode", r.mode());
      m.put("market", r.marketSource());
      m.put("brain", r.brain());
      m.put("exchange", r.exchange());
      m.put("status", r.status());
      m.put("startedAt", Instant.ofEpochMilli(r.startedAt()).toString());
      m.put("endedAt", r.endedAt() == 0 ? null : Instant.ofEpochMilli(r.endedAt()).toString());
      runList.add(m);
    }
    report.put("runs", runList);
    if (runs.isEmpty()) {
      return;
    }
    RunRecord last = runs.get(0);
    List<EquityPoint> equity = memory.equity(last.id());
    EquityPoint lastEquity = equity.isEmpty() ? null : equity.get(equity.size() - 1);
    if (lastEquity != null) {
      EquityPoint e = lastEquity;
      Map<String, Object> m = Json.object();
      m.put("at", Instant.ofEpochMilli(e.at()).toString());
      m.put("equity", e.equity());
      m.put("cash", e.cash());
      m.put("start", equity.get(0).equity());
      report.put("equity", m);
    }
    List<Object> positions = new ArrayList<>();
    String exchange = last.exchange() == null ? "paper" : last.exchange();
    List<PositionRecord> held = memory.positions(exchange);
    for (PositionRecord p : held) {
      Map<String, Object> m = Json.object();
      m.put("symbol", p.symbol());
      m.put("quantity", p.quantity());
      m.put("entry", p.averageEntryPrice());
      m.put("cost", p.costBasis());
      m.put("stopLoss", p.stopLoss());
      m.put("takeProfit", p.takeProfit());
      m.put("openedAt", Instant.ofEpochMilli(p.openedAt()).toString());
      m.put("dust", p.dust());
      positions.add(m);
    }
    report.put("positions", positions);
    List<Object> open = new ArrayList<>();
    for (JournaledOrder o : memory.orders(OPEN_STATES)) {
      Map<String, Object> m = Json.object();
      m.put("clientOrderId", o.clientOrderId());
      m.put("symbol", o.symbol());
      m.put("side", o.side());
      m.put("type", o.type());
      m.put("state", o.state());
      m.put("quantity", o.quantity());
      m.put("quoteQuantity", o.quoteQuantity());
      m.put("price", o.price());
      m.put("executed", o.executedQty());
      open.add(m);
    }
    report.put("openOrders", open);
    report.put("today", today(memory, settings, held, lastEquity));

    List<DecisionRecord> decisions = memory.recentDecisions(1);
    if (!decisions.isEmpty()) {
      DecisionRecord d = decisions.get(0);
      Map<String, Object> m = Json.object();
      m.put("at", Instant.ofEpochMilli(d.at()).toString());
      m.put("brain", d.brain());
      m.put("outcome", d.outcome());
      m.put("thoughts", d.thoughts());
      m.put("actions", d.actionsJson());
      report.put("lastDecision", m);
    }
    memory.state(io.ottertrend.agent.Agent.HEARTBEAT_KEY).ifPresent(json -> {
      try {
        report.put("lastCycle", new com.squareup.moshi.Moshi.Builder().build().adapter(Object.class).fromJson(json));
      } catch (java.io.IOException | RuntimeException e) {
        report.put("lastCycle", null); // a heartbeat from another version: not worth failing status over
      }
    });
  }

  /** The kill switch as stored (database, flag file next to it, or the daily-loss latch). */
  private static void halt(SqliteMemory memory, Map<String, Object> report) {
    io.ottertrend.risk.KillSwitch.HaltStatus halt =
        io.ottertrend.risk.KillSwitch.forMemory(memory, Clock.system(), null).status();
    if (halt.halted()) {
      Map<String, Object> h = Json.object();
      h.put("reason", halt.reason());
      h.put("source", halt.source());
      h.put("since", halt.since() == 0 ? null : Instant.ofEpochMilli(halt.since()).toString());
      report.put("halt", h);
    } else {
      report.put("halt", null);
    }
  }

  /**
   * Today's counters as the risk engine counts them and will enforce them (UTC day on the wall clock): its stored
   * counters, read by an engine on the same database that writes nothing (a day that has ended reads as fresh
   * counters), and the day's P&amp;L marked to market from the last equity point, as the daily-loss halt measures it.
   * Dust positions do not count against the open-position limit, as in the engine.
   */
  private static Map<String, Object> today(SqliteMemory memory, Settings settings, List<PositionRecord> positions,
      EquityPoint lastEquity) {
    RiskConstraints constraints =
        RiskEngine.builder(memory, Clock.system(), RiskLimits.from(settings)).build().constraints();
    RiskCounters c = constraints.counters();
    BigDecimal dayPnl = null;
    if (c.dayStartEquity() != null && lastEquity != null
        && !Instant.ofEpochMilli(lastEquity.at()).atZone(ZoneOffset.UTC).toLocalDate().isBefore(c.day())) {
      dayPnl = lastEquity.equity().subtract(c.dayStartEquity());
    }
    Map<String, Object> m = Json.object();
    m.put("day", c.day().toString());
    m.put("trades", c.tradesToday());
    m.put("maxTrades", constraints.limits().maxDailyTrades());
    m.put("entries", c.entriesToday());
    m.put("dayStartEquity", c.dayStartEquity());
    m.put("dayPnl", dayPnl);
    m.put("realisedPnl", c.realizedPnlToday());
    m.put("maxDailyLoss", settings.decimal(Setting.RISK_MAX_DAILY_LOSS_USD));
    m.put("dailyHalt", c.dailyHalt());
    m.put("openPositions", positions.stream().filter(p -> !p.dust()).count());
    m.put("maxOpenPositions", constraints.limits().maxOpenPositions());
    return m;
  }

  private static Map<String, Object> limits(Settings settings) {
    Map<String, Object> m = Json.object();
    for (Setting s : Setting.values()) {
      if (s.group() == Setting.Group.RISK) {
        m.put(s.name(), settings.value(s).display());
      }
    }
    m.put(Setting.LLM_DAILY_TOKEN_BUDGET.name(), settings.string(Setting.LLM_DAILY_TOKEN_BUDGET));
    return m;
  }

  private static List<Object> settingsList(Settings settings) {
    List<Object> out = new ArrayList<>();
    for (Settings.Value v : settings.all()) {
      Map<String, Object> m = Json.object();
      m.put("name", v.setting().name());
      m.put("value", v.display());
      m.put("source", v.source().name().toLowerCase(java.util.Locale.ROOT));
      m.put("secret", v.setting().isSecret());
      out.add(m);
    }
    return out;
  }

  private static Map<String, Object> simd() {
    VectorizationInfo v = Vectorization.info();
    Map<String, Object> m = Json.object();
    m.put("backend", v.backend());
    m.put("reason", v.reason());
    m.put("vectorModule", v.moduleReadable());
    m.put("c2", v.c2Enabled());
    m.put("vectorBits", v.vectorBitSize());
    m.put("doubleLanes", v.doubleLanes());
    m.put("floatLanes", v.floatLanes());
    m.put("cpus", Runtime.getRuntime().availableProcessors());
    return m;
  }

  @SuppressWarnings("unchecked")
  private static void printText(PrintWriter out, Map<String, Object> r) {
    Map<String, Object> db = (Map<String, Object>) r.get("database");
    out.println("OtterTrend " + r.get("version") + " — " + String.valueOf(r.get("mode")).toUpperCase(java.util.Locale.ROOT)
        + " mode");
    out.println("Database: " + db.get("path") + (Boolean.TRUE.equals(db.get("exists")) ? "" : " (does not exist)"));
    Map<String, Object> halt = (Map<String, Object>) r.get("halt");
    out.println("Halt: " + (halt == null ? "none"
        : "HALTED (" + halt.get("source") + "): " + halt.get("reason") + "; lift with `ottertrend resume`"));
    if (!Boolean.TRUE.equals(r.get("hasRuns"))) {
      out.println("No run yet. Start one with: ottertrend paper");
    } else {
      out.println();
      out.println("Runs (newest first):");
      for (Object o : (List<Object>) r.get("runs")) {
        Map<String, Object> m = (Map<String, Object>) o;
        out.printf("  #%-4s %-8s market=%-10s brain=%-6s %-9s started %s%n", m.get("id"), m.get("mode"),
            m.get("market"), m.get("brain"), m.get("status"), m.get("startedAt"));
      }
      Map<String, Object> eq = (Map<String, Object>) r.get("equity");
      if (eq != null) {
        out.printf("Equity: %s (cash %s; started at %s) as of %s%n", plain(eq.get("equity")), plain(eq.get("cash")),
            plain(eq.get("start")), eq.get("at"));
      }
      List<Object> pos = (List<Object>) r.get("positions");
      out.println("Positions: " + (pos.isEmpty() ? "none" : ""));
      for (Object o : pos) {
        Map<String, Object> m = (Map<String, Object>) o;
        out.printf("  %-12s qty %s entry %s stop %s target %s%s%n", m.get("symbol"), plain(m.get("quantity")),
            plain(m.get("entry")), plain(m.get("stopLoss")), plain(m.get("takeProfit")),
            Boolean.TRUE.equals(m.get("dust")) ? " (dust)" : "");
      }
      List<Object> open = (List<Object>) r.get("openOrders");
      out.println("Open orders: " + (open.isEmpty() ? "none" : ""));
      for (Object o : open) {
        Map<String, Object> m = (Map<String, Object>) o;
        out.printf("  %-12s %-4s %-10s %-8s qty %s price %s (%s)%n", m.get("symbol"), m.get("side"), m.get("type"),
            m.get("state"), plain(m.get("quantity")), plain(m.get("price")), m.get("clientOrderId"));
      }
      Map<String, Object> t = (Map<String, Object>) r.get("today");
      out.printf("Today (%s UTC): trades %s/%s, P&L %s marked to market (realised %s; halt at -%s), open positions"
          + " %s/%s%n", t.get("day"), t.get("trades"), t.get("maxTrades"),
          t.get("dayPnl") == null ? "not valued yet" : plain(t.get("dayPnl")), plain(t.get("realisedPnl")),
          plain(t.get("maxDailyLoss")), t.get("openPositions"), t.get("maxOpenPositions"));
      if (t.get("dailyHalt") != null) {
        out.println("Daily-loss halt: " + t.get("dailyHalt"));
      }
      Map<String, Object> d = (Map<String, Object>) r.get("lastDecision");
      if (d != null) {
        out.println("Last decision (" + d.get("brain") + ", " + d.get("at") + "): " + d.get("thoughts"));
      }
      if (r.get("lastCycle") instanceof Map<?, ?> c) {
        out.println("Last cycle: #" + c.get("cycle") + " at " + c.get("at") + " (" + c.get("outcome") + ")"
            + "; exchange " + c.get("exchange") + "; providers " + c.get("providers"));
        if (c.get("http") instanceof Map<?, ?> http) {
          out.println("HTTP: breakers " + http.get("breakers") + "; limiters " + http.get("limiters"));
          if (http.get("endpoints") instanceof List<?> endpoints) {
            endpoints.forEach(e -> out.println("  " + e));
          }
        }
      }
    }
    out.println();
    out.println("Risk limits:");
    ((Map<String, Object>) r.get("limits")).forEach((k, v) -> out.printf("  %-34s %s%n", k, v));
    out.println();
    out.println("Settings (source in brackets; secrets redacted):");
    for (Object o : (List<Object>) r.get("settings")) {
      Map<String, Object> m = (Map<String, Object>) o;
      out.printf("  %-34s %s [%s]%n", m.get("name"), m.get("value"), m.get("source"));
    }
    Map<String, Object> simd = (Map<String, Object>) r.get("simd");
    out.println();
    out.printf("SIMD: %s kernels (%s); vector width %s bits = %s doubles / %s floats; %s CPUs%n", simd.get("backend"),
        simd.get("reason"), simd.get("vectorBits"), simd.get("doubleLanes"), simd.get("floatLanes"), simd.get("cpus"));
  }

  private static String plain(Object v) {
    if (v == null) {
      return "-";
    }
    return v instanceof BigDecimal d ? d.stripTrailingZeros().toPlainString() : v.toString();
  }
}
