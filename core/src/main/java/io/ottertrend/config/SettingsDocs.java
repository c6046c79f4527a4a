package io.ottertrend.config;

import java.util.Locale;

/**
 * Generates the documentation of every setting from {@link Setting}: the {@code .env.example} file and the
 * README's settings table. A test keeps both files in step with the code. Stateless and thread-safe.
 */
public final class SettingsDocs {
  private SettingsDocs() {}

  /** The content of {@code .env.example}. */
  public static String envExample() {
    StringBuilder out = new StringBuilder();
    out.append("# OtterTrend settings. Copy to .env and edit; the environment and --set flags override this file.\n");
    out.append("# Precedence: flags > environment > .env > defaults. Generated from Setting.java; do not edit by hand.\n");
    out.append("# Keep this file private (chmod 600): it holds API keys. Use a trade-only MEXC key with an IP\n");
    out.append("# whitelist and no withdrawal permission.\n");
    Setting.Group group = null;
    for (Setting s : Setting.values()) {
      if (s.group() != group) {
        group = s.group();
        out.append("\n# ===== ").append(group.name().toLowerCase(Locale.ROOT)).append(" =====\n");
      }
      out.append("\n# ").append(s.description()).append('\n');
      out.append("# Allowed: ").append(s.allowed()).append('\n');
      String value = s.isSecret() ? "" : s.defaultValue();
      out.append(s.name()).append('=').append(value).append('\n');
    }
    return out.toString();
  }

  /** A Markdown table: name, default, allowed values, description. */
  public static String markdownTable() {
    StringBuilder out = new StringBuilder();
    out.append("| Setting | Default | Allowed | What it does |\n|---|---|---|---|\n");
    for (Setting s : Setting.values()) {
      String def = s.isSecret() ? "(secret, unset)" : s.defaultValue().isEmpty() ? "(empty)" : "`" + s.defaultValue() + "`";
      out.append("| `").append(s.name()).append("` | ").append(def.replace("|", "\\|")).append(" | ")
          .append(s.allowed().replace("|", "\\|")).append(" | ").append(s.description().replace("|", "\\|"))
          .append(" |\n");
    }
    return out.toString();
  }
}
