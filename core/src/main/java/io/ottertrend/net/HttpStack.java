package io.ottertrend.net;

import dev.failsafe.CircuitBreaker;
import dev.failsafe.CircuitBreakerOpenException;
import dev.failsafe.Failsafe;
import dev.failsafe.FailsafeException;
import dev.failsafe.RetryPolicy;
import io.ottertrend.net.HttpStackException.Banned;
import io.ottertrend.net.HttpStackException.MaybeSent;
import io.ottertrend.net.HttpStackException.NotSent;
import io.ottertrend.net.HttpStackException.NotSentReason;
import io.ottertrend.net.HttpStackException.ServerError;
import io.ottertrend.net.HttpStackException.TooManyRequests;
import io.ottertrend.net.Upstreams.Upstream;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import okhttp3.Call;
import okhttp3.ConnectionPool;
import okhttp3.EventListener;
import okhttp3.HttpUrl;
import okhttp3.Interceptor;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;
import okhttp3.ResponseBody;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The resilient HTTP layer under every exchange client (the design's "Envoy-like" layer): okhttp for transport,
 * failsafe for retries and circuit breakers, plus a weighted priority rate limiter, hedging, failover and
 * outlier ejection written here.
 *
 * <h2>Composition order (outermost first)</h2>
 * <pre>
 * ban gate (418 in force: fail fast, nothing sent)
 *  └ Retry          jittered exponential backoff; honours Retry-After of a 429; idempotent reads only
 *     └ CircuitBreaker   one per endpoint group ({@link CallClass}); I/O errors, timeouts and 5xx count
 *        └ RateLimiter   weighted token bucket per {@link RatePool}, priority HIGH &gt; NORMAL &gt; LOW
 *           └ Hedge      market data only: a second attempt on another base URL after {@code hedgeDelay}
 *                        (only when another base URL is usable and the pool has spare weight)
 *              └ Upstream choice   preferred healthy base URL, avoiding ones that failed in this call
 *                 └ per-attempt Timeout   okhttp call timeout
 *                    └ okhttp   connection pool with keep-alive, HTTP/2 where the server offers it (ALPN)
 * </pre>
 * Order placement ({@link CallClass#ORDER}) takes a different path: ban gate → circuit breaker (refuses new orders
 * while open) → limiter (high priority) → one base URL chosen <em>before</em> sending → one attempt through a
 * client with {@code retryOnConnectionFailure(false)}. It is never retried, hedged or failed over once it may have
 * left. A failure before the first request byte is a {@link NotSent}; after it, a {@link MaybeSent} or
 * {@link ServerError}: the caller must treat the outcome as unknown.
 *
 * <h2>Other behaviour</h2>
 * <ul>
 *   <li>429: the pool pauses for {@code Retry-After}; reads retry after it when it is short enough.
 *   <li>418: every call fails fast with {@link Banned} until the ban ends; the ban alert hook fires once per ban.
 *   <li>Active health checks ({@code GET /api/v3/ping} on every base URL) run in the background when more than one
 *       base URL is configured; {@link #checkHealthNow()} runs one round on demand.
 *   <li>Every log line and exception message goes through the {@link Redactor}: no signature, key or secret.
 * </ul>
 *
 * <p>Thread-safe. Close it to stop the health checks and release connections.
 */
public final class HttpStack implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(HttpStack.class);
  private static final MediaType JSON = MediaType.get("application/json");
  private static final int MAX_BODY_IN_MESSAGE = 300;

  private final OkHttpClient readClient;
  private final OkHttpClient orderClient;
  private final Upstreams upstreams;
  private final Map<RatePool, TokenBucket> limiters = new EnumMap<>(RatePool.class);
  private final Map<CallClass, CircuitBreaker<ApiResponse>> breakers = new EnumMap<>(CallClass.class);
  private final RetryPolicy<ApiResponse> retryPolicy;
  private final Map<String, EndpointStats> stats = new ConcurrentHashMap<>();
  private final Redactor redactor;
  private final Consumer<String> banAlert;
  private final Duration perAttemptTimeout;
  private final Duration hedgeDelay;
  private final Duration maxLimiterWait;
  private final String healthPath;
  private final ExecutorService hedgeExecutor = Executors.newVirtualThreadPerTaskExecutor();
  private final ScheduledExecutorService healthExecutor;
  private final AtomicBoolean closed = new AtomicBoolean();
  private final Object banLock = new Object();
  private volatile long bannedUntil;

  private HttpStack(Builder b) {
    this.redactor = b.redactor;
    this.banAlert = b.banAlert;
    this.perAttemptTimeout = b.perAttemptTimeout;
    this.hedgeDelay = b.hedgeDelay;
    this.maxLimiterWait = b.maxLimiterWait;
    this.healthPath = b.healthPath;
    List<HttpUrl> bases = new ArrayList<>();
    for (String u : b.baseUrls) {
      HttpUrl parsed = HttpUrl.parse(u.strip());
      if (parsed == null) {
        throw new IllegalArgumentException("not an http(s) URL: " + u);
      }
      bases.add(parsed);
    }
    this.upstreams = new Upstreams(bases, b.ejectAfter, b.baseEjection);
    Duration connect = b.perAttemptTimeout.compareTo(Duration.ofSeconds(5)) < 0 ? b.perAttemptTimeout
        : Duration.ofSeconds(5);
    OkHttpClient.Builder clientBuilder = new OkHttpClient.Builder()
        .connectionPool(new ConnectionPool(8, 5, TimeUnit.MINUTES))
        .connectTimeout(connect)
        .readTimeout(b.perAttemptTimeout)
        .writeTimeout(b.perAttemptTimeout)
        .callTimeout(b.perAttemptTimeout)
        .eventListener(SendTracker.LISTENER)
        .followRedirects(false);
    b.interceptors.forEach(clientBuilder::addInterceptor);
    this.readClient = clientBuilder.build();
    this.orderClient = readClient.newBuilder().retryOnConnectionFailure(false).build();
    limiters.put(RatePool.IP, new TokenBucket(RatePool.IP, b.ipCapacity, b.ipPerSecond));
    limiters.put(RatePool.UID, new TokenBucket(RatePool.UID, b.uidCapacity, b.uidPerSecond));
    for (CallClass c : CallClass.values()) {
      CircuitBreaker<ApiResponse> breaker = CircuitBreaker.<ApiResponse>builder()
          .handle(MaybeSent.class, ServerError.class)
          .handleIf(e -> e instanceof NotSent n && n.reason() == NotSentReason.CONNECT_FAILED)
          .withFailureThreshold(b.breakerFailures)
          .withDelay(b.breakerDelay)
          .withSuccessThreshold(1)
          .onOpen(e -> LOG.warn("circuit breaker {} opened", c))
          .onClose(e -> LOG.info("circuit breaker {} closed", c))
          .build();
      breakers.put(c, breaker);
    }
    Duration maxRetryAfter = b.maxRetryAfterWait;
    this.retryPolicy = RetryPolicy.<ApiResponse>builder()
        .handle(MaybeSent.class, ServerError.class, TooManyRequests.class)
        .handleIf(e -> e instanceof NotSent n && n.reason() == NotSentReason.CONNECT_FAILED)
        .abortIf((r, e) -> e instanceof TooManyRequests t && t.retryAfter().compareTo(maxRetryAfter) > 0)
        .abortOn(CircuitBreakerOpenException.class, Banned.class)
        .withMaxRetries(b.maxRetries)
        .withBackoff(b.retryBaseDelay, b.retryMaxDelay)
        .withJitter(0.5)
        .withDelayFnOn(ctx -> ((TooManyRequests) ctx.getLastException()).retryAfter(), TooManyRequests.class)
        .build();
    if (!b.healthCheckInterval.isZero() && bases.size() > 1) {
      healthExecutor = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "ottertrend-health-check");
        t.setDaemon(true);
        return t;
      });
      long ms = b.healthCheckInterval.toMillis();
      healthExecutor.scheduleWithFixedDelay(this::checkHealthQuietly, ms, ms, TimeUnit.MILLISECONDS);
    } else {
      healthExecutor = null;
    }
  }

  public static Builder builder() {
    return new Builder();
  }

  /** The redactor every log line and exception message of this stack goes through. */
  public Redactor redactor() {
    return redactor;
  }

  /**
   * Executes {@code request} with the policies of its {@link CallClass}.
   *
   * @return the answer (any status below 500 except 429 and 418)
   * @throws HttpStackException classified by what it proves about the request
   */
  public ApiResponse execute(ApiRequest request) {
    Objects.requireNonNull(request, "request");
    if (closed.get()) {
      throw new NotSent(NotSentReason.CLOSED, "HTTP stack is closed", null);
    }
    checkBan();
    CircuitBreaker<ApiResponse> breaker = breakers.get(request.callClass());
    try {
      if (request.callClass().retried()) {
        Set<Upstream> failed = ConcurrentHashMap.newKeySet();
        return Failsafe.with(retryPolicy).compose(breaker).get(() -> readAttempt(request, failed));
      }
      return Failsafe.with(breaker).get(() -> singleAttempt(request));
    } catch (CircuitBreakerOpenException e) {
      throw new NotSent(NotSentReason.CIRCUIT_OPEN,
          "circuit breaker " + request.callClass() + " is open after repeated failures; not sent", null);
    } catch (FailsafeException e) {
      Throwable cause = e.getCause();
      if (cause instanceof HttpStackException h) {
        throw h;
      }
      throw new MaybeSent(redactor.redact("unexpected failure: " + cause), redactor.redact(cause));
    }
  }

  private void checkBan() {
    long remaining = bannedUntil - System.nanoTime();
    if (bannedUntil != 0 && remaining > 0) {
      throw new Banned(Duration.ofNanos(remaining),
          "IP banned by the exchange (HTTP 418) for another " + Duration.ofNanos(remaining).toSeconds() + " s; not sent");
    }
  }

  /**
   * One attempt of a non-retried call (order placement, cancel). The base URL is chosen before sending; only when
   * a connection provably carried no byte ({@link NotSent}) is the next base URL tried: a request that may have
   * left is never sent elsewhere.
   */
  private ApiResponse singleAttempt(ApiRequest request) {
    limiters.get(request.pool()).acquire(request.weight(), request.callClass().priority(), maxLimiterWait);
    OkHttpClient client = request.callClass() == CallClass.ORDER ? orderClient : readClient;
    Set<Upstream> tried = new HashSet<>();
    while (true) {
      Upstream u = upstreams.choose(tried);
      if (!tried.add(u)) {
        throw new NotSent(NotSentReason.CONNECT_FAILED, "no base URL accepted a connection for "
            + request.endpoint(), null);
      }
      try {
        return attempt(client, u, request, null);
      } catch (NotSent e) {
        if (tried.size() >= upstreams.all().size()) {
          throw e;
        }
        LOG.warn("{} could not connect to {}; trying the next base URL before sending", request.endpoint(), u);
      }
    }
  }

  /** One attempt of a retried read: limiter, then (for market data) a hedged pair of calls. */
  private ApiResponse readAttempt(ApiRequest request, Set<Upstream> failed) throws InterruptedException {
    CallClass.Priority priority = request.callClass().priority();
    TokenBucket limiter = limiters.get(request.pool());
    limiter.acquire(request.weight(), priority, maxLimiterWait);
    Upstream first = upstreams.choose(failed);
    if (!request.callClass().hedged() || hedgeDelay.isZero()) {
      return attemptNoting(readClient, first, request, failed, null);
    }
    AtomicReference<Call> firstCall = new AtomicReference<>();
    CompletableFuture<ApiResponse> f1 = CompletableFuture.supplyAsync(
        () -> attemptNoting(readClient, first, request, failed, firstCall), hedgeExecutor);
    try {
      return f1.get(hedgeDelay.toNanos(), TimeUnit.NANOSECONDS);
    } catch (TimeoutException slow) {
      Set<Upstream> avoid = new HashSet<>(failed);
      avoid.add(first);
      Upstream second = upstreams.choose(avoid);
      if (second == first || !limiter.tryAcquire(request.weight(), priority)) {
        return join(f1); // no other base URL, or no spare weight: wait for the first attempt
      }
      LOG.debug("hedging {} on {} after {} ms", request.endpoint(), second, hedgeDelay.toMillis());
      AtomicReference<Call> secondCall = new AtomicReference<>();
      CompletableFuture<ApiResponse> f2 = CompletableFuture.supplyAsync(
          () -> attemptNoting(readClient, second, request, failed, secondCall), hedgeExecutor);
      return firstSuccessful(f1, firstCall, f2, secondCall);
    } catch (ExecutionException e) {
      throw unwrap(e);
    }
  }

  private static ApiResponse firstSuccessful(CompletableFuture<ApiResponse> f1, AtomicReference<Call> c1,
      CompletableFuture<ApiResponse> f2, AtomicReference<Call> c2) throws InterruptedException {
    try {
      CompletableFuture.anyOf(f1, f2).get();
    } catch (ExecutionException ignored) {
      // one failed: fall through and look at both
    }
    if (f1.isDone() && !f1.isCompletedExceptionally()) {
      cancel(c2);
      return f1.join();
    }
    if (f2.isDone() && !f2.isCompletedExceptionally()) {
      cancel(c1);
      return f2.join();
    }
    // the finished one failed: the other decides
    return join(f1.isCompletedExceptionally() ? f2 : f1);
  }

  private static void cancel(AtomicReference<Call> call) {
    Call c = call.get();
    if (c != null) {
      c.cancel();
    }
  }

  private static ApiResponse join(CompletableFuture<ApiResponse> f) throws InterruptedException {
    try {
      return f.get();
    } catch (ExecutionException e) {
      throw unwrap(e);
    }
  }

  private static RuntimeException unwrap(ExecutionException e) {
    Throwable c = e.getCause();
    if (c instanceof RuntimeException r) {
      return r;
    }
    return new MaybeSent("attempt failed: " + c, null);
  }

  private ApiResponse attemptNoting(OkHttpClient client, Upstream u, ApiRequest request, Set<Upstream> failed,
      AtomicReference<Call> callRef) {
    try {
      return attempt(client, u, request, callRef);
    } catch (MaybeSent | ServerError | NotSent e) {
      failed.add(u);
      throw e;
    }
  }

  /** Sends once to {@code u}; classifies the outcome. */
  private ApiResponse attempt(OkHttpClient client, Upstream u, ApiRequest request, AtomicReference<Call> callRef) {
    String query = request.query().get();
    HttpUrl url = HttpUrl.get(u.label + request.path() + (query.isEmpty() ? "" : "?" + query));
    Request.Builder rb = new Request.Builder().url(url).tag(SendTracker.class, new SendTracker());
    request.headers().forEach(rb::header);
    switch (request.method()) {
      case "GET" -> rb.get();
      case "DELETE" -> rb.delete(RequestBody.create(new byte[0], JSON));
      default -> rb.method(request.method(), RequestBody.create(new byte[0], JSON));
    }
    Request httpRequest = rb.build();
    Call call = client.newCall(httpRequest);
    call.timeout().timeout(perAttemptTimeout.toNanos(), TimeUnit.NANOSECONDS);
    if (callRef != null) {
      callRef.set(call);
    }
    EndpointStats st = stats.computeIfAbsent(request.endpoint(), k -> new EndpointStats(k, request.callClass()));
    long start = System.nanoTime();
    int status;
    String body;
    try (Response response = call.execute()) {
      status = response.code();
      ResponseBody rbody = response.body();
      body = rbody.string();
      long latency = System.nanoTime() - start;
      st.record(latency, status, status >= 500 || status == 429 || status == 418);
      String shown = LOG.isDebugEnabled() || status >= 429 ? redactor.redact(request.method() + " " + url) : "";
      LOG.debug("{} -> {} in {} ms", shown, status, latency / 1_000_000);
      if (status == 429) {
        Duration retryAfter = retryAfter(response.header("Retry-After"), Duration.ofSeconds(1));
        limiters.get(request.pool()).pauseFor(retryAfter);
        upstreams.success(u);
        LOG.warn("{} -> 429 rate limited; pausing the {} pool for {} ms", shown, request.pool(), retryAfter.toMillis());
        throw new TooManyRequests(retryAfter, "HTTP 429 from " + request.endpoint() + ": retry after "
            + retryAfter.toMillis() + " ms; " + snippet(body));
      }
      if (status == 418) {
        Duration retryAfter = retryAfter(response.header("Retry-After"), Duration.ofMinutes(2));
        upstreams.success(u);
        ban(retryAfter, request.endpoint());
        throw new Banned(retryAfter, "HTTP 418 from " + request.endpoint() + ": IP banned for "
            + retryAfter.toSeconds() + " s; " + snippet(body));
      }
      if (status >= 500) {
        upstreams.failure(u);
        LOG.warn("{} -> {} server error", shown, status);
        throw new ServerError(status, snippet(body), "HTTP " + status + " from " + request.endpoint() + " ("
            + u.label + "): " + snippet(body));
      }
      upstreams.success(u);
      return new ApiResponse(status, body, u.label, latency);
    } catch (IOException e) {
      long latency = System.nanoTime() - start;
      if (!call.isCanceled()) { // a cancelled hedge loser is no evidence against its base URL
        st.record(latency, 0, true);
        upstreams.failure(u);
      }
      SendTracker tracker = httpRequest.tag(SendTracker.class);
      boolean sent = tracker != null && tracker.sent;
      String shown = redactor.redact(request.method() + " " + url);
      String what = redactor.redact(e.getClass().getSimpleName() + ": " + e.getMessage());
      if (!sent) {
        LOG.warn("{} not sent: {}", shown, what);
        throw new NotSent(NotSentReason.CONNECT_FAILED, "could not send " + request.endpoint() + " to " + u.label
            + ": " + what, redactor.redact(e));
      }
      LOG.warn("{} failed after sending: {}", shown, what);
      throw new MaybeSent(request.endpoint() + " to " + u.label + " failed after the request was sent: " + what,
          redactor.redact(e));
    }
  }

  private String snippet(String body) {
    String b = redactor.redact(body == null ? "" : body.strip());
    return b.length() <= MAX_BODY_IN_MESSAGE ? b : b.substring(0, MAX_BODY_IN_MESSAGE) + "…";
  }

  private void ban(Duration retryAfter, String endpoint) {
    boolean fresh;
    synchronized (banLock) {
      long now = System.nanoTime();
      fresh = bannedUntil == 0 || now >= bannedUntil;
      long until = now + retryAfter.toNanos();
      if (until > bannedUntil) {
        bannedUntil = until;
      }
    }
    if (fresh) {
      String msg = "IP banned by the exchange (HTTP 418 on " + endpoint + ") for " + retryAfter.toSeconds()
          + " s: all requests stop until then";
      LOG.error(msg);
      try {
        banAlert.accept(msg);
      } catch (RuntimeException e) {
        LOG.warn("ban alert hook failed: {}", redactor.redact(String.valueOf(e.getMessage())));
      }
    }
  }

  static Duration retryAfter(String header, Duration fallback) {
    if (header == null || header.isBlank()) {
      return fallback;
    }
    try {
      long seconds = Long.parseLong(header.strip());
      return seconds < 0 ? fallback : Duration.ofSeconds(seconds);
    } catch (NumberFormatException e) {
      return fallback;
    }
  }

  /** Runs one round of active health checks ({@code GET /api/v3/ping}) on every base URL, now. */
  public void checkHealthNow() {
    for (Upstream u : upstreams.all()) {
      boolean ok;
      Request req = new Request.Builder().url(HttpUrl.get(u.label + healthPath)).get().build();
      Call call = readClient.newCall(req);
      call.timeout().timeout(Math.min(perAttemptTimeout.toMillis(), 3000), TimeUnit.MILLISECONDS);
      try (Response r = call.execute()) {
        ok = r.isSuccessful();
      } catch (IOException e) {
        ok = false;
      }
      upstreams.healthCheck(u, ok);
      if (!ok) {
        LOG.warn("health check failed for {}", u.label);
      }
    }
  }

  private void checkHealthQuietly() {
    try {
      checkHealthNow();
    } catch (RuntimeException e) {
      LOG.warn("health check round failed: {}", redactor.redact(String.valueOf(e.getMessage())));
    }
  }

  /** A snapshot of per-endpoint, limiter, breaker and base-URL metrics. */
  public HttpMetrics metrics() {
    List<HttpMetrics.Endpoint> endpoints = stats.values().stream().map(EndpointStats::snapshot)
        .sorted(Comparator.comparing(HttpMetrics.Endpoint::endpoint)).toList();
    List<HttpMetrics.Limiter> lim = limiters.values().stream().map(TokenBucket::metrics).toList();
    List<HttpMetrics.Breaker> br = new ArrayList<>();
    breakers.forEach((c, b) -> br.add(new HttpMetrics.Breaker(c, b.getState().name(), b.getFailureCount())));
    long banned = Math.max(0, (bannedUntil - System.nanoTime()) / 1_000_000L);
    return new HttpMetrics(endpoints, lim, br, upstreams.metrics(), bannedUntil == 0 ? 0 : banned);
  }

  /** True while a 418 ban is in force. */
  public boolean isBanned() {
    return bannedUntil != 0 && System.nanoTime() < bannedUntil;
  }

  @Override
  public void close() {
    if (!closed.compareAndSet(false, true)) {
      return;
    }
    if (healthExecutor != null) {
      healthExecutor.shutdownNow();
    }
    hedgeExecutor.shutdownNow();
    readClient.dispatcher().executorService().shutdown();
    readClient.connectionPool().evictAll();
  }

  /** Marks, through okhttp's event listener, whether the request's first byte was about to be written. */
  static final class SendTracker {
    volatile boolean sent;

    static final EventListener LISTENER = new EventListener() {
      @Override
      public void requestHeadersStart(Call call) {
        SendTracker t = call.request().tag(SendTracker.class);
        if (t != null) {
          t.sent = true;
        }
      }
    };
  }

  /** Counters and a latency window of one endpoint. Thread-safe. */
  static final class EndpointStats {
    private static final int WINDOW = 512;
    private final String endpoint;
    private final CallClass callClass;
    private final long[] latencies = new long[WINDOW];
    private int next;
    private int filled;
    private long requests;
    private long errors;
    private int lastStatus;

    EndpointStats(String endpoint, CallClass callClass) {
      this.endpoint = endpoint;
      this.callClass = callClass;
    }

    synchronized void record(long latencyNanos, int status, boolean error) {
      latencies[next] = latencyNanos;
      next = (next + 1) % WINDOW;
      filled = Math.min(filled + 1, WINDOW);
      requests++;
      if (error) {
        errors++;
      }
      lastStatus = status;
    }

    synchronized HttpMetrics.Endpoint snapshot() {
      long[] copy = java.util.Arrays.copyOf(latencies, filled);
      java.util.Arrays.sort(copy);
      return new HttpMetrics.Endpoint(endpoint, callClass, requests, errors, pct(copy, 0.50), pct(copy, 0.90),
          pct(copy, 0.99), lastStatus);
    }

    private static double pct(long[] sorted, double q) {
      if (sorted.length == 0) {
        return 0;
      }
      int i = (int) Math.ceil(q * sorted.length) - 1;
      return sorted[Math.max(0, Math.min(i, sorted.length - 1))] / 1e6;
    }
  }

  /** Fluent configuration of an {@link HttpStack}. Not thread-safe. */
  public static final class Builder {
    private List<String> baseUrls = List.of("https://api.mexc.com");
    private Duration perAttemptTimeout = Duration.ofSeconds(10);
    private int maxRetries = 2;
    private Duration retryBaseDelay = Duration.ofMillis(100);
    private Duration retryMaxDelay = Duration.ofSeconds(2);
    private Duration maxRetryAfterWait = Duration.ofSeconds(5);
    private Duration hedgeDelay = Duration.ofMillis(400);
    private int breakerFailures = 5;
    private Duration breakerDelay = Duration.ofSeconds(30);
    private int ejectAfter = 3;
    private Duration baseEjection = Duration.ofSeconds(30);
    private Duration healthCheckInterval = Duration.ofSeconds(15);
    private String healthPath = "/api/v3/ping";
    private double ipCapacity = 100;
    private double ipPerSecond = 50;
    private double uidCapacity = 100;
    private double uidPerSecond = 50;
    private Duration maxLimiterWait = Duration.ofSeconds(10);
    private Redactor redactor = Redactor.patternsOnly();
    private Consumer<String> banAlert = msg -> { };
    private final List<Interceptor> interceptors = new ArrayList<>();

    private Builder() {}

    /**
     * Adds an okhttp application interceptor to both clients, innermost in the composition (it sees each attempt
     * after the limiter and the base-URL choice). Meant for tests and benchmarks (e.g. a canned answer without a
     * socket); an {@code IOException} it throws without calling {@code proceed} counts as not sent.
     */
    public Builder addInterceptor(Interceptor v) {
      interceptors.add(Objects.requireNonNull(v));
      return this;
    }

    /** Base URLs in order of preference (several enable failover); default {@code https://api.mexc.com}. */
    public Builder baseUrls(List<String> v) {
      if (v == null || v.isEmpty()) {
        throw new IllegalArgumentException("at least one base URL is needed");
      }
      this.baseUrls = List.copyOf(v);
      return this;
    }

    /** Timeout of one attempt, connect to last body byte (default 10 s). */
    public Builder perAttemptTimeout(Duration v) { this.perAttemptTimeout = positive(v); return this; }

    /** Retries of idempotent reads after the first attempt (default 2). */
    public Builder maxRetries(int v) { this.maxRetries = Math.max(0, v); return this; }

    /** Backoff between read retries: first delay and cap; 50 % jitter is applied (default 100 ms .. 2 s). */
    public Builder retryBackoff(Duration base, Duration max) {
      this.retryBaseDelay = positive(base);
      this.retryMaxDelay = positive(max);
      return this;
    }

    /** Longest {@code Retry-After} a read waits out before retrying; longer ones fail at once (default 5 s). */
    public Builder maxRetryAfterWait(Duration v) { this.maxRetryAfterWait = v; return this; }

    /** Delay after which a market-data read is hedged; {@link Duration#ZERO} disables hedging (default 400 ms). */
    public Builder hedgeDelay(Duration v) { this.hedgeDelay = Objects.requireNonNull(v); return this; }

    /** Failures in a row that open an endpoint group's breaker, and how long it stays open (default 5, 30 s). */
    public Builder circuitBreaker(int failures, Duration openFor) {
      this.breakerFailures = Math.max(1, failures);
      this.breakerDelay = positive(openFor);
      return this;
    }

    /** Consecutive failures that eject a base URL, and the first ejection time (default 3, 30 s). */
    public Builder outlierEjection(int failures, Duration baseEjection) {
      this.ejectAfter = Math.max(1, failures);
      this.baseEjection = positive(baseEjection);
      return this;
    }

    /** Interval of active health checks; {@link Duration#ZERO} disables them (default 15 s). */
    public Builder healthCheckInterval(Duration v) { this.healthCheckInterval = Objects.requireNonNull(v); return this; }

    /** Path pinged by health checks (default {@code /api/v3/ping}). */
    public Builder healthPath(String v) { this.healthPath = Objects.requireNonNull(v); return this; }

    /** Capacity (burst) and refill rate of a rate-limit pool, in weight units (default 100 and 50/s each). */
    public Builder rateLimit(RatePool pool, double capacity, double perSecond) {
      if (pool == RatePool.IP) {
        ipCapacity = capacity;
        ipPerSecond = perSecond;
      } else {
        uidCapacity = capacity;
        uidPerSecond = perSecond;
      }
      return this;
    }

    /** Longest wait for rate-limit tokens before a request is refused unsent (default 10 s). */
    public Builder maxLimiterWait(Duration v) { this.maxLimiterWait = Objects.requireNonNull(v); return this; }

    /** Redactor for log lines and exception messages (default: fixed patterns only). */
    public Builder redactor(Redactor v) { this.redactor = Objects.requireNonNull(v); return this; }

    /** Called once when a 418 ban begins (e.g. to halt trading and send one alert). */
    public Builder banAlert(Consumer<String> v) { this.banAlert = Objects.requireNonNull(v); return this; }

    private static Duration positive(Duration d) {
      if (d == null || d.isNegative() || d.isZero()) {
        throw new IllegalArgumentException("duration must be > 0: " + d);
      }
      return d;
    }

    public HttpStack build() {
      return new HttpStack(this);
    }
  }
}
