/**
 * Settings: every name from DESIGN.md §4 (and the ones later issues added), with defaults, descriptions and
 * validation, loaded with the precedence flags &gt; environment &gt; {@code .env} file &gt; defaults.
 *
 * <p><b>API.</b> {@link io.ottertrend.config.Settings} is immutable and thread-safe. Invalid input is reported
 * all at once by {@link io.ottertrend.config.SettingsException}, one line per problem naming the setting,
 * the value and what is allowed. Secrets are {@link io.ottertrend.config.Secret}s, which redact themselves in
 * {@code toString()} and therefore in logs, exceptions and status output.
 */
package io.ottertrend.config;
