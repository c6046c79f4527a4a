package io.ottertrend.exchange.mexc;

import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * MEXC request signing, exactly as the spot v3 docs specify: {@code signature} = lowercase hex of
 * HMAC-SHA256(key = secret as UTF-8, message = query string exactly as sent, followed directly by the body). With
 * OtterTrend's style (every parameter in the query string, empty body) the message is the query string before
 * {@code &signature=}. Stateless and thread-safe.
 */
public final class MexcSigner {
  private static final HexFormat HEX = HexFormat.of();

  private MexcSigner() {}

  /** The signature of {@code totalParams} (query string + body, no separator) under {@code secret}. */
  public static String sign(String secret, String totalParams) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
      return HEX.formatHex(mac.doFinal(totalParams.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException | InvalidKeyException e) {
      throw new IllegalStateException("HmacSHA256 unavailable", e);
    }
  }

  /**
   * Percent-encodes a query value the way MEXC verifies it: unreserved characters ({@code A-Z a-z 0-9 - _ . ~})
   * stay, everything else becomes UTF-8 {@code %XX} with <b>uppercase</b> hex; a space is {@code %20}, never
   * {@code +}.
   */
  public static String encode(String value) {
    StringBuilder out = new StringBuilder(value.length() + 8);
    for (byte b : value.getBytes(StandardCharsets.UTF_8)) {
      int c = b & 0xff;
      if (c >= 'A' && c <= 'Z' || c >= 'a' && c <= 'z' || c >= '0' && c <= '9' || c == '-' || c == '_' || c == '.'
          || c == '~') {
        out.append((char) c);
      } else {
        out.append('%').append(Character.toUpperCase(Character.forDigit(c >> 4, 16)))
            .append(Character.toUpperCase(Character.forDigit(c & 0xf, 16)));
      }
    }
    return out.toString();
  }
}
