package io.ottertrend.net;

/**
 * What kind of call a request is. The class decides which policies of the {@link HttpStack} apply; each class
 * is also the <em>endpoint group</em> that owns one circuit breaker.
 *
 * <table>
 *   <caption>Policies per call class</caption>
 *   <tr><th>class</th><th>priority</th><th>retries</th><th>hedged</th><th>failover</th><th>OkHttp silent retry</th></tr>
 *   <tr><td>{@link #MARKET_DATA}</td><td>low</td><td>yes, jittered</td><td>yes</td><td>between attempts</td><td>allowed</td></tr>
 *   <tr><td>{@link #ACCOUNT_READ}</td><td>normal</td><td>yes, jittered</td><td>no</td><td>between attempts</td><td>allowed</td></tr>
 *   <tr><td>{@link #CANCEL}</td><td>high</td><td>no</td><td>no</td><td>before sending only</td><td>allowed</td></tr>
 *   <tr><td>{@link #ORDER}</td><td>high</td><td>never</td><td>never</td><td>before sending only</td><td>off</td></tr>
 * </table>
 */
public enum CallClass {
  /** Public, idempotent market data (tickers, books, klines, trades, exchange info, time). */
  MARKET_DATA(Priority.LOW, true, true),
  /** Signed, idempotent reads (account, order status, open orders, my trades). */
  ACCOUNT_READ(Priority.NORMAL, true, false),
  /** Order cancellation: first in line for the limiter, never retried by the stack. */
  CANCEL(Priority.HIGH, false, false),
  /**
   * Order placement: first in line for the limiter; never retried, hedged or failed over once the request may
   * have left; sent through a client with OkHttp's {@code retryOnConnectionFailure} off.
   */
  ORDER(Priority.HIGH, false, false);

  private final Priority priority;
  private final boolean retried;
  private final boolean hedged;

  CallClass(Priority priority, boolean retried, boolean hedged) {
    this.priority = priority;
    this.retried = retried;
    this.hedged = hedged;
  }

  /** Limiter priority of this class. */
  public Priority priority() {
    return priority;
  }

  /** True when failed attempts are retried (idempotent reads only). */
  public boolean retried() {
    return retried;
  }

  /** True when a slow attempt is hedged by a second one (market data only). */
  public boolean hedged() {
    return hedged;
  }

  /** Limiter priority: higher classes are served first and may use the reserve that lower ones must leave. */
  public enum Priority {
    HIGH,
    NORMAL,
    LOW
  }
}
