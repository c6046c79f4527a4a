/**
 * Tools for the tool-calling brain (spec phase 4).
 *
 * <p><b>SPI:</b> {@link io.ottertrend.brain.tools.Tool} (plugins register by name in a
 * {@link io.ottertrend.brain.tools.ToolRegistry}, like the spec's {@code @register_tool}); parameters are
 * declared once with the {@link io.ottertrend.brain.tools.Params} DSL, which generates the JSON Schema sent to
 * the model ({@code additionalProperties:false}, enums, required) and validates the model's arguments
 * against it. {@link io.ottertrend.brain.tools.AgentPorts} is the narrow set of functional interfaces the
 * tools call (market data, analytics, signals, portfolio, a risk gate and the
 * {@link io.ottertrend.brain.OrderGateway}); the agent loop wires real implementations.
 *
 * <p><b>API:</b> {@link io.ottertrend.brain.tools.ToolRouter} (argument validation, unknown tools refused,
 * per-cycle call cap, per-tool result cache with TTL and per-tool rate limits) and
 * {@link io.ottertrend.brain.tools.StandardTools} (the spec's 18 tools).
 */
package io.ottertrend.brain.tools;
