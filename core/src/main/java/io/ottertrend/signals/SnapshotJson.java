package io.ottertrend.signals;

import com.squareup.moshi.JsonWriter;
import io.ottertrend.signals.internal.Json;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.function.Function;
import okio.Buffer;

/**
 * The JSON form of a {@link TrendsSnapshot} as stored in {@code signals.payload_json}, and back. Field names
 * are stable (replays of old databases read them); {@code NaN} and {@code null} values are left out (read back as {@code NaN} / {@code null}). A {@code version}
 * field allows later changes.
 *
 * <p>Thread-safe: stateless.
 */
public final class SnapshotJson {
  /** Format version written into every payload. */
  public static final int VERSION = 1;

  private SnapshotJson() {}

  /** The snapshot as compact JSON. */
  public static String write(TrendsSnapshot s) {
    Buffer buf = new Buffer();
    try (JsonWriter w = JsonWriter.of(buf)) {
      w.beginObject();
      w.name("version").value(VERSION);
      w.name("at").value(s.at());
      list(w, "keywords", s.keywords(), (k) -> {
        w.name("keyword").value(k.keyword());
        w.name("slope");
        num(w, k.slope());
        w.name("points").beginArray();
        for (TrendPoint p : k.points()) {
          w.beginArray().value(p.time()).value(p.value()).value(p.partial()).endArray();
        }
        w.endArray();
      });
      list(w, "narratives", s.narratives(), (n) -> {
        w.name("narrative").value(n.narrative());
        w.name("score");
        num(w, n.score());
        w.name("trendsSlope");
        num(w, n.trendsSlope());
        w.name("newsVolume").value(n.newsVolume());
        w.name("averageSentiment");
        num(w, n.averageSentiment());
      });
      list(w, "headlines", s.headlines(), (h) -> {
        w.name("id").value(h.id()).name("title").value(h.title()).name("url").value(h.url())
            .name("outlet").value(h.source()).name("publishedAt").value(h.publishedAt())
            .name("excerpt").value(h.excerpt());
        w.name("symbols").beginArray();
        for (String sym : new TreeSet<>(h.symbols())) {
          w.value(sym);
        }
        w.endArray();
        w.name("sentiment");
        num(w, h.sentiment());
      });
      list(w, "listings", s.listings(), (l) -> w.name("symbol").value(l.symbol())
          .name("baseAsset").value(l.baseAsset()).name("firstSeenAt").value(l.firstSeenAt()));
      list(w, "gainers", s.gainers(), (g) -> {
        w.name("symbol").value(g.symbol());
        w.name("changeFraction");
        num(w, g.changeFraction());
        w.name("quoteVolume");
        num(w, g.quoteVolume());
      });
      w.name("providers").beginArray();
      for (ProviderHealth p : s.providers()) {
        w.beginObject().name("provider").value(p.provider()).name("status").value(p.status().name())
            .name("since").value(p.since()).name("lastError").value(p.lastError())
            .name("checkedAt").value(p.checkedAt()).endObject();
      }
      w.endArray();
      w.endObject();
    } catch (IOException e) {
      throw new IllegalStateException("writing to a memory buffer cannot fail", e);
    }
    return buf.readUtf8();
  }

  @FunctionalInterface
  private interface Fields<T> {
    void write(T value) throws IOException;
  }

  private static <T> void list(JsonWriter w, String name, List<Sourced<T>> items, Fields<T> fields)
      throws IOException {
    w.name(name).beginArray();
    for (Sourced<T> s : items) {
      w.beginObject();
      w.name("source").value(s.source()).name("observedAt").value(s.observedAt())
          .name("staleMillis").value(s.staleMillis());
      fields.write(s.value());
      w.endObject();
    }
    w.endArray();
  }

  private static void num(JsonWriter w, double v) throws IOException {
    if (Double.isFinite(v)) {
      w.value(v);
    } else {
      w.nullValue();
    }
  }

  /**
   * Reads a payload written by {@link #write(TrendsSnapshot)}.
   *
   * @throws IllegalArgumentException when the payload is not a snapshot of a known version
   */
  public static TrendsSnapshot read(String json) {
    Map<String, Object> root;
    try {
      root = Json.object(json, "signals snapshot");
    } catch (SignalException e) {
      throw new IllegalArgumentException("stored signals snapshot is not JSON: " + e.getMessage(), e);
    }
    long version = (long) Json.num(root, "version", -1);
    if (version != VERSION) {
      throw new IllegalArgumentException("stored signals snapshot has version " + version + ", this build reads "
          + VERSION);
    }
    long at = lng(root, "at");
    List<Sourced<KeywordSeries>> keywords = sourced(root, "keywords", m -> {
      List<TrendPoint> points = new ArrayList<>();
      for (Object o : Json.list(m, "points")) {
        List<?> p = (List<?>) o;
        points.add(new TrendPoint(((Number) p.get(0)).longValue(), ((Number) p.get(1)).intValue(),
            Boolean.TRUE.equals(p.get(2))));
      }
      return new KeywordSeries(Json.str(m, "keyword"), points, dbl(m, "slope"));
    });
    List<Sourced<NarrativeStrength>> narratives = sourced(root, "narratives", m -> new NarrativeStrength(
        Json.str(m, "narrative"), dbl(m, "score"), dbl(m, "trendsSlope"), (int) lng(m, "newsVolume"),
        dbl(m, "averageSentiment")));
    List<Sourced<NewsItem>> headlines = sourced(root, "headlines", m -> {
      TreeSet<String> symbols = new TreeSet<>();
      for (Object o : Json.list(m, "symbols")) {
        symbols.add(o.toString());
      }
      return new NewsItem(Json.str(m, "id"), Json.str(m, "title"), Json.str(m, "url"), Json.str(m, "outlet"),
          lng(m, "publishedAt"), Json.str(m, "excerpt"), symbols, dbl(m, "sentiment"));
    });
    List<Sourced<Listing>> listings = sourced(root, "listings", m -> new Listing(Json.str(m, "symbol"),
        Json.str(m, "baseAsset"), lng(m, "firstSeenAt")));
    List<Sourced<Gainer>> gainers = sourced(root, "gainers", m -> new Gainer(Json.str(m, "symbol"),
        dbl(m, "changeFraction"), dbl(m, "quoteVolume")));
    List<ProviderHealth> providers = new ArrayList<>();
    for (Object o : Json.list(root, "providers")) {
      Map<String, Object> m = Json.cast((Map<?, ?>) o);
      providers.add(new ProviderHealth(Json.str(m, "provider"),
          ProviderHealth.Status.valueOf(Json.str(m, "status")), lng(m, "since"), Json.str(m, "lastError"),
          lng(m, "checkedAt")));
    }
    return new TrendsSnapshot(at, keywords, narratives, headlines, listings, gainers, providers);
  }

  private static <T> List<Sourced<T>> sourced(Map<String, Object> root, String name,
      Function<Map<String, Object>, T> read) {
    List<Sourced<T>> out = new ArrayList<>();
    for (Object o : Json.list(root, name)) {
      Map<String, Object> m = Json.cast((Map<?, ?>) o);
      out.add(new Sourced<>(read.apply(m), Json.str(m, "source"), lng(m, "observedAt"), lng(m, "staleMillis")));
    }
    return out;
  }

  private static long lng(Map<String, Object> m, String key) {
    return (long) Json.num(m, key, 0);
  }

  private static double dbl(Map<String, Object> m, String key) {
    return Json.num(m, key, Double.NaN);
  }
}
