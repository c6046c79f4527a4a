package io.ottertrend.agent;

import io.ottertrend.model.Fill;
import java.util.List;

/**
 * What one {@link OrderManager#sync()} did.
 *
 * @param checked journal entries queried
 * @param transitions state changes
 * @param newFills fills recorded for the first time (already applied to positions)
 * @param problems one line per order that could not be checked (exchange error); retried next sync
 */
public record SyncResult(int checked, List<OrderTransition> transitions, List<Fill> newFills, List<String> problems) {
  public SyncResult {
    transitions = List.copyOf(transitions);
    newFills = List.copyOf(newFills);
    problems = List.copyOf(problems);
  }
}
