package io.ottertrend.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class SecretAndDurationsTest {

  @Test
  void secretPrintsRedactedAndScrubsItselfFromText() {
    Secret s = Secret.of("  topsecretvalue  ");
    assertThat(s.isPresent()).isTrue();
    assertThat(s.reveal()).isEqualTo("topsecretvalue");
    assertThat(s).hasToString(Secret.REDACTED);
    assertThat(s.describe()).doesNotContain("topsecretvalue");
    assertThat(s.scrub("url?key=topsecretvalue&x=1")).isEqualTo("url?key=****&x=1");
    assertThat(Secret.of(null).isPresent()).isFalse();
    assertThat(Secret.empty()).hasToString("");
    assertThat(Secret.of("abc")).isEqualTo(Secret.of("abc")).isNotEqualTo(Secret.of("abd"));
    assertThat(Secret.of("abc").hashCode()).isEqualTo(Secret.of("xyz").hashCode());
  }

  @Test
  void durationsParseHumanForms() {
    assertThat(Durations.parse("500ms")).isEqualTo(Duration.ofMillis(500));
    assertThat(Durations.parse("60s")).isEqualTo(Duration.ofMinutes(1));
    assertThat(Durations.parse("5m")).isEqualTo(Duration.ofMinutes(5));
    assertThat(Durations.parse("1h30m")).isEqualTo(Duration.ofMinutes(90));
    assertThat(Durations.parse("2d")).isEqualTo(Duration.ofDays(2));
    assertThat(Durations.parse("45")).isEqualTo(Duration.ofSeconds(45));
    assertThat(Durations.parse("PT2M")).isEqualTo(Duration.ofMinutes(2));
    assertThat(Durations.parse("0.5s")).isEqualTo(Duration.ofMillis(500));
    assertThatThrownBy(() -> Durations.parse("fast")).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> Durations.parse("5x")).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> Durations.parse(" ")).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void durationsFormatShortly() {
    assertThat(Durations.format(Duration.ofMinutes(90))).isEqualTo("1h30m");
    assertThat(Durations.format(Duration.ofMillis(250))).isEqualTo("250ms");
    assertThat(Durations.format(Duration.ZERO)).isEqualTo("0s");
    assertThat(Durations.format(Duration.ofDays(1).plusSeconds(5))).isEqualTo("1d5s");
  }
}
