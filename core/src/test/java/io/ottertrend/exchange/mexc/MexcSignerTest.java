package io.ottertrend.exchange.mexc;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import org.junit.jupiter.api.Test;

class MexcSignerTest {
  /** The docs' example secret (public test vector, not a credential). */
  private static final String DOCS_KEY = "45d0b3c26f2644f19bfb98b07741b2f5";

  @Test
  void docsTestVectorAllParametersInTheQueryString() {
    assertThat(MexcSigner.sign(DOCS_KEY,
        "symbol=BTCUSDT&side=BUY&type=LIMIT&quantity=1&price=11&recvWindow=5000&timestamp=1644489390087"))
        .isEqualTo("fd3e4e8543c5188531eb7279d68ae7d26a573d0fc5ab0d18eb692451654d837a");
  }

  @Test
  void docsMixedExampleQueryThenBodyWithoutSeparator() {
    assertThat(MexcSigner.sign(DOCS_KEY,
        "symbol=BTCUSDT&side=BUY&type=LIMITquantity=1&price=11&recvWindow=5000&timestamp=1644489390087"))
        .isEqualTo("d1a676610ceb39174c8039b3f548357994b2a34139a8addd33baadba65684592");
  }

  @Test
  void signatureIsLowercaseHex() {
    assertThat(MexcSigner.sign("k", "timestamp=1")).matches("[0-9a-f]{64}");
  }

  @Test
  void encodingUsesUppercaseEscapesAndPercentTwentyForSpace() {
    assertThat(MexcSigner.encode("BEP20(BSC)")).isEqualTo("BEP20%28BSC%29");
    assertThat(MexcSigner.encode("a,b")).isEqualTo("a%2Cb");
    assertThat(MexcSigner.encode("a b+c")).isEqualTo("a%20b%2Bc");
    assertThat(MexcSigner.encode("[{\"x\":1}]")).isEqualTo("%5B%7B%22x%22%3A1%7D%5D");
    assertThat(MexcSigner.encode("é")).isEqualTo("%C3%A9");
    assertThat(MexcSigner.encode("Az09-_.~")).isEqualTo("Az09-_.~");
  }

  @Test
  void paramsKeepInsertionOrderAndWritePlainDecimals() {
    MexcParams p = MexcParams.of().with("symbol", "MEMEUSDT").with("price", new BigDecimal("1.23E-6"))
        .with("quantity", new BigDecimal("1E+3")).with("skipped", (String) null).with("skipped", (BigDecimal) null)
        .with("timestamp", 1644489390087L);
    assertThat(p.toQuery()).isEqualTo("symbol=MEMEUSDT&price=0.00000123&quantity=1000&timestamp=1644489390087");
    assertThat(p.toString()).isEqualTo(p.toQuery());
    assertThat(MexcParams.of().toQuery()).isEmpty();
  }
}
