package io.ottertrend;

import io.ottertrend.agent.Agent;
import io.ottertrend.agent.AgentListener;
import io.ottertrend.agent.OrderManager;
import io.ottertrend.agent.Reconciler;
import io.ottertrend.alert.Alerts;
import io.ottertrend.brain.Brain;
import io.ottertrend.brain.FallbackBrain;
import io.ottertrend.agent.LoopPorts;
import io.ottertrend.brain.llm.Brains;
import io.ottertrend.brain.tools.AgentPorts;
import io.ottertrend.signals.SignalsPort;
import io.ottertrend.signals.SentimentAnalyzer;
import io.ottertrend.signals.SocialProvider;
import java.util.Optional;
import io.ottertrend.brain.rules.RulesBrain;
import io.ottertrend.brain.rules.RulesConfig;
import io.ottertrend.config.Setting;
import io.ottertrend.config.Settings;
import io.ottertrend.exchange.Exchange;
import io.ottertrend.exchange.mexc.MexcExchange;
import io.ottertrend.exchange.paper.PaperExchange;
import io.ottertrend.llm.LLMAdapter;
import io.ottertrend.llm.OpenAiCompatibleAdapter;
import io.ottertrend.llm.ReplayingLlmAdapter;
import io.ottertrend.market.ExchangeMarketSource;
import io.ottertrend.market.MarketSource;
import io.ottertrend.market.SyntheticMarket;
import io.ottertrend.memory.Memory;
import io.ottertrend.memory.SqliteMemory;
import io.ottertrend.registry.Registry;
import io.ottertrend.risk.KillSwitch;
import io.ottertrend.risk.RiskEngine;
import io.ottertrend.risk.RiskLimits;
import io.ottertrend.risk.RiskRule;
import io.ottertrend.signals.SignalsModule;
import io.ottertrend.signals.SignalsService;
import io.ottertrend.time.Clock;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicInteger;
import okhttp3.OkHttpClient;

/**
 * The composition root: a {@link Registry} with every default component bound, and the {@link Agent} built
 * from it. An embedding program replaces any part by binding its own before calling {@link #agent(Registry)}:
 *
 * <pre>{@code
 * Registry r = OtterTrend.registry(Settings.defaults(), OtterTrend.Options.paperSynthetic(42));
 * r.addInstance(RiskRule.class, new MyRule());         // an extra risk rule
 * Agent agent = OtterTrend.agent(r);
 * agent.run(10, Duration.ofSeconds(60), () -> false);
 * }</pre>
 *
 * <p>Named choices: {@link Exchange} "paper" and "mexc"; {@link MarketSource} "synthetic" and "mexc";
 * {@link Brain} "rules" and "llm". Extra {@link RiskRule}s added to the registry run after the shipped rules.
 * Thread-safety: see {@link Registry}.
 */
public final class OtterTrend {
  private OtterTrend() {}

  /** The run mode of backtests: a paper exchange on a simulated clock, recorded as such in the runs table. */
  public static final String BACKTEST = "backtest";

  /** Name of an optional {@link Memory} binding that holds LLM replays, when it differs from the journal. */
  public static final String LLM_REPLAY_STORE = "llm-replay";

  /** How to run: mode, market source, brain, seed. */
  public record Options(String mode, String market, String brain, long seed, boolean llmCacheOnly,
      AgentListener listener) {
    public Options {
      Objects.requireNonNull(mode, "mode");
      Objects.requireNonNull(market, "market");
      Objects.requireNonNull(brain, "brain");
      listener = listener == null ? AgentListener.none() : listener;
    }

    /** Paper trading on the built-in synthetic market with the rules brain: fully offline. */
    public static Options paperSynthetic(long seed) {
      return new Options("paper", "synthetic", "rules", seed, false, null);
    }

    public Options withBrain(String b) {
      return new Options(mode, market, b, seed, llmCacheOnly, listener);
    }

    public Options withListener(AgentListener l) {
      return new Options(mode, market, brain, seed, llmCacheOnly, l);
    }

    public Options withCacheOnly(boolean v) {
      return new Options(mode, market, brain, seed, v, listener);
    }
  }

  /** Run id holder: the run is recorded when the agent is built. */
  public static final class RunId {
    private volatile Long id;

    public Long get() {
      return id;
    }

    void set(long v) {
      id = v;
    }
  }

