/**
 * The {@code ottertrend} subcommands. Each is a small annotated class: it reads settings through
 * {@link io.ottertrend.cli.SharedOptions}, uses the {@code core} library, and writes through the injected
 * writers of its {@code CommandLine}.
 *
 * <p><b>Internal to the CLI.</b>
 */
package io.ottertrend.cli.commands;
