package io.ottertrend.net;

import io.ottertrend.config.Secret;
import java.util.List;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * Removes signatures, API keys and secrets from text before it reaches a log line or an exception message.
 *
 * <p>Always redacted: the value of any {@code signature=} query parameter, any {@code X-MEXC-APIKEY} header value,
 * {@code apiKey}/{@code secret} style parameters, and every registered {@link Secret}'s value wherever it appears.
 * Immutable and thread-safe.
 */
public final class Redactor {
  private static final Pattern SIGNATURE = Pattern.compile("(?i)(signature=)[^&\\s\"',;)]+");
  private static final Pattern KEY_HEADER = Pattern.compile("(?i)(x-mexc-apikey\\s*[:=]\\s*)[^\\s,;\"'}]+");
  private static final Pattern KEY_PARAM =
      Pattern.compile("(?i)((?:api[_-]?key|secret[_-]?key|api[_-]?secret|secret)=)[^&\\s\"',;)]+");
  private static final Redactor PATTERNS_ONLY = new Redactor(List.of());

  private final List<Secret> secrets;

  private Redactor(List<Secret> secrets) {
    this.secrets = List.copyOf(secrets);
  }

  /** A redactor that also scrubs the values of {@code secrets}. */
  public static Redactor of(Secret... secrets) {
    return new Redactor(java.util.Arrays.stream(secrets).filter(Objects::nonNull).filter(Secret::isPresent).toList());
  }

  /** A redactor with the fixed patterns only. */
  public static Redactor patternsOnly() {
    return PATTERNS_ONLY;
  }

  /** {@code text} with every sensitive value replaced by {@link Secret#REDACTED}; {@code null} stays null. */
  public String redact(String text) {
    if (text == null) {
      return null;
    }
    String out = SIGNATURE.matcher(text).replaceAll("$1" + Secret.REDACTED);
    out = KEY_HEADER.matcher(out).replaceAll("$1" + Secret.REDACTED);
    out = KEY_PARAM.matcher(out).replaceAll("$1" + Secret.REDACTED);
    for (Secret s : secrets) {
      out = s.scrub(out);
    }
    return out;
  }

  /**
   * A stand-in for {@code cause} whose message and whole cause chain are redacted, keeping class names and stack
   * traces (exception messages of HTTP clients often contain the full URL, signature included).
   */
  public Throwable redact(Throwable cause) {
    if (cause == null) {
      return null;
    }
    RedactedException copy = new RedactedException(
        cause.getClass().getName() + ": " + redact(String.valueOf(cause.getMessage())), redact(cause.getCause()));
    copy.setStackTrace(cause.getStackTrace());
    return copy;
  }

  /** Carries a redacted copy of another exception's message and stack trace. */
  static final class RedactedException extends Exception {
    private static final long serialVersionUID = 1L;

    RedactedException(String message, Throwable cause) {
      super(message, cause);
    }
  }
}
