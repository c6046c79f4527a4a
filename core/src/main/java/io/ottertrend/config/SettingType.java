package io.ottertrend.config;

/** How a setting's text is parsed and checked. */
public enum SettingType {
  STRING,
  BOOLEAN,
  INTEGER,
  DECIMAL,
  /** A duration such as {@code 60s}, {@code 5m}, {@code 2h}, {@code 1d} or {@code 500ms}. */
  DURATION,
  /** An http(s) URL, or several separated by commas (failover order). */
  URL,
  /** A comma-separated list. */
  LIST,
  /** A value that must never be shown. */
  SECRET,
  PATH,
  /** One of a fixed set of words. */
  CHOICE
}
