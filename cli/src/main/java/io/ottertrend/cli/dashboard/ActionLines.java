package io.ottertrend.cli.dashboard;

import io.ottertrend.agent.AgentEvent;
import io.ottertrend.cli.dashboard.DashboardSnapshot.ActionLine;
import io.ottertrend.cli.dashboard.DashboardSnapshot.Tone;
import java.util.Locale;

/** Turns action events into coloured one-line summaries. Stateless and thread-safe. */
final class ActionLines {
  private ActionLines() {}

  /** Approved green, shrunk yellow (with the rule that shrank it), rejected red with its rule and reason. */
  static ActionLine of(AgentEvent.RiskVerdict r) {
    String outcome = r.outcome() == null ? "?" : r.outcome().toUpperCase(Locale.ROOT);
    Tone tone = switch (outcome) {
      case "APPROVE", "APPROVED" -> Tone.GOOD;
      case "SHRINK", "SHRUNK" -> Tone.WARN;
      default -> Tone.BAD;
    };
    String verb = switch (tone) {
      case GOOD -> "approved";
      case WARN -> "shrunk";
      default -> outcome.startsWith("REJECT") ? "rejected" : lower(outcome);
    };
    String text = "risk " + verb + " " + r.side() + " " + r.symbol()
        + (tone == Tone.GOOD ? "" : " [" + r.rule() + "] " + nullToDash(r.reason()));
    return new ActionLine(r.at(), tone == Tone.GOOD ? "✓" : tone == Tone.WARN ? "~" : "✗", text, tone);
  }

  static ActionLine of(AgentEvent.OrderUpdate o) {
    String state = o.state() == null ? "?" : o.state().toUpperCase(Locale.ROOT);
    Tone tone = switch (state) {
      case "FILLED" -> Tone.GOOD;
      case "REJECTED", "NOT_SENT", "FAILED" -> Tone.BAD;
      case "CANCELED", "CANCELLED", "EXPIRED", "UNKNOWN" -> Tone.WARN;
      default -> Tone.INFO;
    };
    String size = o.quoteQuantity() != null ? " " + Numbers.quantity(o.quoteQuantity()) + " quote"
        : (o.quantity() == null ? "" : " " + Numbers.quantity(o.quantity()))
            + (o.price() == null ? "" : " @ " + Numbers.price(o.price()));
    String text = "order " + lower(state) + " " + o.side() + " " + o.symbol() + size
        + (o.purpose() == null ? "" : " (" + o.purpose() + ")")
        + (o.message() == null || o.message().isBlank() ? "" : " " + o.message());
    return new ActionLine(o.at(), tone == Tone.BAD ? "✗" : "›", text, tone);
  }

  static ActionLine of(AgentEvent.FillRecorded f) {
    String text = "fill " + f.side() + " " + Numbers.quantity(f.quantity()) + " " + f.symbol() + " @ "
        + Numbers.price(f.price()) + " fee " + Numbers.quantity(f.commission()) + " " + nullToDash(f.commissionAsset());
    return new ActionLine(f.at(), "●", text, Tone.GOOD);
  }

  static ActionLine of(AgentEvent.Notice n) {
    String level = n.level() == null ? "INFO" : n.level().toUpperCase(Locale.ROOT);
    Tone tone = switch (level) {
      case "ERROR" -> Tone.BAD;
      case "WARN", "WARNING" -> Tone.WARN;
      default -> Tone.MUTED;
    };
    return new ActionLine(n.at(), tone == Tone.MUTED ? "·" : "!", nullToDash(n.message()), tone);
  }

  private static String lower(String s) {
    return s == null ? "?" : s.toLowerCase(Locale.ROOT);
  }

  private static String nullToDash(String s) {
    return s == null || s.isBlank() ? "-" : s;
  }
}
