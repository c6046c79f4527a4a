package io.ottertrend.exchange.paper;

import io.ottertrend.exchange.Exchange;
import io.ottertrend.exchange.ExchangeConformanceTest;
import io.ottertrend.memory.SqliteMemory;
import io.ottertrend.testing.ExchangeScenario;
import io.ottertrend.testing.ScenarioMarket;
import io.ottertrend.time.Clock;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Comparator;
import java.util.stream.Stream;

/** The conformance suite against {@link PaperExchange} filling against the scenario's market, stored in SQLite. */
class PaperConformanceTest extends ExchangeConformanceTest {
  private Path dir;
  private SqliteMemory memory;

  @Override
  protected Exchange createExchange(ExchangeScenario scenario) throws IOException {
    dir = Files.createTempDirectory("paper-conformance");
    memory = SqliteMemory.open(dir.resolve("paper.db"));
    ScenarioMarket market = new ScenarioMarket(scenario, Clock.simulated(Instant.ofEpochMilli(scenario.nowMillis())));
    return PaperExchange.builder(market, memory).initialBalances(scenario.balances()).build();
  }

  @Override
  protected void afterExchangeClosed() throws IOException {
    memory.close();
    try (Stream<Path> files = Files.walk(dir)) {
      for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(p);
      }
    }
  }
}
