package io.ottertrend.exchange.mexc;

import io.ottertrend.exchange.Exchange;
import io.ottertrend.exchange.ExchangeConformanceTest;
import io.ottertrend.testing.ExchangeScenario;
import io.ottertrend.testing.FakeMexcServer;

/** The conformance suite against {@link MexcExchange} talking to {@link FakeMexcServer} over loopback HTTP. */
class MexcConformanceTest extends ExchangeConformanceTest {
  private FakeMexcServer fake;

  @Override
  protected Exchange createExchange(ExchangeScenario scenario) {
    fake = FakeMexcServer.start(scenario);
    return fake.exchangeBuilder().build();
  }

  @Override
  protected void afterExchangeClosed() {
    fake.close();
  }
}
