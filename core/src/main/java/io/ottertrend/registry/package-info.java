/**
 * A small typed IoC registry: the composition root of an agent. No reflection, no scanning.
 *
 * <p><b>API.</b> Bind a factory or an instance per interface, several implementations for multi-bindings
 * ({@code RiskRule}, {@code Tool}), and named choices ({@code Exchange} "mexc"/"paper", {@code Brain}
 * "llm"/"rules"). Components are created lazily, once, on first use. An embedding program replaces any part
 * by binding its own before the first {@code get}.
 */
package io.ottertrend.registry;
