package io.ottertrend.alert;

import java.util.Objects;

/**
 * One alert, already scrubbed of secrets by {@link Alerts}. Immutable.
 *
 * @param kind what it is about
 * @param subject what it concerns, e.g. a symbol or a component ({@code ""} when global)
 * @param message one or a few lines for a human
 * @param at time on the agent's clock, epoch ms
 */
public record Alert(AlertKind kind, String subject, String message, long at) {
  public Alert {
    Objects.requireNonNull(kind, "kind");
    subject = subject == null ? "" : subject;
    Objects.requireNonNull(message, "message");
  }

  /** One line: {@code [OtterTrend] HALT BTCUSDT: message}. */
  public String text() {
    return "[OtterTrend] " + kind + (subject.isEmpty() ? "" : " " + subject) + ": " + message;
  }
}
