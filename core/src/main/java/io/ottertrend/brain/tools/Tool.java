package io.ottertrend.brain.tools;

import io.ottertrend.brain.Action;
import io.ottertrend.brain.MarketSnapshot;
import io.ottertrend.brain.OrderGateway;
import io.ottertrend.brain.SymbolGuard;
import io.ottertrend.llm.ToolDefinition;
import java.time.Duration;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * A function the model may call. Register instances in a {@link ToolRegistry}; the {@link ToolRouter} validates
 * arguments against {@link Spec#params()} before {@link #call} and turns the result into the tool message.
 *
 * <p>Implementations must be thread-safe and must not reach an exchange's order methods: acting tools go
 * through {@link io.ottertrend.brain.OrderGateway}. Throwing is fine: the router reports the error to the
 * model as a result, and the cycle goes on.
 */
public interface Tool {

  /** Where a tool sits in the spec's observe → think → act pattern. */
  enum Category {
    OBSERVE,
    THINK,
    ACT
  }

  /**
   * A tool's declaration.
   *
   * @param name {@code [a-z0-9_]}, unique in a registry
   * @param description for the model
   * @param category observe, think or act
   * @param params the parameters (schema and validation)
   * @param cacheTtl how long a result is reused for identical arguments ({@link Duration#ZERO}: never; acting
   *     tools must use zero)
   * @param maxCallsPerMinute rate limit of this tool (on the router's clock)
   */
  record Spec(String name, String description, Category category, Params params, Duration cacheTtl,
      int maxCallsPerMinute) {
    public Spec {
      Objects.requireNonNull(name, "name");
      Objects.requireNonNull(category, "category");
      Objects.requireNonNull(params, "params");
      cacheTtl = cacheTtl == null ? Duration.ZERO : cacheTtl;
      if (category == Category.ACT && !cacheTtl.isZero() && !name.startsWith("get_") && !name.startsWith("risk_")) {
        throw new IllegalArgumentException("acting tool " + name + " must not be cached");
      }
      if (maxCallsPerMinute < 1) {
        throw new IllegalArgumentException("maxCallsPerMinute must be >= 1");
      }
    }

    public ToolDefinition definition() {
      return new ToolDefinition(name, description, params.schema());
    }
  }

  /**
   * What a tool may look at during a call.
   *
   * @param snapshot the cycle's snapshot (limits, positions, prices)
   * @param symbols the cycle's allow-list
   * @param acted receives every action an acting tool handed to the gateway, with its result
   */
  record Context(MarketSnapshot snapshot, SymbolGuard symbols, Consumer<Acted> acted) {}

  /** An action an acting tool handed to the {@link io.ottertrend.brain.OrderGateway}, and what came back. */
  record Acted(Action action, OrderGateway.Result result) {}

  Spec spec();

  /**
   * Runs the tool.
   *
   * @param args validated arguments
   * @return a JSON-able value (maps, lists, strings, numbers, booleans); strings are cleaned as untrusted text
   */
  Object call(ToolArgs args, Context context);
}