  /**
   * A registry with every default bound for {@code options}. The clock is simulated for the synthetic market
   * (cycles do not wait) and the wall clock otherwise; bind your own {@link Clock} to change that.
   */
  public static Registry registry(Settings settings, Options options) {
    Registry r = Registry.create(settings);
    r.bindInstance(Options.class, options);
    r.bindInstance(RunId.class, new RunId());
    r.bind(Clock.class, reg -> options.market().equals("synthetic")
        ? Clock.simulated(java.time.Instant.ofEpochMilli(System.currentTimeMillis() / 60_000 * 60_000))
        : Clock.system());
    r.bind(Memory.class, reg -> SqliteMemory.open(reg.settings().path(Setting.DB_PATH)));
    r.bind(OkHttpClient.class, reg -> new OkHttpClient.Builder()
        .callTimeout(reg.settings().duration(Setting.HTTP_TIMEOUT)).build());
    r.bindNamed(MarketSource.class, "synthetic",
        reg -> SyntheticMarket.fromSettings(reg.settings(), reg.get(Clock.class), options.seed()));
    r.bindNamed(MarketSource.class, "mexc",
        reg -> new ExchangeMarketSource(reg.named(Exchange.class, "mexc"), reg.get(Clock.class)));
    r.bindNamed(Exchange.class, "mexc", reg -> MexcExchange.fromSettings(reg.settings(), reg.get(Clock.class)));
    r.bindNamed(Exchange.class, "paper", reg -> PaperExchange.fromSettings(reg.settings(),
        reg.named(MarketSource.class, options.market()), reg.get(Memory.class)));
    r.bind(Exchange.class, reg -> reg.named(Exchange.class, options.mode().equals("live") ? "mexc" : "paper"));
    r.bind(Alerts.class, reg -> Alerts.fromSettings(reg.settings(), reg.get(Clock.class), null));
    r.bind(KillSwitch.class, reg -> KillSwitch.forMemory(reg.get(Memory.class), reg.get(Clock.class),
        reg.get(Alerts.class)));
    r.bind(RiskEngine.class, reg -> {
      RiskEngine.Builder b = RiskEngine.builder(reg.get(Memory.class), reg.get(Clock.class),
          RiskLimits.from(reg.settings())).alerts(reg.get(Alerts.class)).killSwitch(reg.get(KillSwitch.class))
          .runId(reg.get(RunId.class).get());
      for (RiskRule extra : reg.all(RiskRule.class)) {
        b.addRule(extra);
      }
      return b.build();
    });
    r.bind(OrderManager.class, reg -> OrderManager.builder(reg.get(Exchange.class), reg.get(Memory.class),
        reg.get(Clock.class)).runId(reg.get(RunId.class).get()).account(reg.get(Exchange.class).id()).build());
    r.bind(Reconciler.class, reg -> Reconciler.builder(reg.get(OrderManager.class))
        .quoteAsset(reg.settings().string(Setting.QUOTE_ASSET)).build());
    r.bindInstance(BrainFailures.class, new BrainFailures());
    r.bindNamed(Brain.class, "rules", reg -> new RulesBrain(RulesConfig.fromSettings(reg.settings())));
    r.bind(LLMAdapter.class, reg -> {
      Settings s = reg.settings();
      Clock clock = reg.get(Clock.class);
      RunId run = reg.get(RunId.class);
      // Backtests keep their journal in a scratch database but read and record LLM answers in a lasting store.
      Memory replay = reg.names(Memory.class).contains(LLM_REPLAY_STORE) ? reg.named(Memory.class, LLM_REPLAY_STORE)
          : reg.get(Memory.class);
      if (options.llmCacheOnly()) {
        return ReplayingLlmAdapter.cacheOnly(s.string(Setting.LLM_MODEL), replay, clock, run::get);
      }
      OpenAiCompatibleAdapter http = new OpenAiCompatibleAdapter(new OpenAiCompatibleAdapter.Config(
          s.string(Setting.LLM_BASE_URL), s.string(Setting.LLM_MODEL), s.secret(Setting.GROQ_API_KEY),
          s.duration(Setting.LLM_TIMEOUT), s.number(Setting.LLM_TEMPERATURE), s.integer(Setting.LLM_MAX_COMPLETION_TOKENS),
          2, Duration.ofSeconds(60), clock), reg.get(OkHttpClient.class));
      // The daily budget stops spending once today's recorded tokens reach it; the brain then falls back.
      return ReplayingLlmAdapter.recording(http, replay, clock, run::get)
          .withDailyTokenBudget(s.integer(Setting.LLM_DAILY_TOKEN_BUDGET));
    });
    r.bindInstance(LoopPorts.class, new LoopPorts());
    r.bindNamed(Brain.class, "llm", reg -> {
      // LLM_MODE json: JSON actions; tools: tool calls acting through the agent's ports of the current cycle.
      Brain llm = Brains.llm(reg.settings(), reg.get(LLMAdapter.class), reg.get(LoopPorts.class).ports(),
          reg.get(Clock.class));
      Brain fallback = reg.settings().string(Setting.LLM_FALLBACK).equals("rules") ? reg.named(Brain.class, "rules") : null;
      BrainFailures failures = reg.get(BrainFailures.class);
      return new FallbackBrain(llm, fallback, failures.count::set);
    });
    r.bind(Brain.class, reg -> reg.named(Brain.class, options.brain()));
    SignalsModule.register(r);
    return r;
  }

