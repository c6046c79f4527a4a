/**
 * The {@code ottertrend} command-line application: entry point, shared options, exit codes, output and
 * logging setup. Commands live in {@link io.ottertrend.cli.commands}.
 *
 * <p><b>Internal to the CLI.</b> Programs that embed OtterTrend use the {@code core} library, not this
 * package.
 */
package io.ottertrend.cli;
