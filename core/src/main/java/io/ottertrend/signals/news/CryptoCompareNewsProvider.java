package io.ottertrend.signals.news;

import io.ottertrend.config.Secret;
import io.ottertrend.config.Setting;
import io.ottertrend.config.Settings;
import io.ottertrend.signals.HealthTracker;
import io.ottertrend.signals.NewsItem;
import io.ottertrend.signals.NewsProvider;
import io.ottertrend.signals.ProviderHealth;
import io.ottertrend.signals.SignalException;
import io.ottertrend.signals.internal.Http;
import io.ottertrend.signals.internal.HtmlText;
import io.ottertrend.signals.internal.Json;
import io.ottertrend.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import okhttp3.HttpUrl;
import okhttp3.OkHttpClient;
import okhttp3.Request;

/**
 * CryptoCompare's (legacy min-api, now CoinDesk Data) latest news: {@code GET /data/v2/news/?lang=EN} — the
 * trailing slash matters, without it the API answers "Path does not exist" ({@code protocols.md} §4.1).
 *
 * <p>The optional key goes in the {@code api_key} query parameter; it is a {@link Secret} and is scrubbed from
 * every message, and no URL is ever logged. Errors come as an envelope {@code {"Response":"Error",
 * "Message":...,"Type":99}} — often with HTTP 200 — so the envelope is checked on every answer
 * ({@code Response == "Error"} or {@code Type != 100}). {@code published_on} is Unix seconds, votes are
 * strings, bodies may carry HTML entities.
 *
 * <p><b>Thread-safety:</b> safe for concurrent use (the HTTP client is; the health tracker is synchronized).
 */
public final class CryptoCompareNewsProvider implements NewsProvider {
  /** Registry name. */
  public static final String NAME = "cryptocompare";

  private final HttpUrl url;
  private final Secret apiKey;
  private final OkHttpClient http;
  private final HealthTracker health;

  /** @throws IllegalArgumentException when {@code baseUrl} is not an http(s) URL */
  public CryptoCompareNewsProvider(String baseUrl, Secret apiKey, Clock clock, OkHttpClient http) {
    HttpUrl base = HttpUrl.parse(Objects.requireNonNull(baseUrl, "baseUrl"));
    if (base == null) {
      throw new IllegalArgumentException("CRYPTOCOMPARE_BASE_URL is not an http(s) URL: " + baseUrl);
    }
    // addPathSegments("data/v2/news/") keeps the trailing empty segment: /data/v2/news/
    this.url = base.newBuilder().addPathSegments("data/v2/news/").addQueryParameter("lang", "EN").build();
    this.apiKey = apiKey == null ? Secret.empty() : apiKey;
    this.http = Objects.requireNonNull(http, "http");
    this.health = new HealthTracker(NAME, clock);
  }

  /** The provider configured from {@code CRYPTOCOMPARE_*} settings. */
  public static CryptoCompareNewsProvider create(Settings settings, Clock clock, OkHttpClient http) {
    return new CryptoCompareNewsProvider(settings.string(Setting.CRYPTOCOMPARE_BASE_URL),
        settings.secret(Setting.CRYPTOCOMPARE_API_KEY), clock,
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

  @Override
  public List<NewsItem> latest() {
    HttpUrl target = apiKey.isPresent() ? url.newBuilder().addQueryParameter("api_key", apiKey.reveal()).build() : url;
    try {
      Http.Reply r;
      try {
        r = Http.execute(http, new Request.Builder().url(target).header("Accept", "application/json").get().build(),
            "cryptocompare news");
      } catch (SignalException.Unavailable e) {
        // okhttp messages can quote the URL; the key must not travel with them.
        throw new SignalException.Unavailable(apiKey.scrub(e.getMessage()), null);
      }
      List<NewsItem> items = parse(r);
      health.up();
      return items;
    } catch (SignalException e) {
      health.unavailable(e.getMessage());
      throw e;
    }
  }

  private List<NewsItem> parse(Http.Reply r) {
    Map<String, Object> root;
    try {
      root = Json.object(r.body(), "cryptocompare news");
    } catch (SignalException.BadResponse e) {
      throw new SignalException.BadResponse(r.ok() ? e.getMessage() : "cryptocompare news: HTTP " + r.code());
    }
    String response = Json.str(root, "Response");
    double type = Json.num(root, "Type", -1);
    if ("Error".equalsIgnoreCase(response) || type != 100) {
      String message = Json.str(root, "Message");
      throw new SignalException.BadResponse("cryptocompare news: error envelope (HTTP " + r.code() + ", Type "
          + (long) type + "): " + apiKey.scrub(message == null ? "no message" : message));
    }
    if (!r.ok()) {
      throw new SignalException.BadResponse("cryptocompare news: HTTP " + r.code());
    }
    List<NewsItem> out = new ArrayList<>();
    for (Object o : Json.list(root, "Data")) {
      if (!(o instanceof Map<?, ?> raw)) {
        continue;
      }
      Map<String, Object> a = Json.cast(raw);
      String title = HtmlText.plain(Json.str(a, "title"));
      if (title.isEmpty()) {
        continue;
      }
      String guid = Json.str(a, "guid");
      String id = guid != null && !guid.isBlank() ? guid : Json.str(a, "id");
      String source = Json.str(Json.obj(a, "source_info"), "name");
      if (source == null) {
        source = Json.str(a, "source");
      }
      long published = (long) Json.num(a, "published_on", 0) * 1000;
      String body = HtmlText.excerpt(HtmlText.plain(Json.str(a, "body")), NewsItem.MAX_EXCERPT);
      out.add(NewsItem.raw(id, title, Json.str(a, "url"), source, published, body));
    }
    return out;
  }
}
