package io.ottertrend.alert;

import com.squareup.moshi.JsonWriter;
import io.ottertrend.config.Secret;
import java.io.IOException;
import java.io.PrintWriter;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import okhttp3.HttpUrl;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;
import okio.Buffer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The shipped {@link AlertSink}s. Every HTTP sink posts JSON, treats any non-2xx answer as a failure, and never
 * puts the URL (which holds the token for Telegram and Discord) into an exception message or a payload.
 * The sinks are thread-safe.
 */
public final class AlertSinks {
  private static final MediaType JSON = MediaType.get("application/json; charset=utf-8");
  private static final int DISCORD_MAX = 2000;
  private static final int TELEGRAM_MAX = 4096;

  private AlertSinks() {}

  private static OkHttpClient defaultClient() {
    return new OkHttpClient.Builder()
        .callTimeout(Duration.ofSeconds(15))
        .connectTimeout(Duration.ofSeconds(5))
        .readTimeout(Duration.ofSeconds(10))
        .build();
  }

  /** Writes alerts to the {@code io.ottertrend.alert} logger at WARN. */
  public static AlertSink log() {
    Logger log = LoggerFactory.getLogger("io.ottertrend.alert");
    return new AlertSink() {
      @Override
      public String name() {
        return "log";
      }

      @Override
      public void send(Alert alert) {
        log.warn("{}", alert.text());
      }
    };
  }

  /** Prints one line per alert to {@code out}. */
  public static AlertSink console(PrintWriter out) {
    Objects.requireNonNull(out, "out");
    return new AlertSink() {
      @Override
      public String name() {
        return "console";
      }

      @Override
      public void send(Alert alert) {
        synchronized (out) {
          out.println(alert.text());
          out.flush();
        }
      }
    };
  }

  /** POSTs {@code {"kind","subject","message","at","text"}} to a generic webhook. */
  public static AlertSink webhook(Secret url) {
    return webhook(url, defaultClient());
  }

  public static AlertSink webhook(Secret url, OkHttpClient client) {
    HttpUrl target = parse(url, "ALERT_WEBHOOK_URL");
    return new HttpSink("webhook", client, target) {
      @Override
      void body(JsonWriter w, Alert alert) throws IOException {
        w.name("kind").value(alert.kind().name());
        w.name("subject").value(alert.subject());
        w.name("message").value(alert.message());
        w.name("at").value(Instant.ofEpochMilli(alert.at()).toString());
        w.name("text").value(alert.text());
      }
    };
  }

  /** Telegram Bot API: {@code POST {base}/bot<token>/sendMessage} with {@code chat_id} and {@code text}. */
  public static AlertSink telegram(String baseUrl, Secret token, String chatId) {
    return telegram(baseUrl, token, chatId, defaultClient());
  }

  public static AlertSink telegram(String baseUrl, Secret token, String chatId, OkHttpClient client) {
    Objects.requireNonNull(chatId, "chatId");
    if (!token.isPresent()) {
      throw new IllegalArgumentException("TELEGRAM_BOT_TOKEN is not set");
    }
    HttpUrl base = HttpUrl.parse(baseUrl.strip());
    if (base == null) {
      throw new IllegalArgumentException("TELEGRAM_BASE_URL is not an http(s) URL: " + baseUrl);
    }
    HttpUrl target = base.newBuilder().addPathSegment("bot" + token.reveal()).addPathSegment("sendMessage").build();
    return new HttpSink("telegram", client, target) {
      @Override
      void body(JsonWriter w, Alert alert) throws IOException {
        w.name("chat_id").value(chatId);
        w.name("text").value(cap(alert.text(), TELEGRAM_MAX));
        w.name("disable_web_page_preview").value(true);
      }
    };
  }

  /** Discord webhook: {@code POST <url>} with {@code {"content": text}}. */
  public static AlertSink discord(Secret url) {
    return discord(url, defaultClient());
  }

  public static AlertSink discord(Secret url, OkHttpClient client) {
    HttpUrl target = parse(url, "DISCORD_WEBHOOK_URL");
    return new HttpSink("discord", client, target) {
      @Override
      void body(JsonWriter w, Alert alert) throws IOException {
        w.name("content").value(cap(alert.text(), DISCORD_MAX));
      }
    };
  }

  private static HttpUrl parse(Secret url, String setting) {
    HttpUrl parsed = url.isPresent() ? HttpUrl.parse(url.reveal()) : null;
    if (parsed == null) {
      // the value is a secret: say which setting, never what it holds
      throw new IllegalArgumentException(setting + " is not an http(s) URL");
    }
    return parsed;
  }

  private static String cap(String text, int max) {
    return text.length() <= max ? text : text.substring(0, max - 1) + "…";
  }

  /** A sink posting one JSON object per alert. */
  private abstract static class HttpSink implements AlertSink {
    private final String name;
    private final OkHttpClient client;
    private final HttpUrl url;

    HttpSink(String name, OkHttpClient client, HttpUrl url) {
      this.name = name;
      this.client = Objects.requireNonNull(client, "client");
      this.url = url;
    }

    abstract void body(JsonWriter w, Alert alert) throws IOException;

    @Override
    public String name() {
      return name;
    }

    @Override
    public void send(Alert alert) throws IOException {
      Buffer buffer = new Buffer();
      try (JsonWriter w = JsonWriter.of(buffer)) {
        w.beginObject();
        body(w, alert);
        w.endObject();
      }
      Request request = new Request.Builder().url(url).post(RequestBody.create(buffer.readByteString(), JSON)).build();
      try (Response response = client.newCall(request).execute()) {
        if (!response.isSuccessful()) {
          throw new IOException(name + " answered HTTP " + response.code());
        }
      } catch (IOException e) {
        // okhttp messages may carry the URL (and with it a token): keep only the type and our own text
        throw new IOException(name + " delivery failed: " + (e.getMessage() != null
            && e.getMessage().startsWith(name + " answered") ? e.getMessage() : e.getClass().getSimpleName()));
      }
    }

    @Override
    public String toString() {
      return name + " sink";
    }
  }
}
