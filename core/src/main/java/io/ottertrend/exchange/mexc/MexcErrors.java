package io.ottertrend.exchange.mexc;

import io.ottertrend.exchange.ExchangeException;
import io.ottertrend.exchange.ExchangeException.AuthFailed;
import io.ottertrend.exchange.ExchangeException.ClockSkew;
import io.ottertrend.exchange.ExchangeException.InsufficientFunds;
import io.ottertrend.exchange.ExchangeException.InvalidOrder;
import io.ottertrend.exchange.ExchangeException.InvalidReason;
import io.ottertrend.exchange.ExchangeException.MarketOrdersDisabled;
import io.ottertrend.exchange.ExchangeException.Rejected;
import io.ottertrend.exchange.ExchangeException.SymbolNotApiTradable;
import io.ottertrend.exchange.ExchangeException.Unavailable;
import io.ottertrend.exchange.ExchangeException.UnknownOrder;
import io.ottertrend.exchange.ExchangeException.UnknownSymbol;
import java.time.Duration;
import java.util.Locale;

/**
 * Maps MEXC error answers onto the {@link ExchangeException} hierarchy. The decision is taken on the JSON
 * {@code code} (as ccxt and JKorf do), never on the HTTP status, which is only consulted when the body carries no
 * code. Every code of the protocol reference's error table has its type here; unknown codes fall back to a few
 * message substrings, then to {@link Rejected}. Exchange text is untrusted: it is length-capped and stripped of
 * control characters before it enters a message. Stateless and thread-safe.
 */
public final class MexcErrors {
  private MexcErrors() {}

  /** The exception for business error {@code code} with exchange text {@code msg}. */
  public static ExchangeException map(int code, String msg) {
    String m = "MEXC " + code + ": " + clean(msg);
    return switch (code) {
      case 400, 401, 602, 700001, 700002, 700006, 700007, 10072 -> new AuthFailed(m, code);
      case 429 -> new ExchangeException.RateLimited(m, Duration.ZERO);
      case 700003, 10073 -> new ClockSkew(m, code);
      case 700004, 700005, 700008, 33333, 44444, 30005 -> new InvalidOrder(m, code, InvalidReason.BAD_PARAMETER);
      case 10007, 30020 -> new SymbolNotApiTradable(m, code);
      case -1121, 30014, 30021, 730001, 30000, 30016 -> new UnknownSymbol(m, code);
      case 10101, 30004 -> new InsufficientFunds(m, code);
      case 30002 -> new InvalidOrder(m, code, InvalidReason.BELOW_MIN_NOTIONAL);
      case 30003 -> new InvalidOrder(m, code, InvalidReason.ABOVE_MAX_NOTIONAL);
      case 10095, 10097, 10102 -> new InvalidOrder(m, code, InvalidReason.INVALID_QUANTITY);
      case 10096 -> new InvalidOrder(m, code, InvalidReason.PRECISION);
      case 30010 -> new InvalidOrder(m, code, InvalidReason.INVALID_PRICE);
      case 30001, 30041, 30027, 30028 -> new InvalidOrder(m, code, InvalidReason.NOT_ALLOWED);
      case 30029 -> new InvalidOrder(m, code, InvalidReason.TOO_MANY_ORDERS);
      case 30018, 30019, 30051 -> new MarketOrdersDisabled(m, code);
      case -2011, -2013, 30026 -> new UnknownOrder(m, code);
      case 500, 503, 504 -> new Unavailable(m, code);
      default -> byMessage(code, m, msg);
    };
  }

  private static ExchangeException byMessage(int code, String m, String msg) {
    String t = msg == null ? "" : msg.toLowerCase(Locale.ROOT);
    if (t.contains("market order is disabled")) {
      return new MarketOrdersDisabled(m, code);
    }
    if (t.contains("insufficient balance") || t.contains("insufficient position")) {
      return new InsufficientFunds(m, code);
    }
    if (t.contains("oversold")) {
      return new InvalidOrder(m, code, InvalidReason.BAD_PARAMETER);
    }
    if (t.contains("invalid symbol")) {
      return new UnknownSymbol(m, code);
    }
    if (t.contains("maintenance")) {
      return new Unavailable(m, code);
    }
    return new Rejected(m, code);
  }

  /**
   * The exception for an HTTP answer that is not a success: by the body's JSON {@code code} when it has one, else
   * by HTTP status (401 auth, 403 WAF block, 5xx unavailable, other 4xx rejected).
   */
  public static ExchangeException fromResponse(int httpStatus, String body) {
    try {
      MexcDtos.ErrorDto e = MexcDtos.error(JsonValue.parse(body));
      if (e != null) {
        return map(e.code(), e.msg());
      }
    } catch (MalformedResponseException notJson) {
      // fall through to the HTTP status
    }
    String m = "HTTP " + httpStatus + " without an error code: " + clean(body);
    if (httpStatus == 401) {
      return new AuthFailed(m, 401);
    }
    if (httpStatus == 403) {
      return new Unavailable("HTTP 403: blocked by the exchange's web application firewall; " + clean(body), 403);
    }
    if (httpStatus >= 500) {
      return new Unavailable(m, httpStatus);
    }
    return new Rejected(m, httpStatus);
  }

  /** Exchange text made safe for a message: control characters removed, at most 200 characters. */
  static String clean(String s) {
    if (s == null) {
      return "";
    }
    String t = s.replaceAll("[\\p{Cntrl}\\p{Cf}]", " ").strip();
    return t.length() <= 200 ? t : t.substring(0, 200) + "…";
  }
}
