package io.ottertrend.config;

import java.util.List;

/**
 * Thrown when settings are invalid. Carries every problem found, one line each, of the form
 * {@code NAME=value: what is wrong; what is allowed}. Secret values are never included.
 */
public final class SettingsException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final transient List<String> problems;

  public SettingsException(List<String> problems) {
    super(String.join("\n", problems));
    this.problems = List.copyOf(problems);
  }

  /** One line per problem. */
  public List<String> problems() {
    return problems;
  }
}
