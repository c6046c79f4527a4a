package io.ottertrend.risk;

/**
 * One check in the risk chain (SPI). A rule looks at a {@link RiskContext} and returns a {@link RiskVerdict}.
 *
 * <p>Contract: rules are pure (no I/O, no side effects; the engine persists what needs persisting), fast (the
 * whole chain runs in a few microseconds) and thread-safe. A rule that throws is treated as a rejection by that
 * rule (fail closed). Rules see exits too and decide themselves whether they apply to them; a rule that bounds
 * exposure should let exits through, so that a limit can never trap a position.
 *
 * <pre>{@code
 * RiskRule noMeme = new RiskRule() {
 *   public String name() { return "no_meme"; }
 *   public RiskVerdict evaluate(RiskContext ctx) {
 *     return ctx.isEntry() && ctx.proposal().symbol().startsWith("PEPE")
 *         ? RiskVerdict.reject("no meme coins") : RiskVerdict.approve();
 *   }
 * };
 * RiskEngine engine = RiskEngine.builder(memory, clock, limits).addRule(noMeme).build();
 * }</pre>
 */
public interface RiskRule {

  /** Short snake_case name, stored with every verdict this rule decides. */
  String name();

  /** The verdict on the working order. */
  RiskVerdict evaluate(RiskContext ctx);
}
