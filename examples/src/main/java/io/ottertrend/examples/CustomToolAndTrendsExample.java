package io.ottertrend.examples;

import io.ottertrend.brain.MarketSnapshot;
import io.ottertrend.brain.SymbolGuard;
import io.ottertrend.brain.tools.Params;
import io.ottertrend.brain.tools.Tool;
import io.ottertrend.brain.tools.ToolArgs;
import io.ottertrend.brain.tools.ToolRegistry;
import io.ottertrend.brain.tools.ToolRouter;
import io.ottertrend.config.Settings;
import io.ottertrend.llm.ToolCall;
import io.ottertrend.llm.ToolDefinition;
import io.ottertrend.signals.KeywordSeries;
import io.ottertrend.signals.ProviderHealth;
import io.ottertrend.signals.SignalsService;
import io.ottertrend.signals.TrendPoint;
import io.ottertrend.signals.TrendSignals;
import io.ottertrend.signals.TrendsProvider;
import io.ottertrend.signals.TrendsSnapshot;
import io.ottertrend.signals.sentiment.LexiconSentimentAnalyzer;
import io.ottertrend.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Example 2 — add a tool the LLM can call, and a custom {@link TrendsProvider}.
 *
 * <p>The tool is declared once (name, description, category, parameters built with the {@link Params} DSL,
 * which also produces the JSON schema the model sees) and registered by name in a {@link ToolRegistry}. The
 * {@link ToolRouter} validates the model's arguments against that declaration before the tool runs, so the
 * tool's code only ever sees well-formed values. Here it is called through the router exactly as the
 * tool-calling brain would call it.
 *
 * <p>The trends provider stands for any source of keyword interest you have (your own scraper, a paid API, a
 * file): it only has to return {@link TrendSignals}. The {@link SignalsService} runs it with the same deadline,
 * circuit breaker and health tracking as the shipped Google Trends provider.
 */
public final class CustomToolAndTrendsExample {
  private CustomToolAndTrendsExample() {}

  /**
   * A "think" tool: how many units to buy so that hitting the stop loses at most {@code risk_usd}. Read-only
   * (it never places an order: acting tools go through the order gateway and the risk engine).
   */
  public static final class PositionSizeTool implements Tool {
    private static final Spec SPEC = new Spec("position_size_for_risk",
        "Units of a symbol to buy so that a stop at stop_pct below the last price loses at most risk_usd.",
        Category.THINK,
        Params.object()
            .symbol("symbol", "Symbol from the snapshot, e.g. BTCUSDT", true)
            .number("stop_pct", "Stop distance as a fraction of the price, e.g. 0.03", true, 0.001, 0.5)
            .number("risk_usd", "Loss accepted if the stop is hit, in the quote asset", false, 0.5, 1000),
        Duration.ofSeconds(30), 20);

    @Override
    public Spec spec() {
      return SPEC;
    }

    @Override
    public Object call(ToolArgs args, Context context) {
      String symbol = args.symbol("symbol");
      double stop = args.number("stop_pct", 0.03);
      double risk = args.number("risk_usd", 2.0);
      double price = context.snapshot().symbols().stream().filter(v -> v.symbol().equals(symbol))
          .mapToDouble(MarketSnapshot.SymbolView::lastPrice).findFirst().orElseThrow();
      double units = risk / (price * stop);
      return Map.of("symbol", symbol, "units", units, "notional", units * price);
    }
  }

  /**
   * A trends provider serving keyword interest from your own source (here: a fixed table). Real providers
   * throw a {@link io.ottertrend.signals.SignalException} when the source fails; the service records the
   * failure in the provider's health and carries on without it.
   */
  public static final class MyTrendsProvider implements TrendsProvider {
    private final Clock clock;
    private final Map<String, int[]> interest;

    /** Serves {@code interest}: per keyword, hourly values oldest first, the last one at the clock's now. */
    public MyTrendsProvider(Clock clock, Map<String, int[]> interest) {
      this.clock = clock;
      this.interest = interest;
    }

    @Override
    public String name() {
      return "my_trends";
    }

    @Override
    public ProviderHealth health() {
      return new ProviderHealth(name(), ProviderHealth.Status.UP, 0, null, clock.millis());
    }

    @Override
    public TrendSignals fetch() {
      long now = clock.millis();
      List<KeywordSeries> series = new ArrayList<>();
      interest.forEach((keyword, values) -> {
        List<TrendPoint> points = new ArrayList<>();
        for (int i = 0; i < values.length; i++) {       // one point per hour, the last one is now
          points.add(new TrendPoint(now - (values.length - 1 - i) * 3_600_000L, values[i], false));
        }
        series.add(KeywordSeries.of(keyword, points));
      });
      return new TrendSignals(name(), now, series, List.of(), List.of());
    }
  }

  /** What the example produced. */
  public record Result(List<ToolDefinition> definitions, ToolRouter.Outcome toolOutcome,
      ToolRouter.Outcome badCallOutcome, TrendsSnapshot trends) {}

  /** Registers and calls the tool, then collects a trends snapshot through the custom provider. */
  public static Result run() {
    Clock clock = Clock.simulated(Instant.parse("2026-03-02T10:00:00Z"));

    // 1. the tool, registered by name; its definition (with the JSON schema) is what the model is sent
    ToolRegistry tools = new ToolRegistry().register(new PositionSizeTool());
    ToolRouter router = new ToolRouter(tools, clock);

    MarketSnapshot snapshot = new MarketSnapshot(clock.millis(), "USDT",
        new MarketSnapshot.Portfolio(1000, 1000, List.of()),
        List.of(new MarketSnapshot.SymbolView("SOLUSDT", 180, 0.05, 120e6, 0.0004, 62, 0.01, 0.02, 0.01,
            MarketSnapshot.Regime.TRENDING_UP, false, false)),
        MarketSnapshot.Signals.EMPTY, MarketSnapshot.Risk.fromSettings(Settings.defaults()));
    ToolRouter.Cycle cycle = router.cycle(snapshot, new SymbolGuard(List.of("SOLUSDT")), 5);
    // the model's call, as it arrives from the LLM: a name and JSON arguments
    ToolRouter.Outcome ok = cycle.call(new ToolCall("call_1", "position_size_for_risk",
        "{\"symbol\":\"SOLUSDT\",\"stop_pct\":0.04,\"risk_usd\":3.6}"));
    // a malformed call never reaches the tool: the router answers the model with the validation error
    ToolRouter.Outcome bad = cycle.call(new ToolCall("call_2", "position_size_for_risk",
        "{\"symbol\":\"SOLUSDT\",\"stop_pct\":7}"));

    // 2. the trends provider, run by the signals service next to (or instead of) the shipped ones
    try (SignalsService signals = SignalsService.builder(clock, new LexiconSentimentAnalyzer())
        .trends(new MyTrendsProvider(clock, Map.of(
            "socialfi", new int[] {20, 25, 31, 40, 55},
            "memecoin", new int[] {70, 64, 60, 52, 45})))
        .build()) {
      return new Result(tools.definitions(), ok, bad, signals.collect());
    }
  }

  /** Prints the tool's schema, its answer and the keyword slopes. */
  public static void main(String[] args) {
    Result r = run();
    System.out.println("tool schema: " + r.definitions().get(0).parameters());
    System.out.println("tool answer: " + r.toolOutcome().content());
    System.out.println("bad call:    " + r.badCallOutcome().content());
    r.trends().keywords().forEach(k -> System.out.printf("trend %-10s latest %3d slope %+.2f (from %s)%n",
        k.value().keyword(), k.value().latest(), k.value().slope(), k.source()));
  }
}
