package io.ottertrend.cli.commands;

import io.ottertrend.OtterTrend;
import io.ottertrend.cli.CliContext;
import io.ottertrend.cli.SharedOptions;
import io.ottertrend.cli.UsageException;
import io.ottertrend.config.Durations;
import io.ottertrend.config.Setting;
import io.ottertrend.config.Settings;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code ottertrend paper}: the autonomous loop on a simulated wallet. */
@Command(
    name = "paper",
    mixinStandardHelpOptions = true,
    description = {
      "Run the autonomous loop (observe, think, act) on a simulated wallet. Orders go through the same risk "
          + "engine and order manager as live trading; fills come from the paper exchange, which rejects what "
          + "MEXC would reject. Runs until stopped (Ctrl-C finishes the current step) or --cycles.",
      "",
      "Examples:",
      "  ottertrend paper --market synthetic --cycles 30 --plain     # offline, accelerated clock",
      "  ottertrend paper --market synthetic                         # dashboard: q quit, p pause, h halt",
      "  ottertrend paper --brain llm --interval 60s                 # Groq decides, MEXC public prices",
      "  ottertrend paper --cycles 100 --json-events | jq -c 'select(.type==\"OrderUpdate\")'",
      ""
    })
public final class PaperCommand implements Callable<Integer> {
  private final CliContext context;

  @Spec CommandSpec spec;
  @Mixin SharedOptions shared;

  @Option(names = "--market", defaultValue = "auto", paramLabel = "auto|mexc|synthetic",
      description = "Where prices come from: mexc (public data), synthetic (built-in, offline, accelerated clock), "
          + "or auto: MEXC when reachable, else synthetic (default: ${DEFAULT-VALUE}).")
  String market;

  @Option(names = "--brain", defaultValue = "auto", paramLabel = "auto|llm|rules",
      description = "Who decides: llm (Groq or any OpenAI-compatible server), rules (deterministic), or auto: "
          + "llm when GROQ_API_KEY is set, else rules (default: ${DEFAULT-VALUE}).")
  String brain;

  @Option(names = "--cycles", defaultValue = "0", paramLabel = "N", description = "Stop after N cycles (0: run until stopped).")
  long cycles;

  @Option(names = "--interval", paramLabel = "DURATION",
      description = "Time between cycles, e.g. 60s or 5m (default: CYCLE_INTERVAL). The synthetic market's clock "
          + "is simulated, so cycles do not wait in real time.")
  String interval;

  @Option(names = "--seed", defaultValue = "7", description = "Seed of the synthetic market (default: ${DEFAULT-VALUE}).")
  long seed;

  @Option(names = "--speed", defaultValue = "0", paramLabel = "X",
      description = "Synthetic market only: run the simulated clock X times faster than real time, e.g. --speed 60 "
          + "with --interval 60s shows one cycle per second. Default: as fast as possible with --plain or "
          + "--json-events, one cycle per second in the dashboard.")
  double speed;

  @Option(names = "--json-events", description = "Print one JSON object per event (decision, risk verdict, order, fill, equity).")
  boolean jsonEvents;

  @Option(names = "--llm-cache-only", description = "Serve LLM answers only from the replay store; never call the network.")
  boolean llmCacheOnly;

  public PaperCommand(CliContext context) {
    this.context = context;
  }

  @Override
  public Integer call() throws InterruptedException {
    Settings settings = shared.settings(context);
    Settings effective = settings.with(Map.of(Setting.DB_PATH, shared.dbPath(context, settings).toString()));
    PrintWriter out = spec.commandLine().getOut();
    String chosenBrain = chooseBrain(effective);
    String chosenMarket = chooseMarket(effective, out);
    Duration every = interval == null ? effective.duration(Setting.CYCLE_INTERVAL) : parseInterval(interval);
    OtterTrend.Options options = new OtterTrend.Options("paper", chosenMarket, chosenBrain, seed, llmCacheOnly, null);
    if (!jsonEvents) {
      out.println("OtterTrend PAPER — market " + chosenMarket + (chosenMarket.equals("synthetic") ? " (seed " + seed
          + ", simulated clock)" : "") + ", brain " + chosenBrain + ", database " + effective.string(Setting.DB_PATH));
    }
    if (speed < 0 || Double.isNaN(speed) || Double.isInfinite(speed)) {
      throw new UsageException("--speed must be a positive number (or 0 for the default)");
    }
    return AgentRunner.run(effective, options, AgentRunner.output(jsonEvents, shared.plain(context)), out, cycles,
        every, speed, r -> { });
  }

  static Duration parseInterval(String text) {
    try {
      Duration d = Durations.parse(text);
      if (d.isNegative() || d.isZero()) {
        throw new IllegalArgumentException();
      }
      return d;
    } catch (IllegalArgumentException e) {
      throw new UsageException("--interval '" + text + "' is not a positive duration; use e.g. 30s, 5m or 1h");
    }
  }

  private String chooseBrain(Settings s) {
    String b = brain.toLowerCase(Locale.ROOT);
    return switch (b) {
      case "rules" -> "rules";
      case "llm" -> {
        if (!s.secret(Setting.GROQ_API_KEY).isPresent() && !llmCacheOnly
            && s.string(Setting.LLM_BASE_URL).contains("groq.com")) {
          throw new UsageException("--brain llm needs GROQ_API_KEY (or LLM_BASE_URL of a local OpenAI-compatible "
              + "server, or --llm-cache-only)");
        }
        yield "llm";
      }
      case "auto" -> s.secret(Setting.GROQ_API_KEY).isPresent() ? "llm" : "rules";
      default -> throw new UsageException("--brain '" + brain + "': use auto, llm or rules");
    };
  }

  private String chooseMarket(Settings s, PrintWriter out) {
    String m = market.toLowerCase(Locale.ROOT);
    return switch (m) {
      case "synthetic", "mexc" -> m;
      case "auto" -> {
        boolean reachable = mexcReachable(s);
        if (!jsonEvents) {
          out.println(reachable ? "MEXC public data reachable: paper trading on live prices."
              : "MEXC not reachable: paper trading on the built-in synthetic market (offline).");
        }
        yield reachable ? "mexc" : "synthetic";
      }
      default -> throw new UsageException("--market '" + market + "': use auto, mexc or synthetic");
    };
  }

  /** A quick ping of the first MEXC base URL (2 s): decides the auto market. */
  static boolean mexcReachable(Settings s) {
    String base = s.list(Setting.MEXC_BASE_URL).get(0);
    OkHttpClient client = new OkHttpClient.Builder().callTimeout(Duration.ofSeconds(2)).build();
    try (Response r = client.newCall(new Request.Builder().url(base + "/api/v3/ping").build()).execute()) {
      return r.isSuccessful();
    } catch (java.io.IOException | IllegalArgumentException e) {
      return false;
    } finally {
      client.dispatcher().executorService().shutdown();
      client.connectionPool().evictAll();
    }
  }
}
