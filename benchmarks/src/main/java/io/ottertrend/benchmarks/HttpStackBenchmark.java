package io.ottertrend.benchmarks;

import com.sun.net.httpserver.HttpServer;
import io.ottertrend.exchange.mexc.MexcParams;
import io.ottertrend.exchange.mexc.MexcSigner;
import io.ottertrend.net.ApiRequest;
import io.ottertrend.net.CallClass;
import io.ottertrend.net.HttpStack;
import io.ottertrend.net.RatePool;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * What the resilient HTTP stack costs per request, next to a bare okhttp call, against a loopback server (the JDK's
 * {@code HttpServer} answering a fixed 16-byte JSON body, {@code TCP_NODELAY} on).
 *
 * <ul>
 *   <li>{@code bareOkHttp}: one GET of a pre-signed URL through a plain {@code OkHttpClient} (keep-alive pool).
 *   <li>{@code bareOkHttpPost}: one POST with an empty body, signed per request, through the plain client.
 *   <li>{@code stackSignedRead}: the same GET as a signed {@link CallClass#ACCOUNT_READ} through
 *       {@link HttpStack}: parameters + HMAC-SHA256 signature built per request, retry policy, circuit breaker,
 *       weighted priority limiter (capacity large enough never to wait), base-URL choice, send tracking, metrics.
 *   <li>{@code stackOrderPath}: a signed POST as {@link CallClass#ORDER} (breaker, limiter, no retry, the
 *       non-retrying client).
 *   <li>{@code signOnly}: building and signing the query string alone (no network).
 *   <li>{@code canned*}: the same three calls answered in-process by an okhttp interceptor (no socket), so the
 *       difference {@code cannedStackSignedRead - cannedBareOkHttp} is the stack's own cost, free of loopback
 *       noise.
 * </ul>
 * The stack's overhead per request is {@code stackSignedRead - bareOkHttp} (reads) and
 * {@code stackOrderPath - bareOkHttpPost} (orders).
 *
 * <p>Run: {@code java -jar benchmarks/target/benchmarks.jar HttpStackBenchmark}
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Fork(value = 1, jvmArgsAppend = {"-Dsun.net.httpserver.nodelay=true", "-Dorg.slf4j.simpleLogger.defaultLogLevel=warn"})
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
public class HttpStackBenchmark {
  private static final byte[] BODY = "{\"serverTime\":1}".getBytes(StandardCharsets.UTF_8);
  private static final String KEY = "bench-key-not-a-secret";

  private HttpServer server;
  private OkHttpClient bare;
  private HttpStack stack;
  private String base;
  private String presignedUrl;
  private OkHttpClient bareCanned;
  private HttpStack stackCanned;

  /** Answers every call in-process with the fixed body: measures everything but the socket. */
  private static final okhttp3.Interceptor CANNED = chain -> new Response.Builder().request(chain.request())
      .protocol(okhttp3.Protocol.HTTP_1_1).code(200).message("OK")
      .body(okhttp3.ResponseBody.create(BODY, okhttp3.MediaType.get("application/json"))).build();

  @Setup
  public void setUp() throws IOException {
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 64);
    server.createContext("/", exchange -> {
      exchange.getRequestBody().readAllBytes();
      exchange.getResponseHeaders().set("Content-Type", "application/json");
      exchange.sendResponseHeaders(200, BODY.length);
      try (OutputStream out = exchange.getResponseBody()) {
        out.write(BODY);
      }
    });
    server.start();
    base = "http://127.0.0.1:" + server.getAddress().getPort();
    bare = new OkHttpClient();
    stack = HttpStack.builder().baseUrls(List.of(base)).perAttemptTimeout(Duration.ofSeconds(5))
        .healthCheckInterval(Duration.ZERO).hedgeDelay(Duration.ZERO)
        .rateLimit(RatePool.IP, 1e12, 1e12).rateLimit(RatePool.UID, 1e12, 1e12).build();
    presignedUrl = base + "/api/v3/account?" + signedQuery();
    bareCanned = new OkHttpClient.Builder().addInterceptor(CANNED).build();
    stackCanned = HttpStack.builder().baseUrls(List.of(base)).perAttemptTimeout(Duration.ofSeconds(5))
        .healthCheckInterval(Duration.ZERO).hedgeDelay(Duration.ZERO).addInterceptor(CANNED)
        .rateLimit(RatePool.IP, 1e12, 1e12).rateLimit(RatePool.UID, 1e12, 1e12).build();
  }

  @TearDown
  public void tearDown() {
    stack.close();
    stackCanned.close();
    bareCanned.dispatcher().executorService().shutdown();
    bare.dispatcher().executorService().shutdown();
    bare.connectionPool().evictAll();
    server.stop(0);
  }

  static String signedQuery() {
    String q = MexcParams.of().with("symbol", "BTCUSDT").with("recvWindow", 5000L)
        .with("timestamp", System.currentTimeMillis()).toQuery();
    return q + "&signature=" + MexcSigner.sign(KEY, q);
  }

  @Benchmark
  public String bareOkHttp() throws IOException {
    try (Response r = bare.newCall(new Request.Builder().url(presignedUrl).build()).execute()) {
      return r.body().string();
    }
  }

  @Benchmark
  public String bareOkHttpPost() throws IOException {
    Request post = new Request.Builder().url(base + "/api/v3/order?" + signedQuery())
        .post(okhttp3.RequestBody.create(new byte[0], null)).build();
    try (Response r = bare.newCall(post).execute()) {
      return r.body().string();
    }
  }

  @Benchmark
  public String stackSignedRead() {
    return stack.execute(new ApiRequest("GET", "/api/v3/account", HttpStackBenchmark::signedQuery,
        CallClass.ACCOUNT_READ, RatePool.UID, 10, Map.of("X-MEXC-APIKEY", "mx0bench"))).body();
  }

  @Benchmark
  public String stackOrderPath() {
    return stack.execute(new ApiRequest("POST", "/api/v3/order", HttpStackBenchmark::signedQuery, CallClass.ORDER,
        RatePool.UID, 1, Map.of("X-MEXC-APIKEY", "mx0bench"))).body();
  }

  @Benchmark
  public String cannedBareOkHttp() throws IOException {
    try (Response r = bareCanned.newCall(new Request.Builder().url(presignedUrl).build()).execute()) {
      return r.body().string();
    }
  }

  @Benchmark
  public String cannedStackSignedRead() {
    return stackCanned.execute(new ApiRequest("GET", "/api/v3/account", HttpStackBenchmark::signedQuery,
        CallClass.ACCOUNT_READ, RatePool.UID, 10, Map.of("X-MEXC-APIKEY", "mx0bench"))).body();
  }

  @Benchmark
  public String cannedStackOrderPath() {
    return stackCanned.execute(new ApiRequest("POST", "/api/v3/order", HttpStackBenchmark::signedQuery,
        CallClass.ORDER, RatePool.UID, 1, Map.of("X-MEXC-APIKEY", "mx0bench"))).body();
  }

  @Benchmark
  public String signOnly() {
    return signedQuery();
  }
}
