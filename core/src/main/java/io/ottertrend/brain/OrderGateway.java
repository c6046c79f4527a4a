package io.ottertrend.brain;

import java.util.ArrayList;
import java.util.List;

/**
 * The only way a brain's actions reach the market. The agent loop implements it by sizing the action from
 * equity and price, passing it through the risk engine (approve / shrink / reject, fail closed) and handing
 * approved orders to the order manager. Nothing in {@code brain} touches an exchange order method.
 *
 * <p>Implementations must be safe to call from the brain's thread and must never throw for a rejection:
 * they return a {@link Result} with {@code accepted=false}.
 */
public interface OrderGateway {

  Result open(Action.Open action);

  Result close(Action.Close action);

  /** Cancels one of our open orders by its client order id. */
  Result cancel(String symbol, String clientOrderId);

  /**
   * What happened to one action.
   *
   * @param accepted true when an order was sent (or a cancel requested)
   * @param orderId our client order id, {@code ""} when none
   * @param message the risk verdict or the reason of a refusal, one line
   */
  record Result(boolean accepted, String orderId, String message) {
    public static Result rejected(String message) {
      return new Result(false, "", message);
    }
  }

  /** Submits every action of {@code decision} in order; nothing when they were already executed. */
  default List<Result> submit(Decision decision) {
    List<Result> out = new ArrayList<>();
    if (decision.executed()) {
      return out;
    }
    for (Action a : decision.actions()) {
      out.add(switch (a) {
        case Action.Open o -> open(o);
        case Action.Close c -> close(c);
      });
    }
    return out;
  }
}
