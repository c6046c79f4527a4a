package io.ottertrend.exchange.mexc;

import static org.assertj.core.api.Assertions.assertThat;

import io.ottertrend.exchange.ExchangeException;
import io.ottertrend.exchange.ExchangeException.InvalidReason;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Every error code of the protocol reference's table (§1.4) maps to its exception type. */
class MexcErrorsTest {

  static Stream<Arguments> codes() {
    return Stream.of(
        Arguments.of(400, ExchangeException.AuthFailed.class, null),
        Arguments.of(401, ExchangeException.AuthFailed.class, null),
        Arguments.of(429, ExchangeException.RateLimited.class, null),
        Arguments.of(602, ExchangeException.AuthFailed.class, null),
        Arguments.of(700001, ExchangeException.AuthFailed.class, null),
        Arguments.of(700002, ExchangeException.AuthFailed.class, null),
        Arguments.of(700003, ExchangeException.ClockSkew.class, null),
        Arguments.of(700004, ExchangeException.InvalidOrder.class, InvalidReason.BAD_PARAMETER),
        Arguments.of(700005, ExchangeException.InvalidOrder.class, InvalidReason.BAD_PARAMETER),
        Arguments.of(700006, ExchangeException.AuthFailed.class, null),
        Arguments.of(700007, ExchangeException.AuthFailed.class, null),
        Arguments.of(700008, ExchangeException.InvalidOrder.class, InvalidReason.BAD_PARAMETER),
        Arguments.of(10072, ExchangeException.AuthFailed.class, null),
        Arguments.of(10073, ExchangeException.ClockSkew.class, null),
        Arguments.of(10007, ExchangeException.SymbolNotApiTradable.class, null),
        Arguments.of(-1121, ExchangeException.UnknownSymbol.class, null),
        Arguments.of(30014, ExchangeException.UnknownSymbol.class, null),
        Arguments.of(30021, ExchangeException.UnknownSymbol.class, null),
        Arguments.of(730001, ExchangeException.UnknownSymbol.class, null),
        Arguments.of(10101, ExchangeException.InsufficientFunds.class, null),
        Arguments.of(30004, ExchangeException.InsufficientFunds.class, null),
        Arguments.of(30005, ExchangeException.InvalidOrder.class, InvalidReason.BAD_PARAMETER),
        Arguments.of(30002, ExchangeException.InvalidOrder.class, InvalidReason.BELOW_MIN_NOTIONAL),
        Arguments.of(30003, ExchangeException.InvalidOrder.class, InvalidReason.ABOVE_MAX_NOTIONAL),
        Arguments.of(10095, ExchangeException.InvalidOrder.class, InvalidReason.INVALID_QUANTITY),
        Arguments.of(10096, ExchangeException.InvalidOrder.class, InvalidReason.PRECISION),
        Arguments.of(10097, ExchangeException.InvalidOrder.class, InvalidReason.INVALID_QUANTITY),
        Arguments.of(10102, ExchangeException.InvalidOrder.class, InvalidReason.INVALID_QUANTITY),
        Arguments.of(30010, ExchangeException.InvalidOrder.class, InvalidReason.INVALID_PRICE),
        Arguments.of(30016, ExchangeException.UnknownSymbol.class, null),
        Arguments.of(30000, ExchangeException.UnknownSymbol.class, null),
        Arguments.of(30001, ExchangeException.InvalidOrder.class, InvalidReason.NOT_ALLOWED),
        Arguments.of(30018, ExchangeException.MarketOrdersDisabled.class, null),
        Arguments.of(30019, ExchangeException.MarketOrdersDisabled.class, null),
        Arguments.of(30051, ExchangeException.MarketOrdersDisabled.class, null),
        Arguments.of(30041, ExchangeException.InvalidOrder.class, InvalidReason.NOT_ALLOWED),
        Arguments.of(30020, ExchangeException.SymbolNotApiTradable.class, null),
        Arguments.of(30027, ExchangeException.InvalidOrder.class, InvalidReason.NOT_ALLOWED),
        Arguments.of(30028, ExchangeException.InvalidOrder.class, InvalidReason.NOT_ALLOWED),
        Arguments.of(30029, ExchangeException.InvalidOrder.class, InvalidReason.TOO_MANY_ORDERS),
        Arguments.of(-2011, ExchangeException.UnknownOrder.class, null),
        Arguments.of(-2013, ExchangeException.UnknownOrder.class, null),
        Arguments.of(30026, ExchangeException.UnknownOrder.class, null),
        Arguments.of(26, ExchangeException.Rejected.class, null),
        Arguments.of(33333, ExchangeException.InvalidOrder.class, InvalidReason.BAD_PARAMETER),
        Arguments.of(44444, ExchangeException.InvalidOrder.class, InvalidReason.BAD_PARAMETER),
        Arguments.of(500, ExchangeException.Unavailable.class, null),
        Arguments.of(503, ExchangeException.Unavailable.class, null),
        Arguments.of(504, ExchangeException.Unavailable.class, null));
  }

