package io.ottertrend.brain;

import java.util.List;
import java.util.Objects;

/**
 * What a brain decided in one cycle. No actions means HOLD.
 *
 * @param brain which brain decided ({@code llm-json}, {@code llm-tools}, {@code rules}, {@code hold}); a
 *     fallback shows as e.g. {@code rules} with {@code fallback=true}
 * @param thoughts the reasoning text (model output is untrusted: shown and stored, never executed)
 * @param actions validated actions, in order
 * @param dropped proposals refused by validation, each with the reason
 * @param flags notes worth an operator's eye (suspicious content, retries, caps hit)
 * @param promptTokens prompt tokens spent over the network (0 for replays and rules)
 * @param completionTokens completion tokens spent over the network
 * @param latencyMillis time the decision took on the brain's clock
 * @param fallback true when this decision replaced a failed one
 * @param executed true when the actions were already handed to the {@link OrderGateway} during the decision
 *     (tool-calling mode): the loop must not submit them again
 * @param error what failed ({@code null} when nothing did); a decision with an error counts as a failed cycle
 */
public record Decision(
    String brain, String thoughts, List<Action> actions, List<Dropped> dropped, List<String> flags,
    long promptTokens, long completionTokens, long latencyMillis, boolean fallback, boolean executed,
    String error) {

  /** A refused proposal. {@code proposal} is a short, sanitised rendering of what was proposed. */
  public record Dropped(String proposal, String reason) {
    public Dropped {
      proposal = proposal == null ? "" : proposal;
      Objects.requireNonNull(reason, "reason");
    }
  }

  public Decision {
    Objects.requireNonNull(brain, "brain");
    thoughts = thoughts == null ? "" : thoughts;
    actions = actions == null ? List.of() : List.copyOf(actions);
    dropped = dropped == null ? List.of() : List.copyOf(dropped);
    flags = flags == null ? List.of() : List.copyOf(flags);
  }

  /** HOLD: do nothing this cycle. */
  public static Decision hold(String brain, String thoughts) {
    return new Decision(brain, thoughts, List.of(), List.of(), List.of(), 0, 0, 0, false, false, null);
  }

  /** HOLD because something failed. */
  public static Decision failed(String brain, String error) {
    return new Decision(brain, "HOLD: " + error, List.of(), List.of(), List.of(), 0, 0, 0, false, false, error);
  }

  public boolean isHold() {
    return actions.isEmpty();
  }

  public boolean failed() {
    return error != null;
  }

  /** OK, HOLD, FALLBACK or ERROR, as stored in the decisions table. */
  public String outcome() {
    if (fallback) {
      return "FALLBACK";
    }
    if (error != null) {
      return "ERROR";
    }
    return actions.isEmpty() ? "HOLD" : "OK";
  }

  public Decision asFallback(String why) {
    List<String> f = new java.util.ArrayList<>(flags);
    f.add("fallback: " + why);
    return new Decision(brain, thoughts, actions, dropped, f, promptTokens, completionTokens, latencyMillis, true,
        executed, error);
  }

  /** This decision with {@code extra} flags appended. */
  public Decision withFlags(List<String> extra) {
    List<String> f = new java.util.ArrayList<>(flags);
    f.addAll(extra);
    return new Decision(brain, thoughts, actions, dropped, f, promptTokens, completionTokens, latencyMillis, fallback,
        executed, error);
  }

  public Decision withCost(long prompt, long completion, long latency) {
    return new Decision(brain, thoughts, actions, dropped, flags, prompt, completion, latency, fallback, executed,
        error);
  }
}
