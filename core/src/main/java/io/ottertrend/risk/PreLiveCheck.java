package io.ottertrend.risk;

import java.util.Objects;

/**
 * One line of the pre-live checklist.
 *
 * @param name short snake_case name, e.g. {@code clock_offset}
 * @param passed whether the check passed
 * @param reason one line saying what was found
 */
public record PreLiveCheck(String name, boolean passed, String reason) {
  public PreLiveCheck {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(reason, "reason");
  }

  static PreLiveCheck pass(String name, String reason) {
    return new PreLiveCheck(name, true, reason);
  }

  static PreLiveCheck fail(String name, String reason) {
    return new PreLiveCheck(name, false, reason);
  }

  /** {@code [ok] name: reason} or {@code [FAIL] name: reason}. */
  public String line() {
    return (passed ? "[ok]   " : "[FAIL] ") + name + ": " + reason;
  }
}
