package io.ottertrend.brain;

import io.ottertrend.model.OrderType;
import io.ottertrend.model.Side;
import io.ottertrend.risk.Intent;
import io.ottertrend.risk.OrderProposal;
import io.ottertrend.risk.Origin;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Objects;

/**
 * Turns validated {@link Action}s into {@link OrderProposal}s for the risk engine: the bridge an
 * {@link OrderGateway} implementation uses. Sizes are derived by code from equity and price, never taken from
 * the model as quantities: an OPEN becomes a quote amount of {@code sizePctEquity × equity} (and, for priced
 * orders, the base quantity that amount buys at the limit or reference price); a CLOSE sells
 * {@code fraction × held quantity}. The risk engine then approves, shrinks or rejects.
 *
 * <p>Stateless and thread-safe.
 */
public final class ActionProposals {
  private ActionProposals() {}

  /** {@link Origin#RULES} for the rules brain, {@link Origin#LLM} for every other brain. */
  public static Origin origin(Decision decision) {
    return "rules".equals(decision.brain()) ? Origin.RULES : Origin.LLM;
  }

  /**
   * The entry proposal of {@code open}.
   *
   * @param equity current equity in the quote asset (&gt; 0)
   * @param referencePrice the price to size a limit order without a limit price (the last or best price)
   */
  public static OrderProposal entry(Action.Open open, BigDecimal equity, BigDecimal referencePrice,
      String clientOrderId, Origin origin) {
    Objects.requireNonNull(open, "open");
    if (equity == null || equity.signum() <= 0) {
      throw new IllegalArgumentException("equity must be > 0 to size an entry");
    }
    BigDecimal quote = equity.multiply(open.sizePctEquity()).setScale(8, RoundingMode.DOWN);
    if (open.orderType() == OrderType.MARKET) {
      return OrderProposal.marketEntry(open.symbol(), quote, clientOrderId, origin);
    }
    BigDecimal price = open.limitPrice() != null ? open.limitPrice() : referencePrice;
    if (price == null || price.signum() <= 0) {
      throw new IllegalArgumentException("a priced entry needs a limit or reference price > 0");
    }
    BigDecimal quantity = quote.divide(price, 12, RoundingMode.DOWN);
    return new OrderProposal(open.symbol(), Side.BUY, Intent.ENTRY, open.orderType(), quote, quantity, price,
        clientOrderId, origin);
  }

  /** The exit proposal of {@code close}: a market sell of {@code fraction × heldQuantity}. */
  public static OrderProposal exit(Action.Close close, BigDecimal heldQuantity, String clientOrderId, Origin origin) {
    Objects.requireNonNull(close, "close");
    if (heldQuantity == null || heldQuantity.signum() <= 0) {
      throw new IllegalArgumentException("nothing held in " + close.symbol());
    }
    BigDecimal qty = heldQuantity.multiply(close.fraction()).stripTrailingZeros();
    return OrderProposal.marketExit(close.symbol(), qty, clientOrderId, origin);
  }
}
