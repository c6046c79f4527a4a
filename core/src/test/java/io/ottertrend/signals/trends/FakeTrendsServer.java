package io.ottertrend.signals.trends;

import com.squareup.moshi.Moshi;
import io.ottertrend.signals.Fixtures;
import java.io.IOException;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.RecordedRequest;

/**
 * A fake trends.google.com following {@code protocols.md} §3.7: a 404 page setting NID, an explore endpoint
 * issuing a fresh single-use token per call (and demanding the NID cookie, an empty POST body and a JSON
 * {@code req}), and a multiline endpoint that only answers to an issued, unused token.
 */
final class FakeTrendsServer extends Dispatcher {
  volatile boolean tooManyRequests;
  volatile String exploreBody = Fixtures.read("trends/explore.json");
  volatile String multilineBody = Fixtures.read("trends/multiline.json");
  final AtomicInteger cookieCalls = new AtomicInteger();
  final AtomicInteger exploreCalls = new AtomicInteger();
  final AtomicInteger multilineCalls = new AtomicInteger();
  volatile List<String> lastKeywords = List.of();
  volatile String lastTime;
  private final Set<String> issued = new HashSet<>();
  private final AtomicInteger tokenSeq = new AtomicInteger();

  @Override
  public synchronized MockResponse dispatch(RecordedRequest r) {
    String path = r.getUrl().encodedPath();
    if (tooManyRequests) {
      return new MockResponse.Builder().code(429).setHeader("Content-Type", "text/html; charset=UTF-8")
          .body(Fixtures.read("trends/too-many-requests.html")).build();
    }
    switch (path) {
      case "/trends/explore/" -> {
        cookieCalls.incrementAndGet();
        return new MockResponse.Builder().code(404).setHeader("Content-Type", "text/html; charset=UTF-8")
            .addHeader("Set-Cookie", "1P_JAR=2026-11-24-21; expires=Thu, 24-Dec-2026 21:00:00 GMT; path=/; domain=.google.com")
            .addHeader("Set-Cookie", "NID=511=fakeNidValue; expires=Wed, 26-May-2027 21:00:00 GMT; path=/; domain=.google.com; HttpOnly")
            .body(Fixtures.read("trends/cookie-404.html")).build();
      }
      case "/trends/api/explore" -> {
        exploreCalls.incrementAndGet();
        if (!"POST".equals(r.getMethod()) || r.getBodySize() != 0) {
          return error(400, "explore wants POST with empty body");
        }
        if (!"NID=511=fakeNidValue".equals(r.getHeaders().get("Cookie"))) {
          return error(429, "no NID cookie");
        }
        Map<String, Object> req = parse(r.getUrl().queryParameter("req"));
        if (req == null || !"en-US".equals(r.getUrl().queryParameter("hl")) || r.getUrl().queryParameter("tz") == null) {
          return error(400, "bad explore parameters");
        }
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> items = (List<Map<String, Object>>) req.get("comparisonItem");
        lastKeywords = items.stream().map(i -> (String) i.get("keyword")).toList();
        lastTime = (String) items.getFirst().get("time");
        String token = "APP6_token" + tokenSeq.incrementAndGet();
        issued.add(token);
        return new MockResponse.Builder().code(200).setHeader("Content-Type", "application/json; charset=utf-8")
            .body(exploreBody.replace("APP6_UEAAAAAZ0Nvg4kLxJ0HS3dqbY2m7yHq1UZe7DVF", token)).build();
      }
      case "/trends/api/widgetdata/multiline" -> {
        multilineCalls.incrementAndGet();
        String token = r.getUrl().queryParameter("token");
        if (token == null || !issued.remove(token)) {
          return error(401, "unknown or used token");
        }
        Map<String, Object> req = parse(r.getUrl().queryParameter("req"));
        if (req == null || !"HOUR".equals(req.get("resolution")) || !"NID=511=fakeNidValue".equals(r.getHeaders().get("Cookie"))) {
          return error(400, "bad multiline request");
        }
        return new MockResponse.Builder().code(200).setHeader("Content-Type", "application/javascript; charset=utf-8")
            .body(multilineBody).build();
      }
      default -> {
        return error(404, "no such path " + path);
      }
    }
  }

  private static MockResponse error(int code, String text) {
    return new MockResponse.Builder().code(code).body(text).build();
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> parse(String json) {
    if (json == null) {
      return null;
    }
    try {
      return (Map<String, Object>) new Moshi.Builder().build().adapter(Object.class).fromJson(json);
    } catch (IOException | RuntimeException e) {
      return null;
    }
  }
}
