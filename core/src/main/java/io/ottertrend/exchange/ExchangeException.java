package io.ottertrend.exchange;

import java.time.Duration;

/**
 * The one exception hierarchy of every {@link Exchange}. It is sealed so that callers can switch on it
 * exhaustively; decisions are taken on the type, never on message text.
 *
 * <p>Messages never contain API keys, secrets or signatures.
 */
public abstract sealed class ExchangeException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final int code;

  ExchangeException(String message, int code, Throwable cause) {
    super(message, cause);
    this.code = code;
  }

  /** The exchange's business error code, or {@code 0} when none applies. */
  public int code() {
    return code;
  }

  /** True when the same read may be retried later (never a licence to re-send an order). */
  public boolean isTransient() {
    return false;
  }

  /** HTTP 429: slow down; {@link #retryAfter()} says for how long. */
  public static final class RateLimited extends ExchangeException {
    private static final long serialVersionUID = 1L;
    private final transient Duration retryAfter;

    public RateLimited(String message, Duration retryAfter) {
      super(message, 429, null);
      this.retryAfter = retryAfter == null ? Duration.ZERO : retryAfter;
    }

    /** How long to wait before the next request ({@code 0} when the exchange did not say). */
    public Duration retryAfter() {
      return retryAfter;
    }

    @Override
    public boolean isTransient() {
      return true;
    }
  }

  /** HTTP 418: the IP is banned for {@link #retryAfter()}; trading halts with one alert. */
  public static final class IpBanned extends ExchangeException {
    private static final long serialVersionUID = 1L;
    private final transient Duration retryAfter;

    public IpBanned(String message, Duration retryAfter) {
      super(message, 418, null);
      this.retryAfter = retryAfter == null ? Duration.ZERO : retryAfter;
    }

    /** How long to wait before the next request ({@code 0} when the exchange did not say). */
    public Duration retryAfter() {
      return retryAfter;
    }
  }

  /** Bad or missing key, bad signature, no permission, or IP not whitelisted (602, 700001, 700002, 700006, 700007, 10072). */
  public static final class AuthFailed extends ExchangeException {
    private static final long serialVersionUID = 1L;

    public AuthFailed(String message, int code) {
      super(message, code, null);
    }

    public AuthFailed(String message, int code, Throwable cause) {
      super(message, code, cause);
    }
  }

  /** The request timestamp is outside the receive window (700003, 10073): resync the clock, then re-sign. A timestamp rejection proves the order was not executed. */
  public static final class ClockSkew extends ExchangeException {
    private static final long serialVersionUID = 1L;

    public ClockSkew(String message, int code) {
      super(message, code, null);
    }

    public ClockSkew(String message, int code, Throwable cause) {
      super(message, code, cause);
    }
  }

  /** Not enough free balance or position for the order (10101, 30004). */
  public static final class InsufficientFunds extends ExchangeException {
    private static final long serialVersionUID = 1L;

    public InsufficientFunds(String message, int code) {
      super(message, code, null);
    }

    public InsufficientFunds(String message, int code, Throwable cause) {
      super(message, code, cause);
    }
  }

  /** Why an order was refused as invalid. */
  public enum InvalidReason {
    /** Too many decimals for the tick or step (10096 and friends). */
    PRECISION,
    /** Order value below the symbol's minimum after rounding (30002). */
    BELOW_MIN_NOTIONAL,
    /** Order value above the symbol's maximum (30003). */
    ABOVE_MAX_NOTIONAL,
    /** Quantity missing, zero, negative or malformed (10095, 10097, 10102). */
    INVALID_QUANTITY,
    /** Price missing or not valid (30010). */
    INVALID_PRICE,
    /** A post-only order would have crossed the book. */
    WOULD_CROSS,
    /** The symbol does not accept this side or order type right now (30001, 30041, 30027, 30028). */
    NOT_ALLOWED,
    /** Too many open orders (30029). */
    TOO_MANY_ORDERS,
    /** Any other parameter problem (700004, 700005, 700008, 33333, 44444, 30005). */
    BAD_PARAMETER
  }

  /** The exchange refused the order's parameters; nothing was placed. */
  public static final class InvalidOrder extends ExchangeException {
    private static final long serialVersionUID = 1L;
    private final InvalidReason reason;

    public InvalidOrder(String message, int code, InvalidReason reason) {
      super(message, code, null);
      this.reason = reason;
    }

    public InvalidReason reason() {
      return reason;
    }
  }

  /** The symbol exists but cannot be traded through the API (MEXC 10007 "symbol not support api"). */
  public static final class SymbolNotApiTradable extends ExchangeException {
    private static final long serialVersionUID = 1L;

    public SymbolNotApiTradable(String message, int code) {
      super(message, code, null);
    }

    public SymbolNotApiTradable(String message, int code, Throwable cause) {
      super(message, code, cause);
    }
  }

  /** Market orders are disabled for this symbol or account (MEXC 30018, 30019, 30051): use a limit order. */
  public static final class MarketOrdersDisabled extends ExchangeException {
    private static final long serialVersionUID = 1L;

    public MarketOrdersDisabled(String message, int code) {
      super(message, code, null);
    }

    public MarketOrdersDisabled(String message, int code, Throwable cause) {
      super(message, code, cause);
    }
  }

  /** The symbol is not listed (-1121, 30014, 30021, 730001) or is suspended (30000, 30016). */
  public static final class UnknownSymbol extends ExchangeException {
    private static final long serialVersionUID = 1L;

    public UnknownSymbol(String message, int code) {
      super(message, code, null);
    }

    public UnknownSymbol(String message, int code, Throwable cause) {
      super(message, code, cause);
    }
  }

  /** The exchange does not know the order (-2011, -2013, 30026). For a just-placed order this is not proof of absence: query again after a grace period. */
  public static final class UnknownOrder extends ExchangeException {
    private static final long serialVersionUID = 1L;

    public UnknownOrder(String message, int code) {
      super(message, code, null);
    }

    public UnknownOrder(String message, int code, Throwable cause) {
      super(message, code, cause);
    }
  }

  /** The exchange could not be reached or answered with an error before the request could act: connection refused, 5xx on a read, maintenance, circuit open, malformed response to a read. Safe to retry reads later. */
  public static final class Unavailable extends ExchangeException {
    private static final long serialVersionUID = 1L;

    public Unavailable(String message, int code) {
      super(message, code, null);
    }

    public Unavailable(String message, int code, Throwable cause) {
      super(message, code, cause);
    }

    @Override
    public boolean isTransient() {
      return true;
    }
  }

  /**
   * The order may or may not exist: the request may have left (timeout, reset, 5xx after sending, malformed
   * answer). Never re-send; query by {@link #clientOrderId()} first.
   */
  public static final class OutcomeUnknown extends ExchangeException {
    private static final long serialVersionUID = 1L;
    private final String clientOrderId;

    public OutcomeUnknown(String message, String clientOrderId, Throwable cause) {
      super(message, 0, cause);
      this.clientOrderId = clientOrderId;
    }

    /** Client order id of the order whose outcome is unknown. */
    public String clientOrderId() {
      return clientOrderId;
    }
  }

  /** Any other business error the exchange returned, with its code; nothing was placed. */
  public static final class Rejected extends ExchangeException {
    private static final long serialVersionUID = 1L;

    public Rejected(String message, int code) {
      super(message, code, null);
    }

    public Rejected(String message, int code, Throwable cause) {
      super(message, code, cause);
    }
  }
}