  /** Consecutive brain failures, shared between the fallback brain and the risk engine's safe mode. */
  public static final class BrainFailures {
    final AtomicInteger count = new AtomicInteger();

    public int get() {
      return count.get();
    }
  }

  /**
   * Records the run and builds the agent from {@code registry}. Offline (synthetic market) runs use only the
   * exchange-derived signals; online runs add Google Trends and news as configured.
   */
  public static Agent agent(Registry registry) {
    Options o = registry.get(Options.class);
    Settings s = registry.settings();
    Memory memory = registry.get(Memory.class);
    Clock clock = registry.get(Clock.class);
    RunId run = registry.get(RunId.class);
    Exchange exchange = registry.get(Exchange.class);
    long id = memory.startRun(new io.ottertrend.memory.RunInfo(o.mode(), o.market(), o.brain(), exchange.id(),
        version(), s.configHash(), o.market().equals("synthetic") ? o.seed() : null), clock.millis());
    run.set(id);
    SignalsService signals = null;
    AgentPorts.Signals toolSignals = null;
    if (!offline(o.market())) {
      SignalsService service = registry.get(SignalsService.class);
      signals = service;
      toolSignals = new SignalsPort(() -> Optional.ofNullable(service.latest()),
          registry.get(SentimentAnalyzer.class), registry.get(SocialProvider.class), s.list(Setting.NARRATIVES));
    }
    java.util.function.LongFunction<io.ottertrend.signals.TrendsSnapshot> recorded = null;
    if (registry.has(io.ottertrend.signals.SignalsReplay.class)) {
      io.ottertrend.signals.SignalsReplay replay = registry.get(io.ottertrend.signals.SignalsReplay.class);
      recorded = at -> replay.at(at).orElse(null);
    }
    return Agent.builder(exchange, memory, clock, s)
        .brain(registry.get(Brain.class))
        .risk(registry.get(RiskEngine.class))
        .orders(registry.get(OrderManager.class))
        .reconciler(registry.get(Reconciler.class))
        .signals(signals)
        .toolSignals(toolSignals)
        .loopPorts(registry.get(LoopPorts.class))
        .recordedSignals(recorded)
        .listener(o.listener())
        .runId(id)
        .universeSize(s.integer(Setting.AGENT_UNIVERSE_SIZE))
        .brainFailures(registry.get(BrainFailures.class)::get)
        .alerts(registry.get(Alerts.class))
        // A backtest's scratch journal has no operator: no heartbeat, and holds are announced, not journalled.
        .heartbeat(!o.mode().equals(BACKTEST))
        .journalHolds(!o.mode().equals(BACKTEST))
        .build();
  }

  /**
   * Whether a market name is offline: the built-in synthetic market and stored history ({@code "history"}, used by
   * backtests) never reach live trends or news; a backtest may bind a {@link io.ottertrend.signals.SignalsReplay}.
   */
  static boolean offline(String market) {
    return market.equals("synthetic") || market.equals("history");
  }

  /** The library version (from the jar manifest when packaged). */
  public static String version() {
    String v = OtterTrend.class.getPackage().getImplementationVersion();
    return v == null ? "dev" : v;
  }
}
