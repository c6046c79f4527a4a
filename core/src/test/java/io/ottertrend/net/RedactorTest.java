package io.ottertrend.net;

import static org.assertj.core.api.Assertions.assertThat;

import io.ottertrend.config.Secret;
import java.io.IOException;
import org.junit.jupiter.api.Test;

class RedactorTest {
  @Test
  void redactsSignaturesKeysAndSecrets() {
    Redactor r = Redactor.of(Secret.of("mx0vglSECRETKEY"), Secret.empty(), null);
    String in = "POST http://h/api/v3/order?symbol=X&timestamp=1&signature=0123abcd X-MEXC-APIKEY: mx0abc "
        + "apiKey=zzz&secret=yyy body mx0vglSECRETKEY";
    String out = r.redact(in);
    assertThat(out).contains("signature=****").contains("X-MEXC-APIKEY: ****").contains("apiKey=****")
        .contains("secret=****").doesNotContain("0123abcd").doesNotContain("mx0abc").doesNotContain("zzz")
        .doesNotContain("yyy").doesNotContain("mx0vglSECRETKEY");
    assertThat(r.redact((String) null)).isNull();
    assertThat(Redactor.patternsOnly().redact("a=1")).isEqualTo("a=1");
  }

  @Test
  void redactsWholeCauseChainsKeepingStackTraces() {
    IOException inner = new IOException("timeout for /x?signature=ffee");
    RuntimeException outer = new RuntimeException("failed /y?signature=aabb", inner);
    Throwable red = Redactor.patternsOnly().redact(outer);
    assertThat(red.getMessage()).contains("RuntimeException").contains("signature=****").doesNotContain("aabb");
    assertThat(red.getCause().getMessage()).contains("IOException").doesNotContain("ffee");
    assertThat(red.getStackTrace()).isEqualTo(outer.getStackTrace());
    assertThat(Redactor.patternsOnly().redact((Throwable) null)).isNull();
  }
}
