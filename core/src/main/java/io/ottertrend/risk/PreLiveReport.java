package io.ottertrend.risk;

import java.util.List;

/**
 * The pre-live checklist: every check, in order. A live run may start only when {@link #passed()}.
 * Immutable.
 */
public record PreLiveReport(List<PreLiveCheck> checks) {
  public PreLiveReport {
    checks = List.copyOf(checks);
  }

  /** True when every check passed. */
  public boolean passed() {
    return checks.stream().allMatch(PreLiveCheck::passed);
  }

  /** The failed checks. */
  public List<PreLiveCheck> failures() {
    return checks.stream().filter(c -> !c.passed()).toList();
  }

  /** The check called {@code name}. */
  public PreLiveCheck check(String name) {
    return checks.stream().filter(c -> c.name().equals(name)).findFirst()
        .orElseThrow(() -> new IllegalArgumentException("no pre-live check " + name));
  }

  /** The checklist, one line per check. */
  public String render() {
    StringBuilder sb = new StringBuilder();
    for (PreLiveCheck c : checks) {
      sb.append(c.line()).append('\n');
    }
    return sb.toString();
  }
}
