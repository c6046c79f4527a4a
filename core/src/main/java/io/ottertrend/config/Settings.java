package io.ottertrend.config;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * The effective settings: every {@link Setting} with a validated value and the source it came from.
 *
 * <p>Precedence: flags &gt; environment &gt; {@code .env} file &gt; defaults. Build one with
 * {@link #builder()}; {@link #defaults()} gives the defaults alone (what tests and embedders start from).
 *
 * <p>Immutable and thread-safe. Loading throws {@link SettingsException} listing every invalid value.
 */
public final class Settings {

  /** Where a value came from, highest precedence first. */
  public enum Source {
    FLAG,
    ENVIRONMENT,
    DOTENV,
    DEFAULT
  }

  /** One effective value. {@link #toString()} redacts secrets. */
  public record Value(Setting setting, String text, Source source) {
    @Override
    public String toString() {
      return setting.name() + "=" + display() + " (" + source.name().toLowerCase(Locale.ROOT) + ")";
    }

    /** The value as it may be shown: secrets are redacted. */
    public String display() {
      if (setting.isSecret()) {
        return text.isEmpty() ? "" : Secret.REDACTED;
      }
      return text;
    }
  }

  private final Map<Setting, Value> values;
  /** Parsed decimals and durations, memoised: the loop reads some of them for every order of every cycle. */
  private final Map<Setting, BigDecimal> decimals = new java.util.concurrent.ConcurrentHashMap<>();
  private final Map<Setting, Duration> durations = new java.util.concurrent.ConcurrentHashMap<>();

  private Settings(Map<Setting, Value> values) {
    this.values = values;
  }

  /** Defaults only. */
  public static Settings defaults() {
    return builder().build();
  }

  public static Builder builder() {
    return new Builder();
  }

  /** A copy with some values replaced (as flags). Validates like {@link Builder#build()}. */
  public Settings with(Map<Setting, String> overrides) {
    Builder b = builder();
    for (Value v : values.values()) {
      switch (v.source()) {
        case FLAG -> b.flag(v.setting(), v.text());
        case ENVIRONMENT -> b.environment.put(v.setting().name(), v.text());
        case DOTENV -> b.dotenv.put(v.setting().name(), v.text());
        case DEFAULT -> { }
      }
    }
    overrides.forEach(b::flag);
    return b.build();
  }

  /** The effective value of {@code setting}. */
  public Value value(Setting setting) {
    return values.get(setting);
  }

  /** All effective values, in declaration order. */
  public List<Value> all() {
    return List.copyOf(values.values());
  }

  public String string(Setting s) {
    return values.get(s).text();
  }

  public boolean bool(Setting s) {
    return List.of("true", "1", "yes", "on").contains(string(s).strip().toLowerCase(Locale.ROOT));
  }

  public int integer(Setting s) {
    return Integer.parseInt(string(s).strip().replace("_", ""));
  }

  public BigDecimal decimal(Setting s) {
    return decimals.computeIfAbsent(s, k -> new BigDecimal(string(k).strip().replace("_", "")));
  }

  public double number(Setting s) {
    return decimal(s).doubleValue();
  }

  public Duration duration(Setting s) {
    return durations.computeIfAbsent(s, k -> Durations.parse(string(k)));
  }

  public Secret secret(Setting s) {
    return Secret.of(string(s));
  }

  public Path path(Setting s) {
    return Path.of(string(s));
  }

  /** The items of a list or URL setting, trimmed, empties dropped. */
  public List<String> list(Setting s) {
    return Arrays.stream(string(s).split(",")).map(String::strip).filter(x -> !x.isEmpty()).toList();
  }

  /**
   * A hash of every non-secret value: two runs with the same hash ran with the same configuration. Secrets
   * contribute only whether they are set.
   */
  public String configHash() {
    try {
      MessageDigest sha = MessageDigest.getInstance("SHA-256");
      for (Value v : values.values()) {
        String text = v.setting().isSecret() ? String.valueOf(!v.text().isEmpty()) : v.text();
        sha.update((v.setting().name() + "=" + text + "\n").getBytes(StandardCharsets.UTF_8));
      }
      return HexFormat.of().formatHex(sha.digest()).substring(0, 16);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  @Override
  public String toString() {
    return "Settings" + values.values();
  }

  /**
   * Collects values from the four sources, then validates them all. Not thread-safe; build once.
   */
  public static final class Builder {
    private final Map<String, String> flags = new LinkedHashMap<>();
    private final Map<String, String> environment = new LinkedHashMap<>();
    private final Map<String, String> dotenv = new LinkedHashMap<>();
    private final List<String> problems = new ArrayList<>();

    private Builder() {}

    /** A value given on the command line (highest precedence). */
    public Builder flag(Setting setting, String value) {
      flags.put(setting.name(), value);
      return this;
    }

    /**
     * A {@code KEY=VALUE} pair from {@code --set}. Unknown keys are reported as problems on build.
     */
    public Builder flag(String assignment) {
      int eq = assignment.indexOf('=');
      if (eq <= 0) {
        problems.add("--set " + assignment + ": expected KEY=VALUE, e.g. --set RISK_MAX_TRADE_USD=10");
        return this;
      }
      String key = assignment.substring(0, eq);
      var setting = Setting.find(key);
      if (setting.isEmpty()) {
        problems.add(key + ": unknown setting; see `ottertrend status` or .env.example for the list");
        return this;
      }
      flags.put(setting.get().name(), assignment.substring(eq + 1));
      return this;
    }

    /** Environment variables; only names of known settings are read. */
    public Builder environment(Map<String, String> env) {
      for (Setting s : Setting.values()) {
        String v = env.get(s.name());
        if (v != null) {
          environment.put(s.name(), v);
        }
      }
      return this;
    }

    /** Reads a {@code .env} file if it exists ({@code KEY=VALUE}, {@code export}, quotes, {@code #} comments). */
    public Builder dotenv(Path file) {
      if (file == null || !Files.isRegularFile(file)) {
        return this;
      }
      List<String> lines;
      try {
        lines = Files.readAllLines(file, StandardCharsets.UTF_8);
      } catch (IOException e) {
        throw new UncheckedIOException("cannot read " + file + ": " + e.getMessage(), e);
      }
      for (int i = 0; i < lines.size(); i++) {
        String line = lines.get(i).strip();
        if (line.isEmpty() || line.startsWith("#")) {
          continue;
        }
        if (line.startsWith("export ")) {
          line = line.substring(7).strip();
        }
        int eq = line.indexOf('=');
        if (eq <= 0) {
          problems.add(file.getFileName() + " line " + (i + 1) + ": expected KEY=VALUE");
          continue;
        }
        String key = line.substring(0, eq).strip();
        String value = unquote(line.substring(eq + 1).strip());
        if (Setting.find(key).isPresent()) {
          dotenv.put(Setting.find(key).get().name(), value);
        }
      }
      return this;
    }

    private static String unquote(String v) {
      if (!v.isEmpty() && (v.charAt(0) == '"' || v.charAt(0) == '\'')) {
        int close = v.indexOf(v.charAt(0), 1);
        if (close > 0) {
          return v.substring(1, close); // anything after the closing quote is a comment
        }
      }
      int hash = v.indexOf(" #");
      return hash >= 0 ? v.substring(0, hash).strip() : v;
    }

    /**
     * Resolves and validates every setting.
     *
     * @throws SettingsException listing every problem, one line each
     */
    public Settings build() {
      List<String> all = new ArrayList<>(problems);
      Map<Setting, Value> resolved = new EnumMap<>(Setting.class);
      for (Setting s : Setting.values()) {
        Value v;
        if (flags.containsKey(s.name())) {
          v = new Value(s, flags.get(s.name()), Source.FLAG);
        } else if (environment.containsKey(s.name())) {
          v = new Value(s, environment.get(s.name()), Source.ENVIRONMENT);
        } else if (dotenv.containsKey(s.name())) {
          v = new Value(s, dotenv.get(s.name()), Source.DOTENV);
        } else {
          v = new Value(s, s.defaultValue(), Source.DEFAULT);
        }
        String problem = validate(s, v.text());
        if (problem != null) {
          String shown = s.isSecret() ? Secret.REDACTED : "'" + v.text() + "'";
          all.add(s.name() + "=" + shown + ": " + problem + " (from " + v.source().name().toLowerCase(Locale.ROOT)
              + ")");
        }
        resolved.put(s, v);
      }
      crossCheck(resolved, all);
      if (!all.isEmpty()) {
        throw new SettingsException(all);
      }
      return new Settings(resolved);
    }

    private static void crossCheck(Map<Setting, Value> v, List<String> problems) {
      if (problems.isEmpty()) {
        BigDecimal cap = new BigDecimal(v.get(Setting.RISK_LOW_LIQUIDITY_CAP_USD).text().strip());
        BigDecimal max = new BigDecimal(v.get(Setting.RISK_MAX_TRADE_USD).text().strip());
        // The default cap simply yields to a lower trade cap; an explicit cap above the trade cap is a mistake.
        if (cap.compareTo(max) > 0 && v.get(Setting.RISK_LOW_LIQUIDITY_CAP_USD).source() != Source.DEFAULT) {
          problems.add("RISK_LOW_LIQUIDITY_CAP_USD=" + cap.toPlainString()
              + ": must not exceed RISK_MAX_TRADE_USD=" + max.toPlainString());
        }
        if (v.get(Setting.TRENDS_KEYWORDS).text().split(",").length > 5) {
          problems.add("TRENDS_KEYWORDS: Google Trends compares at most 5 keywords");
        }
      }
    }

    /** Returns null when valid, else what is wrong and what is allowed. */
    static String validate(Setting s, String raw) {
      Objects.requireNonNull(raw);
      String t = raw.strip();
      Setting.Bounds b = s.bounds();
      try {
        switch (s.type()) {
          case BOOLEAN -> {
            if (!List.of("true", "false", "1", "0", "yes", "no", "on", "off").contains(t.toLowerCase(Locale.ROOT))) {
              return "must be " + s.allowed();
            }
          }
          case INTEGER -> {
            BigDecimal n = new BigDecimal(t.replace("_", ""));
            if (n.stripTrailingZeros().scale() > 0) {
              return "must be " + s.allowed();
            }
            if (b.min() != null && (n.compareTo(b.min()) < 0 || n.compareTo(b.max()) > 0)) {
              return "out of range; must be " + s.allowed();
            }
          }
          case DECIMAL -> {
            BigDecimal n = new BigDecimal(t.replace("_", ""));
            if (b.min() != null && (n.compareTo(b.min()) < 0 || n.compareTo(b.max()) > 0)) {
              return "out of range; must be " + s.allowed();
            }
          }
          case DURATION -> {
            Duration d = Durations.parse(t);
            if (b.minDuration() != null && (d.compareTo(b.minDuration()) < 0 || d.compareTo(b.maxDuration()) > 0)) {
              return "out of range; must be " + s.allowed();
            }
          }
          case URL -> {
            for (String part : t.split(",")) {
              URI uri = URI.create(part.strip());
              if (uri.getScheme() == null || !uri.getScheme().matches("https?") || uri.getHost() == null) {
                return "must be " + s.allowed();
              }
            }
          }
          case CHOICE -> {
            if (!b.choices().contains(t.toLowerCase(Locale.ROOT))) {
              return "must be " + s.allowed();
            }
          }
          case PATH -> {
            if (t.isEmpty()) {
              return "must be " + s.allowed();
            }
          }
          case STRING, LIST, SECRET -> { }
        }
      } catch (IllegalArgumentException e) {
        return "must be " + s.allowed();
      }
      return null;
    }
  }
}
