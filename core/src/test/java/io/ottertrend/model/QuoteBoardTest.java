package io.ottertrend.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class QuoteBoardTest {
  private static Ticker ticker(String symbol, String last, String bid, String ask, double change, String quote,
      long at) {
    return new Ticker(symbol, new BigDecimal(last), bid == null ? null : new BigDecimal(bid),
        ask == null ? null : new BigDecimal(ask), null, null, null, change, BigDecimal.ONE, new BigDecimal(quote), at);
  }

  @Test
  void boardOverTickersCarriesTheirValuesAndReturnsTheSameTickers() {
    Ticker btc = ticker("BTCUSDT", "100.5", "100.4", "100.6", 0.02, "123456.78", 1_000);
    Ticker eth = ticker("ETHUSDT", "10", null, "10.1", -0.01, "99", 2_000);
    QuoteBoard b = QuoteBoard.of(List.of(btc, eth));

    assertThat(b.size()).isEqualTo(2);
    assertThat(b.at()).isEqualTo(2_000);
    assertThat(b.indexOf("ETHUSDT")).isEqualTo(1);
    assertThat(b.indexOf("XRPUSDT")).isEqualTo(-1);
    assertThat(b.last(0)).isEqualTo(100.5);
    assertThat(b.bid(0)).isEqualTo(100.4);
    assertThat(b.ask(0)).isEqualTo(100.6);
    assertThat(b.change(1)).isEqualTo(-0.01);
    assertThat(b.quoteVolume(0)).isEqualTo(123456.78);
    assertThat(b.spreadFraction(0)).isEqualTo(btc.spreadFraction());
    assertThat(b.bid(1)).isNaN();
    assertThat(b.spreadFraction(1)).isNaN();
    assertThat(b.ticker(1)).isSameAs(eth);
  }

  @Test
  void columnsMustHaveOneEntryPerSymbolAndTickerIndexesAreChecked() {
    String[] symbols = {"A", "B"};
    double[] two = {1, 2};
    assertThatThrownBy(() -> QuoteBoard.ofColumns(0, symbols, Map.of("A", 0, "B", 1), two, two, two, new double[1],
        two, i -> null)).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("2 entries");
    QuoteBoard b = QuoteBoard.ofColumns(5, symbols, Map.of("A", 0, "B", 1), two, two, two, two, two,
        i -> ticker(symbols[i], "1", null, null, 0, "0", 5));
    assertThat(b.ticker(1).symbol()).isEqualTo("B");
    assertThat(b.symbolsShared()).isSameAs(symbols);
    assertThatThrownBy(() -> b.ticker(2)).isInstanceOf(IndexOutOfBoundsException.class);
    assertThat(QuoteBoard.empty().size()).isZero();
  }
}
