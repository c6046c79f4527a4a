package io.ottertrend.risk;

import io.ottertrend.model.OrderBook;
import io.ottertrend.model.Portfolio;
import io.ottertrend.model.Position;
import io.ottertrend.model.Side;
import io.ottertrend.model.SymbolRules;
import io.ottertrend.model.Ticker;
import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.util.Set;

/**
 * Everything a {@link RiskRule} may look at for one proposed order. Immutable.
 *
 * <p>The caller supplies the proposal and the market and account facts (through {@link #builder}); the
 * {@link RiskEngine} then replaces {@code counters}, {@code limits}, {@code now} and {@code manualHalt} with its
 * own and recomputes {@code marketPrice} and {@code equity}, so a caller can never loosen a limit through the
 * context. Inside the chain the proposal is the <em>working</em> order: already normalised (a base quantity is
 * always set) and possibly shrunk by earlier rules.
 *
 * @param proposal the working order
 * @param portfolio account with marked-to-market positions, or {@code null} when unknown
 * @param symbolRules trading rules of the symbol, or {@code null} when unknown
 * @param book order book, or {@code null}
 * @param ticker 24 h ticker, or {@code null}
 * @param liquidity liquidity figures ({@link Liquidity#of} when the caller has none)
 * @param previousPrice previous observed price of the symbol, for the jump check, or {@code null}
 * @param brainFailures failed brain cycles in a row
 * @param llmTokensToday LLM tokens spent over the network since 00:00 UTC
 * @param counters the engine's counters
 * @param limits the engine's limits
 * @param now current time on the engine's clock, epoch ms
 * @param manualHalt reason of a kill-switch halt, or {@code null}
 * @param marketPrice best ask for a buy, best bid for a sell, or {@code null} when unknown (one-sided book)
 * @param equity portfolio equity, or {@code null} when unknown
 * @param dustSymbols held symbols whose position is dust (worth less than the symbol's minimum notional, so it
 *     cannot be sold): they do not count against the open-position cap, and an entry there opens a position
 *     rather than adding to one; never {@code null}
 */
