package io.ottertrend.net;

import java.util.Map;
import java.util.Objects;
import java.util.function.Supplier;

/**
 * One logical request to the exchange.
 *
 * <p>The query is a supplier because a signed request must be re-signed with a fresh timestamp for every attempt;
 * it returns the already percent-encoded query string without the leading {@code ?} (empty for none). Parameters
 * travel in the query string only; bodies are always empty.
 *
 * @param method HTTP method ({@code GET}, {@code POST}, {@code DELETE}, {@code PUT})
 * @param path path below the base URL, starting with {@code /}, e.g. {@code /api/v3/order}
 * @param query encoded query string per attempt
 * @param callClass which policies apply
 * @param pool which rate-limit pool pays for it
 * @param weight the endpoint's documented weight ({@code >= 1})
 * @param headers extra headers (e.g. the API key header; redacted in every log line)
 */
public record ApiRequest(
    String method,
    String path,
    Supplier<String> query,
    CallClass callClass,
    RatePool pool,
    int weight,
    Map<String, String> headers) {

  public ApiRequest {
    Objects.requireNonNull(method, "method");
    Objects.requireNonNull(path, "path");
    Objects.requireNonNull(callClass, "callClass");
    Objects.requireNonNull(pool, "pool");
    query = query == null ? () -> "" : query;
    headers = headers == null ? Map.of() : Map.copyOf(headers);
    if (!path.startsWith("/")) {
      throw new IllegalArgumentException("path must start with /: " + path);
    }
    if (weight < 1) {
      throw new IllegalArgumentException("weight must be >= 1: " + weight);
    }
  }

  /** A public GET of market data. */
  public static ApiRequest marketData(String path, String query, int weight) {
    return new ApiRequest("GET", path, () -> query, CallClass.MARKET_DATA, RatePool.IP, weight, Map.of());
  }

  /** The metrics key of this request: method and path, e.g. {@code GET /api/v3/depth}. */
  public String endpoint() {
    return method + " " + path;
  }
}
