package io.ottertrend.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SettingsTest {
  @TempDir Path dir;

  @Test
  void memoisedDecimalsAndDurationsBelongToTheirOwnSettings() {
    Settings base = Settings.defaults();
    assertThat(base.decimal(Setting.RISK_STOP_LOSS_PCT)).isEqualByComparingTo("0.03");
    assertThat(base.duration(Setting.RISK_MAX_HOLD)).isEqualTo(Duration.ofHours(24));
    Settings changed = base.with(Map.of(Setting.RISK_STOP_LOSS_PCT, "0.05", Setting.RISK_MAX_HOLD, "2h"));
    assertThat(changed.decimal(Setting.RISK_STOP_LOSS_PCT)).isEqualByComparingTo("0.05");
    assertThat(changed.duration(Setting.RISK_MAX_HOLD)).isEqualTo(Duration.ofHours(2));
    // read again after the copy was made: the original's memo is untouched
    assertThat(base.decimal(Setting.RISK_STOP_LOSS_PCT)).isEqualByComparingTo("0.03");
    assertThat(base.duration(Setting.RISK_MAX_HOLD)).isEqualTo(Duration.ofHours(24));
  }

  @Test
  void defaultsMatchTheSpec() {
    Settings s = Settings.defaults();
    assertThat(s.string(Setting.EXCHANGE_ID)).isEqualTo("mexc");
    assertThat(s.bool(Setting.PAPER_TRADING)).isTrue();
    assertThat(s.decimal(Setting.RISK_MAX_TRADE_USD)).isEqualByComparingTo("20");
    assertThat(s.decimal(Setting.RISK_MAX_TRADE_PCT_EQUITY)).isEqualByComparingTo("0.05");
    assertThat(s.integer(Setting.RISK_MAX_DAILY_TRADES)).isEqualTo(50);
    assertThat(s.decimal(Setting.RISK_MAX_DAILY_LOSS_USD)).isEqualByComparingTo("50");
    assertThat(s.integer(Setting.RISK_MAX_OPEN_POSITIONS)).isEqualTo(5);
    assertThat(s.decimal(Setting.RISK_MAX_SPREAD_PCT)).isEqualByComparingTo("0.02");
    assertThat(s.string(Setting.LLM_MODEL)).isEqualTo("llama-3.3-70b-versatile");
    assertThat(s.list(Setting.TRENDS_KEYWORDS)).containsExactly("socialfi", "crypto airdrop", "memecoin");
    assertThat(s.duration(Setting.CYCLE_INTERVAL)).isEqualTo(Duration.ofSeconds(60));
    assertThat(s.value(Setting.RISK_MAX_TRADE_USD).source()).isEqualTo(Settings.Source.DEFAULT);
  }

  @Test
  void flagsBeatEnvironmentWhichBeatsDotenvWhichBeatsDefaults() throws IOException {
    Path env = dir.resolve(".env");
    Files.writeString(env, """
        # comment
        RISK_MAX_TRADE_USD=11
        export RISK_MAX_DAILY_TRADES="12"
        RISK_MAX_OPEN_POSITIONS='3' # trailing comment is not part of a quoted value
        LLM_MODEL=from-dotenv # trailing comment
        """);
    Settings s = Settings.builder()
        .dotenv(env)
        .environment(Map.of("RISK_MAX_TRADE_USD", "13", "RISK_MAX_DAILY_TRADES", "14", "UNRELATED", "x"))
        .flag("RISK_MAX_TRADE_USD=15")
        .build();
    assertThat(s.decimal(Setting.RISK_MAX_TRADE_USD)).isEqualByComparingTo("15");
    assertThat(s.value(Setting.RISK_MAX_TRADE_USD).source()).isEqualTo(Settings.Source.FLAG);
    assertThat(s.integer(Setting.RISK_MAX_DAILY_TRADES)).isEqualTo(14);
    assertThat(s.value(Setting.RISK_MAX_DAILY_TRADES).source()).isEqualTo(Settings.Source.ENVIRONMENT);
    assertThat(s.integer(Setting.RISK_MAX_OPEN_POSITIONS)).isEqualTo(3);
    assertThat(s.value(Setting.RISK_MAX_OPEN_POSITIONS).source()).isEqualTo(Settings.Source.DOTENV);
    assertThat(s.string(Setting.LLM_MODEL)).isEqualTo("from-dotenv");
    assertThat(s.value(Setting.RISK_MAX_SPREAD_PCT).source()).isEqualTo(Settings.Source.DEFAULT);
  }

  @Test
  void everyInvalidValueIsReportedOnOneLineNamingSettingValueAndAllowedRange() {
    assertThatThrownBy(() -> Settings.builder()
            .environment(Map.of("RISK_MAX_TRADE_USD", "-5", "RISK_MAX_DAILY_TRADES", "many", "PAPER_TRADING", "maybe",
                "CYCLE_INTERVAL", "fast", "MEXC_BASE_URL", "ftp://x", "EXCHANGE_ID", "kraken"))
            .build())
        .isInstanceOfSatisfying(SettingsException.class, e -> {
          assertThat(e.problems()).hasSize(6);
          assertThat(e.problems()).anySatisfy(p -> assertThat(p)
              .startsWith("RISK_MAX_TRADE_USD='-5'").contains("0.01").contains("environment"));
          assertThat(e.problems()).anySatisfy(p -> assertThat(p).startsWith("RISK_MAX_DAILY_TRADES='many'"));
          assertThat(e.problems()).anySatisfy(p -> assertThat(p).startsWith("PAPER_TRADING").contains("true or false"));
          assertThat(e.problems()).anySatisfy(p -> assertThat(p).startsWith("CYCLE_INTERVAL").contains("duration"));
          assertThat(e.problems()).anySatisfy(p -> assertThat(p).startsWith("MEXC_BASE_URL").contains("http"));
          assertThat(e.problems()).anySatisfy(p -> assertThat(p).startsWith("EXCHANGE_ID").contains("one of mexc"));
          assertThat(e.problems()).allSatisfy(p -> assertThat(p).doesNotContain("\n"));
        });
  }

  @Test
  void unknownAndMalformedSetFlagsAreProblems() {
    assertThatThrownBy(() -> Settings.builder().flag("NOT_A_SETTING=1").flag("novalue").build())
        .isInstanceOfSatisfying(SettingsException.class, e -> {
          assertThat(e.problems()).anySatisfy(p -> assertThat(p).startsWith("NOT_A_SETTING: unknown setting"));
          assertThat(e.problems()).anySatisfy(p -> assertThat(p).contains("expected KEY=VALUE"));
        });
  }

  @Test
  void setFlagsAcceptLowerCaseAndDashes() {
    Settings s = Settings.builder().flag("risk-max-trade-usd=7").build();
    assertThat(s.decimal(Setting.RISK_MAX_TRADE_USD)).isEqualByComparingTo(new BigDecimal("7"));
  }

  @Test
  void lowLiquidityCapCannotExceedTheTradeCap() {
    assertThatThrownBy(() -> Settings.builder().flag("RISK_MAX_TRADE_USD=5").flag("RISK_LOW_LIQUIDITY_CAP_USD=8").build())
        .isInstanceOfSatisfying(SettingsException.class,
            e -> assertThat(e.problems()).singleElement().asString().contains("must not exceed RISK_MAX_TRADE_USD"));
  }

  @Test
  void moreThanFiveTrendKeywordsIsRefused() {
    assertThatThrownBy(() -> Settings.builder().flag("TRENDS_KEYWORDS=a,b,c,d,e,f").build())
        .isInstanceOf(SettingsException.class).hasMessageContaining("at most 5");
  }

  @Test
  void secretsNeverAppearInToStringValuesOrErrors() {
    String key = "mx0vglSECRETKEY1234567";
    String secret = "45d0b3c26f2644f19bfb98b07741b2f5";
    Settings s = Settings.builder()
        .environment(Map.of("MEXC_API_KEY", key, "MEXC_API_SECRET", secret, "GROQ_API_KEY", "gsk_abcdefghijklmnop"))
        .build();
    assertThat(s.secret(Setting.MEXC_API_SECRET).reveal()).isEqualTo(secret);
    assertThat(s.toString()).doesNotContain(key).doesNotContain(secret).doesNotContain("gsk_abcdefghijklmnop");
    assertThat(s.value(Setting.MEXC_API_SECRET).display()).isEqualTo(Secret.REDACTED);
    assertThat(s.value(Setting.MEXC_API_SECRET).toString()).doesNotContain(secret);
    assertThat(s.secret(Setting.MEXC_API_KEY).toString()).isEqualTo(Secret.REDACTED);
    assertThat(s.configHash()).isEqualTo(Settings.builder()
        .environment(Map.of("MEXC_API_KEY", "other", "MEXC_API_SECRET", "other2", "GROQ_API_KEY", "x")).build()
        .configHash());
  }

  @Test
  void configHashChangesWithNonSecretValues() {
    assertThat(Settings.defaults().configHash())
        .isNotEqualTo(Settings.builder().flag("RISK_MAX_TRADE_USD=19").build().configHash())
        .isEqualTo(Settings.defaults().configHash());
  }

  @Test
  void withReplacesValuesAsFlagsAndKeepsOtherSources() {
    Settings base = Settings.builder().environment(Map.of("RISK_MAX_DAILY_TRADES", "9")).build();
    Settings s = base.with(Map.of(Setting.RISK_MAX_TRADE_USD, "3"));
    assertThat(s.integer(Setting.RISK_MAX_DAILY_TRADES)).isEqualTo(9);
    assertThat(s.value(Setting.RISK_MAX_DAILY_TRADES).source()).isEqualTo(Settings.Source.ENVIRONMENT);
    assertThat(s.decimal(Setting.RISK_MAX_TRADE_USD)).isEqualByComparingTo("3");
    assertThatThrownBy(() -> base.with(Map.of(Setting.RISK_MAX_TRADE_USD, "0"))).isInstanceOf(SettingsException.class);
  }

  @Test
  void aBadHaltCancelChoiceIsOneLineNamingTheKeyAndTheAllowedWords() {
    assertThatThrownBy(() -> Settings.builder().flag("RISK_HALT_CANCEL_ORDERS=everything").build())
        .isInstanceOfSatisfying(SettingsException.class, e -> assertThat(e.problems()).containsExactly(
            "RISK_HALT_CANCEL_ORDERS='everything': must be one of entries, all, none (from flag)"));
    assertThatThrownBy(() -> Settings.defaults().with(Map.of(Setting.RISK_HALT_CANCEL_ORDERS, "")))
        .isInstanceOf(SettingsException.class).hasMessageContaining("RISK_HALT_CANCEL_ORDERS");
    assertThat(Settings.defaults().string(Setting.RISK_HALT_CANCEL_ORDERS)).isEqualTo("entries");
    assertThat(Settings.builder().environment(Map.of("RISK_HALT_CANCEL_ORDERS", " All ")).build()
        .string(Setting.RISK_HALT_CANCEL_ORDERS)).isEqualTo(" All ");
  }

  @Test
  void badDotenvLineIsReportedWithItsLineNumber() throws IOException {
    Path env = dir.resolve(".env");
    Files.writeString(env, "RISK_MAX_TRADE_USD=10\nthis line is wrong\n");
    assertThatThrownBy(() -> Settings.builder().dotenv(env).build())
        .isInstanceOf(SettingsException.class).hasMessageContaining(".env line 2");
  }

  @Test
  void everySettingHasADescriptionAndAValidDefault() {
    for (Setting s : Setting.values()) {
      assertThat(s.description()).as(s.name()).isNotBlank();
      assertThat(Settings.Builder.validate(s, s.defaultValue())).as(s.name()).isNull();
      assertThat(s.allowed()).as(s.name()).isNotBlank();
    }
    assertThat(Setting.find("db-path")).contains(Setting.DB_PATH);
    assertThat(Setting.find("nope")).isEmpty();
  }
}