public record RiskContext(
    OrderProposal proposal,
    Portfolio portfolio,
    SymbolRules symbolRules,
    OrderBook book,
    Ticker ticker,
    Liquidity liquidity,
    BigDecimal previousPrice,
    int brainFailures,
    long llmTokensToday,
    RiskCounters counters,
    RiskLimits limits,
    long now,
    String manualHalt,
    BigDecimal marketPrice,
    BigDecimal equity,
    Set<String> dustSymbols) {

  static final MathContext DIVIDE = new MathContext(24, RoundingMode.DOWN);

  public RiskContext {
    liquidity = liquidity == null ? Liquidity.of(ticker, book) : liquidity;
    dustSymbols = dustSymbols == null ? Set.of() : Set.copyOf(dustSymbols);
  }

  /** A builder for callers; the engine fills in what it owns. */
  public static Builder builder(OrderProposal proposal) {
    return new Builder(proposal);
  }

  public boolean isEntry() {
    return proposal.intent() == Intent.ENTRY;
  }

  public boolean isExit() {
    return proposal.intent() == Intent.EXIT;
  }

  /** The price the order is valued at: its limit price, or the market price for market orders. */
  public BigDecimal orderPrice() {
    BigDecimal limit = proposal.limitPrice();
    return limit != null && proposal.type().needsPrice() ? limit : marketPrice;
  }

  /**
   * Quote value of the working order: the quote amount of a market buy, else quantity × order price;
   * {@code null} when it cannot be computed.
   */
  public BigDecimal notional() {
    if (proposal.quoteSized() && proposal.quoteAmount() != null) {
      return proposal.quoteAmount();
    }
    BigDecimal price = orderPrice();
    BigDecimal qty = proposal.quantity();
    return price == null || qty == null ? null : qty.multiply(price);
  }

  /** Base quantity worth {@code quote} at the order price (rounded down), or {@code null} without a price. */
  public BigDecimal quantityFor(BigDecimal quote) {
    BigDecimal price = orderPrice();
    if (price == null || price.signum() <= 0) {
      return null;
    }
    return quote.divide(price, DIVIDE);
  }

  /** Free quote cash, or {@code null} when the portfolio is unknown. */
  public BigDecimal freeCash() {
    return portfolio == null ? null : portfolio.freeCash();
  }

  /** Base quantity held in the proposal's symbol ({@code 0} when none, {@code null} when unknown). */
  public BigDecimal heldQuantity() {
    if (portfolio == null) {
      return null;
    }
    for (Position p : portfolio.positions()) {
      if (p.symbol().equals(proposal.symbol())) {
        return p.quantity();
      }
    }
    return BigDecimal.ZERO;
  }

  /**
   * Positions held (dust released: reliability plan 13) plus entries approved but not yet in the portfolio, counted
   * per symbol.
   */
  public int openPositionCount() {
    int n = 0;
    if (portfolio != null) {
      for (Position p : portfolio.positions()) {
        if (p.quantity().signum() > 0 && !dustSymbols.contains(p.symbol())) {
          n++;
        }
      }
    }
    if (counters != null) {
      for (String symbol : counters.pendingEntries()) {
        if (portfolio == null || positionOf(portfolio, symbol) == null || dustSymbols.contains(symbol)) {
          n++;
        }
      }
    }
    return n;
  }

  /**
   * True when the symbol is already held (an entry there adds to a position rather than opening one): a position
   * that is not dust, or an entry in flight.
   */
  public boolean holds(String symbol) {
    if (portfolio != null && holdsPosition(portfolio, symbol) && !dustSymbols.contains(symbol)) {
      return true;
    }
    return counters != null && counters.pendingEntries().contains(symbol);
  }

  /** True when {@code portfolio} has a position in {@code symbol} with a positive quantity. */
  static boolean holdsPosition(Portfolio portfolio, String symbol) {
    Position p = positionOf(portfolio, symbol);
    return p != null && p.quantity().signum() > 0;
  }

  /**
   * {@code portfolio.position(symbol).orElse(null)} as a plain loop (the first match, like the stream): it runs
   * for every rule that asks whether a symbol is held, and a stream per call showed in backtest profiles.
   */
  static Position positionOf(Portfolio portfolio, String symbol) {
    for (Position p : portfolio.positions()) {
      if (p.symbol().equals(symbol)) {
        return p;
      }
    }
    return null;
  }

  /** A copy with another working order (the market price is re-derived when the side changes). */
  public RiskContext withProposal(OrderProposal p) {
    BigDecimal market = p.side() == proposal.side() ? marketPrice : marketPrice(p.side(), book, ticker);
    return new RiskContext(p, portfolio, symbolRules, book, ticker, liquidity, previousPrice, brainFailures,
        llmTokensToday, counters, limits, now, manualHalt, market, equity, dustSymbols);
  }

  /** A copy with other counters (everything else as is). */
  RiskContext withCounters(RiskCounters c) {
    return new RiskContext(proposal, portfolio, symbolRules, book, ticker, liquidity, previousPrice, brainFailures,
        llmTokensToday, c, limits, now, manualHalt, marketPrice, equity, dustSymbols);
  }

  /** A copy carrying the engine's state, with derived values recomputed from the caller's facts. */
  RiskContext withEngineState(RiskCounters c, RiskLimits l, long at, String halt) {
    // the caller's liquidity figures may come from elsewhere; never trust them above what the book and ticker show.
    // Measured by the canonical constructor from this ticker and book, they are the very answer Liquidity.of keeps.
    Liquidity measured = Liquidity.of(ticker, book);
    Liquidity l2 = liquidity == null || liquidity == measured ? measured : liquidity.conservative(measured);
    return new RiskContext(proposal, portfolio, symbolRules, book, ticker, l2, previousPrice, brainFailures,
        llmTokensToday, c, l, at, halt, marketPrice(proposal.side(), book, ticker),
        portfolio == null ? null : portfolio.equity().orElse(null), dustSymbols);
  }

  /** Best ask for a buy, best bid for a sell; from the book when given (one-sided: unknown), else the ticker. */
  static BigDecimal marketPrice(Side side, OrderBook book, Ticker ticker) {
    if (side == null) {
      return null;
    }
    if (book != null) {
      if (book.bids().isEmpty() || book.asks().isEmpty()) {
        return null;
      }
      return side == Side.BUY ? book.bestAsk() : book.bestBid();
    }
    if (ticker != null) {
      if (ticker.bidPrice() == null || ticker.askPrice() == null) {
        return null;
      }
      return side == Side.BUY ? ticker.askPrice() : ticker.bidPrice();
    }
    return null;
  }

  /** Fluent builder of a caller's context. Not thread-safe. */
  public static final class Builder {
    private final OrderProposal proposal;
    private Portfolio portfolio;
    private SymbolRules symbolRules;
    private OrderBook book;
    private Ticker ticker;
    private Liquidity liquidity;
    private BigDecimal previousPrice;
    private int brainFailures;
    private long llmTokensToday;
    private RiskCounters counters;
    private RiskLimits limits;
    private long now;
    private String manualHalt;
    private Set<String> dustSymbols = Set.of();

    private Builder(OrderProposal proposal) {
      this.proposal = proposal;
    }

    public Builder portfolio(Portfolio v) { this.portfolio = v; return this; }
    public Builder symbolRules(SymbolRules v) { this.symbolRules = v; return this; }
    public Builder book(OrderBook v) { this.book = v; return this; }
    public Builder ticker(Ticker v) { this.ticker = v; return this; }
    public Builder liquidity(Liquidity v) { this.liquidity = v; return this; }
    public Builder previousPrice(BigDecimal v) { this.previousPrice = v; return this; }
    public Builder brainFailures(int v) { this.brainFailures = v; return this; }
    public Builder llmTokensToday(long v) { this.llmTokensToday = v; return this; }
    /** Held symbols whose position is dust (see the record's {@code dustSymbols}); default none. */
    public Builder dustSymbols(Set<String> v) { this.dustSymbols = v; return this; }
    /** Only for testing a rule on its own: the engine uses its own counters. */
    public Builder counters(RiskCounters v) { this.counters = v; return this; }
    /** Only for testing a rule on its own: the engine uses its own limits. */
    public Builder limits(RiskLimits v) { this.limits = v; return this; }
    /** Only for testing a rule on its own: the engine uses its clock. */
    public Builder now(long v) { this.now = v; return this; }
    /** Only for testing a rule on its own: the engine uses its kill switch. */
    public Builder manualHalt(String v) { this.manualHalt = v; return this; }

    public RiskContext build() {
      Side side = proposal == null ? null : proposal.side();
      return new RiskContext(proposal, portfolio, symbolRules, book, ticker, liquidity, previousPrice,
          brainFailures, llmTokensToday, counters, limits, now, manualHalt, marketPrice(side, book, ticker),
          portfolio == null ? null : portfolio.equity().orElse(null), dustSymbols);
    }
  }
}
