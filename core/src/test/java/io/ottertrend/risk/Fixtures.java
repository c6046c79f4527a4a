package io.ottertrend.risk;

import io.ottertrend.model.BookLevel;
import io.ottertrend.model.OrderBook;
import io.ottertrend.model.Portfolio;
import io.ottertrend.model.Position;
import io.ottertrend.model.SymbolRules;
import io.ottertrend.model.Ticker;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;

/** Shared builders for risk tests: a liquid BTCUSDT-like market at 100 with a healthy account. */
final class Fixtures {
  static final Instant START = Instant.parse("2026-11-24T12:00:00Z");
  static final String SYMBOL = "ABCUSDT";

  private Fixtures() {}

  static BigDecimal d(String v) {
    return new BigDecimal(v);
  }

  static SymbolRules rules() {
    return SymbolRules.builder(SYMBOL, "ABC", "USDT").tickSize("0.01").stepSize("0.001").minNotional("5").build();
  }

  /** Bid 99.95, ask 100.05 with plenty of depth, stamped {@code at}. */
  static OrderBook book(long at) {
    return new OrderBook(SYMBOL,
        List.of(BookLevel.of("99.95", "50"), BookLevel.of("99.5", "100")),
        List.of(BookLevel.of("100.05", "50"), BookLevel.of("100.5", "100")), at);
  }

  static Ticker ticker(long at, String quoteVolume) {
    return new Ticker(SYMBOL, d("100"), d("99.95"), d("100.05"), d("98"), d("102"), d("97"), 0.02, d("100000"),
        d(quoteVolume), at);
  }

  /** 1,000 USDT free, no positions. */
  static Portfolio cash(String free, long at) {
    return new Portfolio("USDT", d(free), BigDecimal.ZERO, List.of(), at);
  }

  static Position position(String symbol, String qty, String mark) {
    return new Position(symbol, symbol.replace("USDT", ""), d(qty), d("100"), d(qty).multiply(d("100")),
        mark == null ? null : d(mark), 0, null, null);
  }

  /** A healthy context for {@code p} at {@code at}. */
  static RiskContext.Builder context(OrderProposal p, long at) {
    return RiskContext.builder(p).symbolRules(rules()).book(book(at)).ticker(ticker(at, "10000000"))
        .portfolio(cash("1000", at)).previousPrice(d("100"));
  }

  static OrderProposal buy(String quote) {
    return OrderProposal.marketEntry(SYMBOL, d(quote), "cid1", Origin.LLM);
  }
}