  @ParameterizedTest(name = "code {0} -> {1}")
  @MethodSource("codes")
  void everyDocumentedCodeHasItsType(int code, Class<? extends ExchangeException> type, InvalidReason reason) {
    ExchangeException e = MexcErrors.fromResponse(400, "{\"code\":" + code + ",\"msg\":\"text\",\"_extend\":null}");
    assertThat(e).isInstanceOf(type);
    assertThat(e.code()).isEqualTo(code == 429 ? 429 : code);
    if (reason != null) {
      assertThat(((ExchangeException.InvalidOrder) e).reason()).isEqualTo(reason);
    }
  }

  @ParameterizedTest(name = "code {0} as a string")
  @MethodSource("codes")
  void codeMayArriveAsAString(int code, Class<? extends ExchangeException> type, InvalidReason reason) {
    assertThat(MexcErrors.fromResponse(200, "{\"code\":\"" + code + "\",\"msg\":\"x\"}")).isInstanceOf(type);
  }

  @org.junit.jupiter.api.Test
  void decidesOnTheJsonCodeNotTheHttpStatus() {
    assertThat(MexcErrors.fromResponse(500, "{\"code\":10101,\"msg\":\"Insufficient balance!\"}"))
        .isInstanceOf(ExchangeException.InsufficientFunds.class);
    assertThat(MexcErrors.fromResponse(403, "<html>403 Forbidden</html>"))
        .isInstanceOf(ExchangeException.Unavailable.class);
    assertThat(MexcErrors.fromResponse(401, "")).isInstanceOf(ExchangeException.AuthFailed.class);
    assertThat(MexcErrors.fromResponse(502, "bad gateway")).isInstanceOf(ExchangeException.Unavailable.class);
    assertThat(MexcErrors.fromResponse(404, "nope")).isInstanceOf(ExchangeException.Rejected.class);
  }

  @org.junit.jupiter.api.Test
  void unknownCodesFallBackToMessageSubstrings() {
    assertThat(MexcErrors.map(99999, "api market order is disabled"))
        .isInstanceOf(ExchangeException.MarketOrdersDisabled.class);
    assertThat(MexcErrors.map(99999, "Insufficient position")).isInstanceOf(ExchangeException.InsufficientFunds.class);
    assertThat(MexcErrors.map(99999, "Oversold")).isInstanceOf(ExchangeException.InvalidOrder.class);
    assertThat(MexcErrors.map(99999, "Invalid symbol.")).isInstanceOf(ExchangeException.UnknownSymbol.class);
    assertThat(MexcErrors.fromResponse(500,
        "{\"code\":501,\"message\":\"Under maintenance, please try again later\",\"announcement\":\"x\"}"))
        .isInstanceOf(ExchangeException.Unavailable.class);
    assertThat(MexcErrors.map(12345, null)).isInstanceOf(ExchangeException.Rejected.class);
  }

  @org.junit.jupiter.api.Test
  void exchangeTextIsCleanedAndCapped() {
    ExchangeException e = MexcErrors.map(26, "line1\nline2\u202e" + "x".repeat(500));
    assertThat(e.getMessage()).doesNotContain("\n").doesNotContain("\u202e").hasSizeLessThan(260);
  }
}
