package io.ottertrend.testing;

import io.ottertrend.brain.Action;
import io.ottertrend.brain.OrderGateway;
import java.util.ArrayList;
import java.util.List;

/** An {@link OrderGateway} that records what reached it and accepts (or refuses) everything. */
public final class RecordingGateway implements OrderGateway {
  public final List<Action> received = new ArrayList<>();
  public final List<String> cancels = new ArrayList<>();
  private final boolean accept;

  public RecordingGateway(boolean accept) {
    this.accept = accept;
  }

  @Override
  public synchronized Result open(Action.Open action) {
    received.add(action);
    return accept ? new Result(true, "ot-" + received.size(), "approved") : Result.rejected("risk: rejected");
  }

  @Override
  public synchronized Result close(Action.Close action) {
    received.add(action);
    return accept ? new Result(true, "ot-" + received.size(), "approved") : Result.rejected("risk: rejected");
  }

  @Override
  public synchronized Result cancel(String symbol, String clientOrderId) {
    cancels.add(symbol + ":" + clientOrderId);
    return new Result(true, clientOrderId, "cancel requested");
  }
}
