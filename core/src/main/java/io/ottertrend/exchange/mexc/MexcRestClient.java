package io.ottertrend.exchange.mexc;

import io.ottertrend.config.Secret;
import io.ottertrend.exchange.ExchangeException;
import io.ottertrend.exchange.ExchangeException.AuthFailed;
import io.ottertrend.exchange.ExchangeException.ClockSkew;
import io.ottertrend.exchange.ExchangeException.IpBanned;
import io.ottertrend.exchange.ExchangeException.RateLimited;
import io.ottertrend.exchange.ExchangeException.Unavailable;
import io.ottertrend.net.ApiRequest;
import io.ottertrend.net.ApiResponse;
import io.ottertrend.net.CallClass;
import io.ottertrend.net.HttpStack;
import io.ottertrend.net.HttpStackException;
import io.ottertrend.net.RatePool;
import io.ottertrend.time.Clock;
import java.util.Map;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The native MEXC spot v3 REST layer: builds query strings, signs them, keeps the server-time offset, sends through
 * the {@link HttpStack} and maps failures of <em>reads</em> onto {@link ExchangeException}s. Order placement gets
 * the raw outcome ({@link #sendOrder}) because only the caller can tell an unknown outcome from a rejection.
 *
 * <p>Signed requests carry every parameter in the query string, then {@code recvWindow}, then {@code timestamp},
 * then {@code signature} last; the body is empty. The timestamp is the {@link Clock} plus the measured server
 * offset minus a small safety margin; the offset is measured before the first signed call, every
 * {@value #RESYNC_EVERY_MS} ms, and again after a {@code 700003} rejection. Thread-safe.
 */
public final class MexcRestClient {
  private static final Logger LOG = LoggerFactory.getLogger(MexcRestClient.class);
  static final long RESYNC_EVERY_MS = 10 * 60_000L;
  /** Kept behind the server: MEXC rejects timestamps more than 1 s ahead of its clock. */
  static final long SAFETY_MARGIN_MS = 100;
  static final String KEY_HEADER = "X-MEXC-APIKEY";

  private final HttpStack stack;
  private final Secret apiKey;
  private final Secret apiSecret;
  private final long recvWindowMs;
  private final Clock clock;
  private final Object syncLock = new Object();
  private volatile long offsetMs;
  private volatile long syncedAt = Long.MIN_VALUE;

  MexcRestClient(HttpStack stack, Secret apiKey, Secret apiSecret, long recvWindowMs, Clock clock) {
    this.stack = Objects.requireNonNull(stack);
    this.apiKey = apiKey == null ? Secret.empty() : apiKey;
    this.apiSecret = apiSecret == null ? Secret.empty() : apiSecret;
    if (recvWindowMs <= 0 || recvWindowMs > 60_000) {
      throw new IllegalArgumentException("recvWindow must be in 1..60000 ms: " + recvWindowMs);
    }
    this.recvWindowMs = recvWindowMs;
    this.clock = Objects.requireNonNull(clock);
  }

  HttpStack stack() {
    return stack;
  }

  /** Public market-data GET; returns the parsed body. */
  JsonValue publicGet(String path, MexcParams params, int weight) {
    ApiRequest req = new ApiRequest("GET", path, params::toQuery, CallClass.MARKET_DATA, RatePool.IP, weight, Map.of());
    return parseRead(path, call(req));
  }

  /** Signed read (GET) or cancel (DELETE); a timestamp rejection triggers one resync and one re-signed repeat. */
  JsonValue signed(String method, String path, MexcParams params, CallClass callClass, int weight) {
    for (int attempt = 0; ; attempt++) {
      ApiResponse resp = call(signedRequest(method, path, params, callClass, weight));
      try {
        return parseRead(path, resp);
      } catch (ClockSkew e) {
        if (attempt > 0) {
          throw e;
        }
        LOG.warn("{} {} rejected for its timestamp; resyncing the server clock and signing again", method, path);
        resync();
      }
    }
  }

  /**
   * Sends an order placement once (the stack never retries it) and returns the raw answer.
   *
   * @throws HttpStackException as the stack classified the failure
   */
  ApiResponse sendOrder(MexcParams params) {
    return stack.execute(signedRequest("POST", "/api/v3/order", params, CallClass.ORDER, 1));
  }

  ApiRequest signedRequest(String method, String path, MexcParams params, CallClass callClass, int weight) {
    if (!apiKey.isPresent() || !apiSecret.isPresent()) {
      throw new AuthFailed("MEXC_API_KEY and MEXC_API_SECRET must be set for " + method + " " + path
          + " (signed endpoint); nothing was sent", 0);
    }
    ensureSynced();
    return new ApiRequest(method, path, () -> signQuery(params), callClass, RatePool.UID, weight,
        Map.of(KEY_HEADER, apiKey.reveal()));
  }

  /** {@code params&recvWindow=…&timestamp=…&signature=…}, freshly timestamped. */
  String signQuery(MexcParams params) {
    String unsigned = params.with("recvWindow", recvWindowMs).with("timestamp", timestamp()).toQuery();
    return unsigned + "&signature=" + MexcSigner.sign(apiSecret.reveal(), unsigned);
  }

  /** Server time estimate for a request timestamp. */
  long timestamp() {
    return clock.millis() + offsetMs - SAFETY_MARGIN_MS;
  }

  long offsetMillis() {
    return offsetMs;
  }

  private void ensureSynced() {
    if (syncDue()) {
      synchronized (syncLock) {
        if (syncDue()) {
          resync();
        }
      }
    }
  }

  /** Never synced, synced too long ago, or the clock went backwards since. */
  private boolean syncDue() {
    long now = clock.millis();
    return syncedAt == Long.MIN_VALUE || now - syncedAt > RESYNC_EVERY_MS || now < syncedAt;
  }

  /** Measures the server-time offset now (midpoint of the request). */
  void resync() {
    synchronized (syncLock) {
      long t0 = clock.millis();
      long server = serverTime();
      long t1 = clock.millis();
      offsetMs = server - (t0 + t1) / 2;
      syncedAt = t1;
      LOG.debug("server clock offset {} ms", offsetMs);
    }
  }

  long serverTime() {
    return MexcDtos.serverTime(publicGet("/api/v3/time", MexcParams.of(), 1));
  }

  /** Executes through the stack, mapping stack failures of reads and cancels onto exchange exceptions. */
  private ApiResponse call(ApiRequest req) {
    try {
      return stack.execute(req);
    } catch (HttpStackException e) {
      throw mapStackFailure(e, req.endpoint());
    }
  }

  /** Read-side meaning of a stack failure: anything but 429/418 is "unavailable, retry later". */
  static ExchangeException mapStackFailure(HttpStackException e, String endpoint) {
    return switch (e) {
      case HttpStackException.TooManyRequests t -> new RateLimited(e.getMessage(), t.retryAfter());
      case HttpStackException.Banned b -> new IpBanned(e.getMessage(), b.retryAfter());
      case HttpStackException.ServerError s -> new Unavailable(e.getMessage(), s.status(), e);
      case HttpStackException.NotSent n -> new Unavailable(endpoint + " not sent: " + e.getMessage(), 0, e);
      case HttpStackException.MaybeSent m -> new Unavailable(e.getMessage(), 0, e);
    };
  }

  private static JsonValue parseRead(String path, ApiResponse resp) {
    if (!resp.isSuccessful()) {
      throw MexcErrors.fromResponse(resp.status(), resp.body());
    }
    JsonValue v;
    try {
      v = JsonValue.parse(resp.body());
    } catch (MalformedResponseException e) {
      throw new Unavailable("malformed response from " + path + ": " + e.getMessage(), 0, e);
    }
    MexcDtos.ErrorDto err = MexcDtos.error(v);
    if (err != null) {
      throw MexcErrors.map(err.code(), err.msg());
    }
    return v;
  }
}
