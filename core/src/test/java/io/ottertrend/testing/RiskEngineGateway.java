package io.ottertrend.testing;

import io.ottertrend.brain.Action;
import io.ottertrend.brain.ActionProposals;
import io.ottertrend.brain.MarketSnapshot;
import io.ottertrend.brain.OrderGateway;
import io.ottertrend.model.BookLevel;
import io.ottertrend.model.OrderBook;
import io.ottertrend.model.OrderRequest;
import io.ottertrend.model.Portfolio;
import io.ottertrend.model.Position;
import io.ottertrend.model.SymbolRules;
import io.ottertrend.model.Ticker;
import io.ottertrend.risk.OrderProposal;
import io.ottertrend.risk.Origin;
import io.ottertrend.risk.RiskContext;
import io.ottertrend.risk.RiskDecision;
import io.ottertrend.risk.RiskEngine;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;

/**
 * An {@link OrderGateway} over the real {@link RiskEngine}: each validated action becomes a proposal sized by
 * {@link ActionProposals}, is evaluated against a market built from the snapshot, and approved orders are
 * collected as "reaching the exchange".
 */
public final class RiskEngineGateway implements OrderGateway {
  public final List<Action> received = new ArrayList<>();
  public final List<OrderRequest> sent = new ArrayList<>();
  private final RiskEngine engine;
  private final MarketSnapshot snapshot;
  private int ids;

  public RiskEngineGateway(RiskEngine engine, MarketSnapshot snapshot) {
    this.engine = engine;
    this.snapshot = snapshot;
  }

  private static BigDecimal d(double v) {
    return new BigDecimal(v).round(new java.math.MathContext(10));
  }

  private RiskContext context(OrderProposal p) {
    MarketSnapshot.SymbolView v = snapshot.symbol(p.symbol()).orElseThrow();
    double spread = Double.isFinite(v.spreadPct()) ? v.spreadPct() : 0.001;
    BigDecimal bid = d(v.lastPrice() * (1 - spread / 2));
    BigDecimal ask = d(v.lastPrice() * (1 + spread / 2));
    long at = snapshot.at();
    SymbolRules rules = SymbolRules.builder(p.symbol(), p.symbol().replace("USDT", ""), "USDT")
        .tickSize("0.0000000001").stepSize("0.00000001").minNotional("1").build();
    OrderBook book = new OrderBook(p.symbol(), List.of(new BookLevel(bid, new BigDecimal("1e12"))),
        List.of(new BookLevel(ask, new BigDecimal("1e12"))), at);
    Ticker ticker = new Ticker(p.symbol(), d(v.lastPrice()), bid, ask, d(v.lastPrice()), d(v.lastPrice() * 1.05),
        d(v.lastPrice() * 0.95), v.change24h(), d(v.quoteVolume() / v.lastPrice()), d(v.quoteVolume()), at);
    List<Position> positions = new ArrayList<>();
    for (MarketSnapshot.PositionView pv : snapshot.portfolio().positions()) {
      positions.add(new Position(pv.symbol(), pv.symbol().replace("USDT", ""), d(pv.quantity()), d(pv.entryPrice()),
          d(pv.quantity() * pv.entryPrice()), d(pv.markPrice()), at - pv.heldMillis(), null, null));
    }
    Portfolio portfolio = new Portfolio("USDT", d(snapshot.portfolio().cash()), BigDecimal.ZERO, positions, at);
    return RiskContext.builder(p).symbolRules(rules).book(book).ticker(ticker).portfolio(portfolio)
        .previousPrice(d(v.lastPrice())).build();
  }

  private Result send(OrderProposal p) {
    RiskDecision decision = engine.evaluate(context(p));
    if (!decision.approved()) {
      return Result.rejected(decision.rule() + ": " + decision.reason());
    }
    sent.add(decision.order());
    return new Result(true, p.clientOrderId(), decision.outcome() + " " + decision.reason());
  }

  @Override
  public synchronized Result open(Action.Open action) {
    received.add(action);
    double last = snapshot.symbol(action.symbol()).orElseThrow().lastPrice();
    return send(ActionProposals.entry(action, d(snapshot.portfolio().equity()), d(last), "ot-" + (++ids), Origin.LLM));
  }

  @Override
  public synchronized Result close(Action.Close action) {
    received.add(action);
    double held = snapshot.position(action.symbol()).orElseThrow().quantity();
    return send(ActionProposals.exit(action, d(held), "ot-" + (++ids), Origin.LLM));
  }

  @Override
  public Result cancel(String symbol, String clientOrderId) {
    return new Result(true, clientOrderId, "cancel requested");
  }
}
