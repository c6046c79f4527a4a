package io.ottertrend.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * {@code .env.example} is generated from {@link Setting}; this test fails when it is out of date. Regenerate
 * with {@code ./run-tests -pl core -Dtest=SettingsDocsTest -Dottertrend.regenerate=true}.
 */
class SettingsDocsTest {
  private static final Path ENV_EXAMPLE = Path.of("..", ".env.example");

  @Test
  void envExampleDocumentsEverySettingAndIsCurrent() throws IOException {
    String expected = SettingsDocs.envExample();
    if (Boolean.getBoolean("ottertrend.regenerate")) {
      Files.writeString(ENV_EXAMPLE, expected, StandardCharsets.UTF_8);
    }
    assertThat(Files.readString(ENV_EXAMPLE, StandardCharsets.UTF_8))
        .as(".env.example is out of date; regenerate it (see this test's javadoc)")
        .isEqualTo(expected);
    for (Setting s : Setting.values()) {
      assertThat(expected).contains("\n" + s.name() + "=");
    }
  }

  @Test
  void theExampleLoadsAsValidSettingsAndHoldsNoSecretValues(@org.junit.jupiter.api.io.TempDir Path dir)
      throws IOException {
    Path env = dir.resolve(".env");
    Files.writeString(env, SettingsDocs.envExample());
    Settings s = Settings.builder().dotenv(env).build();
    assertThat(s.secret(Setting.MEXC_API_SECRET).isPresent()).isFalse();
    assertThat(s.decimal(Setting.RISK_MAX_TRADE_USD)).isEqualByComparingTo("20");
  }

  @Test
  void markdownTableHasOneRowPerSetting() {
    String table = SettingsDocs.markdownTable();
    assertThat(table.lines().count()).isEqualTo(Setting.values().length + 2L);
    assertThat(table).contains("| `RISK_MAX_TRADE_USD` | `20` |");
  }
}
