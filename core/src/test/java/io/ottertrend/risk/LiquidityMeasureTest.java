package io.ottertrend.risk;

import static io.ottertrend.risk.Fixtures.START;
import static org.assertj.core.api.Assertions.assertThat;

import io.ottertrend.model.OrderBook;
import io.ottertrend.model.Ticker;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A proposal's liquidity is measured once: {@link Liquidity#of} answers the same instance for the very same ticker
 * and book, so the engine's copy of a caller's context keeps the caller's measurement instead of measuring the book
 * again; figures a caller brings are still capped by the measurement.
 */
class LiquidityMeasureTest {
  private final long at = START.toEpochMilli();

  @Test
  void theSameTickerAndBookAreMeasuredOnceAndOthersAgain() {
    OrderBook book = Fixtures.book(at);
    Ticker ticker = Fixtures.ticker(at, "10000000");
    Liquidity first = Liquidity.of(ticker, book);
    assertThat(Liquidity.of(ticker, book)).isSameAs(first);
    OrderBook equalBook = Fixtures.book(at);
    Liquidity again = Liquidity.of(ticker, equalBook);
    assertThat(again).isNotSameAs(first).isEqualTo(first);
    OrderBook thinner = new OrderBook(book.symbol(), book.bids().subList(0, 1), book.asks().subList(0, 1), at);
    assertThat(Liquidity.of(ticker, thinner).askDepth2Pct()).isLessThan(first.askDepth2Pct());
    assertThat(Liquidity.of(null, null)).isEqualTo(Liquidity.UNKNOWN);
  }

  @Test
  void theEnginesCopyKeepsTheMeasurementAndCapsACallersFigures() {
    RiskContext measured = Fixtures.context(Fixtures.buy("10"), at).build();
    RiskContext engine = measured.withEngineState(RiskCounters.empty(RiskState.dayOf(at)), RiskLimits.defaults(),
        at, null);
    assertThat(engine.liquidity()).isSameAs(measured.liquidity())
        .isEqualTo(Liquidity.of(measured.ticker(), Fixtures.book(at)));

    Liquidity claimed = new Liquidity(1e12, 1e12, 1e12, 1e12, 1e12);
    RiskContext caller = Fixtures.context(Fixtures.buy("10"), at).liquidity(claimed).build();
    RiskContext capped = caller.withEngineState(RiskCounters.empty(RiskState.dayOf(at)), RiskLimits.defaults(), at,
        null);
    assertThat(capped.liquidity()).isEqualTo(Liquidity.of(caller.ticker(), caller.book()));
    assertThat(List.of(capped.liquidity().quoteVolume24h(), capped.liquidity().askDepth1Pct()))
        .allSatisfy(v -> assertThat(v).isLessThan(1e12));
  }
}
