package io.ottertrend.agent;

import io.ottertrend.config.Setting;
import io.ottertrend.config.Settings;
import io.ottertrend.memory.JournaledOrder;
import io.ottertrend.model.Side;
import java.util.Locale;

/**
 * Which of its resting orders the agent cancels when it finds itself halted (manual kill switch, flag file, daily
 * loss, IP ban): setting {@link Setting#RISK_HALT_CANCEL_ORDERS}. A halt stops new entries, but a limit buy placed
 * before it can still fill after it and open the position the operator meant to stop; exits keep working while
 * halted. Orders adopted at start-up ({@code EXTERNAL}) belong to someone else and are never cancelled.
 */
public enum CancelOnHalt {
  /** The agent's resting buy orders (the default): they are what adds risk. */
  ENTRIES,
  /** Every resting order the agent placed, its exits too. */
  ALL,
  /** Nothing: resting orders stay on the exchange and may still fill. */
  NONE;

  /** The value of {@link Setting#RISK_HALT_CANCEL_ORDERS} (already validated by {@link Settings}). */
  public static CancelOnHalt from(Settings settings) {
    return valueOf(settings.string(Setting.RISK_HALT_CANCEL_ORDERS).strip().toUpperCase(Locale.ROOT));
  }

  /** The setting's word for this value: {@code entries}, {@code all} or {@code none}. */
  public String word() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** Whether a halt cancels {@code o} when it rests; exits only while {@code exitsToo}. */
  boolean selects(JournaledOrder o, boolean exitsToo) {
    if (this == NONE || o.external()) {
      return false;
    }
    return o.side() == Side.BUY || this == ALL && exitsToo;
  }
}
