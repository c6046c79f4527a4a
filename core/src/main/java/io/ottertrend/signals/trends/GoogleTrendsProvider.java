package io.ottertrend.signals.trends;

import com.squareup.moshi.JsonReader;
import com.squareup.moshi.JsonWriter;
import io.ottertrend.config.Setting;
import io.ottertrend.config.Settings;
import io.ottertrend.signals.HealthTracker;
import io.ottertrend.signals.KeywordSeries;
import io.ottertrend.signals.ProviderHealth;
import io.ottertrend.signals.SignalException;
import io.ottertrend.signals.TrendPoint;
import io.ottertrend.signals.TrendSignals;
import io.ottertrend.signals.TrendsProvider;
import io.ottertrend.signals.internal.Http;
import io.ottertrend.signals.internal.Json;
import io.ottertrend.time.Clock;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import okhttp3.HttpUrl;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okio.Buffer;
import okio.BufferedSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Google Trends interest over time through the unofficial endpoints pytrends uses ({@code protocols.md} §3):
 * <ol>
 *   <li>{@code GET /trends/explore/?geo=US} — a 404 page whose {@code Set-Cookie} carries the {@code NID}
 *       cookie, sent on every later call (requests without it draw 429s);</li>
 *   <li>{@code POST /trends/api/explore?hl=..&tz=..&req=<json>} with an empty body — the widget list; the
 *       {@code TIMESERIES} widget's token and request are fetched fresh for every query (tokens are
 *       reported single-use);</li>
 *   <li>{@code GET /trends/api/widgetdata/multiline?req=<widget request>&token=..&tz=..} — the series.</li>
 * </ol>
 * Both JSON answers start with an anti-JSON prefix ({@code )]}'} / {@code )]}',}); everything before the first
 * {@code {} is skipped. {@code time} is a string of Unix seconds; {@code isPartial} marks the last bucket.
 *
 * <p><b>Rate limits.</b> Google answers 429 often. After a 429 no request is sent for 60 s, then 120 s,
 * 240 s ... (capped at 6 h), measured on the {@link Clock}; a success resets the back-off. Answers are cached
 * for {@code TRENDS_CACHE_TTL}. During a back-off the last good answer is served (health {@code DEGRADED},
 * its age visible through {@link TrendSignals#observedAt()}); without one, {@link SignalException.RateLimited}.
 * The data is optional and a weak signal by nature.
 *
 * <p><b>Thread-safety:</b> {@link #fetch()} is synchronized: one request sequence at a time.
 */
public final class GoogleTrendsProvider implements TrendsProvider {
  /** Registry name. */
  public static final String NAME = "google";
  /** Shortest back-off after a 429 (pytrends users: a 60 s pause restores service). */
  public static final Duration MIN_BACKOFF = Duration.ofSeconds(60);
  /** Longest back-off. */
  public static final Duration MAX_BACKOFF = Duration.ofHours(6);
  /** Most keywords in one request (a Google limit). */
  public static final int MAX_KEYWORDS = 5;

  private static final Logger LOG = LoggerFactory.getLogger(GoogleTrendsProvider.class);
  private static final String HL = "en-US";
  /** The timeframe forms Google accepts (protocols.md §3.2): months 1, 3, 12 only; days 1, 7; hours 1, 4. */
  private static final java.util.regex.Pattern TIMEFRAME = java.util.regex.Pattern.compile(
      "today 5-y|today (1|3|12)-m|now (1|7)-d|now (1|4)-H|all"
          + "|\\d{4}-\\d{2}-\\d{2} \\d{4}-\\d{2}-\\d{2}|\\d{4}-\\d{2}-\\d{2}T\\d{2} \\d{4}-\\d{2}-\\d{2}T\\d{2}");
  /** Offset in minutes as JS getTimezoneOffset: 0 = UTC, the agent's only time zone. */
  private static final int TZ = 0;

  private final HttpUrl base;
  private final List<String> keywords;
  private final String geo;
  private final String timeframe;
  private final Duration ttl;
  private final Clock clock;
  private final OkHttpClient http;
  private final HealthTracker health;

  private String nidCookie;
  private TrendSignals cached;
  private long backoffUntil;
  private int consecutive429;

  /**
   * @throws IllegalArgumentException when there are no keywords or more than {@value #MAX_KEYWORDS}, or the
   *     base URL is not an http(s) URL
   */
  public GoogleTrendsProvider(String baseUrl, List<String> keywords, String geo, String timeframe, Duration ttl,
      Clock clock, OkHttpClient http) {
    HttpUrl parsed = HttpUrl.parse(Objects.requireNonNull(baseUrl, "baseUrl"));
    if (parsed == null) {
      throw new IllegalArgumentException("TRENDS_BASE_URL is not an http(s) URL: " + baseUrl);
    }
    Objects.requireNonNull(timeframe, "timeframe");
    if (keywords.isEmpty() || keywords.size() > MAX_KEYWORDS) {
      throw new IllegalArgumentException("TRENDS_KEYWORDS needs 1 to " + MAX_KEYWORDS + " keywords, got "
          + keywords.size() + ": " + keywords);
    }
    if (!TIMEFRAME.matcher(timeframe.strip()).matches()) {
      throw new IllegalArgumentException("TRENDS_TIMEFRAME '" + timeframe + "' is not one Google accepts: use today 5-y,"
          + " today 12-m, today 3-m, today 1-m, now 7-d, now 1-d, now 4-H, now 1-H, all, 'YYYY-MM-DD YYYY-MM-DD'"
          + " or 'YYYY-MM-DDTHH YYYY-MM-DDTHH'");
    }
    this.base = parsed;
    this.keywords = List.copyOf(keywords);
    this.geo = geo == null ? "" : geo.strip();
    this.timeframe = timeframe.strip();
    this.ttl = Objects.requireNonNull(ttl, "ttl");
    this.clock = Objects.requireNonNull(clock, "clock");
    this.http = Objects.requireNonNull(http, "http");
    this.health = new HealthTracker(NAME, clock);
  }

  /** The provider configured from {@code TRENDS_*} settings. */
  public static GoogleTrendsProvider create(Settings settings, Clock clock, OkHttpClient http) {
    return new GoogleTrendsProvider(settings.string(Setting.TRENDS_BASE_URL),
        settings.list(Setting.TRENDS_KEYWORDS), settings.string(Setting.TRENDS_GEO),
        settings.string(Setting.TRENDS_TIMEFRAME), settings.duration(Setting.TRENDS_CACHE_TTL), clock,
        http.newBuilder().callTimeout(settings.duration(Setting.HTTP_TIMEOUT)).build());
  }

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public ProviderHealth health() {
    return health.health();
  }

  /** Epoch ms before which no request is sent ({@code 0} when not backing off). */
  public synchronized long backoffUntil() {
    return backoffUntil;
  }

  @Override
  public synchronized TrendSignals fetch() {
    long now = clock.millis();
    if (cached != null && now - cached.observedAt() < ttl.toMillis()) {
      return cached;
    }
    if (now < backoffUntil) {
      String why = "rate limited by Google until " + Instant.ofEpochMilli(backoffUntil);
      if (cached != null) {
        health.degraded(why + "; serving data from " + Instant.ofEpochMilli(cached.observedAt()));
        return cached;
      }
      throw new SignalException.RateLimited(why, backoffUntil);
    }
    try {
      TrendSignals fresh = query(now);
      consecutive429 = 0;
      backoffUntil = 0;
      cached = fresh;
      health.up();
      return fresh;
    } catch (SignalException e) {
      if (cached != null) {
        health.degraded(e.getMessage() + "; serving data from " + Instant.ofEpochMilli(cached.observedAt()));
        return cached;
      }
      health.unavailable(e.getMessage());
      throw e;
    }
  }

  private TrendSignals query(long now) {
    if (nidCookie == null) {
      nidCookie = fetchCookie();
    }
    Widget widget = explore();
    List<KeywordSeries> series = multiline(widget);
    return new TrendSignals(NAME, now, series, List.of(), List.of());
  }

  private String fetchCookie() {
    String country = HL.substring(HL.length() - 2);
    HttpUrl url = base.newBuilder().addPathSegments("trends/explore/").addQueryParameter("geo", country).build();
    Http.Reply r = Http.execute(http, new Request.Builder().url(url).get().build(), "trends cookie");
    check429(r, "trends cookie");
    // The page itself is a 404: only its cookie matters.
    for (String c : r.headers().values("Set-Cookie")) {
      String first = c.split(";", 2)[0].strip();
      if (first.startsWith("NID=")) {
        return first.substring(4);
      }
    }
    LOG.debug("no NID cookie from trends explore page (HTTP {}); continuing without it", r.code());
    return null;
  }

  private Request.Builder withSession(HttpUrl url) {
    Request.Builder b = new Request.Builder().url(url).header("accept-language", HL);
    if (nidCookie != null) {
      b.header("Cookie", "NID=" + nidCookie);
    }
    return b;
  }

  /** The TIMESERIES widget of a fresh explore call. */
  private Widget explore() {
    HttpUrl url = base.newBuilder().addPathSegments("trends/api/explore")
        .addQueryParameter("hl", HL).addQueryParameter("tz", Integer.toString(TZ))
        .addQueryParameter("req", exploreRequest()).build();
    Http.Reply r = Http.execute(http, withSession(url).post(RequestBody.create(new byte[0])).build(),
        "trends explore");
    check429(r, "trends explore");
    requireOk(r, "trends explore");
    return timeseriesWidget(stripPrefix(r.body(), "trends explore"));
  }

  private String exploreRequest() {
    Buffer buf = new Buffer();
    try (JsonWriter w = JsonWriter.of(buf)) {
      w.beginObject().name("comparisonItem").beginArray();
      for (String k : keywords) {
        w.beginObject().name("keyword").value(k).name("time").value(timeframe).name("geo").value(geo).endObject();
      }
      w.endArray().name("category").value(0).name("property").value("").endObject();
    } catch (IOException e) {
      throw new IllegalStateException("writing to a memory buffer cannot fail", e);
    }
    return buf.readUtf8();
  }

  private record Widget(String token, String requestJson) {}

  /** Finds the TIMESERIES widget, keeping its {@code request} as the exact JSON text Google sent. */
  static Widget timeseriesWidget(String json) {
    try (JsonReader r = JsonReader.of(new Buffer().writeUtf8(json))) {
      r.beginObject();
      while (r.hasNext()) {
        if (!r.nextName().equals("widgets")) {
          r.skipValue();
          continue;
        }
        r.beginArray();
        while (r.hasNext()) {
          String id = null;
          String token = null;
          String request = null;
          r.beginObject();
          while (r.hasNext()) {
            switch (r.nextName()) {
              case "id" -> id = r.nextString();
              case "token" -> token = r.nextString();
              case "request" -> {
                try (BufferedSource src = r.nextSource()) {
                  request = src.readUtf8();
                }
              }
              default -> r.skipValue();
            }
          }
          r.endObject();
          if ("TIMESERIES".equals(id)) {
            if (token == null || token.isBlank() || request == null) {
              throw new SignalException.BadResponse("trends explore: TIMESERIES widget without token or request");
            }
            return new Widget(token, request);
          }
        }
        r.endArray();
      }
      throw new SignalException.BadResponse("trends explore: no TIMESERIES widget in the answer");
    } catch (IOException | com.squareup.moshi.JsonDataException e) {
      throw new SignalException.BadResponse("trends explore: malformed JSON (" + e.getMessage() + ")", e);
    }
  }

  private List<KeywordSeries> multiline(Widget widget) {
    HttpUrl url = base.newBuilder().addPathSegments("trends/api/widgetdata/multiline")
        .addQueryParameter("req", widget.requestJson()).addQueryParameter("token", widget.token())
        .addQueryParameter("tz", Integer.toString(TZ)).build();
    Http.Reply r = Http.execute(http, withSession(url).get().build(), "trends multiline");
    check429(r, "trends multiline");
    requireOk(r, "trends multiline");
    return parseMultiline(stripPrefix(r.body(), "trends multiline"), keywords);
  }

  /** Parses a multiline answer into one series per keyword (in request order). */
  static List<KeywordSeries> parseMultiline(String json, List<String> keywords) {
    Map<String, Object> root = Json.object(json, "trends multiline");
    List<Object> timeline = Json.list(Json.obj(root, "default"), "timelineData");
    List<List<TrendPoint>> points = new ArrayList<>();
    for (int k = 0; k < keywords.size(); k++) {
      points.add(new ArrayList<>());
    }
    for (Object o : timeline) {
      if (!(o instanceof Map<?, ?> raw)) {
        throw new SignalException.BadResponse("trends multiline: timeline entry is not an object");
      }
      Map<String, Object> p = Json.cast(raw);
      long seconds;
      try {
        seconds = Long.parseLong(Objects.requireNonNull(Json.str(p, "time"), "time").strip());
      } catch (RuntimeException e) {
        throw new SignalException.BadResponse("trends multiline: bad time " + p.get("time"), e);
      }
      List<Object> values = Json.list(p, "value");
      boolean partial = Boolean.TRUE.equals(p.get("isPartial"));
      for (int k = 0; k < keywords.size(); k++) {
        int v = k < values.size() && values.get(k) instanceof Number n ? n.intValue() : 0;
        points.get(k).add(new TrendPoint(seconds * 1000, v, partial));
      }
    }
    List<KeywordSeries> out = new ArrayList<>();
    for (int k = 0; k < keywords.size(); k++) {
      out.add(KeywordSeries.of(keywords.get(k), points.get(k)));
    }
    return out;
  }

  /** Drops Google's anti-JSON prefix: everything before the first '{'. */
  static String stripPrefix(String body, String what) {
    int i = body.indexOf('{');
    if (i < 0) {
      throw new SignalException.BadResponse(what + ": no JSON object in the answer");
    }
    return body.substring(i);
  }

  private void check429(Http.Reply r, String what) {
    if (r.code() != 429) {
      return;
    }
    consecutive429++;
    long delay = MIN_BACKOFF.toMillis() << Math.min(consecutive429 - 1, 20);
    delay = Math.min(delay, MAX_BACKOFF.toMillis());
    backoffUntil = clock.millis() + delay;
    nidCookie = null; // a new session after the pause
    LOG.info("Google Trends answered 429 ({} in a row); no request before {}", consecutive429,
        Instant.ofEpochMilli(backoffUntil));
    throw new SignalException.RateLimited(what + ": HTTP 429 from Google; backing off until "
        + Instant.ofEpochMilli(backoffUntil), backoffUntil);
  }

  private static void requireOk(Http.Reply r, String what) {
    if (!r.ok()) {
      throw new SignalException.BadResponse(what + ": HTTP " + r.code());
    }
  }
}
